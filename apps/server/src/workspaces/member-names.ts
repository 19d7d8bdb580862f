import { memberships, users, type Database } from '@troika/db';
import { eq } from 'drizzle-orm';

/** The names of a workspace's members by user id, for exports that name people. */
export async function memberNames(db: Database, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.id, r.name]));
}
