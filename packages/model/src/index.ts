export * from './roles';
export * from './documents';
export * from './ids';
export * from './errors';
export * from './api';
export * from './board/index';
export * from './journeys/index';
export * from './glossary/index';
