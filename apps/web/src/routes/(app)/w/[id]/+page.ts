import { redirect } from '@sveltejs/kit';

/** A workspace opens on its board. */
export function load({ params }) {
  redirect(307, `/w/${params.id}/board`);
}
