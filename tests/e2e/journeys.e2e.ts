import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { DocClient, cookieHeader, joinWorkspace, seedSampleJourney, waitForServer } from './support/journey-seed';
import { newPerson, signUp } from './support/people';
import { LAPTOP, PHONE, snap } from './support/screenshots';

// Three people in three browsers: Ada (owner, CIO), Bea (editor, CMO), Cem (viewer, business head).
// The machine is small and shared: waits are generous, and nothing here asserts a timing.
const LIVE = { timeout: 20_000 };

/** What a person sees of the map: stage names in order, pain point titles, note texts. */
async function mapSnapshot(page: Page) {
  return page.evaluate(() => ({
    stages: Array.from(document.querySelectorAll<HTMLInputElement>('[data-stage-id] input'), (i) => i.value),
    pains: Array.from(document.querySelectorAll('article[data-pain-id] .title'), (e) => e.textContent?.trim() ?? '').sort(),
    notes: Array.from(document.querySelectorAll('[data-note-id]'), (e) => e.getAttribute('aria-label') ?? '').sort(),
  }));
}

/** The position of a note on the map canvas (its inline left and top). */
async function notePlace(page: Page, text: string): Promise<string> {
  return page.locator('[data-note-id]', { hasText: text }).evaluate((el: HTMLElement) => `${el.style.left} ${el.style.top}`);
}

