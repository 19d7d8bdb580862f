import { expect, test } from './support/fixtures';
import { newPerson, signUp } from './support/people';
import { createWorkspace } from './support/workspace-api';

// The board page's JavaScript, counted in bytes on the wire (after content coding) on a cold cache.
// Issue 13's target is 200 KB, met at 157 KB when compression landed; the workspace-wide connections,
// the service worker's client and the conversations screens brought it to 225 KB; loading dialogs,
// panels and the inbox's list on first use (lib/components/Lazy.svelte) and fewer, larger chunks
// (apps/web/vite.config.ts) brought it to 171 KB (tests/load/RESULTS.md). A new screen part the
// board does not show at first paint loads on first use.
const BOARD_JS_BUDGET = 200 * 1024;

test('the board page loads its scripts compressed, within budget, and caches them for a year', async ({ browser, baseURL }) => {
  const setup = await browser.newContext({ baseURL });
  const setupPage = await setup.newPage();
  await signUp(setupPage, newPerson('Ada Assets'));
  const workspaceId = await createWorkspace(setupPage, 'Assets', 'cio', true);
  const storageState = await setup.storageState();
  await setup.close();

  // A fresh context with only the session cookie: nothing of the client is in its cache.
  const context = await browser.newContext({ baseURL, storageState });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

  interface Loaded { url: string; type: string; encoding?: string; cacheControl?: string; wire: number; decoded: number }
  const byId = new Map<string, Partial<Loaded>>();
  const loaded: Loaded[] = [];
  cdp.on('Network.responseReceived', (event) => {
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    byId.set(event.requestId, {
      url: event.response.url,
      type: event.type,
      encoding: headers['content-encoding'],
      cacheControl: headers['cache-control'],
    });
  });
  cdp.on('Network.dataReceived', (event) => {
    const entry = byId.get(event.requestId);
    if (entry) entry.decoded = (entry.decoded ?? 0) + event.dataLength;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const entry = byId.get(event.requestId);
    if (entry) loaded.push({ ...(entry as Loaded), wire: event.encodedDataLength, decoded: entry.decoded ?? 0 });
  });

  await page.goto(`/w/${workspaceId}/board`);
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Online conversion rate' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  const scripts = loaded.filter((r) => r.type === 'Script');
  const wire = scripts.reduce((sum, r) => sum + r.wire, 0);
  const decoded = scripts.reduce((sum, r) => sum + r.decoded, 0);
  const css = loaded.filter((r) => r.type === 'Stylesheet').reduce((sum, r) => sum + r.wire, 0);
  const document = loaded.find((r) => r.type === 'Document');
  console.log(
    `board page, cold cache: ${scripts.length} scripts, ${(wire / 1024).toFixed(1)} KB on the wire ` +
      `(${(decoded / 1024).toFixed(1)} KB decoded), CSS ${(css / 1024).toFixed(1)} KB, document ${document?.wire ?? '?'} B`,
  );

  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    expect(script.encoding, script.url).toBe('br');
    if (new URL(script.url).pathname.startsWith('/_app/immutable/')) {
      expect(script.cacheControl, script.url).toBe('public, max-age=31536000, immutable');
    }
  }
  expect(document?.encoding).toBe('br');
  expect(document?.cacheControl).toBe('no-cache');
  expect(wire).toBeLessThanOrEqual(BOARD_JS_BUDGET);
  await context.close();
});
