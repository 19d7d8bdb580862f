import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Message types of the y-websocket protocol (the first varuint of every frame). */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
/** Sub-types of a sync message (y-protocols/sync). */
export const SYNC = { step1: 0, step2: 1, update: 2 } as const;

export type ClientMessage =
  | { type: 'step1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'auth' };

/** Parses one frame from a client; throws on anything that is not a well-formed protocol message. */
export function decodeClientMessage(bytes: Uint8Array): ClientMessage {
  const d = decoding.createDecoder(bytes);
  const type = decoding.readVarUint(d);
  let message: ClientMessage;
  switch (type) {
    case MESSAGE.sync: {
      const sub = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (sub === SYNC.step1) message = { type: 'step1', stateVector: payload };
      else if (sub === SYNC.step2 || sub === SYNC.update) message = { type: 'update', update: payload };
      else throw new Error(`unknown sync message ${sub}`);
      break;
    }
    case MESSAGE.awareness:
      message = { type: 'awareness', update: decoding.readVarUint8Array(d) };
      break;
    case MESSAGE.queryAwareness:
      return { type: 'queryAwareness' };
    case MESSAGE.auth:
      return { type: 'auth' };
    default:
      throw new Error(`unknown message type ${type}`);
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes after message');
  return message;
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export const encodeStep1 = (stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, SYNC.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const encodeStep2 = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, SYNC.step2);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, SYNC.update);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwareness = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, update);
  });

/** An awareness message about nobody: a harmless frame that keeps a client's liveness timer alive. */
export const KEEPALIVE = encodeAwareness(new Uint8Array([0]));

/** y-protocols/auth "permission denied" (`[2, 0, reason]`): the update was refused, nothing of it kept. */
export const encodePermissionDenied = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });
