export * from './actor';
export * from './file-names';
export * from './markdown';
export * from './order-keys';
export * from './single-line';
export * from './password-rules';
