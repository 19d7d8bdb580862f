import { newId, type NotificationView } from '@troika/model';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';

/** One open notification stream. */
export interface StreamListener {
  userId: string;
  sessionId: string | null;
  send(notification: NotificationView): void;
  close(reason: string): void;
}

type HubMessage =
  | { kind: 'notification'; userId: string; notification: NotificationView }
  | { kind: 'session-ended'; sessionId: string }
  | { kind: 'member-changed'; userId: string };

/**
 * Live notification streams of this process, by user. With Redis, what one instance publishes
 * reaches the streams held by every instance (one channel, JSON); without it, one process serves all.
 * A message lost while Redis is away is not lost to the person: it is in the database, and the
 * stream's reconnect (Last-Event-ID) or the next inbox read brings it.
 */
export class NotificationHub {
  private readonly streams = new Map<string, Set<StreamListener>>();
  private readonly instanceId = newId(12);
  private pub: Redis | null = null;
  private sub: Redis | null = null;
  private channel = '';
  /** Resolves once the Redis subscription is in place (at once without Redis). */
  readonly ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly logger: Logger,
    redis?: { url: string; prefix: string },
  ) {
    if (!redis) return;
    const channel = (this.channel = `${redis.prefix}notifications`);
    this.pub = new Redis(redis.url, { maxRetriesPerRequest: null, enableOfflineQueue: false });
    this.sub = new Redis(redis.url, { maxRetriesPerRequest: null });
    for (const [name, client] of [['pub', this.pub], ['sub', this.sub]] as const) {
      client.on('error', (error) => logger.warn({ client: name, err: error.message }, 'notifications: redis error'));
    }
    this.sub.on('message', (_c: string, payload: string) => {
      try {
        const { from, message } = JSON.parse(payload) as { from: string; message: HubMessage };
        if (from !== this.instanceId) this.deliverLocally(message);
      } catch (error) {
        logger.warn({ err: error }, 'notifications: unreadable bus message');
      }
    });
    this.ready = this.sub.subscribe(channel).then(
      () => undefined,
      (error) => logger.warn({ err: error.message }, 'notifications: redis subscribe failed'),
    );
  }

  /** Adds a stream; returns its removal. */
  add(listener: StreamListener): () => void {
    let set = this.streams.get(listener.userId);
    if (!set) this.streams.set(listener.userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.streams.get(listener.userId) === set) this.streams.delete(listener.userId);
    };
  }

  /** How many streams this process holds. */
  get size(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  publish(userId: string, notification: NotificationView): void {
    this.broadcast({ kind: 'notification', userId, notification });
  }

  /** A sign-out: that session's streams close, on every instance. */
  sessionEnded(sessionId: string): void {
    this.broadcast({ kind: 'session-ended', sessionId });
  }

  /** A member's role changed or they left: their streams close (the client reconnects with its current rights). */
  memberChanged(userId: string): void {
    this.broadcast({ kind: 'member-changed', userId });
  }

  private broadcast(message: HubMessage): void {
    this.deliverLocally(message);
    if (this.pub) {
      void this.pub.publish(this.channel, JSON.stringify({ from: this.instanceId, message })).catch((error: Error) => {
        this.logger.warn({ err: error.message }, 'notifications: redis publish failed');
      });
    }
  }

  private deliverLocally(message: HubMessage): void {
    if (message.kind === 'notification') {
      for (const s of this.streams.get(message.userId) ?? []) s.send(message.notification);
    } else if (message.kind === 'member-changed') {
      for (const s of [...(this.streams.get(message.userId) ?? [])]) s.close('membership changed');
    } else {
      for (const set of this.streams.values()) {
        for (const s of [...set]) if (s.sessionId === message.sessionId) s.close('signed out');
      }
    }
  }

  /** Closes every stream (shutdown) and the Redis clients. */
  async close(): Promise<void> {
    for (const set of [...this.streams.values()]) for (const s of [...set]) s.close('server shutting down');
    this.streams.clear();
    await Promise.all([this.pub?.quit().catch(() => {}), this.sub?.quit().catch(() => {})]);
  }
}
