import type { Browser, Page } from '@playwright/test';
import { addAgendaItem, addStage, createJourney, createMeeting, readJourneys, readMeetings, startMeeting } from '@troika/model';
import type * as Y from 'yjs';
import { expect, test } from './support/fixtures';
import { DocClient, cookieHeader, waitForServer } from './support/journey-seed';
import { newPerson, signUp, type Person } from './support/people';
import { snap } from './support/screenshots';
import { createWorkspace, invite, kpis } from './support/workspace-api';

// What the screen says is what the server stored: on every page, online or not (issue 12).

// Uncaught errors in any page: an exception in an effect stops Svelte's updates while the test may still pass.
const pageErrors: string[] = [];
test.beforeEach(() => void (pageErrors.length = 0));
test.afterEach(() => expect(pageErrors).toEqual([]));

const WIDE = { width: 1440, height: 900 };
const LAPTOP = { width: 1280, height: 800 };

async function personOnPage(browser: Browser, baseURL: string | undefined, person: Person, viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport });
  context.on('weberror', (error) => pageErrors.push(`${person.name}: ${error.error().message}`));
  const page = await context.newPage();
  await signUp(page, person);
  return page;
}

/** Changes a document as another program would (a y-websocket client with the page's session) and waits until it is stored. */
async function seed(page: Page, baseURL: string, workspaceId: string, name: string, change: (doc: Y.Doc) => void, stored: (doc: Y.Doc) => boolean) {
  const cookie = cookieHeader(await page.context().cookies());
  const client = new DocClient(baseURL, cookie, workspaceId, name);
  try {
    await client.synced();
    change(client.doc);
    await waitForServer(baseURL, cookie, workspaceId, name, stored);
  } finally {
    client.destroy();
  }
}

async function userId(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/me')).json()) as { user: { id: string } }).user.id;
}

async function setRole(owner: Page, workspaceId: string, memberId: string, role: 'editor' | 'viewer'): Promise<void> {
  const response = await owner.request.patch(`/api/workspaces/${workspaceId}/members/${memberId}`, { data: { role } });
  expect(response.status()).toBe(200);
}

const card = (page: Page, name: string) => page.getByRole('article', { name });
const panel = (page: Page, name: string) => page.getByRole('complementary', { name });
const badge = (page: Page) => page.locator('[data-sync-state]');
const nav = (page: Page) => page.getByRole('navigation', { name: 'Workspace' });
const notice = (page: Page) => page.getByRole('alert', { name: 'Not saved' });

async function addValue(page: Page, kpi: string, at: string, value: string): Promise<void> {
  await card(page, kpi).getByRole('link').click();
  const p = panel(page, kpi);
  await p.getByLabel('Date').fill(at);
  await p.getByRole('textbox', { name: /^Value/ }).fill(value);
  await p.getByRole('button', { name: 'Add value' }).click();
}

