export * from './schema/index';
export { openDatabase, MIGRATIONS_FOLDER } from './client';
export type { LogEntry } from './doc-log';
export type { Database, DatabaseHandle, OpenDatabaseOptions } from './client';
