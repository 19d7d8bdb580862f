/**
 * Where to go after signing in. Only paths of this site are accepted (never `//host` or a full URL),
 * so a crafted `?next=` link cannot send people elsewhere.
 */
export function safeNext(raw: string | null | undefined, fallback = '/workspaces'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if (raw === '/login' || raw.startsWith('/login?') || raw === '/signup' || raw.startsWith('/signup?')) return fallback;
  return raw;
}

/** The sign-in (or sign-up) page that brings people back to `next` afterwards. */
export function authHref(page: 'login' | 'signup', next: string | null | undefined): string {
  const target = safeNext(next, '');
  return target ? `/${page}?next=${encodeURIComponent(target)}` : `/${page}`;
}