test('three people build one journey map live, vote, filter and export it', async ({ browser, baseURL }) => {
  // Three browsers on a 2-core machine shared with others: a long scenario.
  test.setTimeout(300_000);
  const ada = newPerson('Ada Lovelace');
  const bea = newPerson('Bea Marketing');
  const cem = newPerson('Cem Business');
  const contextA = await browser.newContext({ baseURL, viewport: LAPTOP, acceptDownloads: true });
  const contextB = await browser.newContext({ baseURL, viewport: LAPTOP });
  const contextC = await browser.newContext({ baseURL, viewport: LAPTOP, acceptDownloads: true });
  const [pageA, pageB, pageC] = await Promise.all([contextA.newPage(), contextB.newPage(), contextC.newPage()]);
  await signUp(pageA, ada);
  await signUp(pageB, bea);
  await signUp(pageC, cem);

  const created = await pageA.request.post('/api/workspaces', { data: { name: 'Acme journeys', seat: 'cio', starter: true } });
  const workspaceId = ((await created.json()) as { id: string }).id;
  await joinWorkspace(pageA.request, pageB.request, workspaceId, 'editor', 'cmo');
  await joinWorkspace(pageA.request, pageC.request, workspaceId, 'viewer', 'business');

  let mapUrl = '';
  await test.step('A creates a journey from the empty list and lands on its map', async () => {
    await pageA.goto(`/w/${workspaceId}/journeys`);
    await expect(pageA.getByRole('heading', { name: 'No journey yet' })).toBeVisible();
    await pageA.getByLabel('Title').fill('Online purchase');
    await pageA.getByLabel('Persona').fill('Busy parent, buys on the phone');
    await pageA.getByRole('button', { name: 'Create journey' }).click();
    await expect(pageA).toHaveURL(/\/journeys\/[a-z0-9]+$/);
    mapUrl = new URL(pageA.url()).pathname;
    await expect(pageA.locator('[data-stage-id]')).toHaveCount(5);
    await expect(pageA.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible(LIVE);
  });

  await test.step('B opens it from the journey list', async () => {
    await pageB.goto(`/w/${workspaceId}/journeys`);
    const card = pageB.getByRole('link', { name: 'Online purchase' });
    await expect(card).toContainText('Busy parent', LIVE);
    await card.click();
    await expect(pageB.locator('[data-stage-id]')).toHaveCount(5, LIVE);
  });

  await test.step('A adds a stage and a pain point; B sees both', async () => {
    await pageA.getByRole('button', { name: 'Stage', exact: true }).click();
    const name = pageA.getByLabel('Stage name').last();
    await expect(name).toBeFocused();
    await name.fill('Come back');
    await name.press('Enter');
    await pageA.getByRole('button', { name: 'Add a pain point to Buy' }).click();
    const panel = pageA.getByRole('complementary', { name: 'Pain point' });
    const title = panel.getByLabel('Title');
    await expect(title).toBeFocused();
    await title.fill('Card declined without a reason');
    await title.press('Enter');
    await panel.getByRole('radio', { name: '5' }).check();
    await panel.getByRole('radio', { name: 'Back office' }).check();
    await panel.getByLabel('Customers affected').fill('3100');
    await panel.getByLabel('Customers affected').press('Enter');
    await panel.getByRole('button', { name: 'CIO' }).click();
    const link = panel.getByLabel('Link a KPI');
    await expect(link.locator('option', { hasText: 'Online conversion rate' })).toHaveCount(1, LIVE);
    await link.selectOption((await link.locator('option', { hasText: 'Online conversion rate' }).getAttribute('value'))!);
    await expect(panel.getByRole('listitem').filter({ hasText: 'Online conversion rate' })).toContainText('No data');
    await panel.getByRole('button', { name: 'Close the pain point' }).click();

    await expect(pageB.getByLabel('Stage name').last()).toHaveValue('Come back', LIVE);
    const card = pageB.getByRole('article', { name: 'Card declined without a reason' });
    await expect(card).toHaveAttribute('data-severity', '5', LIVE);
    await expect(card).toHaveAttribute('data-side', 'back');
    await expect(card).toContainText('KPI 1');
  });

  await test.step('A adds a touchpoint: a Website lane appears for both', async () => {
    await pageA.getByRole('button', { name: 'Add a touchpoint to Buy' }).click();
    const dialog = pageA.getByRole('dialog', { name: 'New touchpoint in Buy' });
    await dialog.getByLabel('Name').fill('Checkout page');
    await dialog.getByLabel('Channel').selectOption('web');
    await dialog.getByRole('button', { name: 'Add touchpoint' }).click();
    await expect(pageB.locator('[data-lane="channel:web"]')).toContainText('Website', LIVE);
    await expect(pageB.getByRole('region', { name: 'Touchpoint Checkout page' })).toBeVisible();
  });

  await test.step('B writes a sticky note and drags it to another stage; A sees it move', async () => {
    await pageB.getByRole('button', { name: 'Note', exact: true }).click();
    const text = pageB.getByLabel('Note text');
    await expect(text).toBeFocused();
    await text.fill('Ask the bank about declines');
    await text.press('Escape');
    await expect(pageA.locator('[data-note-id]', { hasText: 'Ask the bank about declines' })).toBeVisible(LIVE);
    const before = await notePlace(pageB, 'Ask the bank');
    const grip = pageB.locator('[data-note-id]', { hasText: 'Ask the bank' }).getByRole('button', { name: /Move note/ });
    const box = (await grip.boundingBox())!;
    await pageB.mouse.move(box.x + 20, box.y + box.height / 2);
    await pageB.mouse.down();
    await pageB.mouse.move(box.x + 150, box.y + 60, { steps: 8 });
    await pageB.mouse.move(box.x + 280, box.y + 90, { steps: 8 });
    await pageB.mouse.up();
    await expect.poll(() => notePlace(pageB, 'Ask the bank'), LIVE).not.toBe(before);
    const after = await notePlace(pageB, 'Ask the bank');
    await expect.poll(() => notePlace(pageA, 'Ask the bank'), LIVE).toBe(after);
  });

  await test.step('B votes; A sees the vote and B sees a vote fewer left', async () => {
    const vote = pageB.getByRole('article', { name: 'Card declined without a reason' }).getByRole('button', { name: /vote for/i });
    await vote.click();
    await expect(vote).toHaveAttribute('aria-pressed', 'true');
    await expect(pageB.getByText('You have 4 of 5 votes left', { exact: false })).toBeVisible();
    await expect(pageA.getByRole('article', { name: 'Card declined without a reason' }).getByRole('button', { name: /^1 vote\./ })).toBeVisible(LIVE);
  });

  await test.step('everyone sees the same map, and the others\' cursors with name and seat', async () => {
    await pageC.goto(mapUrl);
    await expect(pageC.locator('[data-stage-id]')).toHaveCount(6, LIVE);
    const a = await mapSnapshot(pageA);
    expect(a.stages).toEqual(['Discover', 'Consider', 'Buy', 'Use', 'Get support', 'Come back']);
    await expect.poll(() => mapSnapshot(pageB), LIVE).toEqual(a);
    await expect.poll(() => mapSnapshot(pageC), LIVE).toEqual(a);

    const map = pageB.locator('.scroller');
    const box = (await map.boundingBox())!;
    await pageB.mouse.move(box.x + 400, box.y + 300, { steps: 4 });
    await pageB.mouse.move(box.x + 420, box.y + 320, { steps: 4 });
    // Cursors are drawn on a canvas; it names the ones on screen.
    await expect(pageA.locator('canvas.cursors')).toHaveAttribute('data-drawn', /Bea Marketing · CMO/, LIVE);
    await expect(pageA.getByRole('list', { name: 'People on this map' }).getByText('Bea Marketing')).toBeAttached();
  });

  await test.step('filters fade the map and shorten the prioritised list', async () => {
    await pageA.getByRole('button', { name: 'Add a pain point to Discover' }).click();
    const panel = pageA.getByRole('complementary', { name: 'Pain point' });
    await panel.getByLabel('Title').fill('Prices shown without VAT');
    await panel.getByLabel('Title').press('Enter');
    await panel.getByRole('radio', { name: '2' }).check();
    await pageA.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    const declined = pageA.getByRole('article', { name: 'Card declined without a reason' });
    const prices = pageA.getByRole('article', { name: 'Prices shown without VAT' });

    await pageA.getByLabel('Side', { exact: true }).selectOption('front');
    await expect(declined).toHaveAttribute('data-dimmed', 'true');
    await expect(prices).not.toHaveAttribute('data-dimmed', 'true');
    await pageA.getByLabel('Side', { exact: true }).selectOption('');
    await pageA.getByLabel('Minimum severity', { exact: true }).selectOption('4');
    await expect(prices).toHaveAttribute('data-dimmed', 'true');
    await expect(declined).not.toHaveAttribute('data-dimmed', 'true');
    await expect(pageA.getByText('1 of 2 pain points match')).toBeVisible();

    await pageA.getByRole('tab', { name: 'Prioritised list' }).click();
    const table = pageA.getByRole('table', { name: 'Pain points by priority' });
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await pageA.getByLabel('Minimum severity', { exact: true }).selectOption('1');
    await pageA.getByLabel('Owner', { exact: true }).selectOption('cio');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await pageA.getByRole('button', { name: 'Clear filters' }).click();
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(table.locator('tbody tr').first()).toContainText('Card declined without a reason');
    await expect(table.locator('tbody tr').first()).toContainText('Online conversion rate');
    await pageA.getByRole('tab', { name: 'Map' }).click();
  });

  await test.step('undo takes back A\'s own last change only', async () => {
    await pageA.getByRole('article', { name: 'Prices shown without VAT' }).getByRole('button').first().click();
    const panel = pageA.getByRole('complementary', { name: 'Pain point' });
    await panel.getByRole('radio', { name: '4' }).check();
    await expect(pageB.getByRole('article', { name: 'Prices shown without VAT' })).toHaveAttribute('data-severity', '4', LIVE);
    await pageA.keyboard.press('Escape');
    await pageA.keyboard.press('Control+z');
    await expect(pageB.getByRole('article', { name: 'Prices shown without VAT' })).toHaveAttribute('data-severity', '2', LIVE);
    await expect(pageA.getByRole('article', { name: 'Card declined without a reason' })).toBeVisible();
  });

  await test.step('the viewer sees everything but cannot change it', async () => {
    await expect(pageC.getByText('View only')).toBeVisible();
    await expect(pageC.getByRole('button', { name: 'Stage', exact: true })).toHaveCount(0);
    await expect(pageC.getByRole('button', { name: /Add a pain point/ })).toHaveCount(0);
    await expect(pageC.getByRole('article', { name: 'Card declined without a reason' }).getByRole('button', { name: /Vote for/ })).toBeDisabled();
    await expect(pageC.getByLabel('Stage name').first()).toHaveAttribute('readonly', '');
    await expect(pageC.getByRole('button', { name: /Move note/ })).toBeDisabled();
    await pageC.getByRole('article', { name: 'Card declined without a reason' }).getByRole('button').first().click();
    const panel = pageC.getByRole('complementary', { name: 'Pain point' });
    await expect(panel.getByRole('radio', { name: '5' })).toBeDisabled();
    await expect(panel.getByRole('button', { name: 'Delete pain point' })).toHaveCount(0);
    await pageC.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  });

  await test.step('the export matches the map: downloads and the workspace API', async () => {
    const shown = await mapSnapshot(pageA);
    const [json] = await Promise.all([pageA.waitForEvent('download'), pageA.getByRole('button', { name: 'JSON' }).click()]);
    expect(json.suggestedFilename()).toBe('journey-online-purchase.json');
    const data = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(data.stages.map((s: { name: string }) => s.name)).toEqual(shown.stages);
    expect(data.painPoints.map((p: { title: string }) => p.title).sort()).toEqual(shown.pains);
    expect(data.painPoints[0]).toMatchObject({ title: 'Card declined without a reason', severity: 5, side: 'back', votes: 1, customersAffected: 3100, owners: ['cio'], stage: 'Buy' });
    expect(data.painPoints[0].kpis[0]).toMatchObject({ name: 'Online conversion rate', status: 'no-data' });
    expect(data.notes).toEqual([expect.objectContaining({ text: 'Ask the bank about declines', authorName: 'Bea Marketing' })]);

    const [md] = await Promise.all([pageC.waitForEvent('download'), pageC.getByRole('button', { name: 'Markdown' }).click()]);
    const markdown = readFileSync((await md.path())!, 'utf8');
    expect(markdown).toMatch(/^# Online purchase\n/);
    expect(markdown).toContain('| 1 | Card declined without a reason | Buy | – | 5 | 3,100 | 1 | Back office | CIO | Open | Online conversion rate (no-data) |');

    const api = await pageC.request.get(`/api/workspaces/${workspaceId}/export?format=json`);
    expect(api.status()).toBe(200);
    const all = await api.json();
    expect(all.journeys.map((j: { title: string }) => j.title)).toEqual(['Online purchase']);
    expect(all.journeys[0].painPoints.map((p: { title: string }) => p.title)).toEqual(data.painPoints.map((p: { title: string }) => p.title));
    const mdApi = await pageC.request.get(`/api/workspaces/${workspaceId}/export?format=md`);
    expect(mdApi.headers()['content-disposition']).toMatch(/attachment; filename="troika-acme-journeys-/);
  });

  await test.step('screenshots of a populated map, with a colleague\'s cursor', async () => {
    const cookie = cookieHeader(await contextA.cookies());
    const me = ((await (await pageA.request.get('/api/me')).json()) as { user: { id: string } }).user.id;
    const kpis = ((await (await pageA.request.get(`/api/workspaces/${workspaceId}/kpis`)).json()) as { kpis: { id: string }[] }).kpis;
    const client = new DocClient(baseURL!, cookie, workspaceId, 'journeys');
    await client.synced();
    const { journeyId } = seedSampleJourney(client.doc, { voters: [me, 'v2', 'v3'], author: me, kpiIds: kpis.map((k) => k.id) });
    await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => doc.getMap('journeys').has(journeyId));
    client.destroy();

    await pageA.goto(`/w/${workspaceId}/journeys`);
    await expect(pageA.getByRole('link', { name: 'Switching broadband' })).toBeVisible(LIVE);
    await snap(pageA, 'journeys-laptop');

    await pageA.goto(`/w/${workspaceId}/journeys/${journeyId}`);
    await pageB.goto(`/w/${workspaceId}/journeys/${journeyId}`);
    await expect(pageA.locator('article[data-pain-id]')).toHaveCount(15, LIVE);
    await expect(pageB.locator('article[data-pain-id]')).toHaveCount(15, LIVE);
    const box = (await pageB.locator('.scroller').boundingBox())!;
    await pageB.mouse.move(box.x + 640, box.y + 330, { steps: 5 });
    await expect(pageA.locator('canvas.cursors')).toHaveAttribute('data-drawn', /Bea Marketing/, LIVE);
    await snap(pageA, 'journey-map-laptop');

    await pageA.getByRole('article', { name: 'Address lookup fails for new buildings' }).getByRole('button').first().click();
    await expect(pageA.getByRole('complementary', { name: 'Pain point' })).toBeVisible();
    await snap(pageA, 'journey-panel-laptop');
    await pageA.keyboard.press('Escape');
    await pageA.getByRole('tab', { name: 'Prioritised list' }).click();
    await snap(pageA, 'journey-priorities-laptop');

    const phone = await browser.newContext({ baseURL, viewport: PHONE, storageState: await contextA.storageState() });
    const phonePage = await phone.newPage();
    await phonePage.goto(`/w/${workspaceId}/journeys/${journeyId}`);
    await expect(phonePage.locator('article[data-pain-id]')).toHaveCount(15, LIVE);
    await snap(phonePage, 'journey-map-phone');
    await phone.close();
  });

  await Promise.all([contextA.close(), contextB.close(), contextC.close()]);
});
