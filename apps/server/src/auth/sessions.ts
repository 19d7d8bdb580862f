import type { Session, User } from 'lucia';
import type { AppLucia } from './lucia';
import { hashSecret, newSecret } from './tokens';

/**
 * Sessions whose database id is the hash of the token the browser holds. Lucia 3 stores the id it is
 * given, so we give it the hash and keep the token only in the cookie.
 */
export class SessionStore {
  constructor(readonly lucia: AppLucia) {}

  /** Starts a session and returns the Set-Cookie header value. */
  async start(userId: string): Promise<{ cookie: string }> {
    const token = newSecret();
    await this.lucia.createSession(userId, {}, { sessionId: hashSecret(token) });
    return { cookie: this.lucia.createSessionCookie(token).serialize() };
  }

  /**
   * Resolves a cookie token. When Lucia extended the session, `refreshCookie` carries the new
   * expiry for the browser.
   */
  async validate(token: string): Promise<{ user: User; session: Session; refreshCookie?: string } | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const { user, session } = await this.lucia.validateSession(hashSecret(token));
    if (!user || !session) return null;
    return session.fresh ? { user, session, refreshCookie: this.lucia.createSessionCookie(token).serialize() } : { user, session };
  }

  async end(sessionId: string): Promise<{ cookie: string }> {
    await this.lucia.invalidateSession(sessionId);
    return { cookie: this.lucia.createBlankSessionCookie().serialize() };
  }

  readCookie(header: string | undefined): string | null {
    return this.lucia.readSessionCookie(header ?? '');
  }

  blankCookie(): string {
    return this.lucia.createBlankSessionCookie().serialize();
  }
}
