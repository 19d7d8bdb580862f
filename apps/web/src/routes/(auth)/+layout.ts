import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/redirect-target';
import { session } from '$lib/session.svelte';

/** Someone already signed in skips sign-in and sign-up and goes where they were heading. */
export async function load({ url }) {
  const user = await session.ensure();
  if (user) redirect(307, safeNext(url.searchParams.get('next')));
}
