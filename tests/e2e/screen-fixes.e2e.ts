import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { addPainPoint, castVote, createMeeting, endMeeting, linkKpi, newPainPointInput, readBoard, snapshotKpis, startMeeting, updateKpi } from '@troika/model';
import { expect, test } from './support/fixtures';
import { DocClient, cookieHeader, seedSampleJourney, waitForServer } from './support/journey-seed';
import { newPerson, signUp } from './support/people';
import { snap } from './support/screenshots';

// What issue 12 saw on screen, each checked in Chromium: the journey map's layout at 1,440 and
// 1,280 px, its scroll hint, where a new note lands, the untouched "New pain point", the shared-ratio
// gauge, a KPI exactly 10 % off, the workspace export button, the day in the minutes, the live
// meeting bar's title and the console of signed-out pages.
const LIVE = { timeout: 20_000 };
const WIDE = { width: 1440, height: 900 };
const LAPTOP = { width: 1280, height: 800 };

interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Signs a new person up in a fresh browser context and gives them a starter workspace. */
async function owner(browser: Browser, baseURL: string, name: string, options: { viewport?: { width: number; height: number }; timezoneId?: string } = {}) {
  const context = await browser.newContext({ baseURL, viewport: options.viewport ?? WIDE, timezoneId: options.timezoneId, acceptDownloads: true });
  const page = await context.newPage();
  await signUp(page, newPerson(name));
  const created = await page.request.post('/api/workspaces', { data: { name: 'Acme leadership', seat: 'cio', starter: true } });
  const workspaceId = ((await created.json()) as { id: string }).id;
  const me = ((await (await page.request.get('/api/session')).json()) as { user: { id: string } }).user.id;
  const cookie = cookieHeader(await context.cookies());
  return { context, page, workspaceId, me, cookie };
}

/** Every touchpoint box and pain card on the map that does not lie inside its stage column, as text (empty when all do). */
async function spills(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const inside = (a: DOMRect, b: DOMRect) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5;
    for (const cell of Array.from(document.querySelectorAll<HTMLElement>('.cell[data-cell]'))) {
      const column = cell.getBoundingClientRect();
      if (Math.round(column.width) !== 248) out.push(`${cell.dataset.cell}: column ${column.width}px wide`);
      for (const box of Array.from(cell.querySelectorAll<HTMLElement>('.touchpoint, article[data-pain-id]'))) {
        const r = box.getBoundingClientRect();
        if (!inside(r, column)) out.push(`${box.getAttribute('aria-label')} in ${cell.dataset.cell}: ${Math.round(r.left)}..${Math.round(r.right)} outside ${Math.round(column.left)}..${Math.round(column.right)}`);
      }
    }
    return out;
  });
}

async function boxes(page: Page, selector: string): Promise<(Rect & { id: string })[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-note-id') ?? el.getAttribute('data-pain-id') ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );
}

const overlap = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

