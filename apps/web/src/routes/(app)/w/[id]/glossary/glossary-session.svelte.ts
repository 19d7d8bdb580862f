import { termsOf } from '@troika/model';
import type * as Y from 'yjs';
import type { GlossaryStore } from '$lib/glossary/glossary-store.svelte';
import { stampLocalEdits } from '$lib/glossary/edit-stamps';
import { showError } from '$lib/show-error';
import { Presence, type PresenceUser } from '$lib/sync/presence.svelte';
import { Undo } from '$lib/sync/undo.svelte';
import { toasts } from '$lib/toasts.svelte';

/**
 * One person on the glossary screen: who else is here (and which term they have open), undo of their
 * own changes, and "who changed it last" stamped on the terms they edit. The document itself belongs
 * to the workspace's GlossaryStore, which outlives this screen.
 */
export class GlossarySession {
  readonly presence: Presence;
  readonly undo: Undo;
  /** Whether this person may change the glossary (viewers may not); set by the screen from their role. */
  editable = $state(false);
  private readonly stopStamps: () => void;

  constructor(
    readonly store: GlossaryStore,
    me: PresenceUser,
  ) {
    this.presence = new Presence(store.connection.provider.awareness, me);
    this.undo = new Undo(termsOf(store.doc));
    this.stopStamps = stampLocalEdits(store.doc, me.id);
  }

  get doc(): Y.Doc {
    return this.store.doc;
  }

  /** Applies one change of this person's as its own undo step; false (and says why) when it cannot be made. */
  edit(change: (doc: Y.Doc) => void): boolean {
    if (!this.editable) return false;
    this.undo.manager.stopCapturing();
    try {
      change(this.doc);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (message.startsWith('unknown term') || message.startsWith('only live terms')) {
        toasts.show('error', 'Someone deleted or merged this term a moment ago; your change was not made.');
      } else showError(error);
      return false;
    }
  }

  destroy(): void {
    this.stopStamps();
    this.undo.destroy();
    this.presence.destroy();
  }
}
