// Encodes documents' snapshots on a thread of its own. Plain JavaScript on purpose: a worker runs
// whatever Node can load as it is, both from the source (tests) and copied beside the server's bundle.
//
// The main thread sends { id, buffer, lengths }: the updates that make up a document (what it was
// loaded or last compacted from, then every change since), laid end to end in one buffer. It gets
// { id, ok, snapshot } back: the document's state as one update (Y.encodeStateAsUpdate), or an error.
// Each message is handled whole before the next: one encoding at a time.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

parentPort.on('message', ({ id, buffer, lengths }) => {
  const doc = new Y.Doc();
  try {
    const bytes = new Uint8Array(buffer);
    let offset = 0;
    // One transaction: yjs cleans up once, not after every update. These updates were applied in
    // this order to the live document, so they apply here too (never merged raw: yjs #687).
    doc.transact(() => {
      for (const length of lengths) {
        Y.applyUpdate(doc, bytes.subarray(offset, offset + length));
        offset += length;
      }
    });
    const encoded = Y.encodeStateAsUpdate(doc);
    const snapshot = encoded.byteOffset === 0 && encoded.byteLength === encoded.buffer.byteLength ? encoded : encoded.slice();
    parentPort.postMessage({ id, ok: true, snapshot }, [snapshot.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String(error?.message ?? error) });
  } finally {
    doc.destroy();
  }
});
