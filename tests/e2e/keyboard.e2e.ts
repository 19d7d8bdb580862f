import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from '@playwright/test';
import { addAgendaItem, createMeeting } from '@troika/model';
import { expect, test } from './support/fixtures';
import { cookieHeader, DocClient, seedSampleJourney, waitForServer } from './support/journey-seed';
import { expectFocusInside, expectFocusOn, expectVisibleFocus, tabTo } from './support/keyboard';
import { newPerson, signUp } from './support/people';
import { LAPTOP } from './support/screenshots';

const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

/**
 * Every flow with the keyboard alone: only page.keyboard moves focus and acts (Tab, Shift+Tab, Enter,
 * Space, Escape, arrows, the app's shortcuts); set-up that is not the flow goes through the API. Each Tab
 * stop must show where focus is; dialogs and panels take focus when they open and give it back on Escape.
 */

async function personWithWorkspace(browser: Browser, baseURL: string | undefined, name: string): Promise<{ page: Page; workspaceId: string }> {
  const context = await browser.newContext({ baseURL, viewport: LAPTOP });
  const page = await context.newPage();
  await signUp(page, newPerson(name));
  const created = await page.request.post('/api/workspaces', { data: { name: `${name}'s workspace`, seat: 'cio', starter: true } });
  expect(created.ok()).toBe(true);
  return { page, workspaceId: ((await created.json()) as { id: string }).id };
}

test('sign up and create a workspace with the keyboard alone', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: LAPTOP });
  const page = await context.newPage();
  const person = newPerson('Kim Keys');
  await page.goto('/signup');
  await tabTo(page, page.getByLabel('Full name'));
  await page.keyboard.type(person.name);
  await tabTo(page, page.getByLabel('Work email'));
  await page.keyboard.type(person.email);
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type(person.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workspaces$/);

  await tabTo(page, page.getByLabel('Workspace name'));
  await page.keyboard.type('Keyboard co');
  await tabTo(page, page.getByLabel('Your seat'));
  // A closed select changes with the arrows.
  await page.keyboard.press('ArrowDown');
  await tabTo(page, page.getByRole('checkbox'));
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox')).not.toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Create workspace' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/w\/[^/]+\/board/);
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  await context.close();
});

test('add a KPI and a value, reorder it and look a term up with the keyboard alone', async ({ browser, baseURL }) => {
  const { page, workspaceId } = await personWithWorkspace(browser, baseURL, 'Kai Keys');
  await page.goto(`/w/${workspaceId}/board`);
  await expect(page.getByRole('article', { name: 'Customer satisfaction' })).toBeVisible();

  await test.step('the new-KPI dialog takes focus, is filled and sent with the keyboard', async () => {
    const opener = page.getByRole('button', { name: 'Add KPI' });
    await tabTo(page, opener);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add a KPI' });
    await expectFocusInside(dialog);
    // Escape closes it and focus goes back to the button that opened it.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expectFocusOn(opener);
    await page.keyboard.press('Enter');
    await expectFocusInside(dialog);
    await tabTo(page, dialog.getByLabel('Name'));
    await page.keyboard.type('Keyboard conversions');
    await tabTo(page, dialog.getByRole('button', { name: /Add KPI|Save/ }));
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  });

  const panel = page.getByRole('complementary').filter({ has: page.getByRole('heading', { name: 'Keyboard conversions' }) });
  await test.step('the new KPI opens in its panel with focus in it; a value is added there', async () => {
    await expect(panel).toBeVisible();
    await expectFocusInside(panel);
    await tabTo(page, panel.getByRole('textbox', { name: /^Value/ }));
    await page.keyboard.type('42');
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('table').getByRole('row')).toHaveCount(2);
    await expect(panel.getByRole('status').filter({ hasText: /Added 42/ })).toHaveCount(1);
  });

  await test.step('Escape closes the panel and focus returns to the KPI', async () => {
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    const link = page.getByRole('article', { name: 'Keyboard conversions' }).getByRole('link', { name: 'Keyboard conversions' });
    await expectFocusOn(link);
  });

  await test.step("the drag-and-drop's keyboard equivalent: the card's handle moves it with the arrows", async () => {
    const section = page.locator('ul.cards').filter({ has: page.getByRole('article', { name: 'Keyboard conversions' }) });
    const names = () => section.locator('article').evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));
    const before = await names();
    const at = before.indexOf('Keyboard conversions');
    expect(at).toBeGreaterThan(0);
    await tabTo(page, page.getByRole('button', { name: 'Move Keyboard conversions' }), { back: true });
    await page.keyboard.press('ArrowUp');
    await expect.poll(names).toEqual([...before.slice(0, at - 1), 'Keyboard conversions', before[at - 1], ...before.slice(at + 1)]);
    await expectFocusOn(page.getByRole('button', { name: 'Move Keyboard conversions' }));
    await expect(page.getByText(/Moved Keyboard conversions to position/)).toBeAttached();
  });

  await test.step('Ctrl+K looks a term up: arrows and Enter open it, Escape closes the palette', async () => {
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog').filter({ has: page.getByRole('combobox') });
    await expectFocusOn(palette.getByRole('combobox'));
    await page.keyboard.type('SLA');
    await expect(palette.getByRole('option').first()).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/glossary/);
    await expect(page.locator('#term-title')).toContainText(/Service level agreement/i);
    // The term's heading takes focus (a reading point, not a control: it draws no ring).
    await expectFocusOn(page.locator('#term-title'));
  });
});

