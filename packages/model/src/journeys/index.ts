export * from './types';
export * from './read-journey';
export * from './journey-doc';
export * from './priority';
export * from './summaries';
export * from './filters';
export * from './journey-export';
