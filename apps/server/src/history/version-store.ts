import { docEdits, docVersions, type DatabaseHandle } from '@troika/db';
import { newId } from '@troika/model';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { DocKey } from '../sync/doc-store';
import { versionsToDrop } from './thinning';

export const VERSION_KINDS = ['auto', 'named', 'meeting', 'restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** A version as the API lists it. */
export interface VersionInfo {
  id: string;
  at: string;
  name: string;
  kind: VersionKind;
  /** Who edited the document since the version before (user ids, or `token:<id>`). */
  by: string[];
  /** For `meeting` versions: the meeting and whether it started or ended; else null. */
  meetingId: string | null;
  event: 'start' | 'end' | null;
}

export interface NewVersion {
  kind: VersionKind;
  name: string;
  createdBy?: string | null;
  meetingId?: string | null;
  event?: 'start' | 'end' | null;
  at?: Date;
}

/** A stored version's place: enough to read its state. */
export interface VersionRow {
  id: string;
  workspaceId: string;
  doc: string;
  at: Date;
  kind: string;
  meetingId: string | null;
  event: string | null;
}

/** A keyframe (the whole state) at least every this many versions: reading one applies at most this many updates. */
export const KEYFRAME_EVERY = 20;

const meta = {
  id: docVersions.id,
  at: docVersions.at,
  name: docVersions.name,
  kind: docVersions.kind,
  by: docVersions.by,
  meetingId: docVersions.meetingId,
  event: docVersions.event,
};

const info = (r: { id: string; at: Date; name: string; kind: string; by: string[]; meetingId: string | null; event: string | null }): VersionInfo => ({
  id: r.id,
  at: r.at.toISOString(),
  name: r.name,
  kind: r.kind as VersionKind,
  by: r.by,
  meetingId: r.meetingId,
  event: r.event as VersionInfo['event'],
});

const ofDoc = (key: DocKey) => and(eq(docVersions.workspaceId, key.workspaceId), eq(docVersions.doc, key.doc));

/**
 * Versions in the database: each is a keyframe (the whole Yjs state) or an update on top of the
 * version before it, so a month of versions costs about what the edits themselves cost.
 */
export class VersionStore {
  constructor(private readonly database: DatabaseHandle) {}

  private get db() {
    return this.database.db;
  }

  /** The newest version of a document: what the next one builds on. */
  async latest(key: DocKey) {
    const [row] = await this.db
      .select({ id: docVersions.id, at: docVersions.at, chain: docVersions.chain, stateVector: docVersions.stateVector })
      .from(docVersions)
      .where(ofDoc(key))
      .orderBy(desc(docVersions.at), desc(docVersions.id))
      .limit(1);
    return row ?? null;
  }

  /**
   * Stores a version of `doc` (read synchronously, so it is one consistent state) on top of `previous`
   * (from `latest`), with who edited since it.
   */
  async create(key: DocKey, doc: Y.Doc, previous: Awaited<ReturnType<VersionStore['latest']>>, version: NewVersion): Promise<VersionInfo> {
    const at = version.at ?? new Date();
    const keyframe = !previous || previous.chain + 1 >= KEYFRAME_EVERY;
    const state = keyframe ? Y.encodeStateAsUpdate(doc) : Y.encodeStateAsUpdate(doc, previous.stateVector);
    const stateVector = Y.encodeStateVector(doc);
    const by = await this.editorsBetween(key, previous?.at ?? null, at);
    const row = {
      id: newId(),
      workspaceId: key.workspaceId,
      doc: key.doc,
      at,
      name: version.name,
      kind: version.kind,
      by,
      createdBy: version.createdBy ?? null,
      meetingId: version.meetingId ?? null,
      event: version.event ?? null,
      baseId: keyframe ? null : previous.id,
      chain: keyframe ? 0 : previous.chain + 1,
      state,
      stateVector,
    };
    await this.db.insert(docVersions).values(row);
    return info(row);
  }

  /** Distinct people who edited the document in (from, to], in order of their first edit. */
  async editorsBetween(key: DocKey, from: Date | null, to: Date): Promise<string[]> {
    const rows = await this.db
      .select({ userId: docEdits.userId, first: sql<string>`min(${docEdits.at})` })
      .from(docEdits)
      .where(
        and(
          eq(docEdits.workspaceId, key.workspaceId),
          eq(docEdits.doc, key.doc),
          from ? gt(docEdits.at, from) : undefined,
          lte(docEdits.at, to),
          isNotNull(docEdits.userId),
        ),
      )
      .groupBy(docEdits.userId)
      .orderBy(sql`min(${docEdits.at})`);
    return rows.map((r) => r.userId!);
  }

  /** A document's versions, newest first. */
  async list(key: DocKey, limit = 500): Promise<VersionInfo[]> {
    const rows = await this.db.select(meta).from(docVersions).where(ofDoc(key)).orderBy(desc(docVersions.at), desc(docVersions.id)).limit(limit);
    return rows.map(info);
  }

  /** Every version of a workspace's documents (for the export), newest first per document. */
  async listWorkspace(workspaceId: string): Promise<Record<string, VersionInfo[]>> {
    const rows = await this.db
      .select({ ...meta, doc: docVersions.doc })
      .from(docVersions)
      .where(eq(docVersions.workspaceId, workspaceId))
      .orderBy(desc(docVersions.at), desc(docVersions.id));
    const out: Record<string, VersionInfo[]> = {};
    for (const r of rows) (out[r.doc] ??= []).push(info(r));
    return out;
  }

  /** One version by id, whatever its workspace (the caller checks), or null. */
  async find(id: string): Promise<{ row: VersionRow; info: VersionInfo } | null> {
    const [row] = await this.db
      .select({ ...meta, workspaceId: docVersions.workspaceId, doc: docVersions.doc })
      .from(docVersions)
      .where(eq(docVersions.id, id))
      .limit(1);
    return row ? { row, info: info(row) } : null;
  }

  /** The newest version of a document made at or before `at`, or null. */
  async atOrBefore(key: DocKey, at: Date): Promise<VersionRow | null> {
    const [row] = await this.db
      .select({ id: docVersions.id, workspaceId: docVersions.workspaceId, doc: docVersions.doc, at: docVersions.at, kind: docVersions.kind, meetingId: docVersions.meetingId, event: docVersions.event })
      .from(docVersions)
      .where(and(ofDoc(key), lte(docVersions.at, at)))
      .orderBy(desc(docVersions.at), desc(docVersions.id))
      .limit(1);
    return row ?? null;
  }

  /** Whether a `meeting` version already marks this event of this meeting at or after `since`. */
  async hasMeetingVersion(workspaceId: string, meetingId: string, event: 'start' | 'end', since: Date): Promise<boolean> {
    const [row] = await this.db
      .select({ id: docVersions.id })
      .from(docVersions)
      .where(and(eq(docVersions.workspaceId, workspaceId), eq(docVersions.meetingId, meetingId), eq(docVersions.event, event), gte(docVersions.at, since)))
      .limit(1);
    return row !== undefined;
  }

  /** The document as it was at a version: its keyframe with the updates of the chain up to it applied. */
  async state(key: DocKey, id: string): Promise<Y.Doc> {
    const chain = await this.chainOf(key, id);
    const doc = new Y.Doc();
    for (const state of chain) Y.applyUpdate(doc, state);
    return doc;
  }

  /** The states to apply for a version, keyframe first. */
  private async chainOf(key: DocKey, id: string): Promise<Uint8Array[]> {
    const [target] = await this.db.select({ at: docVersions.at }).from(docVersions).where(and(ofDoc(key), eq(docVersions.id, id)));
    if (!target) throw new Error(`unknown version ${id}`);
    // One read for the usual case: every version since the keyframe before it.
    const [keyframe] = await this.db
      .select({ at: docVersions.at })
      .from(docVersions)
      .where(and(ofDoc(key), eq(docVersions.chain, 0), lte(docVersions.at, target.at)))
      .orderBy(desc(docVersions.at))
      .limit(1);
    const rows = await this.db
      .select({ id: docVersions.id, baseId: docVersions.baseId, state: docVersions.state })
      .from(docVersions)
      .where(and(ofDoc(key), keyframe ? gte(docVersions.at, keyframe.at) : undefined, lte(docVersions.at, target.at)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const states: Uint8Array[] = [];
    for (let next: string | null = id; next !== null; ) {
      let row = byId.get(next);
      if (!row) {
        // A chain that forked (two versions made at once on one base) may reach further back.
        [row] = await this.db.select({ id: docVersions.id, baseId: docVersions.baseId, state: docVersions.state }).from(docVersions).where(eq(docVersions.id, next));
        if (!row) throw new Error(`version chain broken at ${next}`);
      }
      states.push(row.state);
      next = row.baseId;
    }
    return states.reverse();
  }

  /** Bytes stored for a workspace's versions, and for its attribution rows (approximate). */
  async storedBytes(workspaceId: string): Promise<{ versions: number; edits: number; count: number }> {
    const [v] = await this.db
      .select({ bytes: sql<string>`coalesce(sum(octet_length(${docVersions.state}) + octet_length(${docVersions.stateVector})), 0)`, count: sql<string>`count(*)` })
      .from(docVersions)
      .where(eq(docVersions.workspaceId, workspaceId));
    const [e] = await this.db
      .select({ bytes: sql<string>`coalesce(sum(pg_column_size(${docEdits})), 0)` })
      .from(docEdits)
      .where(eq(docEdits.workspaceId, workspaceId));
    return { versions: Number(v!.bytes), edits: Number(e!.bytes), count: Number(v!.count) };
  }

  /**
   * Deletes the versions past `keepDays` and thins the automatic ones (see thinning.ts). The versions
   * that stay are rewritten where their base went: each again an update on the kept one before it
   * (or a keyframe), with the editors of the dropped ones folded into the next. Returns how many went.
   */
  async thin(key: DocKey, now: Date, keepDays: number): Promise<number> {
    const all = await this.db
      .select({ id: docVersions.id, at: docVersions.at, kind: docVersions.kind, by: docVersions.by, baseId: docVersions.baseId, chain: docVersions.chain, state: docVersions.state })
      .from(docVersions)
      .where(ofDoc(key))
      .orderBy(asc(docVersions.at), asc(docVersions.id));
    const drop = versionsToDrop(all, now, keepDays);
    if (drop.size === 0) return 0;
    const running = new Y.Doc();
    let previousKept: { sv: Uint8Array; chain: number; id: string } | null = null;
    let pendingBy: string[] = [];
    let rewriting = false;
    const updates: { id: string; baseId: string | null; chain: number; state: Uint8Array; stateVector: Uint8Array; by: string[] }[] = [];
    for (const v of all) {
      Y.applyUpdate(running, v.state);
      if (drop.has(v.id)) {
        pendingBy = [...new Set([...pendingBy, ...v.by])];
        rewriting = true;
        continue;
      }
      const sv = Y.encodeStateVector(running);
      if (rewriting || pendingBy.length > 0) {
        const keyframe: boolean = previousKept === null || previousKept.chain + 1 >= KEYFRAME_EVERY;
        const chain: number = keyframe ? 0 : previousKept!.chain + 1;
        updates.push({
          id: v.id,
          baseId: keyframe ? null : previousKept!.id,
          chain,
          state: keyframe ? Y.encodeStateAsUpdate(running) : Y.encodeStateAsUpdate(running, previousKept!.sv),
          stateVector: sv,
          by: [...new Set([...pendingBy, ...v.by])],
        });
        previousKept = { sv, chain, id: v.id };
      } else previousKept = { sv, chain: v.chain, id: v.id };
      pendingBy = [];
    }
    await this.db.transaction(async (tx) => {
      for (const u of updates) {
        const { id, ...set } = u;
        await tx.update(docVersions).set(set).where(eq(docVersions.id, id));
      }
      await tx.delete(docVersions).where(inArray(docVersions.id, [...drop]));
    });
    return drop.size;
  }

  /** The documents of the database that have versions (for the periodic thinning). */
  async documentsWithVersions(): Promise<DocKey[]> {
    return this.db.selectDistinct({ workspaceId: docVersions.workspaceId, doc: docVersions.doc }).from(docVersions);
  }

  /** Deletes attribution older than `keepDays`. */
  async pruneEdits(now: Date, keepDays: number): Promise<void> {
    await this.db.delete(docEdits).where(lte(docEdits.at, new Date(now.getTime() - keepDays * 86_400_000)));
  }
}