test('a member demoted to viewer turns read-only at once and sees the change the server refused, never "Saved"', async ({ browser, baseURL }) => {
  const ada = newPerson('Ada Owner');
  const bea = newPerson('Bea Business');
  const pageA = await personOnPage(browser, baseURL, ada);
  const pageB = await personOnPage(browser, baseURL, bea);
  const workspaceId = await createWorkspace(pageA, 'Honest board', 'cio', true);
  await invite(pageA, pageB, workspaceId, 'editor', 'business');
  const beaId = await userId(pageB);
  const KPI = 'Online conversion rate';

  await pageA.goto(`/w/${workspaceId}/board`);
  await pageB.goto(`/w/${workspaceId}/board`);
  await expect(badge(pageB)).toHaveAttribute('data-sync-state', 'saved');
  await expect(pageB.getByText('Business head · Editor')).toBeVisible();

  await test.step('B edits offline; meanwhile the owner makes B a viewer; back online, the server refuses the edit', async () => {
    await pageB.context().setOffline(true);
    await expect(badge(pageB)).toHaveAttribute('data-sync-state', 'offline', { timeout: 20_000 });
    await addValue(pageB, KPI, '2026-11-30', '4.2');
    await expect(card(pageB, KPI).getByTestId('latest')).toContainText('4.2');
    await expect(badge(pageB)).toContainText('Offline · 1 unsent');
    await setRole(pageA, workspaceId, beaId, 'viewer');
    await pageB.context().setOffline(false);

    // Read-only, says so, and lists what was not stored, instead of "Saved".
    await expect(notice(pageB)).toContainText('You are now a viewer here: read-only', { timeout: 20_000 });
    const list = notice(pageB).getByRole('list', { name: 'Changes not saved' });
    await expect(list).toContainText(`Board · KPI “${KPI}” · values`);
    await expect(list).toContainText('"at":"2026-11-30","value":4.2');
    await expect(badge(pageB)).toHaveAttribute('data-sync-state', 'rejected');
    await expect(badge(pageB)).toContainText('1 change refused');
    await expect(pageB.getByText('Business head · Viewer')).toBeVisible();
    await expect(pageB.getByRole('button', { name: 'Add KPI' })).toBeDisabled();
    // The board shows what the server holds: the refused value is gone here, and nobody else ever saw it.
    await expect(card(pageB, KPI).getByTestId('latest')).not.toContainText('4.2');
    expect((await kpis(pageA, workspaceId)).find((k) => k.name === KPI)!.latest?.value).not.toBe(4.2);
    await expect(card(pageA, KPI).getByTestId('latest')).not.toContainText('4.2');
  });

  await test.step('the notice at 1,440 and 1,280 px', async () => {
    await panel(pageB, KPI).getByRole('button', { name: /Close/ }).click();
    await expect(panel(pageB, KPI)).toHaveCount(0);
    await pageB.setViewportSize(WIDE);
    await snap(pageB, 'read-only-notice-1440');
    await pageB.setViewportSize(LAPTOP);
    await snap(pageB, 'read-only-notice-1280');
  });

  await test.step('copying keeps the refused change as text', async () => {
    await pageB.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await notice(pageB).getByRole('button', { name: 'Copy the changes' }).click();
    await expect.poll(() => pageB.evaluate(() => navigator.clipboard.readText())).toContain(`KPI “${KPI}” · values`);
    await notice(pageB).getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice(pageB)).toHaveCount(0);
    await expect(badge(pageB)).toHaveAttribute('data-sync-state', 'saved');
  });

  await test.step('a role change reaches an open screen within seconds, both ways', async () => {
    await setRole(pageA, workspaceId, beaId, 'editor');
    await expect(pageB.getByRole('button', { name: 'Add KPI' })).toBeEnabled({ timeout: 5_000 });
    await expect(pageB.getByText('Business head · Editor')).toBeVisible();
    await setRole(pageA, workspaceId, beaId, 'viewer');
    await expect(pageB.getByRole('button', { name: 'Add KPI' })).toBeDisabled({ timeout: 5_000 });
    await expect(pageB.getByText('Business head · Viewer')).toBeVisible();
    await expect(notice(pageB)).toContainText('You are now a viewer here: read-only');
  });

  await pageA.context().close();
  await pageB.context().close();
});

