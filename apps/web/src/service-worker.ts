/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { isOfflineApi, OFFLINE_DATA_CACHE, SESSION_PATH, SHELL_CACHE_PREFIX, workspaceDetailPath } from '$lib/offline-caches';

/**
 * Lets a signed-in person reload Troika and move between its screens offline. The app shell (the
 * built scripts and styles, the static files and index.html for every screen) is cached when the
 * worker installs; of the API, only who is signed in (`/api/session`, `/api/me`) and the workspaces' details are
 * kept, network first, so the screens know the person and their role. The documents themselves come
 * from the offline copies the app keeps in IndexedDB. No other API call is ever answered from a cache.
 */
const worker = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `${SHELL_CACHE_PREFIX}${version}`;
const INDEX = '/index.html';
const SHELL_FILES = new Set([...build, ...files, INDEX]);

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll([...SHELL_FILES]);
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(SHELL_CACHE_PREFIX) && key !== SHELL) await caches.delete(key);
      await worker.clients.claim();
      // The page that installed this worker asked for these before the worker was there: keep them now.
      await warmData();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (isOfflineApi(url.pathname)) event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync/')) return;
  else if (request.mode === 'navigate') event.respondWith(navigation(request));
  else if (SHELL_FILES.has(url.pathname)) event.respondWith(shellFile(request));
});

/** A screen: the server's answer when it can be reached, else index.html (the client router draws the screen). */
async function navigation(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    return (await caches.match(INDEX)) ?? offlineError();
  }
}

/** A built file: its name changes with its content, so the cached copy is always right. */
async function shellFile(request: Request): Promise<Response> {
  return (await caches.match(request)) ?? fetch(request);
}

/**
 * Who is signed in and a workspace's details: from the server when it answers (kept for later); a 401 or 404
 * also drops the kept copy (signed out, no longer a member). Without a network, the kept copy.
 */
async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(OFFLINE_DATA_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    else if (response.status === 401 || response.status === 404) await cache.delete(request);
    return response;
  } catch {
    return (await cache.match(request, { ignoreVary: true })) ?? offlineError();
  }
}

/**
 * Fetches who is signed in and their workspaces' details into the cache (best effort). The worker
 * only keeps answers for the screens, which call the API through lib/api.ts themselves.
 */
async function warmData(): Promise<void> {
  try {
    const cache = await caches.open(OFFLINE_DATA_CACHE);
    const session = await fetch(SESSION_PATH, { headers: { accept: 'application/json' } });
    if (!session.ok) return;
    await cache.put(SESSION_PATH, session.clone());
    const { workspaces } = (await session.json()) as { workspaces: { id: string }[] };
    await Promise.all(
      workspaces.slice(0, 20).map(async ({ id }) => {
        const path = workspaceDetailPath(id);
        const detail = await fetch(path, { headers: { accept: 'application/json' } });
        if (detail.ok) await cache.put(path, detail);
      }),
    );
  } catch {
    // Offline already: the next answers the app gets are kept instead.
  }
}

/** What the app's API client reads as "Troika cannot be reached". */
function offlineError(): Response {
  const body = { error: { code: 'unavailable', message: 'Troika cannot be reached. Check your connection and try again.' } };
  return new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': 'application/json' } });
}
