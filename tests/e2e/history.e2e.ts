import type { Browser, Locator, Page } from '@playwright/test';
import { addPainPoint, addStage, createJourney, newPainPointInput, updatePainPoint } from '@troika/model';
import { expectAccessible } from './support/axe';
import { expect, test } from './support/fixtures';
import { cookieHeader, DocClient, waitForServer } from './support/journey-seed';
import { newPerson, signUp, type Person } from './support/people';
import { snap } from './support/screenshots';
import { createWorkspace, invite } from './support/workspace-api';

// Uncaught errors in any page: an exception in an effect stops Svelte's updates while the test may still pass.
const pageErrors: string[] = [];
test.beforeEach(() => void (pageErrors.length = 0));
test.afterEach(() => expect(pageErrors).toEqual([]));

async function personOnPage(browser: Browser, baseURL: string | undefined, person: Person): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  context.on('weberror', (error) => pageErrors.push(`${person.name}: ${error.error().message}`));
  const page = await context.newPage();
  await signUp(page, person);
  return page;
}

const card = (page: Page, name: string) => page.getByRole('article', { name });
const kpiPanel = (page: Page, name: string) => page.getByRole('complementary', { name });
const history = (page: Page) => page.getByRole('dialog', { name: 'History' });
const versionView = (page: Page) => history(page).locator('[data-version-view]');
const row = (page: Page, name: string) => versionView(page).locator('li[data-entry]').filter({ has: page.getByText(name, { exact: true }) });
/** The rows of an object's History section, newest first (each a period where it changed). */
const changeRows = (section: Locator) => section.getByRole('list', { name: /^Changes to this .+, newest first$/ }).locator(':scope > li');

async function nameVersion(page: Page, workspaceId: string, name: string): Promise<void> {
  await page.goto(`/w/${workspaceId}/board`);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.keyboard.press('h');
  await history(page).getByLabel('Name this version').fill(name);
  await history(page).getByRole('button', { name: 'Name this version' }).click();
  await expect(history(page).getByRole('button', { name: new RegExp(`^${name}`) })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(history(page)).toBeHidden();
}

async function setTarget(page: Page, workspaceId: string, name: string, target: string): Promise<void> {
  await page.goto(`/w/${workspaceId}/board`);
  await card(page, name).getByRole('link').click();
  await expect(kpiPanel(page, name)).toBeVisible();
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: 'Edit KPI' });
  await dialog.getByLabel('Target').fill(target);
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(card(page, name)).toContainText(`Target ${target}%`);
}

