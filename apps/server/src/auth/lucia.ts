import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle';
import { sessions, users, type Database } from '@troika/db';
import { Lucia, TimeSpan } from 'lucia';

export const SESSION_COOKIE = 'troika_session';

/** Lucia over the drizzle tables. Session ids are SHA-256 hashes of the cookie token (see sessions.ts). */
export function createLucia(db: Database, options: { secureCookies: boolean; sessionDays: number }) {
  // The adapter's types name the concrete pglite/postgres-js classes; both are PgDatabase underneath.
  const adapter = new DrizzlePostgreSQLAdapter(db as never, sessions, users);
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(options.sessionDays, 'd'),
    sessionCookie: {
      name: SESSION_COOKIE,
      expires: true,
      attributes: { secure: options.secureCookies, sameSite: 'lax' },
    },
    getUserAttributes: (attributes) => ({ email: attributes.email, name: attributes.name }),
  });
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: { email: string; name: string };
  }
}
