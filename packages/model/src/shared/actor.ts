/** Who is behind an edit, as the server knows them: a signed-in person, or a workspace's API token. */
export type ActorRef = { kind: 'user'; userId: string } | { kind: 'token'; tokenId: string };

const TOKEN_PREFIX = 'token:';

/**
 * The id an edit is recorded under (`updatedBy`, a decision's `by`, the log's actor): the person's
 * user id, or `token:<id>` for an API token, so a token's edits are never taken for a person's.
 */
export function actorId(actor: ActorRef): string {
  return actor.kind === 'user' ? actor.userId : `${TOKEN_PREFIX}${actor.tokenId}`;
}

/** Whether a recorded actor id names an API token rather than a person. */
export function isTokenActor(id: string): boolean {
  return id.startsWith(TOKEN_PREFIX);
}

/** The API token's id a recorded actor id names, or null when it names a person. */
export function tokenIdOf(id: string): string | null {
  return isTokenActor(id) ? id.slice(TOKEN_PREFIX.length) : null;
}