test('an edit made offline on the board reaches the others from the glossary, and the badge counts it', async ({ browser, baseURL }) => {
  const ada = newPerson('Ada Owner');
  const cem = newPerson('Cem Marketing');
  const pageA = await personOnPage(browser, baseURL, ada);
  const pageC = await personOnPage(browser, baseURL, cem);
  const workspaceId = await createWorkspace(pageA, 'Stranded edits', 'cio', true);
  await invite(pageA, pageC, workspaceId, 'editor', 'cmo');
  const KPI = 'Cost per transaction';

  await pageA.goto(`/w/${workspaceId}/board`);
  await pageC.goto(`/w/${workspaceId}/board`);
  await expect(badge(pageC)).toHaveAttribute('data-sync-state', 'saved');
  // The service worker has the app's files, so the glossary opens offline too.
  await pageC.evaluate(() => navigator.serviceWorker.ready);

  await pageC.context().setOffline(true);
  await expect(badge(pageC)).toHaveAttribute('data-sync-state', 'offline', { timeout: 20_000 });
  await addValue(pageC, KPI, '2026-11-30', '0.37');
  await nav(pageC).getByRole('link', { name: /Glossary/ }).click();
  await expect(pageC.getByRole('heading', { name: 'Glossary', level: 1 })).toBeVisible();
  // The glossary's badge speaks for the whole workspace: the board's edit is not sent yet.
  await expect(badge(pageC)).toContainText('Offline · 1 unsent');

  await pageC.context().setOffline(false);
  await expect(card(pageA, KPI).getByTestId('latest')).toContainText('0.37', { timeout: 20_000 });
  await expect(badge(pageC)).toHaveAttribute('data-sync-state', 'saved', { timeout: 20_000 });
  await expect(pageC).toHaveURL(/\/glossary/);

  await pageA.context().close();
  await pageC.context().close();
});

test('signed in, one reloads offline and moves between board, glossary, journeys and meetings with the last synced content', async ({ browser, baseURL }) => {
  const ada = newPerson('Ada Offline');
  const page = await personOnPage(browser, baseURL, ada);
  const workspaceId = await createWorkspace(page, 'Offline workspace', 'cio', true);
  await seed(
    page,
    baseURL!,
    workspaceId,
    'journeys',
    (doc) => addStage(doc, createJourney(doc, { title: 'Online purchase', persona: 'Busy parent' }), { name: 'Buy', emotion: -1 }),
    (doc) => readJourneys(doc).length === 1,
  );
  await seed(
    page,
    baseURL!,
    workspaceId,
    'meetings',
    (doc) => void createMeeting(doc, { title: 'December troika review', date: '2026-12-10' }),
    (doc) => readMeetings(doc).length === 1,
  );

  // One visit online: the app's files are kept by the service worker, every document in this browser.
  await page.goto(`/w/${workspaceId}/board`);
  await expect(card(page, 'Online conversion rate')).toBeVisible();
  await expect(badge(page)).toHaveAttribute('data-sync-state', 'saved');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(async () => !!navigator.serviceWorker.controller && !!(await caches.match(`/api/workspaces/${location.pathname.split('/')[2]}`)))).toBe(true);

  await page.context().setOffline(true);
  await page.reload();
  await expect(card(page, 'Online conversion rate')).toBeVisible();
  await expect(badge(page)).toHaveAttribute('data-sync-state', 'offline');
  await page.setViewportSize(WIDE);
  await snap(page, 'offline-reload-1440');
  await page.setViewportSize(LAPTOP);
  await snap(page, 'offline-reload-1280');

  await nav(page).getByRole('link', { name: /Glossary/ }).click();
  await expect(page.getByRole('link', { name: /Service level agreement/ }).first()).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('j');
  await expect(page.getByRole('link', { name: /Online purchase/ })).toBeVisible();
  await page.getByRole('link', { name: /Online purchase/ }).click();
  await expect(page.getByRole('heading', { name: 'Online purchase' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a touchpoint to Buy' })).toBeVisible();
  await nav(page).getByRole('link', { name: /Meetings/ }).click();
  await expect(page.getByText('December troika review')).toBeVisible();
  // A reload offline on another section works too.
  await page.reload();
  await expect(page.getByText('December troika review')).toBeVisible();
  await page.context().setOffline(false);

  await test.step('signing out clears the kept answers and the offline copies', async () => {
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await expect(page).toHaveURL(/\/login$/);
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('troika:')))).toEqual([]);
    // Kept answers no longer name anyone (a signed-out probe may be kept: it says nobody is signed in).
    const keptUser = () =>
      page.evaluate(async () => {
        const kept = await caches.match('/api/session');
        return kept ? ((await kept.json()) as { user: unknown }).user : null;
      });
    await expect.poll(keptUser).toBeNull();
    expect(await page.evaluate(async () => !!(await caches.match('/api/me')))).toBe(false);
  });
  await page.context().close();
});

