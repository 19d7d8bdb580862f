import { goto } from '$app/navigation';
import { clearOfflineData } from './offline-caches';
import { session } from './session.svelte';
import { clearLocalCopies } from './sync/doc-connection.svelte';
import { showError } from './show-error';
import { toasts } from './toasts.svelte';

/** Ends the session on the server, forgets it here (offline copies and kept API answers too) and shows the sign-in page. */
export async function signOut(): Promise<void> {
  try {
    await session.signOut();
    // Messages about the last person's work mean nothing on the sign-in page.
    toasts.clear();
  } catch (error) {
    showError(error);
  }
  // Leaving the workspace first closes its documents, so their offline copies can be deleted.
  await goto('/login', { replaceState: true });
  // The next person on this browser must not find the last one's documents in it.
  await Promise.all([clearLocalCopies(), clearOfflineData()]).catch((error: unknown) => console.error(error));
}
