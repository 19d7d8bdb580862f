import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from '../logger';
import type { Bus, BusMessage } from './bus';

const KIND = { update: 0, awareness: 1, membership: 2, revoke: 3 } as const;

/** Binary frames: [kind][instance id][fields...], so updates travel without base64 or JSON. */
export function encodeBusMessage(instanceId: string, message: BusMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, KIND[message.kind]);
  encoding.writeVarString(e, instanceId);
  if (message.kind === 'membership') {
    encoding.writeVarString(e, message.workspaceId);
    encoding.writeVarString(e, message.userId);
  } else if (message.kind === 'revoke') {
    const { credential } = message;
    encoding.writeVarString(e, 'sessionId' in credential ? 'session' : 'token');
    encoding.writeVarString(e, 'sessionId' in credential ? credential.sessionId : credential.tokenId);
  } else {
    encoding.writeVarString(e, message.docId);
    encoding.writeVarUint(e, message.kind === 'update' ? message.seq : 0);
    encoding.writeVarUint8Array(e, message.update);
  }
  return encoding.toUint8Array(e);
}

export function decodeBusMessage(bytes: Uint8Array): { from: string; message: BusMessage } {
  const d = decoding.createDecoder(bytes);
  const kind = decoding.readVarUint(d);
  const from = decoding.readVarString(d);
  if (kind === KIND.membership) {
    return { from, message: { kind: 'membership', workspaceId: decoding.readVarString(d), userId: decoding.readVarString(d) } };
  }
  if (kind === KIND.revoke) {
    const type = decoding.readVarString(d);
    const id = decoding.readVarString(d);
    return { from, message: { kind: 'revoke', credential: type === 'session' ? { sessionId: id } : { tokenId: id } } };
  }
  const docId = decoding.readVarString(d);
  const seq = decoding.readVarUint(d);
  const update = decoding.readVarUint8Array(d);
  if (kind === KIND.update) return { from, message: { kind: 'update', docId, seq, update } };
  if (kind === KIND.awareness) return { from, message: { kind: 'awareness', docId, update } };
  throw new Error(`unknown bus message kind ${kind}`);
}

/**
 * Redis pub/sub between instances: one channel per loaded document plus one for membership changes.
 * ioredis reconnects and resubscribes by itself; what is published while Redis is away is lost, and
 * the engine's gap detection and head polling read it back from the database.
 */
export class RedisBus implements Bus {
  readonly shared = true;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private handler: (message: BusMessage) => void = () => {};

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly instanceId: string,
    private readonly logger: Logger,
  ) {
    const options = { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false };
    this.pub = new Redis(url, { ...options, enableOfflineQueue: false });
    this.sub = new Redis(url, options);
    for (const [name, client] of [['pub', this.pub], ['sub', this.sub]] as const) {
      client.on('error', (error) => logger.warn({ client: name, err: error.message }, 'redis error'));
    }
    this.sub.on('messageBuffer', (_channel: Buffer, payload: Buffer) => this.receive(payload));
    void this.sub.subscribe(this.channel('membership')).catch((error) => logger.warn({ err: error.message }, 'redis subscribe failed'));
  }

  private channel(name: string): string {
    return `${this.prefix}${name}`;
  }

  private receive(payload: Buffer): void {
    try {
      const { from, message } = decodeBusMessage(new Uint8Array(payload));
      if (from !== this.instanceId) this.handler(message);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'malformed bus message ignored');
    }
  }

  publish(message: BusMessage): void {
    // Membership changes and revocations share the control channel every instance listens to.
    const channel = this.channel(message.kind === 'membership' || message.kind === 'revoke' ? 'membership' : `doc:${message.docId}`);
    // A failed publish is not retried: receivers notice the gap in seq and read the database.
    this.pub.publish(channel, Buffer.from(encodeBusMessage(this.instanceId, message))).catch(() => {});
  }

  async subscribeDoc(docId: string): Promise<void> {
    // Not awaited: while Redis is away the command waits in ioredis' queue, and loading a document
    // must not wait for it (polling covers the meantime).
    this.sub.subscribe(this.channel(`doc:${docId}`)).catch((error) => {
      this.logger.warn({ docId, err: (error as Error).message }, 'redis subscribe failed; relying on polling');
    });
  }

  async unsubscribeDoc(docId: string): Promise<void> {
    await this.sub.unsubscribe(this.channel(`doc:${docId}`)).catch(() => {});
  }

  onMessage(handler: (message: BusMessage) => void): void {
    this.handler = handler;
  }

  async close(): Promise<void> {
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
