import { redirect } from '@sveltejs/kit';
import { authHref } from '$lib/redirect-target';
import { session } from '$lib/session.svelte';

/** Every screen in here needs someone signed in; others go to sign-in and come back afterwards. */
export async function load({ url }) {
  const user = await session.ensure();
  if (!user) redirect(307, authHref('login', url.pathname + url.search));
}
