import { termsOf } from '@troika/model';
import type { GlossaryStore } from '$lib/glossary/glossary-store.svelte';
import { stampLocalEdits } from '$lib/glossary/edit-stamps';
import { DocSession, type EditAccess } from '$lib/sync/doc-session.svelte';
import { Presence, type PresenceUser } from '$lib/sync/presence.svelte';

/**
 * One person on the glossary screen: who else is here (and which term they have open), undo of their
 * own changes, and "who changed it last" stamped on the terms they edit. The document itself belongs
 * to the workspace's GlossaryStore, which outlives this screen.
 */
export class GlossarySession extends DocSession {
  readonly presence: Presence;
  private readonly stopStamps: () => void;

  constructor(
    readonly store: GlossaryStore,
    access: EditAccess,
    me: PresenceUser,
  ) {
    super(store.connection, access, termsOf(store.doc), 'Someone deleted or merged this term a moment ago');
    this.presence = new Presence(store.connection.provider.awareness, me);
    this.stopStamps = stampLocalEdits(store.doc, me.id);
  }

  override destroy(): void {
    this.stopStamps();
    super.destroy();
    this.presence.destroy();
  }
}
