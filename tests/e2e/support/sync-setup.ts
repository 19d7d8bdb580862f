import type { Browser, Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { expect } from './fixtures';
import { signUp, type Person } from './people';
import { LAPTOP } from './screenshots';

// Set-up through the API and the sync protocol, shared by the meeting scenarios: quicker than clicking,
// and not what they test.

/** A new signed-up person in their own browser context, at laptop width. */
export async function personOnPage(browser: Browser, baseURL: string | undefined, person: Person): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: LAPTOP });
  const page = await context.newPage();
  await signUp(page, person);
  return page;
}

/** One HTTP API call with the page's session; fails the test on any status but 2xx. */
export async function api<T>(page: Page, method: 'get' | 'post', path: string, data?: unknown): Promise<T> {
  const response = await page.request[method](path, data === undefined ? undefined : { data });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** Changes a document as another program would (a y-websocket client with the page's session), and waits until the server has it. */
export async function editDoc(page: Page, baseURL: string, workspaceId: string, name: string, change: (doc: Y.Doc) => void): Promise<void> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  class CookieSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  }
  const url = `${baseURL.replace(/^http/, 'ws')}/sync/${workspaceId}`;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, name, doc, { WebSocketPolyfill: CookieSocket as never, disableBc: true });
  try {
    await expect.poll(() => provider.synced && provider.wsconnected, { timeout: 20_000 }).toBe(true);
    change(doc);
    // A second client sees the change once the server stored it.
    const check = new Y.Doc();
    const probe = new WebsocketProvider(url, name, check, { WebSocketPolyfill: CookieSocket as never, disableBc: true });
    try {
      const want = Buffer.from(Y.encodeStateVector(doc));
      await expect.poll(() => probe.synced && Buffer.from(Y.encodeStateVector(check)).equals(want), { timeout: 20_000 }).toBe(true);
    } finally {
      probe.destroy();
    }
  } finally {
    provider.destroy();
  }
}
