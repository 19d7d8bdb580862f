/**
 * What instances tell each other. The database log is the truth; the bus is the doorbell: an
 * update carries its sequence number so a receiver can tell when it missed one and read it back.
 */
export type BusMessage =
  | { kind: 'update'; docId: string; seq: number; update: Uint8Array }
  | { kind: 'awareness'; docId: string; update: Uint8Array }
  | { kind: 'membership'; workspaceId: string; userId: string }
  /** A session ended (sign-out) or an API token was revoked: its sockets close everywhere. */
  | { kind: 'revoke'; credential: RevokedCredential };

export type RevokedCredential = { sessionId: string } | { tokenId: string };

export interface Bus {
  /** True when other instances may exist (Redis): then the engine also polls for missed updates. */
  readonly shared: boolean;
  publish(message: BusMessage): void;
  /** Start hearing about a document (its updates and awareness). */
  subscribeDoc(docId: string): Promise<void>;
  unsubscribeDoc(docId: string): Promise<void>;
  onMessage(handler: (message: BusMessage) => void): void;
  close(): Promise<void>;
}

/**
 * The bus of a single process: messages go to the other services attached to the same hub (tests run
 * two engines in one process this way), never back to the sender.
 */
export class MemoryHub {
  private readonly members = new Set<MemoryBus>();

  join(bus: MemoryBus): void {
    this.members.add(bus);
  }

  leave(bus: MemoryBus): void {
    this.members.delete(bus);
  }

  deliver(from: MemoryBus, message: BusMessage): void {
    for (const member of this.members) if (member !== from) member.receive(message);
  }

  get size(): number {
    return this.members.size;
  }
}

export class MemoryBus implements Bus {
  private handler: (message: BusMessage) => void = () => {};
  private readonly docs = new Set<string>();
  /** Tests set this to lose messages on purpose. */
  dropRate = 0;
  /** Tests set this to hold back chosen messages: it is handed each one and the way to deliver it. */
  intercept: ((message: BusMessage, deliver: () => void) => void) | null = null;

  constructor(private readonly hub = new MemoryHub()) {
    hub.join(this);
  }

  get shared(): boolean {
    return this.hub.size > 1;
  }

  publish(message: BusMessage): void {
    queueMicrotask(() => this.hub.deliver(this, message));
  }

  receive(message: BusMessage): void {
    if ((message.kind === 'update' || message.kind === 'awareness') && !this.docs.has(message.docId)) return;
    if (this.dropRate > 0 && Math.random() < this.dropRate) return;
    if (this.intercept) return this.intercept(message, () => this.handler(message));
    this.handler(message);
  }

  async subscribeDoc(docId: string): Promise<void> {
    this.docs.add(docId);
  }

  async unsubscribeDoc(docId: string): Promise<void> {
    this.docs.delete(docId);
  }

  onMessage(handler: (message: BusMessage) => void): void {
    this.handler = handler;
  }

  async close(): Promise<void> {
    this.hub.leave(this);
  }
}
