import type { HistoryDoc } from '@troika/model';
import type { CurrentWorkspace } from '$lib/workspace.svelte';
import { historyApi, type AttributedChange, type VersionInfo } from './history-api';
import { historyProblem, undoRestore, type LastRestore } from './history-session.svelte';

/**
 * One entry's history (a KPI's, a term's, a pain point's History section): what changed about it
 * since a version (the oldest by default), who changed it and when, and its restore to that version.
 */
export class EntryHistory {
  versions = $state<VersionInfo[] | null>(null);
  /** The version compared with (an id of `versions`). */
  since = $state<string | null>(null);
  change = $state.raw<AttributedChange | null>(null);
  loading = $state(false);
  problem = $state<string | null>(null);
  lastRestore = $state<LastRestore | null>(null);

  private readonly api;

  constructor(
    private readonly ws: CurrentWorkspace,
    readonly doc: HistoryDoc,
    readonly entryId: string,
  ) {
    this.api = historyApi(ws.id);
  }

  get offline(): boolean {
    return this.ws.docs?.state === 'offline';
  }

  get sinceVersion(): VersionInfo | null {
    return this.versions?.find((v) => v.id === this.since) ?? null;
  }

  /** The versions, then the changes since the oldest one (or the one picked before). */
  async load(): Promise<void> {
    this.loading = true;
    try {
      const versions = (await this.api.versions(this.doc)).versions;
      this.versions = versions;
      if (!versions.some((v) => v.id === this.since)) this.since = versions.at(-1)?.id ?? null;
      await this.loadChanges();
      this.problem = null;
    } catch (error) {
      this.problem = historyProblem(error);
    } finally {
      this.loading = false;
    }
  }

  /** Compares with another version. */
  async compareWith(versionId: string): Promise<void> {
    this.since = versionId;
    this.loading = true;
    try {
      await this.loadChanges();
      this.problem = null;
    } catch (error) {
      this.problem = historyProblem(error);
    } finally {
      this.loading = false;
    }
  }

  private async loadChanges(): Promise<void> {
    const since = this.since;
    if (!since) {
      this.change = null;
      return;
    }
    const { changes } = await this.api.changes(this.doc, since, this.entryId);
    if (since === this.since) this.change = changes.find((c) => c.id === this.entryId) ?? null;
  }

  /** Brings the entry back to how it was in the version compared with; throws for the dialog to show. */
  async restore(what: string): Promise<number> {
    if (!this.since) return 0;
    const answer = await this.api.restore(this.doc, this.since, [this.entryId]);
    this.lastRestore = { doc: this.doc, answer, what };
    await this.load();
    return answer.restored.length;
  }

  async undoRestore(): Promise<void> {
    const last = this.lastRestore;
    if (!last) return;
    await undoRestore(this.ws.id, last);
    this.lastRestore = null;
    await this.load();
  }
}
