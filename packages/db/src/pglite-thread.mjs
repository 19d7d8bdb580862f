// PGlite on its own thread. Plain JavaScript on purpose: a worker runs whatever Node can load as
// it is, both from this package's source (tests) and copied beside the server's bundle.
//
// The main thread sends { id, op, ... } and gets { id, ok, result | error } back. A transaction is
// opened with `begin`, runs its statements with `tx` set to the begin's id, and is closed with
// `end` (commit or roll back). PGlite runs one thing at a time, so a statement from outside an open
// transaction waits until the transaction ends, as it would on one connection.
import { PGlite } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';

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
      const results = await target.exec(message.sql);
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
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

let db;
try {
  db = await PGlite.create(workerData.dataDir);
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: plainError(error) });
}

parentPort.on('message', (message) => {
  run(db, message).then(
    (result) => parentPort.postMessage({ id: message.id, ok: true, result }),
    (error) => parentPort.postMessage({ id: message.id, ok: false, error: plainError(error) }),
  );
});
