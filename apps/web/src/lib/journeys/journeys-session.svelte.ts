import { journeyCard, journeysOf, readJourney, readJourneys, type Journey, type JourneyCard } from '@troika/model';
import { createContext } from 'svelte';
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/doc-connection.svelte';
import { DocSession, type EditAccess } from '$lib/sync/doc-session.svelte';
import { Observed } from '$lib/sync/observed.svelte';

/**
 * One person's live session on a workspace's `journeys` document, shared by the journey list and the
 * maps: the journeys read from the workspace's journeys connection, and undo of their own edits.
 */
export class JourneysSession extends DocSession {
  private readonly list: Observed<JourneyCard[]>;

  constructor(connection: DocConnection, access: EditAccess) {
    super(connection, access, journeysOf(connection.doc));
    this.list = new Observed(journeysOf(connection.doc), () => readJourneys(this.doc).map(journeyCard));
  }

  /** The journeys as their cards show them, by title. */
  get cards(): JourneyCard[] {
    return this.list.value;
  }

  /** A reactive reading of one journey (null while it does not exist, e.g. before the first sync). */
  journey(id: string): JourneyView {
    return new JourneyView(this.doc, id);
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