test('add a pain point, vote, and move a sticky note on a journey map with the keyboard alone', async ({ browser, baseURL }) => {
  const { page, workspaceId } = await personWithWorkspace(browser, baseURL, 'Jo Keys');
  const cookie = cookieHeader(await page.context().cookies());
  const client = new DocClient(baseURL!, cookie, workspaceId, 'journeys');
  await client.synced();
  const { journeyId } = seedSampleJourney(client.doc);
  await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => doc.getMap('journeys').has(journeyId));
  client.destroy();
  await page.goto(`/w/${workspaceId}/journeys/${journeyId}`);
  await expect(page.locator('article[data-pain-id]').first()).toBeVisible();

  const panel = page.getByRole('complementary', { name: 'Pain point' });
  await test.step('a skip link jumps over the stages to the first pain card, which opens its panel; Escape gives focus back', async () => {
    const first = page.locator('article[data-pain-id]').first();
    const opener = first.locator('button.open');
    // Stages, their tools and the emotion sliders are some fifty stops: the map's skip link bypasses them.
    const skip = page.getByRole('link', { name: 'Skip to pain points' });
    await tabTo(page, skip);
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expectFocusOn(opener);
    await page.keyboard.press('Enter');
    await expectFocusInside(panel);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expectFocusOn(opener);
  });

  await test.step('"a" adds a pain point with its title focused; Escape closes; its vote is a Tab away', async () => {
    await page.keyboard.press('a');
    await expect(panel).toBeVisible();
    await expectFocusOn(panel.getByLabel('Title'));
    await page.keyboard.type('Nobody answers the chat');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    const card = page.getByRole('article', { name: 'Nobody answers the chat' });
    await expectFocusOn(card.locator('button.open'));
    const vote = card.getByRole('button', { name: /Vote for Nobody answers the chat/ });
    await tabTo(page, vote);
    await page.keyboard.press('Space');
    await expect(card.getByRole('button', { name: /Take back your vote/ })).toHaveAttribute('aria-pressed', 'true');
  });

  await test.step('"n" adds a sticky note to write in; its grip moves it with the arrow keys', async () => {
    const notes = page.locator('[data-note-id]');
    const count = await notes.count();
    await page.keyboard.press('n');
    await expect(notes).toHaveCount(count + 1);
    await expectFocusOn(page.getByRole('textbox', { name: 'Note text' }));
    await page.keyboard.type('Call them back');
    await page.keyboard.press('Escape');
    const note = page.getByRole('group', { name: 'Sticky note: Call them back' });
    await expect(note).toBeVisible();
    const grip = note.getByRole('button', { name: /Move note/ });
    await tabTo(page, grip, { back: true });
    const left = async () => parseFloat((await note.getAttribute('style'))?.match(/left:\s*([\d.]+)px/)?.[1] ?? 'NaN');
    const start = await left();
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(left).toBe(start + 48);
    await expectFocusOn(grip);
    // The move is read out: the note's stage and its place there.
    const stages = 'Discover|Compare offers|Sign up|Installation|First bill|Get support';
    await expect(page.getByText(new RegExp(`^Note moved to (${stages}): -?\\d+ pixels across, \\d+ down$`))).toBeAttached();
  });

  await test.step('the second skip link jumps to the first sticky note', async () => {
    await page.goto(`/w/${workspaceId}/journeys/${journeyId}`);
    await expect(page.locator('[data-note-id]').first()).toBeVisible();
    const skip = page.getByRole('link', { name: 'Skip to sticky notes' });
    await tabTo(page, skip);
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expectFocusOn(page.locator('[data-note-id]').first().getByRole('button', { name: /Move note/ }));
  });
});

