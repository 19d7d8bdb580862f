// PGlite on its own thread. Plain JavaScript on purpose: a worker runs whatever Node can load as
// it is, both from this package's source (tests) and copied beside the server's bundle.
//
// The main thread sends { id, op, ... } and gets { id, ok, result | error } back. A transaction is
// opened with `begin`, runs its statements with `tx` set to the begin's id, and is closed with
// `end` (commit or roll back). PGlite runs one thing at a time, so a statement from outside an open
// transaction waits until the transaction ends, as it would on one connection.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';

// WebAssembly compiled by Liftoff only: V8's optimizing tier would recompile PostgreSQL's hot
// functions on background threads whose scratch memory (about 40 MB) glibc keeps for good, and on
// two cores the recompiling competes with serving. The log's short statements run as fast either
// way (measured: RESULTS.md, 2026-12-03). V8 flags are per process; no other WebAssembly runs in the
// server. Set before PGlite is imported, so that its module is compiled under it.
setFlagsFromString('--liftoff-only');
const { PGlite } = await import('@electric-sql/pglite');

// drizzle reads these types as text (its parsers for them are identity functions), and functions
// cannot cross threads: a query that asked for text parsing gets these parsers here.
const AS_TEXT_OIDS = [1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187, 1231];
const AS_TEXT = Object.fromEntries(AS_TEXT_OIDS.map((oid) => [oid, (value) => value]));

/** Open transactions by the id of their `begin`. */
const open = new Map();
const ROLLED_BACK = new Error('rolled back');

function plainError(error) {
  // Structured clone keeps only message and stack of an Error; callers also read code, detail...
  const plain = { message: String(error?.message ?? error), name: error?.name ?? 'Error' };
  for (const key of ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'severity', 'position']) {
    if (error && error[key] !== undefined) plain[key] = error[key];
  }
  return plain;
}

function optionsOf(message) {
  const options = {};
  if (message.rowMode) options.rowMode = message.rowMode;
  if (message.textTypes) options.parsers = AS_TEXT;
  return options;
}

async function run(db, message) {
  const target = message.tx === undefined ? db : open.get(message.tx)?.tx;
  if (!target) throw new Error('transaction is not open');
  switch (message.op) {
    case 'query': {
      const { rows, fields, affectedRows } = await target.query(message.sql, message.params, optionsOf(message));
      return { rows, fields, affectedRows };
    }
    case 'exec': {
      // A blob is what the SQL reads as the file /dev/blob (e.g. pg_read_binary_file): bytes without hex.
      const results = await target.exec(message.sql, message.blob ? { blob: new Blob([message.blob]) } : undefined);
      return results.map(({ rows, fields, affectedRows }) => ({ rows, fields, affectedRows }));
    }
    case 'begin': {
      let started;
      let failed;
      const ready = new Promise((resolve, reject) => ((started = resolve), (failed = reject)));
      const done = db.transaction(
        (tx) =>
          new Promise((resolve, reject) => {
            open.set(message.id, { tx, finish: (commit) => (commit ? resolve() : reject(ROLLED_BACK)) });
            started();
          }),
      );
      // A BEGIN that fails never reaches the callback: report it to the caller.
      done.catch(failed);
      await ready;
      open.get(message.id).done = done;
      return null;
    }
    case 'end': {
      const entry = open.get(message.tx);
      open.delete(message.tx);
      entry.finish(message.commit);
      try {
        await entry.done;
      } catch (error) {
        if (error !== ROLLED_BACK) throw error;
      }
      return null;
    }
    case 'gc':
      collectGarbage();
      return null;
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

// A server that holds little besides the update log needs few buffers: PostgreSQL's defaults
// (shared_buffers 128MB, work_mem 4MB, wal_buffers 4MB, temp_buffers 8MB) would each become memory
// that the WebAssembly heap never gives back. The log is read by index, a document at a time.
const SETTINGS = {
  shared_buffers: '16MB',
  work_mem: '2MB',
  maintenance_work_mem: '16MB',
  wal_buffers: '1MB',
  temp_buffers: '1MB',
};
// Started as a process of its own (`node pglite-thread.mjs <dataDir> <settings JSON>`), it only
// creates the database in a new folder and exits: initdb runs a second PostgreSQL whose WebAssembly
// memory and allocator arenas (over 500 MB) then go back to the system with the process.
const initOnly = !parentPort;
const options = initOnly ? { dataDir: process.argv[2], settings: JSON.parse(process.argv[3] ?? '{}') } : workerData;
const startParams = [
  ...PGlite.defaultStartParams,
  ...Object.entries({ ...SETTINGS, ...options.settings }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
];

/** A full collection of this thread's heap, which also shrinks the young generation back. */
function collectGarbage() {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  setFlagsFromString('--no-expose-gc');
  gc();
}

let db;
try {
  db = await PGlite.create(options.dataDir, { startParams });
  if (initOnly) {
    await db.close();
    process.exit(0);
  }
  parentPort.postMessage({ ready: true });
} catch (error) {
  if (initOnly) {
    process.stderr.write(`${plainError(error).message}\n`);
    process.exit(1);
  }
  parentPort.postMessage({ ready: false, error: plainError(error) });
}

parentPort.on('message', (message) => {
  run(db, message).then(
    (result) => parentPort.postMessage({ id: message.id, ok: true, result }),
    (error) => parentPort.postMessage({ id: message.id, ok: false, error: plainError(error) }),
  );
});
