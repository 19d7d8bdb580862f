// The caches of the service worker (src/service-worker.ts), named once for the worker and the app.

/** The app shell of one build: scripts, styles, static files and index.html (nothing personal). */
export const SHELL_CACHE_PREFIX = 'troika-shell-';
/** The only API answers kept for offline use: who is signed in, and their workspaces' details. */
export const OFFLINE_DATA_CACHE = 'troika-data';

/** Who is signed in and their workspaces (the screens' probe, a 200 even when signed out), kept for offline use. */
export const SESSION_PATH = '/api/session';

/** A workspace's details (name, my role and seat, members), kept for offline use. */
export const workspaceDetailPath = (id: string) => `/api/workspaces/${encodeURIComponent(id)}`;

/** Whether an API path is one the app needs offline: `/api/session`, `/api/me` and `/api/workspaces/:id` (nothing under it). */
export function isOfflineApi(pathname: string): boolean {
  return pathname === SESSION_PATH || pathname === '/api/me' || /^\/api\/workspaces\/[^/]+$/.test(pathname);
}

/** Deletes the kept API answers (on sign-out: the next person on this browser must not see them). */
export async function clearOfflineData(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(OFFLINE_DATA_CACHE);
}