test('history: a named version, what differs from it, a restore of one KPI while another is edited, undo, and what viewers see', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const ada = await personOnPage(browser, baseURL, newPerson('Ada Lovelace'));
  const bea = await personOnPage(browser, baseURL, newPerson('Bea Marketing'));
  const vic = await personOnPage(browser, baseURL, newPerson('Vic Viewer'));
  const workspaceId = await createWorkspace(ada, 'History troika', 'cio', true);
  await invite(ada, bea, workspaceId, 'editor', 'cmo');
  await invite(ada, vic, workspaceId, 'viewer', 'business');
  const RESTORED = 'Self-service rate';
  const KEPT = 'Online conversion rate';

  await test.step('A sets a target, opens History with h and names this version', async () => {
    await setTarget(ada, workspaceId, RESTORED, '40');
    await ada.goto(`/w/${workspaceId}/board`);
    await expect(ada.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await ada.keyboard.press('h');
    await expect(history(ada)).toBeVisible();
    await expect(history(ada).getByRole('heading', { name: 'History' })).toBeFocused();
    await history(ada).getByLabel('Name this version').fill('Before the Q3 review');
    await history(ada).getByRole('button', { name: 'Name this version' }).click();
    const newest = history(ada).getByRole('list', { name: 'Versions, newest first' }).getByRole('listitem').first();
    await expect(newest).toContainText('Before the Q3 review');
    await expect(newest).toContainText('Edited by you');
    await expectAccessible(ada, 'the board history panel');
    await snap(ada, 'history-panel-1440');
    await ada.keyboard.press('Escape');
    await expect(history(ada)).toBeHidden();
    await expect(ada.getByRole('button', { name: 'History' })).toBeFocused();
  });

  await test.step('A raises the target from 40 to 45', async () => {
    await setTarget(ada, workspaceId, RESTORED, '45');
  });

  await test.step('B opens History, picks the version: the board as it was, read-only, the difference marked with who made it', async () => {
    await bea.goto(`/w/${workspaceId}/board`);
    await expect(card(bea, RESTORED)).toContainText('Target 45%');
    await bea.getByRole('button', { name: 'History' }).click();
    await history(bea).getByRole('button', { name: /^Before the Q3 review/ }).click();
    await expect(history(bea).getByRole('heading', { name: /^Viewing version of .+ — read-only$/ })).toBeFocused();
    await expect(row(bea, RESTORED)).toHaveAttribute('data-change', 'changed');
    await expect(row(bea, RESTORED)).toContainText('Changed since');
    await expect(row(bea, RESTORED)).toContainText('target 40 → 45');
    await expect(row(bea, RESTORED)).toContainText('Ada Lovelace');
    await expect(row(bea, KEPT)).toHaveAttribute('data-change', 'same');
    await expect(versionView(bea).getByRole('status')).toHaveText('1 entry differs from now.');
    await expectAccessible(bea, 'a version of the board, read-only');
    await snap(bea, 'history-version-1440');
    await bea.setViewportSize({ width: 1280, height: 800 });
    await snap(bea, 'history-version-1280');
    await bea.keyboard.press('Escape');
    await expect(versionView(bea)).toHaveCount(0);
    await expect(history(bea).getByRole('button', { name: /^Before the Q3 review/ })).toBeFocused();
    await bea.keyboard.press('Escape');
    await expect(history(bea)).toBeHidden();
  });

  await test.step('A names a second version, then B raises the target from 45 to 50', async () => {
    await nameVersion(ada, workspaceId, 'After the first raise');
    await setTarget(bea, workspaceId, RESTORED, '50');
  });

  await test.step("the KPI's own History section lists each change in turn, newest first, with its editor's name", async () => {
    await card(bea, RESTORED).getByRole('link').click();
    const section = kpiPanel(bea, RESTORED).locator('[data-entry-history]');
    await section.getByRole('button', { name: 'Show changes' }).click();
    const rows = changeRows(section);
    await expect(rows.nth(0)).toContainText('target 45 → 50');
    await expect(rows.nth(0)).toContainText('By you');
    await expect(rows.nth(1)).toContainText('target 40 → 45');
    await expect(rows.nth(1)).toContainText('By Ada Lovelace');
    await expect(rows.nth(0).getByRole('button', { name: 'Restore this KPI as of After the first raise' })).toBeVisible();
    await expect(rows.nth(1).getByRole('button', { name: 'Restore this KPI as of Before the Q3 review' })).toBeVisible();
    await expect(section.getByRole('status').filter({ hasText: /periods read/ })).toHaveCount(0);
    await expectAccessible(bea, "a KPI's History section");
    await section.scrollIntoViewIfNeeded();
    await bea.screenshot({ path: 'e2e/screenshots/history-kpi-section-1280.png' });

    // A viewer reads the same two rows, each with its editor's name, and no restore.
    await vic.goto(`/w/${workspaceId}/board`);
    await card(vic, RESTORED).getByRole('link').click();
    const seen = kpiPanel(vic, RESTORED).locator('[data-entry-history]');
    await seen.getByRole('button', { name: 'Show changes' }).click();
    await expect(changeRows(seen).nth(0)).toContainText('target 45 → 50');
    await expect(changeRows(seen).nth(0)).toContainText('By Bea Marketing');
    await expect(changeRows(seen).nth(1)).toContainText('target 40 → 45');
    await expect(changeRows(seen).nth(1)).toContainText('By Ada Lovelace');
    await expect(seen.getByRole('button', { name: /Restore/ })).toHaveCount(0);
    await vic.setViewportSize({ width: 1440, height: 900 });
    await seen.scrollIntoViewIfNeeded();
    await vic.screenshot({ path: 'e2e/screenshots/history-kpi-section-1440.png' });
  });

  await test.step('A restores that KPI while B edits another one; both see the same board', async () => {
    await ada.goto(`/w/${workspaceId}/board`);
    await ada.getByRole('button', { name: 'History' }).click();
    await history(ada).getByRole('button', { name: /^Before the Q3 review/ }).click();
    await row(ada, RESTORED).getByRole('button', { name: `Restore this one: ${RESTORED}` }).click();
    const confirm = ada.getByRole('dialog', { name: `Restore KPI “${RESTORED}”?` });
    await expect(confirm.getByRole('list', { name: 'What will change' })).toContainText(`${RESTORED}: target 50 → 40`);

    // B has the edit form of another KPI open and saves it while A confirms.
    await bea.goto(`/w/${workspaceId}/board`);
    await card(bea, KEPT).getByRole('link').click();
    await expect(kpiPanel(bea, KEPT)).toBeVisible();
    await bea.keyboard.press('e');
    const form = bea.getByRole('dialog', { name: 'Edit KPI' });
    await form.getByLabel('Target').fill('4.2');
    await Promise.all([confirm.getByRole('button', { name: 'Restore' }).click(), form.getByRole('button', { name: 'Save changes' }).click()]);

    for (const page of [ada, bea]) {
      await expect(card(page, RESTORED)).toContainText('Target 40%');
      await expect(card(page, KEPT)).toContainText('Target 4.2%');
    }
    await expect(row(ada, RESTORED)).toHaveAttribute('data-change', 'same');
  });

  await test.step('"Undo restore" puts back what the restore changed, and B sees it', async () => {
    await history(ada).getByRole('button', { name: 'Undo restore' }).click();
    await expect(card(bea, RESTORED)).toContainText('Target 50%');
    await expect(card(bea, KEPT)).toContainText('Target 4.2%');
    await ada.keyboard.press('Escape');
    await ada.keyboard.press('Escape');
    await expect(history(ada)).toBeHidden();
  });

  await test.step('a viewer sees the history and the differences, and no way to name or restore', async () => {
    await vic.goto(`/w/${workspaceId}/board`);
    await expect(card(vic, RESTORED)).toContainText('Target 50%');
    await vic.keyboard.press('h');
    await expect(history(vic).getByRole('button', { name: /^Before the Q3 review/ })).toBeVisible();
    await expect(history(vic).getByLabel('Name this version')).toHaveCount(0);
    await history(vic).getByRole('button', { name: /^Before the Q3 review/ }).click();
    await expect(row(vic, KEPT)).toContainText('Bea Marketing');
    await expect(versionView(vic).getByRole('button', { name: /Restore/ })).toHaveCount(0);
    await vic.keyboard.press('Escape');
    await vic.keyboard.press('Escape');
    await card(vic, RESTORED).getByRole('link').click();
    const section = kpiPanel(vic, RESTORED).locator('[data-entry-history]');
    await section.getByRole('button', { name: 'Show changes' }).click();
    await expect(changeRows(section).first()).toBeVisible();
    await expect(section.getByRole('button', { name: /Restore/ })).toHaveCount(0);
    // A KPI nobody edited: the section says so, back to the oldest version it read.
    await card(vic, 'Cost per transaction').getByRole('link').click();
    const untouched = kpiPanel(vic, 'Cost per transaction').locator('[data-entry-history]');
    // The server failing a period: the section says so and reads again on "Try again".
    await vic.route('**/changes?**', (route) => route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'Down for a moment' } } }));
    await untouched.getByRole('button', { name: 'Show changes' }).click();
    await expect(untouched.getByRole('alert')).toBeVisible();
    await vic.unroute('**/changes?**');
    await untouched.getByRole('button', { name: 'Try again' }).click();
    await expect(untouched.getByRole('alert')).toHaveCount(0);
    await expect(untouched.getByRole('status').filter({ hasText: /^No changes recorded since .+\.$/ })).toBeVisible();
    await expect(changeRows(untouched)).toHaveCount(0);
    await expectAccessible(vic, "a KPI's History section without changes");
  });

  await test.step('offline, the panel says history needs the connection', async () => {
    await vic.goto(`/w/${workspaceId}/glossary`);
    await expect(vic.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await vic.context().setOffline(true);
    await vic.keyboard.press('h');
    await expect(history(vic).getByText('You are offline. History is kept on the server')).toBeVisible();
    await expect(history(vic).getByRole('alert')).toContainText('History needs the connection');
    await expectAccessible(vic, 'the history panel offline');
    await vic.context().setOffline(false);
  });

  await test.step("B restores one KPI from its own History section, and undoes it there", async () => {
    await bea.goto(`/w/${workspaceId}/board`);
    await card(bea, KEPT).getByRole('link').click();
    const section = kpiPanel(bea, KEPT).locator('[data-entry-history]');
    await section.getByRole('button', { name: 'Show changes' }).click();
    // B's edit raced A's restore: its row starts at the version before that restore or at the named one.
    const edit = changeRows(section).filter({ hasText: 'target 3.5 → 4.2' });
    await expect(edit).toContainText('By you');
    await edit.getByRole('button', { name: /^Restore this KPI as of / }).click();
    const confirm = bea.getByRole('dialog', { name: 'Restore this KPI?' });
    await expect(confirm.getByRole('list', { name: 'What will change' })).toContainText(`${KEPT}: target 4.2 → 3.5`);
    await confirm.getByRole('button', { name: 'Restore KPI' }).click();
    await expect(card(ada, KEPT)).toContainText('Target 3.5%');
    await expect(changeRows(section).first()).toContainText('target 4.2 → 3.5');
    await section.getByRole('button', { name: 'Undo restore' }).click();
    await expect(card(ada, KEPT)).toContainText('Target 4.2%');
    await expect(card(ada, RESTORED)).toContainText('Target 50%');
  });

  for (const page of [ada, bea, vic]) await page.context().close();
});

