import { apiTokens, memberships, users, type Database } from '@troika/db';
import { actorId, isTokenActor, tokenIdOf, type Role, type Seat } from '@troika/model';
import { and, eq, inArray } from 'drizzle-orm';
import type { Principal } from '../auth/principal';

export interface Member {
  userId: string;
  name: string;
  role: Role;
  seat: Seat;
}

/** Who did something: a user id or `token:<id>`, and the name to show. */
export interface Actor {
  id: string;
  name: string;
}

/** The actor behind a request: the person, or the API token (named `token:<id>`). */
export function actorFor(principal: Principal): Actor {
  return { id: actorId(principal), name: principal.name };
}

/** Every member of a workspace with name, role and seat. */
export async function workspaceMembers(db: Database, workspaceId: string): Promise<Member[]> {
  const rows = await db
    .select({ userId: memberships.userId, name: users.name, role: memberships.role, seat: memberships.seat })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId));
  return rows.map((r) => ({ ...r, role: r.role as Role, seat: r.seat as Seat }));
}

/** Which of these user ids are members of the workspace now. */
export async function membersAmong(db: Database, workspaceId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, [...userIds])));
  return new Set(rows.map((r) => r.userId));
}

/** Names of actors (user ids and `token:<id>`), for text about changes the server noticed. */
export async function actorNames(db: Database, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const userIds = ids.filter((id) => !isTokenActor(id));
  const tokenIds = ids.map(tokenIdOf).filter((id): id is string => id !== null);
  if (userIds.length) {
    for (const r of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))) names.set(r.id, r.name);
  }
  if (tokenIds.length) {
    for (const r of await db.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, tokenIds))) {
      names.set(actorId({ kind: 'token', tokenId: r.id }), r.name);
    }
  }
  return names;
}
