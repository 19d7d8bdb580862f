import { redirect } from '@sveltejs/kit';
import { session } from '$lib/session.svelte';

/** `/` has no screen of its own: the workspaces for someone signed in, else sign-in. */
export async function load() {
  const user = await session.ensure();
  redirect(307, user ? '/workspaces' : '/login');
}
