import { webhookDeliveries, webhooks, type Database } from '@troika/db';
import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { isPrivateAddress } from './address-check';

export type WebhookConfig = Pick<Config, 'WEBHOOK_ALLOW_PRIVATE' | 'WEBHOOK_TIMEOUT_MS' | 'WEBHOOK_RETRY_MS' | 'WEBHOOK_MAX_ATTEMPTS'>;

/** Waits after the 1st, 2nd... failed attempt, in units of WEBHOOK_RETRY_MS (10 s: 10 s, 30 s, 1, 2, 5, 10, 20, 40 min...). */
const BACKOFF = [1, 3, 6, 12, 30, 60, 120, 240];
const BATCH = 20;

/** The signature header's value: `sha256=` and the hex HMAC-SHA256 of the raw body, keyed with the webhook's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The wait after `attempts` failed attempts. */
export function retryDelayMs(config: Pick<WebhookConfig, 'WEBHOOK_RETRY_MS'>, attempts: number): number {
  return config.WEBHOOK_RETRY_MS * (BACKOFF[attempts - 1] ?? BACKOFF.at(-1)!);
}

/**
 * Delivers the durable queue. Each round claims due rows by moving their `next_attempt_at` past the
 * request timeout (skipping rows another instance holds), then posts them. A process killed during a
 * request leaves its rows claimed until that time passes; then any instance sends them again. So every
 * event arrives at least once, and a receiver tells repeats apart by the payload's `id`.
 */
export function createWebhookWorker(deps: { db: Database; config: WebhookConfig; logger: Logger; pollMs?: number }) {
  const { db, config, logger } = deps;
  const pollMs = deps.pollMs ?? Math.min(1000, config.WEBHOOK_RETRY_MS);
  const leaseMs = config.WEBHOOK_TIMEOUT_MS + 5000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function claim() {
    const due = db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(isNotNull(webhookDeliveries.nextAttemptAt), lte(webhookDeliveries.nextAttemptAt, sql`now()`)))
      .orderBy(webhookDeliveries.nextAttemptAt)
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const claimed = await db
      .update(webhookDeliveries)
      .set({
        nextAttemptAt: sql`now() + ${leaseMs} * interval '1 millisecond'`,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: sql`now()`,
      })
      .where(and(inArray(webhookDeliveries.id, due), lte(webhookDeliveries.nextAttemptAt, sql`now()`)))
      .returning({ id: webhookDeliveries.id, webhookId: webhookDeliveries.webhookId, payload: webhookDeliveries.payload, attempts: webhookDeliveries.attempts, eventId: webhookDeliveries.eventId, event: webhookDeliveries.event });
    if (claimed.length === 0) return [];
    const hooks = await db
      .select({ id: webhooks.id, url: webhooks.url, secret: webhooks.secret })
      .from(webhooks)
      .where(inArray(webhooks.id, [...new Set(claimed.map((c) => c.webhookId))]));
    const byId = new Map(hooks.map((h) => [h.id, h]));
    return claimed.flatMap((c) => {
      const hook = byId.get(c.webhookId);
      return hook ? [{ ...c, url: hook.url, secret: hook.secret }] : [];
    });
  }

  async function deliverOne(job: Awaited<ReturnType<typeof claim>>[number]) {
    const result = await post(job.url, job.payload, {
      'content-type': 'application/json',
      'user-agent': 'Troika-Webhooks/1',
      'x-troika-signature': signature(job.secret, job.payload),
      'x-troika-event': job.event,
      'x-troika-delivery': job.eventId,
    });
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const giveUp = !ok && job.attempts >= config.WEBHOOK_MAX_ATTEMPTS;
    await db
      .update(webhookDeliveries)
      .set({
        lastStatus: result.status,
        lastError: result.error,
        deliveredAt: ok ? sql`now()` : null,
        nextAttemptAt: ok || giveUp ? null : sql`now() + ${retryDelayMs(config, job.attempts)} * interval '1 millisecond'`,
      })
      .where(eq(webhookDeliveries.id, job.id));
    if (!ok) {
      logger.warn({ webhookId: job.webhookId, eventId: job.eventId, attempt: job.attempts, status: result.status, error: result.error, gaveUp: giveUp }, 'webhook delivery failed');
    }
  }

  function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number | null; error: string | null }> {
    return new Promise((resolve) => {
      const target = new URL(url);
      const literal = target.hostname.replace(/^\[|\]$/g, '');
      // A literal address never goes through `lookup`: check it here.
      if (!config.WEBHOOK_ALLOW_PRIVATE && isIP(literal) && isPrivateAddress(literal)) {
        return resolve({ status: null, error: 'refused: a private address' });
      }
      const transport = target.protocol === 'https:' ? https : http;
      const request = transport.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          timeout: config.WEBHOOK_TIMEOUT_MS,
          // Checked at connection time as well, so a name that starts resolving to a private address is refused.
          lookup: config.WEBHOOK_ALLOW_PRIVATE ? undefined : guardedLookup,
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? null, error: null }));
          response.on('error', () => resolve({ status: response.statusCode ?? null, error: 'response interrupted' }));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${config.WEBHOOK_TIMEOUT_MS} ms`)));
      request.on('error', (error) => resolve({ status: null, error: error.message.slice(0, 300) }));
      request.end(body);
    });
  }

  async function round(): Promise<void> {
    do {
      again = false;
      const jobs = await claim();
      await Promise.all(jobs.map((job) => deliverOne(job).catch((error) => logger.error({ err: error, deliveryId: job.id }, 'webhook bookkeeping failed'))));
      if (jobs.length === BATCH) again = true;
    } while (again && !stopped);
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    running = round()
      .catch((error) => logger.error({ err: error }, 'webhook round failed'))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(kick, pollMs);
      });
  }

  return {
    /** Starts polling the queue. */
    start: kick,
    /** Delivers what was just queued without waiting for the next poll. */
    poke: kick,
    /** Stops polling; requests under way are left to their lease (sent again later if unanswered). */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that fails for private addresses (used as the request's `lookup`). */
function guardedLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address`), { code: 'EPRIVATE' }), []);
    if ((options as { all?: boolean }).all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}
