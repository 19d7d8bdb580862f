import { goto } from '$app/navigation';
import { session } from './session.svelte';
import { showError } from './show-error';
import { toasts } from './toasts.svelte';

/** Ends the session on the server, forgets it here and shows the sign-in page. */
export async function signOut(): Promise<void> {
  try {
    await session.signOut();
    // Messages about the last person's work mean nothing on the sign-in page.
    toasts.clear();
  } catch (error) {
    showError(error);
  }
  await goto('/login', { replaceState: true });
}
