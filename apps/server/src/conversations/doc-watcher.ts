import { docUpdates, watchMarks, type Database } from '@troika/db';
import { readBoard, readMeetings, summariseKpi, type EventFacts, type Seat } from '@troika/model';
import { and, desc, eq, gt, like, lte, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Logger } from '../logger';
import type { SyncService } from '../sync/service';
import { actorNames, workspaceMembers, type Actor } from './members';
import type { Notifier } from './notifier';

/**
 * Notices, on the server, what happened in the board and meetings documents however it was written
 * (a screen, an offline client catching up, the API): a KPI's status changing (`kpi-status` to the
 * members seated among its owners), a new KPI value (`kpi-value` webhook), a meeting action given
 * to someone (`action` to them) and a decision (`decision` webhook). Detecting it here, rather than
 * trusting each screen to call an endpoint, means an edit made offline or by another program is not
 * missed, and nobody can notify in someone else's name.
 *
 * How: every WATCH_POLL_MS it asks the database which of these documents moved past the sequence
 * number it last handled, reads them through the sync engine, and compares each watched value with
 * the one kept in `watch_marks`. A change is claimed by a conditional update of its mark, so with
 * several instances exactly one of them notifies. The first look at a document only records what
 * is there (nothing that predates watching is announced).
 */

type Watched = 'board' | 'meetings';

interface Fact {
  key: string;
  value: string;
  /** What to do when this value changed (from `before`, undefined when new); `firstLook`: the document was never watched. */
  onChange(before: string | undefined, firstLook: boolean, actor: Actor | null): Promise<void>;
}

