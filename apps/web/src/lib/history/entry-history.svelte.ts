import type { HistoryDoc } from '@troika/model';
import type { CurrentWorkspace } from '$lib/workspace.svelte';
import { readLimited, reachedStart, TIMELINE_STEP, timelineRows, timelineWindows } from './entry-timeline';
import { historyApi, type AttributedChange, type VersionInfo } from './history-api';
import { historyProblem, undoRestore, type LastRestore } from './history-session.svelte';

/** Requests in flight at once: the server diffs two versions per window; more would crowd it out. */
const IN_FLIGHT = 3;

/**
 * One entry's history (a KPI's, a term's, a pain point's History section): its changes step by step,
 * newest first, one row per period between two versions where it changed (who, when, field from → to),
 * and its restore to the version a row starts from. See entry-timeline.ts for the periods.
 */
export class EntryHistory {
  versions = $state<VersionInfo[] | null>(null);
  /** How many of the newest versions the timeline covers ("Show older" adds TIMELINE_STEP). */
  covered = $state(0);
  /** Per window index: the entry's change in that period, or null when none. */
  answers = $state.raw(new Map<number, AttributedChange | null>());
  loading = $state(false);
  problem = $state<string | null>(null);
  lastRestore = $state<LastRestore | null>(null);

  private readonly api;
  /** Bumped on each reload: answers of an older read are dropped. */
  private generation = 0;

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

  get windows() {
    return timelineWindows(this.versions ?? [], this.covered);
  }

  get rows() {
    return timelineRows(this.windows, this.answers);
  }

  /** Periods still to read, for "n of m periods read". */
  get progress(): { read: number; total: number } {
    return { read: this.answers.size, total: this.windows.length };
  }

  get complete(): boolean {
    return reachedStart(this.answers) || this.answers.size >= this.windows.length;
  }

  /** Older versions exist beyond the ones covered, and the entry existed before them. */
  get canShowOlder(): boolean {
    return !!this.versions && this.covered < this.versions.length && !reachedStart(this.answers);
  }

  /** The oldest version the timeline reaches back to (for "No changes recorded since ..."). */
  get oldestCovered(): VersionInfo | null {
    return this.windows.at(-1)?.since ?? null;
  }

  /** The versions, then the periods of the newest TIMELINE_STEP of them. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    this.problem = null;
    try {
      const versions = (await this.api.versions(this.doc)).versions;
      if (generation !== this.generation) return;
      this.versions = versions;
      this.answers = new Map();
      this.covered = Math.min(TIMELINE_STEP, versions.length);
    } catch (error) {
      if (generation === this.generation) this.problem = historyProblem(error);
      this.loading = false;
      return;
    }
    await this.readMissing(generation);
  }

  /**
   * Reads the newest period again, after the entry changed while the section is open (here or by
   * someone else); everything again when a version was made meanwhile (the periods moved). A failed
   * read leaves what is shown: the next change, or "Try again", reads again.
   */
  async refreshNewest(): Promise<void> {
    if (!this.versions || this.loading) return;
    const generation = this.generation;
    try {
      const versions = (await this.api.versions(this.doc)).versions;
      if (generation !== this.generation) return;
      if (versions[0]?.id !== this.versions[0]?.id) return this.load();
      const newest = this.windows[0];
      if (!newest) return;
      const { changes } = await this.api.changes(this.doc, newest.since.id, this.entryId);
      if (generation !== this.generation) return;
      this.answers = new Map(this.answers).set(0, changes.find((c) => c.id === this.entryId) ?? null);
    } catch {
      // Shown as it was; not worth an alert while the person reads.
    }
  }

  /** Reaches TIMELINE_STEP versions further back. */
  async showOlder(): Promise<void> {
    if (!this.versions) return;
    this.covered = Math.min(this.covered + TIMELINE_STEP, this.versions.length);
    await this.readMissing(this.generation);
  }

  /** Reads again the periods not read yet (after an error). */
  async retry(): Promise<void> {
    if (!this.versions) return this.load();
    await this.readMissing(this.generation);
  }

  private async readMissing(generation: number): Promise<void> {
    const windows = this.windows;
    const missing = windows.map((_, i) => i).filter((i) => !this.answers.has(i));
    this.loading = true;
    this.problem = null;
    try {
      await readLimited(
        missing,
        IN_FLIGHT,
        async (i) => {
          const w = windows[i]!;
          let changes: AttributedChange[];
          try {
            ({ changes } = await this.api.changes(this.doc, w.since.id, this.entryId, w.until?.id));
          } catch (error) {
            // Set at once so that the other readers stop starting new periods.
            if (generation === this.generation) this.problem ??= historyProblem(error);
            throw error;
          }
          if (generation !== this.generation) return;
          this.answers = new Map(this.answers).set(i, changes.find((c) => c.id === this.entryId) ?? null);
        },
        () => generation !== this.generation || this.problem !== null || reachedStart(this.answers),
      );
    } catch {
      // The problem is set by the read that failed.
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /** Brings the entry back to how it was in a version; throws for the dialog to show. */
  async restore(versionId: string, what: string): Promise<number> {
    const answer = await this.api.restore(this.doc, versionId, [this.entryId]);
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
