export * from './schema/index';
export { openDatabase, MIGRATIONS_FOLDER } from './client';
export type { LogEntry } from './doc-log';
export type { Database, DatabaseHandle, OpenDatabaseOptions } from './client';
export { COMPACTED_ROWS_PER_STEP, type SnapshotEntry } from './doc-snapshot';
