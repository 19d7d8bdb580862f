import type { HistoryDoc } from '@troika/model';
import { ApiError } from '$lib/api';
import { describeError } from '$lib/api-error';
import type { CurrentWorkspace } from '$lib/workspace.svelte';
import { historyApi, type AttributedChange, type RestoreAnswer, type VersionContent, type VersionInfo } from './history-api';
import { inScope, type HistoryScope } from './version-rows';

/** A failed history call in words; no connection gets its own sentence (history lives on the server). */
export function historyProblem(error: unknown): string {
  if (error instanceof ApiError && error.code === 'network') return 'History needs the connection: Troika cannot be reached. Try again once you are back online.';
  return describeError(error);
}

/** The last restore made from this screen, so it can be undone (the server kept the document as it was before). */
export interface LastRestore {
  doc: HistoryDoc;
  answer: RestoreAnswer;
  /** What was restored, in words: "Net promoter score", "the board". */
  what: string;
}

/**
 * The versions of one section and the version picked in its History panel: loaded on demand through
 * the API (history is on the server, not in the live document). Restores are written by the server
 * as one change that reaches every open screen through sync.
 */
export class HistorySession {
  versions = $state<VersionInfo[] | null>(null);
  loading = $state(false);
  problem = $state<string | null>(null);

  /** The version being looked at, its content and what differs from now. */
  picked = $state<VersionInfo | null>(null);
  content = $state.raw<VersionContent | null>(null);
  changes = $state.raw<AttributedChange[] | null>(null);
  viewLoading = $state(false);
  viewProblem = $state<string | null>(null);

  lastRestore = $state<LastRestore | null>(null);

  private readonly api;

  constructor(
    private readonly ws: CurrentWorkspace,
    readonly scope: HistoryScope,
  ) {
    this.api = historyApi(ws.id);
  }

  /** No connection to the server: history cannot be read (the live document works offline, history does not). */
  get offline(): boolean {
    return this.ws.docs?.state === 'offline';
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.versions = (await this.api.versions(this.scope.doc)).versions;
      this.problem = null;
    } catch (error) {
      this.problem = historyProblem(error);
    } finally {
      this.loading = false;
    }
  }

  /** Names the document as it is now ("Before the Q3 review"); throws for the form to show. */
  async name(name: string): Promise<void> {
    await this.api.name(this.scope.doc, name);
    await this.load();
  }

  /** Shows a version: its content and what changed since, in this panel's scope. */
  async pick(version: VersionInfo): Promise<void> {
    this.picked = version;
    this.content = null;
    this.changes = null;
    this.viewProblem = null;
    this.viewLoading = true;
    try {
      const [content, changes] = await Promise.all([this.api.version(this.scope.doc, version.id), this.api.changes(this.scope.doc, version.id)]);
      if (this.picked?.id !== version.id) return;
      this.content = content;
      this.changes = changes.changes.filter((c) => inScope(c, this.scope));
    } catch (error) {
      if (this.picked?.id === version.id) this.viewProblem = historyProblem(error);
    } finally {
      if (this.picked?.id === version.id) this.viewLoading = false;
    }
  }

  /** Back to the live section. */
  unpick(): void {
    this.picked = null;
    this.content = null;
    this.changes = null;
    this.viewProblem = null;
  }

  /**
   * Restores the picked version, whole (in this scope) or only `ids`; the answer is kept so the
   * restore can be undone. Throws for the dialog to show.
   */
  async restore(ids: readonly string[] | null, what: string): Promise<RestoreAnswer> {
    const version = this.picked;
    if (!version) throw new Error('No version picked');
    const scoped = ids ?? (this.scope.journeyId ? [this.scope.journeyId] : null);
    const answer = await this.api.restore(this.scope.doc, version.id, scoped ?? undefined);
    this.lastRestore = { doc: this.scope.doc, answer, what };
    await Promise.all([this.load(), this.pick(version)]);
    return answer;
  }

  /** Undoes the last restore: the entries it changed go back to the version the server made just before it. */
  async undoRestore(): Promise<void> {
    const last = this.lastRestore;
    if (!last) return;
    await undoRestore(this.ws.id, last);
    this.lastRestore = null;
    await this.load();
    if (this.picked) await this.pick(this.picked);
  }
}

/**
 * Undoes a restore. The app's Ctrl+Z cannot: the UndoManager tracks only this browser's own edits,
 * and a restore is written by the server. Only the entries it changed go back, so edits made since
 * to other entries stay.
 */
export async function undoRestore(workspaceId: string, last: LastRestore): Promise<void> {
  const ids = last.answer.restored.map((r) => r.id);
  if (ids.length === 0) return;
  await historyApi(workspaceId).restore(last.doc, last.answer.before.id, ids);
}