test("a journey's History: a pain point resolved since a version, the journey restored, the pain point's own History; the glossary's panel", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const page = await personOnPage(browser, baseURL, newPerson('Jo Journey'));
  const workspaceId = await createWorkspace(page, 'Journey history', 'cmo', false);
  const cookie = cookieHeader(await page.context().cookies());
  const client = new DocClient(baseURL!, cookie, workspaceId, 'journeys');
  await client.synced();
  const journeyId = createJourney(client.doc, { title: 'Buying online', persona: 'First-time buyer' });
  const stageId = addStage(client.doc, journeyId, { name: 'Checkout', emotion: -1 });
  const painId = addPainPoint(client.doc, journeyId, newPainPointInput(stageId, null, 'Slow checkout'));
  await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => doc.getMap('journeys').has(journeyId));

  await test.step('the journey is named as it is, then the pain point is resolved (by a program, as this person)', async () => {
    await page.goto(`/w/${workspaceId}/journeys/${journeyId}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'History' }).click();
    await expect(history(page).getByText('of this journey')).toBeVisible();
    await history(page).getByLabel('Name this version').fill('Before the workshop');
    await history(page).getByRole('button', { name: 'Name this version' }).click();
    await expect(history(page).getByRole('button', { name: /^Before the workshop/ })).toBeVisible();
    await page.keyboard.press('Escape');
    updatePainPoint(client.doc, journeyId, painId, { status: 'resolved' });
    await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => JSON.stringify(doc.getMap('journeys').toJSON()).includes('resolved'));
  });

  await test.step('the version shows the journey as it was, the pain point marked, and restoring the journey brings it back', async () => {
    await page.keyboard.press('h');
    await history(page).getByRole('button', { name: /^Before the workshop/ }).click();
    await expect(row(page, 'Slow checkout')).toHaveAttribute('data-change', 'changed');
    await expect(row(page, 'Slow checkout')).toContainText('status open → resolved');
    await expect(row(page, 'Slow checkout')).toContainText('By you');
    await expectAccessible(page, "a version of a journey");
    await snap(page, 'history-journey-version-1440');
    await versionView(page).getByRole('button', { name: 'Restore this journey as of this version' }).click();
    const confirm = page.getByRole('dialog', { name: 'Restore this journey?' });
    await expect(confirm.getByRole('list', { name: 'What will change' })).toContainText('Slow checkout: status resolved → open');
    await confirm.getByRole('button', { name: 'Restore' }).click();
    await expect(versionView(page).getByRole('status')).toHaveText('Nothing differs from now: this journey is as it was.');
    await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => !JSON.stringify(doc.getMap('journeys').toJSON()).includes('resolved'));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(history(page)).toBeHidden();
  });

  await test.step("the pain point's History section: resolved, then open again by the restore, newest first", async () => {
    await page.goto(`/w/${workspaceId}/journeys/${journeyId}?pain=${painId}`);
    const section = page.locator(`[data-pain-id="${painId}"] [data-entry-history]`);
    await section.getByRole('button', { name: 'Show changes' }).click();
    await expect(changeRows(section).nth(0)).toContainText('status resolved → open');
    await expect(changeRows(section).nth(1)).toContainText('status open → resolved');
    await expect(changeRows(section).nth(1).getByRole('button', { name: 'Restore this pain point as of Before the workshop' })).toBeVisible();
    await expectAccessible(page, "a pain point's History section");
    // Renamed elsewhere (a program) while the section is open: its newest period follows, unasked.
    updatePainPoint(client.doc, journeyId, painId, { title: 'Slow checkout page' });
    await expect(changeRows(section).nth(0)).toContainText('Slow checkout page');
    await expect(changeRows(section).nth(0)).toContainText('status resolved → open');
    await expect(changeRows(section)).toHaveCount(2);
    await section.scrollIntoViewIfNeeded();
    await snap(page, 'history-pain-section-live-1440');
    await page.setViewportSize({ width: 1280, height: 800 });
    await section.scrollIntoViewIfNeeded();
    await snap(page, 'history-pain-section-live-1280');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  await test.step('the glossary has its History panel too, listed in the keyboard help', async () => {
    await page.goto(`/w/${workspaceId}/glossary`);
    await expect(page.getByRole('heading', { name: 'No terms yet' })).toBeVisible();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('History of the glossary: versions, what changed, restore')).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('h');
    await expect(history(page).getByText('of the glossary')).toBeVisible();
    await expect(history(page).getByRole('list', { name: 'Versions, newest first' }).or(history(page).getByText('No versions yet'))).toBeVisible();
    await expectAccessible(page, 'the glossary history panel');
  });

  await test.step('the meetings have their History panel: an empty section as it was', async () => {
    await page.goto(`/w/${workspaceId}/meetings`);
    await expect(page.getByRole('heading', { name: 'No meeting yet' })).toBeVisible();
    await page.keyboard.press('h');
    await history(page).getByLabel('Name this version').fill('Before planning');
    await history(page).getByRole('button', { name: 'Name this version' }).click();
    await history(page).getByRole('button', { name: /^Before planning/ }).click();
    await expect(versionView(page)).toContainText('Empty in this version.');
  });

  client.destroy();
  await page.context().close();
});