test('in a live meeting, the others see it in their navigation; a follower who goes elsewhere stops following', async ({ browser, baseURL }) => {
  const ada = newPerson('Ada Presenter');
  const bea = newPerson('Bea Follower');
  const pageA = await personOnPage(browser, baseURL, ada);
  const pageB = await personOnPage(browser, baseURL, bea);
  const workspaceId = await createWorkspace(pageA, 'Meeting room', 'cio', true);
  await invite(pageA, pageB, workspaceId, 'editor', 'cmo');
  const adaId = await userId(pageA);
  let meetingId = '';
  await seed(
    pageA,
    baseURL!,
    workspaceId,
    'meetings',
    (doc) => {
      meetingId = createMeeting(doc, { title: 'Quarterly troika review', date: '2026-12-03' });
      addAgendaItem(doc, meetingId, { title: 'Checkout conversion', ref: null, duration: 10 });
    },
    (doc) => readMeetings(doc).length === 1,
  );

  await pageB.goto(`/w/${workspaceId}/board`);
  await expect(card(pageB, 'Online conversion rate')).toBeVisible();
  await expect(nav(pageB).getByRole('listitem', { name: /Live meeting/ })).toHaveCount(0);

  await test.step('A starts the meeting: B, on the board, sees it live in the navigation and joins from there', async () => {
    await pageA.goto(`/w/${workspaceId}/meetings/${meetingId}`);
    await seed(
      pageA,
      baseURL!,
      workspaceId,
      'meetings',
      (doc) => startMeeting(doc, meetingId, adaId),
      (doc) => readMeetings(doc)[0]?.startedAt != null,
    );
    const live = nav(pageB).getByRole('listitem', { name: 'Live meeting: Quarterly troika review' });
    await expect(live).toBeVisible({ timeout: 10_000 });
    await live.getByRole('link', { name: 'Join' }).click();
    await expect(pageB).toHaveURL(new RegExp(`/meetings/${meetingId}`));
    await expect(pageB.getByRole('region', { name: 'Live meeting' }).getByRole('button', { name: 'Stop following' })).toBeVisible();
    await expect(live).toContainText('Joined');
  });

  await test.step('A moves to the board; B follows', async () => {
    await nav(pageA).getByRole('link', { name: /Board/ }).click();
    await expect(pageB).toHaveURL(/\/board$/, { timeout: 10_000 });
  });

  await test.step('B clicks Glossary: B stays there, told that following stopped', async () => {
    await nav(pageB).getByRole('link', { name: /Glossary/ }).click();
    await expect(pageB.getByText(`You stopped following ${ada.name}`)).toBeVisible();
    await pageB.waitForTimeout(1_500);
    await expect(pageB).toHaveURL(/\/glossary/);
    await expect(pageB.getByRole('region', { name: 'Live meeting' }).getByRole('button', { name: `Follow ${ada.name}` })).toBeVisible();
  });

  await test.step('only Follow takes B back; then the shortcut g j leaves again', async () => {
    await pageB.getByRole('region', { name: 'Live meeting' }).getByRole('button', { name: `Follow ${ada.name}` }).click();
    await expect(pageB).toHaveURL(/\/board$/);
    await pageB.locator('body').click({ position: { x: 5, y: 500 } });
    await pageB.keyboard.press('g');
    await pageB.keyboard.press('j');
    await expect(pageB).toHaveURL(/\/journeys$/);
    await expect(pageB.getByText(`You stopped following ${ada.name}`).first()).toBeVisible();
    await pageB.waitForTimeout(1_500);
    await expect(pageB).toHaveURL(/\/journeys$/);
  });

  await pageA.context().close();
  await pageB.context().close();
});
