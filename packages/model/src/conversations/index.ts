export * from './types';
export * from './comments-doc';
export * from './targets';
export * from './schemas';
export * from './event-text';
export * from './thread-export';