test('the journey map keeps boxes in their columns, shows that it scrolls, puts notes on free space and drops an untouched pain point', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const ada = await owner(browser, baseURL!, 'Ada Lovelace');
  const { page, workspaceId } = ada;

  // The sample journey, plus a pain point whose chips are as wide as they get (both offices, in
  // progress, three owners, two KPIs, votes): the card that made its touchpoint 329 px wide.
  const kpis = ((await (await page.request.get(`/api/workspaces/${workspaceId}/kpis`)).json()) as { kpis: { id: string }[] }).kpis;
  const client = new DocClient(baseURL!, ada.cookie, workspaceId, 'journeys');
  await client.synced();
  const { journeyId, stages } = seedSampleJourney(client.doc, { voters: [ada.me, 'v2', 'v3'], author: ada.me, kpiIds: kpis.map((k) => k.id) });
  client.doc.transact(() => {
    const map = client.doc.getMap('journeys').get(journeyId) as import('yjs').Map<unknown>;
    const stageMap = (map.get('stages') as import('yjs').Map<import('yjs').Map<unknown>>).get(stages[2]!)!;
    const checkout = [...(stageMap.get('touchpoints') as import('yjs').Map<import('yjs').Map<unknown>>).entries()].find(([, t]) => t.get('name') === 'Online checkout')![0];
    const wide = addPainPoint(
      client.doc,
      journeyId,
      newPainPointInput(stages[2]!, checkout, 'Payment page times out', { severity: 4, side: 'both', status: 'in-progress', owners: ['cio', 'cmo', 'business'], customersAffected: 12000 }),
    );
    linkKpi(client.doc, journeyId, wide, kpis[0]!.id);
    linkKpi(client.doc, journeyId, wide, kpis[1]!.id);
    castVote(client.doc, journeyId, wide, 'v2');
    castVote(client.doc, journeyId, wide, 'v3');
  });
  await waitForServer(baseURL!, ada.cookie, workspaceId, 'journeys', (doc) => doc.getMap('journeys').has(journeyId));
  client.destroy();

  const cards = page.locator('article[data-pain-id]');
  const scroller = page.locator('.scroller');
  await page.goto(`/w/${workspaceId}/journeys/${journeyId}`);
  await expect(cards).toHaveCount(16, LIVE);

  await test.step('at 1,440 px every touchpoint and card lies inside its 248 px stage column', async () => {
    expect(await spills(page)).toEqual([]);
  });

  await test.step('the map says that it scrolls, and its button brings the hidden stages into view', async () => {
    const after = page.getByTestId('map-scroll-after');
    await expect(after).toBeVisible();
    await expect(after).toHaveText(/^\d+ more stages?$/);
    await snap(page, 'screen-fixes-map-1440');
    await after.click();
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expect(page.getByTestId('map-scroll-before')).toBeVisible();
    await expect(page.getByTestId('map-scroll-after')).toBeHidden();
    await page.getByTestId('map-scroll-before').click();
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBe(0);
  });

  await test.step('at 1,280 px too', async () => {
    await page.setViewportSize(LAPTOP);
    await expect(page.getByTestId('map-scroll-after')).toBeVisible();
    expect(await spills(page)).toEqual([]);
    await snap(page, 'screen-fixes-map-1280');
    await page.setViewportSize(WIDE);
  });

  await test.step('"Note" puts the new note on free space, not over a pain card', async () => {
    const before = new Set((await boxes(page, '[data-note-id]')).map((n) => n.id));
    await page.getByRole('button', { name: 'Note', exact: true }).click();
    await expect(page.locator('[data-note-id]')).toHaveCount(before.size + 1);
    const note = (await boxes(page, '[data-note-id]')).find((n) => !before.has(n.id))!;
    const onTop = (await boxes(page, 'article[data-pain-id]')).filter((card) => overlap(note, card));
    expect(onTop).toEqual([]);
    // And again, with the first new note now taking space too.
    await page.keyboard.press('Escape');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    const known = new Set((await boxes(page, '[data-note-id]')).map((n) => n.id));
    await page.getByRole('button', { name: 'Note', exact: true }).click();
    await expect(page.locator('[data-note-id]')).toHaveCount(known.size + 1);
    const second = (await boxes(page, '[data-note-id]')).find((n) => !known.has(n.id))!;
    expect((await boxes(page, 'article[data-pain-id]')).filter((card) => overlap(second, card))).toEqual([]);
    expect(overlap(second, note)).toBe(false);
  });

  await test.step('"+ Pain point" closed untouched leaves nothing behind, here or on the server', async () => {
    const count = await cards.count();
    const panel = page.getByRole('complementary', { name: 'Pain point' });

    await page.getByRole('button', { name: 'Pain point', exact: true }).click();
    await expect(panel.getByLabel('Title')).toHaveValue('New pain point');
    await expect(cards).toHaveCount(count + 1);
    await panel.getByRole('button', { name: 'Close the pain point' }).click();
    await expect(panel).toBeHidden();
    await expect(cards).toHaveCount(count);
    await expect(page.getByRole('article', { name: 'New pain point' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Add a pain point to Discover' }).click();
    await expect(panel.getByLabel('Title')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(cards).toHaveCount(count);

    // Named before closing: it stays (the title typed is committed as the panel closes).
    await page.getByRole('button', { name: 'Add a pain point to Discover' }).click();
    await panel.getByLabel('Title').fill('Router arrives after the engineer');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('article', { name: 'Router arrives after the engineer' })).toBeVisible();
    await expect(cards).toHaveCount(count + 1);

    await page.reload();
    await expect(cards).toHaveCount(count + 1, LIVE);
    await expect(page.getByRole('article', { name: 'New pain point' })).toHaveCount(0);
    const stored = ((await (await page.request.get(`/api/workspaces/${workspaceId}/export?format=json`)).json()) as {
      journeys: { id: string; painPoints: { title: string }[] }[];
    }).journeys.find((j) => j.id === journeyId)!;
    expect(stored.painPoints.map((p) => p.title)).not.toContain('New pain point');
    expect(stored.painPoints).toHaveLength(count + 1);
  });
  await ada.context.close();
});

test('the board counts KPIs shared across sides, shows which, and calls 2.2 s against 2 s at risk', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const ada = await owner(browser, baseURL!, 'Ada Lovelace');
  const { page, workspaceId } = ada;
  const board = new DocClient(baseURL!, ada.cookie, workspaceId, 'board');
  await board.synced();
  const kpis = readBoard(board.doc);
  const byName = (name: string) => kpis.find((k) => k.name === name)!.id;
  // Six KPIs: two owned within one side (a leader with their own team), one by one seat, three across sides.
  updateKpi(board.doc, byName('Online conversion rate'), { owners: ['cmo', 'marketing'] });
  updateKpi(board.doc, byName('Checkout page load time'), { owners: ['cio', 'it'] });
  updateKpi(board.doc, byName('Self-service rate'), { owners: ['business'] });
  await waitForServer(baseURL!, ada.cookie, workspaceId, 'board', (doc) => readBoard(doc).find((k) => k.name === 'Self-service rate')?.owners.join() === 'business');
  board.destroy();
  const loadTime = await page.request.post(`/api/workspaces/${workspaceId}/kpis/${byName('Checkout page load time')}/values`, { data: { at: '2026-11-01', value: 2.2 } });
  expect(loadTime.status()).toBe(201);
  expect(((await loadTime.json()) as { kpi: { status: string } }).kpi.status).toBe('at-risk');

  await page.goto(`/w/${workspaceId}/board`);
  const gauge = page.locator('section.gauge');
  await expect(gauge).toContainText('3 of 6 KPIs shared across two sides or more', LIVE);
  await expect(gauge).toContainText('(50%)');
  await expect(gauge).toContainText('In the band of the best-run companies');
  await expect(gauge.getByRole('list', { name: 'Which sides share KPIs' })).toContainText('2 within one side, not counted');
  await expect(gauge.locator('[data-sides]')).not.toHaveCount(0);
  const card = page.getByRole('article', { name: /Checkout page load time/ }).first();
  await expect(card).toContainText('At risk');
  await gauge.screenshot({ path: 'e2e/screenshots/screen-fixes-gauge-1440.png' });
  await snap(page, 'screen-fixes-board-1440');
  await page.setViewportSize(LAPTOP);
  await gauge.screenshot({ path: 'e2e/screenshots/screen-fixes-gauge-1280.png' });
  await ada.context.close();
});

test('the members page exports the whole workspace as JSON and Markdown, with progress', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const ada = await owner(browser, baseURL!, 'Ada Lovelace');
  const { page, workspaceId } = ada;
  await page.goto(`/w/${workspaceId}/members`);
  const panel = page.getByRole('region', { name: 'Export the workspace' });
  await expect(panel).toBeVisible(LIVE);

  const json = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download JSON' }).click();
  const jsonFile = await json;
  expect(jsonFile.suggestedFilename()).toMatch(/^troika-acme-leadership-\d{4}-\d{2}-\d{2}\.json$/);
  const body = JSON.parse(readFileSync((await jsonFile.path())!, 'utf8')) as { workspace: { name: string }; board: { kpis: unknown[] } };
  expect(body.workspace.name).toBe('Acme leadership');
  expect(body.board.kpis.length).toBeGreaterThan(0);
  await expect(panel.getByRole('status')).toContainText(/Saved troika-acme-leadership-.*\.json \(\d+ KB\)/);

  const md = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download Markdown' }).click();
  const mdFile = await md;
  expect(mdFile.suggestedFilename()).toMatch(/^troika-acme-leadership-\d{4}-\d{2}-\d{2}\.md$/);
  const text = readFileSync((await mdFile.path())!, 'utf8');
  expect(text).toMatch(/^# Acme leadership\n/);
  expect(text).toContain('## Board');
  await expect(panel.getByRole('status')).toContainText(/Saved troika-acme-leadership-.*\.md/);
  await ada.context.close();
});

test('minutes are dated by the day the meeting was held, in the reader\'s time zone, with money as the board writes it', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const ada = await owner(browser, baseURL!, 'Ada Lovelace', { timezoneId: 'Europe/Paris' });
  const { page, workspaceId } = ada;
  const kpis = ((await (await page.request.get(`/api/workspaces/${workspaceId}/kpis`)).json()) as { kpis: { id: string; name: string }[] }).kpis;
  const cost = kpis.find((k) => k.name === 'Cost per transaction')!;
  expect((await page.request.post(`/api/workspaces/${workspaceId}/kpis/${cost.id}/values`, { data: { at: '2026-11-01', value: 1.2 } })).status()).toBe(201);

  const board = new DocClient(baseURL!, ada.cookie, workspaceId, 'board');
  const meetings = new DocClient(baseURL!, ada.cookie, workspaceId, 'meetings');
  await Promise.all([board.synced(), meetings.synced()]);
  await expect.poll(() => readBoard(board.doc).find((k) => k.id === cost.id)?.values.length ?? 0).toBe(1);
  const people = new Map([[ada.me, 'Ada Lovelace']]);
  // Planned for 4 December, held on the afternoon of the 3rd.
  const early = createMeeting(meetings.doc, { title: 'December troika review', date: '2026-12-04' });
  startMeeting(meetings.doc, early, ada.me, '2026-12-03T15:00:00.000Z');
  endMeeting(meetings.doc, early, { kpis: snapshotKpis(board.doc), people, at: '2026-12-03T15:45:00.000Z' });
  // Planned for 4 December, started at 23:30 UTC on the 3rd: 00:30 on the 4th in Paris.
  const late = createMeeting(meetings.doc, { title: 'Late-night review', date: '2026-12-04' });
  startMeeting(meetings.doc, late, ada.me, '2026-12-03T23:30:00.000Z');
  endMeeting(meetings.doc, late, { kpis: snapshotKpis(board.doc), people, at: '2026-12-04T00:10:00.000Z' });
  await waitForServer(baseURL!, ada.cookie, workspaceId, 'meetings', (doc) => doc.getMap('meetings').has(late));
  board.destroy();
  meetings.destroy();

  await page.goto(`/w/${workspaceId}/meetings/${early}`);
  const when = page.getByTestId('minutes-when');
  await expect(when).toContainText('Held on 3 December 2026', LIVE);
  await expect(when).toContainText('(planned for 4 December 2026)');
  await expect(when).toContainText(/16:00|04:00 PM/); // 15:00 UTC in Paris, in the browser's own clock format
  await expect(page.getByRole('table', { name: 'KPIs as they stood' })).toContainText('€1.20');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Markdown' }).click();
  const md = readFileSync((await (await download).path())!, 'utf8');
  expect(md).toContain('Minutes of the meeting held on 3 December 2026, 16:00 to 16:45 (Europe/Paris) (planned for 4 December 2026).');
  expect(md).toContain('| Cost per transaction | €1.20 (2026-11-01) |');

  await page.goto(`/w/${workspaceId}/meetings/${late}`);
  await expect(when).toContainText('Held on 4 December 2026', LIVE);
  await expect(when).not.toContainText('planned for');
  await ada.context.close();
});

test('the live meeting bar shows the whole title at 1,440 px', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const ada = await owner(browser, baseURL!, 'Ada Lovelace');
  const { page, workspaceId } = ada;
  await page.goto(`/w/${workspaceId}/meetings`);
  await page.getByLabel('Title').fill('Troika meeting, December 2026: budget review');
  await page.getByRole('button', { name: 'Create meeting' }).click();
  await expect(page).toHaveURL(/\/meetings\/[a-z0-9]+/, LIVE);
  await page.getByRole('button', { name: 'Start meeting' }).click();
  const bar = page.getByRole('region', { name: 'Live meeting' });
  await expect(bar).toContainText('You are presenting', LIVE);
  const title = bar.getByRole('link', { name: 'Troika meeting, December 2026: budget review' });
  await expect(title).toBeVisible();
  expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await ada.context.close();
});

test('signed-out pages log no error in the console', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: WIDE });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  for (const path of ['/', '/login', '/signup', '/workspaces']) {
    await page.goto(path);
    await expect(page.getByRole('button', { name: /Sign in|Create account/ })).toBeVisible(LIVE);
  }
  expect(errors).toEqual([]);
  await context.close();
});
