import { GlossaryIndex, termsOf, type GlossarySearchResult, type GlossaryTerm, type TermOccurrence } from '@troika/model';
import { createContext } from 'svelte';
import type { DocConnection } from '$lib/sync/doc-connection.svelte';

/**
 * A workspace's glossary in this browser: the workspace's glossary connection (with its offline copy)
 * and a live index over it, so look-ups, the term list and highlighting run locally, with no network round trip.
 * Reading any getter makes a Svelte reaction re-run when the glossary changes.
 */
export class GlossaryStore {
  readonly index: GlossaryIndex;
  /** Grows with every change of the glossary, local or remote. */
  version = $state(0);
  private readonly bump = () => this.version++;

  constructor(readonly connection: DocConnection) {
    this.index = new GlossaryIndex(this.connection.doc);
    termsOf(this.connection.doc).observeDeep(this.bump);
  }

  get doc() {
    return this.connection.doc;
  }

  get workspaceId(): string {
    return this.connection.workspaceId;
  }

  /** Every live term, alphabetically. */
  get terms(): readonly GlossaryTerm[] {
    void this.version;
    return this.index.list();
  }

  /** A live term (a merged duplicate's id gives the term it went into). */
  get(id: string): GlossaryTerm | undefined {
    void this.version;
    return this.index.get(id);
  }

  search(query: string, limit?: number): GlossarySearchResult[] {
    void this.version;
    return this.index.search(query, limit);
  }

  /** Where terms occur in a text, for highlighting. */
  find(text: string, exclude?: ReadonlySet<string>): TermOccurrence[] {
    void this.version;
    return this.index.find(text, exclude);
  }

  destroy(): void {
    termsOf(this.connection.doc).unobserveDeep(this.bump);
    this.index.destroy();
  }
}

/**
 * The glossary of the workspace on screen, held by the workspace shell for as long as the person is
 * in that workspace (so Ctrl/Cmd-K and highlighting work on every page), and swapped when they move
 * to another workspace (or the glossary's connection is replaced).
 */
export class GlossaryHub {
  current = $state<GlossaryStore | null>(null);

  /** Reads a glossary connection (dropping the index of another); null closes. */
  open(connection: DocConnection | null): void {
    if (this.current?.connection === connection) return;
    this.current?.destroy();
    this.current = connection ? new GlossaryStore(connection) : null;
  }

  close(): void {
    this.open(null);
  }
}

const [getHub, setHub, hasHub] = createContext<GlossaryHub>();

/** The shell's glossary hub, or null outside a workspace (components then show plain text). */
export function getGlossaryHub(): GlossaryHub | null {
  return hasHub() ? getHub() : null;
}

export const setGlossaryHub = setHub;
