import { JourneyEntryMissing, journeyCard, journeysOf, readJourney, readJourneys, type Journey, type JourneyCard } from '@troika/model';
import { createContext } from 'svelte';
import type * as Y from 'yjs';
import { showError } from '$lib/show-error';
import { DocConnection } from '$lib/sync/doc-connection.svelte';
import { Observed } from '$lib/sync/observed.svelte';
import { Undo } from '$lib/sync/undo.svelte';
import { toasts } from '$lib/toasts.svelte';

/**
 * One person's live session on a workspace's `journeys` document, shared by the journey list and the
 * maps (one connection while they move between them): the synced document, undo of their own edits,
 * and whether they may edit at all.
 */
export class JourneysSession {
  readonly connection: DocConnection;
  readonly undo: Undo;
  /** Whether this person may change journeys (viewers may not); set by the screen from their role. */
  editable = $state(false);
  private readonly list: Observed<JourneyCard[]>;

  constructor(readonly workspaceId: string) {
    this.connection = new DocConnection(workspaceId, 'journeys');
    const root = journeysOf(this.connection.doc);
    this.list = new Observed(root, () => readJourneys(this.doc).map(journeyCard));
    this.undo = new Undo(root);
  }

  get doc(): Y.Doc {
    return this.connection.doc;
  }

  /** The journeys as their cards show them, by title. */
  get cards(): JourneyCard[] {
    return this.list.value;
  }

  /** A reactive reading of one journey (null while it does not exist, e.g. before the first sync). */
  journey(id: string): JourneyView {
    return new JourneyView(this.doc, id);
  }

  /**
   * Applies one change of this person's as its own undo step. Returns false (and says why) when it
   * cannot be made: a viewer, or something someone else deleted a moment ago.
   */
  edit(change: (doc: Y.Doc) => void, options: { merge?: boolean } = {}): boolean {
    if (!this.editable) return false;
    if (!options.merge) this.undo.manager.stopCapturing();
    try {
      change(this.doc);
      return true;
    } catch (error) {
      if (error instanceof JourneyEntryMissing) toasts.show('error', 'Someone deleted this a moment ago; your change was not made.');
      else showError(error);
      return false;
    }
  }

  destroy(): void {
    this.undo.destroy();
    this.connection.destroy();
  }
}

/** One journey, re-read on every change of the document; entries that did not change keep their objects. */
export class JourneyView {
  private readonly observed: Observed<Journey | null>;
  private last: Journey | undefined;

  constructor(
    private readonly doc: Y.Doc,
    readonly id: string,
  ) {
    this.observed = new Observed(journeysOf(doc), () => {
      const map = journeysOf(this.doc).get(this.id);
      this.last = map ? readJourney(this.id, map, this.last) : undefined;
      return this.last ?? null;
    });
  }

  get value(): Journey | null {
    return this.observed.value;
  }
}

export const [getJourneysSession, setJourneysSession] = createContext<JourneysSession>();
