import { docEdits, docVersions, type DatabaseHandle } from '@troika/db';
import { pruneEdits, readEdits } from './edit-log';
import { newId } from '@troika/model';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { DocKey } from '../sync/doc-store';
import { deleteSetOf, encodeDelta } from './delta-update';
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

/**
 * A new keyframe (the whole state) is written once the updates since the last one add up to its size,
 * so the history costs about twice the edits themselves, and reading a version applies at most about
 * two documents' worth of bytes; and at least every MAX_CHAIN versions, however small they are.
 */
export const MAX_CHAIN = 200;

/** Whether the next version should be a keyframe, given the chain so far and the delta it would store. */
export function needsKeyframe(previous: { chain: number; chainBytes: number; keyframeBytes: number } | null, deltaBytes: number): boolean {
  return !previous || previous.chain + 1 >= MAX_CHAIN || previous.chainBytes + deltaBytes > previous.keyframeBytes;
}

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
  /** The deletions of each document's newest version, so the next delta need not rebuild it. */
  private readonly lastDeleteSet = new Map<string, { id: string; ds: ReturnType<typeof deleteSetOf> }>();

  constructor(private readonly database: DatabaseHandle) {}

  /** What a new version after `previous` is measured against: its deletions (remembered, or rebuilt from its chain). */
  async deletionsOf(key: DocKey, previous: { id: string } | null): Promise<ReturnType<typeof deleteSetOf> | null> {
    if (!previous) return null;
    const known = this.lastDeleteSet.get(`${key.workspaceId}/${key.doc}`);
    if (known?.id === previous.id) return known.ds;
    return deleteSetOf(await this.state(key, previous.id));
  }

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
    if (!row) return null;
    const [keyframe] = await this.db
      .select({ at: docVersions.at, bytes: sql<number>`octet_length(${docVersions.state})`.mapWith(Number) })
      .from(docVersions)
      .where(and(ofDoc(key), eq(docVersions.chain, 0)))
      .orderBy(desc(docVersions.at))
      .limit(1);
    const [since] = await this.db
      .select({ bytes: sql<number>`coalesce(sum(octet_length(${docVersions.state})), 0)`.mapWith(Number) })
      .from(docVersions)
      .where(and(ofDoc(key), gt(docVersions.chain, 0), keyframe ? gte(docVersions.at, keyframe.at) : undefined));
    return { ...row, keyframeBytes: keyframe?.bytes ?? 0, chainBytes: since?.bytes ?? 0 };
  }

  /**
   * Stores a version of `doc` (read synchronously, so it is one consistent state) on top of `previous`
   * (from `latest`), with who edited since it.
   */
  async create(
    key: DocKey,
    doc: Y.Doc,
    previous: Awaited<ReturnType<VersionStore['latest']>>,
    previousDeletions: ReturnType<typeof deleteSetOf> | null,
    version: NewVersion,
  ): Promise<VersionInfo> {
    const at = version.at ?? new Date();
    // Read from the live document before the first await: one consistent state.
    const delta = previous ? encodeDelta(doc, { stateVector: previous.stateVector, deleteSet: previousDeletions }) : null;
    const keyframe = !previous || !delta || needsKeyframe(previous, delta.length);
    const state = keyframe ? Y.encodeStateAsUpdate(doc) : delta;
    const stateVector = Y.encodeStateVector(doc);
    const deletions = deleteSetOf(doc);
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
    this.lastDeleteSet.set(`${key.workspaceId}/${key.doc}`, { id: row.id, ds: deletions });
    return info(row);
  }

  /** Distinct people who edited the document in (from, to], in order of their first edit. */
  async editorsBetween(key: DocKey, from: Date | null, to: Date): Promise<string[]> {
    const people = new Set<string>();
    for (const e of await readEdits(this.db, key, from, to)) if (e.userId) people.add(e.userId);
    return [...people];
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
    // Our own updates, written by this server: merged first, they apply in one pass. (Merging is
    // avoided for clients' updates, yjs #687; should these ever fail to merge, they apply one by one.)
    let merged: Uint8Array | null = null;
    try {
      merged = chain.length > 1 ? Y.mergeUpdates(chain) : (chain[0] ?? null);
    } catch {
      merged = null;
    }
    if (merged) Y.applyUpdate(doc, merged);
    else for (const state of chain) Y.applyUpdate(doc, state);
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
      .select({ bytes: sql<string>`coalesce(sum(octet_length(${docEdits.edits}) + octet_length(${docEdits.users}::text)), 0)` })
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
    let previousKept: { sv: Uint8Array; ds: ReturnType<typeof deleteSetOf>; chain: number; chainBytes: number; keyframeBytes: number; id: string } | null = null;
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
      const ds = deleteSetOf(running);
      if (rewriting || pendingBy.length > 0) {
        const delta: Uint8Array | null = previousKept ? encodeDelta(running, { stateVector: previousKept.sv, deleteSet: previousKept.ds }) : null;
        const keyframe: boolean = !previousKept || !delta || needsKeyframe(previousKept, delta.length);
        const state: Uint8Array = keyframe ? Y.encodeStateAsUpdate(running) : delta!;
        const chain: number = keyframe ? 0 : previousKept!.chain + 1;
        updates.push({ id: v.id, baseId: keyframe ? null : previousKept!.id, chain, state, stateVector: sv, by: [...new Set([...pendingBy, ...v.by])] });
        previousKept = keyframe
          ? { sv, ds, chain, chainBytes: 0, keyframeBytes: state.length, id: v.id }
          : { sv, ds, chain, chainBytes: previousKept!.chainBytes + state.length, keyframeBytes: previousKept!.keyframeBytes, id: v.id };
      } else {
        previousKept =
          v.chain === 0 || !previousKept
            ? { sv, ds, chain: v.chain, chainBytes: 0, keyframeBytes: v.state.length, id: v.id }
            : { sv, ds, chain: v.chain, chainBytes: previousKept.chainBytes + v.state.length, keyframeBytes: previousKept.keyframeBytes, id: v.id };
      }
      pendingBy = [];
    }
    await this.db.transaction(async (tx) => {
      for (const u of updates) {
        const { id, ...set } = u;
        await tx.update(docVersions).set(set).where(eq(docVersions.id, id));
      }
      await tx.delete(docVersions).where(inArray(docVersions.id, [...drop]));
    });
    this.lastDeleteSet.delete(`${key.workspaceId}/${key.doc}`);
    return drop.size;
  }

  /** The documents of the database that have versions (for the periodic thinning). */
  async documentsWithVersions(): Promise<DocKey[]> {
    return this.db.selectDistinct({ workspaceId: docVersions.workspaceId, doc: docVersions.doc }).from(docVersions);
  }

  /** Deletes attribution older than `keepDays`. */
  async pruneEdits(now: Date, keepDays: number): Promise<void> {
    await pruneEdits(this.db, new Date(now.getTime() - keepDays * 86_400_000));
  }
}