test('run a meeting with the keyboard alone: start, reorder and move through the agenda, record a decision, end', async ({ browser, baseURL }) => {
  const { page, workspaceId } = await personWithWorkspace(browser, baseURL, 'Mo Keys');
  const cookie = cookieHeader(await page.context().cookies());
  const client = new DocClient(baseURL!, cookie, workspaceId, 'meetings');
  await client.synced();
  const meetingId = createMeeting(client.doc, { title: 'Keyboard troika', date: '2026-12-10' });
  addAgendaItem(client.doc, meetingId, { title: 'Budget', ref: null, duration: 10 });
  addAgendaItem(client.doc, meetingId, { title: 'Hiring', ref: null, duration: 5 });
  await waitForServer(baseURL!, cookie, workspaceId, 'meetings', (doc) => doc.getMap('meetings').has(meetingId));
  client.destroy();
  await page.goto(`/w/${workspaceId}/meetings/${meetingId}`);
  const agenda = page.getByRole('list', { name: 'Agenda items', exact: true });
  const order = () => agenda.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));
  await expect.poll(order).toEqual(['Budget', 'Hiring']);

  await test.step('the agenda reorders with its move buttons, and focus stays on the moved item', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Move Hiring up' }));
    await page.keyboard.press('Enter');
    await expect.poll(order).toEqual(['Hiring', 'Budget']);
    // First now: its "up" is off, so focus stays on the item with its "down".
    await expectFocusOn(page.getByRole('button', { name: 'Move Hiring down' }));
    await expectVisibleFocus(page);
    await expect(page.getByText('Moved Hiring to position 1 of 2')).toBeAttached();
  });

  await test.step('start the meeting; j moves to the next item', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Start meeting' }), { back: true });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Live meeting' })).toContainText('You are presenting');
    const item = page.getByRole('region', { name: /^Agenda item: / });
    await expect(item).toHaveAttribute('aria-label', 'Agenda item: Hiring');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await expect(item).toHaveAttribute('aria-label', 'Agenda item: Budget');
  });

  await test.step('record a decision', async () => {
    await tabTo(page, page.getByLabel('New decision'));
    await page.keyboard.type('Keep the budget as planned');
    await tabTo(page, page.getByRole('button', { name: 'Record decision' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'Decisions', exact: true }).getByRole('listitem', { name: 'Keep the budget as planned' })).toBeVisible();
  });

  await test.step('end it: the confirmation takes focus and ends the meeting', async () => {
    await tabTo(page, page.getByRole('button', { name: 'End meeting' }), { back: true });
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: 'End the meeting?' });
    await expectFocusInside(confirm);
    await tabTo(page, confirm.getByRole('button', { name: 'End meeting' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Live meeting' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  });
});

/** A picture of the focused control with some of what is around it, for people to look at its ring. */
async function snapFocus(page: Page, name: string, around?: Locator): Promise<void> {
  const box = around
    ? (await around.boundingBox())!
    : await page.evaluate(() => {
        const r = document.activeElement!.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      });
  const pad = 32;
  const size = page.viewportSize()!;
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  await page.screenshot({
    path: `${screenshotDir}/focus-${name}-${size.width}.png`,
    clip: { x, y, width: Math.min(size.width - x, box.width + 2 * pad), height: Math.min(size.height - y, box.height + 2 * pad) },
    animations: 'disabled',
  });
}

test('focus rings on the board, the glossary, a journey map and a meeting, at 1440 and 1280 px', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const { page, workspaceId } = await personWithWorkspace(browser, baseURL, 'Fay Focus');
  const cookie = cookieHeader(await page.context().cookies());
  const journeys = new DocClient(baseURL!, cookie, workspaceId, 'journeys');
  await journeys.synced();
  const { journeyId } = seedSampleJourney(journeys.doc);
  await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => doc.getMap('journeys').has(journeyId));
  journeys.destroy();
  const meetings = new DocClient(baseURL!, cookie, workspaceId, 'meetings');
  await meetings.synced();
  const meetingId = createMeeting(meetings.doc, { title: 'Focus troika', date: '2026-12-10' });
  addAgendaItem(meetings.doc, meetingId, { title: 'Budget', ref: null, duration: 10 });
  addAgendaItem(meetings.doc, meetingId, { title: 'Hiring', ref: null, duration: 5 });
  await waitForServer(baseURL!, cookie, workspaceId, 'meetings', (doc) => doc.getMap('meetings').has(meetingId));
  meetings.destroy();

  for (const width of [1440, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/w/${workspaceId}/board`);
    const card = page.getByRole('article', { name: 'Customer satisfaction' });
    await tabTo(page, card.getByRole('button', { name: /^Move / }), { max: 80 });
    await snapFocus(page, 'board-handle');
    await tabTo(page, card.getByRole('link', { name: 'Customer satisfaction' }));
    // The link's ring is drawn around its whole card.
    await snapFocus(page, 'board-card', card);

    await page.goto(`/w/${workspaceId}/glossary`);
    await tabTo(page, page.getByRole('navigation', { name: 'Terms' }).getByRole('link').first(), { max: 80 });
    await snapFocus(page, 'glossary-term');
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('combobox')).toBeFocused();
    await snapFocus(page, 'glossary-lookup');
    await page.keyboard.press('Escape');

    await page.goto(`/w/${workspaceId}/journeys/${journeyId}`);
    const pain = page.locator('article[data-pain-id]').first();
    // The map's skip link shows where it is when focused, over the stages' header.
    await tabTo(page, page.getByRole('link', { name: 'Skip to pain points' }));
    await snapFocus(page, 'journey-skip');
    await tabTo(page, pain.locator('button.open'), { max: 150 });
    await snapFocus(page, 'journey-pain');
    await tabTo(page, pain.locator('button.vote'));
    await snapFocus(page, 'journey-vote');
    await tabTo(page, page.locator('[data-note-id] button.grip').first(), { max: 150 });
    await snapFocus(page, 'journey-note');

    await page.goto(`/w/${workspaceId}/meetings/${meetingId}`);
    await tabTo(page, page.getByRole('list', { name: 'Agenda items', exact: true }).getByRole('link').first(), { max: 80 });
    await snapFocus(page, 'meeting-agenda');
    await tabTo(page, page.getByRole('button', { name: 'Move Budget down' }));
    await snapFocus(page, 'meeting-move');
    await tabTo(page, page.getByRole('button', { name: 'Start meeting' }), { back: true, max: 80 });
    await snapFocus(page, 'meeting-start');
  }
});
