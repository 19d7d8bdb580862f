import { customType } from 'drizzle-orm/pg-core';

/** Binary column: Yjs updates and snapshots. PGlite returns Uint8Array, postgres-js a Buffer (also one). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});
