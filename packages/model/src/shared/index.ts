export * from './actor';
export * from './file-names';
export * from './markdown';
export * from './order-keys';