export function createDocWatcher(deps: { db: Database; sync: SyncService; notifier: Notifier; logger: Logger; pollMs: number }) {
  const { db, sync, notifier, logger } = deps;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  function boardFacts(workspaceId: string, doc: Y.Doc): Fact[] {
    const facts: Fact[] = [];
    for (const kpi of readBoard(doc)) {
      const s = summariseKpi(kpi);
      facts.push({
        key: `kpi-status:${kpi.id}`,
        value: s.status,
        async onChange(before, _first, actor) {
          // A new KPI gets a status without anything having changed.
          if (before === undefined) return;
          const seats = new Set<Seat>(kpi.owners);
          const members = await workspaceMembers(db, workspaceId);
          await notifier.notify({
            workspaceId,
            kind: 'kpi-status',
            recipients: members.filter((m) => seats.has(m.seat)).map((m) => m.userId),
            actor,
            target: { kind: 'kpi', id: kpi.id },
            facts: { event: 'kpi-status', kpi: kpi.name, from: before, to: s.status },
            data: { kpiId: kpi.id, from: before, to: s.status, owners: kpi.owners },
          });
        },
      });
      facts.push({
        key: `kpi-value:${kpi.id}`,
        value: s.latest ? `${s.latest.at}|${s.latest.value}` : '',
        async onChange(before, first, actor) {
          if (!s.latest || (before === undefined && first)) return;
          const text: EventFacts = { event: 'kpi-value', actor: actor?.name ?? '', kpi: kpi.name, at: s.latest.at, value: s.latest.value, unit: kpi.unit, status: s.status };
          await notifier.emit(workspaceId, 'kpi-value', text, { actor, kpiId: kpi.id, at: s.latest.at, value: s.latest.value, status: s.status });
        },
      });
    }
    return facts;
  }

  function meetingFacts(workspaceId: string, doc: Y.Doc): Fact[] {
    const facts: Fact[] = [];
    for (const meeting of readMeetings(doc)) {
      for (const action of meeting.actions) {
        facts.push({
          key: `action:${meeting.id}/${action.id}`,
          value: action.owner ?? '',
          async onChange(before, first, actor) {
            if (!action.owner || (before === undefined && first)) return;
            const by = actor ?? (action.by ? { id: action.by, name: (await actorNames(db, [action.by])).get(action.by) ?? '' } : null);
            await notifier.notify({
              workspaceId,
              kind: 'action',
              recipients: [action.owner],
              actor: by,
              target: { kind: 'meeting', id: meeting.id },
              facts: { event: 'action', actor: by?.name ?? '', meeting: meeting.title, action: action.text, due: action.due },
              data: { meetingId: meeting.id, actionId: action.id, owner: action.owner, due: action.due },
            });
          },
        });
      }
      for (const decision of meeting.decisions) {
        facts.push({
          key: `decision:${meeting.id}/${decision.id}`,
          value: '1',
          async onChange(before, first, actor) {
            if (before !== undefined || first) return;
            await notifier.emit(
              workspaceId,
              'decision',
              { event: 'decision', actor: actor?.name ?? '', meeting: meeting.title, decision: decision.text },
              { actor, meetingId: meeting.id, decisionId: decision.id, text: decision.text, itemId: decision.itemId },
            );
          },
        });
      }
    }
    return facts;
  }

  /** Who wrote the document's latest update in (after, upTo], when its log row is still there. */
  async function lastWriter(workspaceId: string, doc: Watched, after: number, upTo: number): Promise<Actor | null> {
    const [row] = await db
      .select({ userId: docUpdates.userId })
      .from(docUpdates)
      .where(and(eq(docUpdates.workspaceId, workspaceId), eq(docUpdates.doc, doc), gt(docUpdates.seq, after), lte(docUpdates.seq, upTo)))
      .orderBy(desc(docUpdates.seq))
      .limit(1);
    if (!row?.userId) return null;
    return { id: row.userId, name: (await actorNames(db, [row.userId])).get(row.userId) ?? '' };
  }

  async function claim(workspaceId: string, key: string, before: string | undefined, value: string): Promise<boolean> {
    const won =
      before === undefined
        ? await db.insert(watchMarks).values({ workspaceId, key, value }).onConflictDoNothing().returning({ key: watchMarks.key })
        : await db
            .update(watchMarks)
            .set({ value })
            .where(and(eq(watchMarks.workspaceId, workspaceId), eq(watchMarks.key, key), eq(watchMarks.value, before)))
            .returning({ key: watchMarks.key });
    return won.length > 0;
  }

  /** Handles one document that moved from `seen` (null: never watched) to `seq`. */
  async function check(workspaceId: string, doc: Watched, seq: number, seen: number | null): Promise<void> {
    const facts = await sync.read({ workspaceId, doc }, (ydoc) => (doc === 'board' ? boardFacts(workspaceId, ydoc) : meetingFacts(workspaceId, ydoc)));
    const prefixes = doc === 'board' ? ['kpi-status:', 'kpi-value:'] : ['action:', 'decision:'];
    const marks = new Map<string, string>();
    for (const prefix of prefixes) {
      const rows = await db
        .select({ key: watchMarks.key, value: watchMarks.value })
        .from(watchMarks)
        .where(and(eq(watchMarks.workspaceId, workspaceId), like(watchMarks.key, `${prefix}%`)));
      for (const r of rows) marks.set(r.key, r.value);
    }
    const changed = facts.filter((f) => marks.get(f.key) !== f.value);
    const actor = changed.length > 0 ? await lastWriter(workspaceId, doc, seen ?? 0, seq) : null;
    for (const fact of changed) {
      const before = marks.get(fact.key);
      if (!(await claim(workspaceId, fact.key, before, fact.value))) continue;
      await fact.onChange(before, seen === null, actor).catch((error) => logger.error({ err: error, workspaceId, key: fact.key }, 'notification of a change failed'));
    }
    // Marks of entries that are gone (a deleted KPI or action) go too.
    const present = new Set(facts.map((f) => f.key));
    for (const key of marks.keys()) {
      if (!present.has(key)) await db.delete(watchMarks).where(and(eq(watchMarks.workspaceId, workspaceId), eq(watchMarks.key, key)));
    }
    await db
      .insert(watchMarks)
      .values({ workspaceId, key: `seq:${doc}`, value: String(seq) })
      .onConflictDoUpdate({
        target: [watchMarks.workspaceId, watchMarks.key],
        set: { value: String(seq) },
        setWhere: sql`${watchMarks.value}::bigint < ${seq}`,
      });
  }

  async function round(): Promise<void> {
    const moved = await db.execute<{ workspace_id: string; doc: Watched; seq: string | number; seen: string | null }>(sql`
      select h.workspace_id, h.doc, h.seq, m.value as seen
      from doc_heads h
      left join watch_marks m on m.workspace_id = h.workspace_id and m.key = 'seq:' || h.doc
      where h.doc in ('board', 'meetings') and (m.value is null or m.value::bigint < h.seq)
      limit 200`);
    const rows = Array.isArray(moved) ? moved : (moved as { rows: typeof moved }).rows;
    for (const row of rows as unknown as { workspace_id: string; doc: Watched; seq: string | number; seen: string | null }[]) {
      if (stopped) return;
      try {
        await check(row.workspace_id, row.doc, Number(row.seq), row.seen === null ? null : Number(row.seen));
      } catch (error) {
        logger.error({ err: error, workspaceId: row.workspace_id, doc: row.doc }, 'watching a document failed');
      }
    }
  }

  /** Rounds run one at a time in this process, so a round never reads a document another round is still comparing. */
  let queue: Promise<void> = Promise.resolve();
  function enqueue(): Promise<void> {
    const next = queue.then(round).catch((error) => logger.error({ err: error }, 'document watch round failed'));
    queue = next;
    return next;
  }

  function tick(): void {
    if (stopped) return;
    void enqueue().finally(() => {
      if (!stopped) timer = setTimeout(tick, deps.pollMs);
    });
  }

  return {
    start: tick,
    /** Runs a round now, after any under way, and waits for it (tests; a caller that just wrote). */
    runNow: enqueue,
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await queue;
    },
  };
}

export type DocWatcher = ReturnType<typeof createDocWatcher>;
