import type { Browser, Page } from '@playwright/test';
import { addAgendaItem, addNote, addPainPoint, addStage, createJourney, createMeeting, deleteNote, newPainPointInput } from '@troika/model';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectAccessible } from './support/axe';
import { expect, test } from './support/fixtures';
import { cookieHeader, DocClient, waitForServer } from './support/journey-seed';
import { newPerson, signUp, type Person } from './support/people';
import { snap } from './support/screenshots';
import { createWorkspace, invite, kpis } from './support/workspace-api';

// Conversations beyond the first scenario (conversations.e2e.ts): sticky notes and journeys, names in
// All conversations, webhooks on the Members page against a real receiver, and each workspace's bell.

async function personOnPage(browser: Browser, baseURL: string | undefined, person: Person): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } })).newPage();
  await signUp(page, person);
  return page;
}

// The open one: a journey page holds two (the journey's, the notes').
const drawer = (page: Page) => page.locator('dialog[open][data-threads-for]');

async function userId(page: Page): Promise<string> {
  const response = await page.request.get('/api/me');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { user: { id: string } }).user.id;
}

async function startThread(page: Page, workspaceId: string, target: { kind: string; id: string }, body: string, mentions: string[] = []): Promise<string> {
  const response = await page.request.post(`/api/workspaces/${workspaceId}/threads`, { data: { target, body, mentions } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test('a viewer comments on a sticky note and on the journey, links with ?note= open the note, All conversations names every object', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const owner = await personOnPage(browser, baseURL, newPerson('Olga Owner'));
  const viewer = await personOnPage(browser, baseURL, newPerson('Vic Viewer'));
  const workspaceId = await createWorkspace(owner, 'Notes troika', 'cio', true);
  await invite(owner, viewer, workspaceId, 'viewer', 'business');

  // A journey with a stage, a pain point and two notes, written as another program would.
  const cookie = cookieHeader(await owner.context().cookies());
  const client = new DocClient(baseURL!, cookie, workspaceId, 'journeys');
  await client.synced();
  const journeyId = createJourney(client.doc, { title: 'Opening an account', persona: 'A new customer' });
  const stageId = addStage(client.doc, journeyId, { name: 'Sign up', emotion: 0 });
  const painId = addPainPoint(client.doc, journeyId, newPainPointInput(stageId, null, 'The form loses what was typed'));
  const noteId = addNote(client.doc, journeyId, { text: 'Customers cannot find the pricing page', stageId, x: 10, y: 260, color: 'yellow', author: '' });
  const goneId = addNote(client.doc, journeyId, { text: 'A note about to go', stageId, x: 10, y: 420, color: 'pink', author: '' });
  await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => doc.getMap('journeys').has(journeyId));
  const note = (page: Page) => page.locator(`[data-note-id="${noteId}"]`);

  await test.step('the viewer comments on a sticky note from its comments button', async () => {
    await viewer.goto(`/w/${workspaceId}/journeys/${journeyId}`);
    await note(viewer).getByRole('button', { name: 'Comments on this note (0)' }).click();
    await expect(drawer(viewer)).toHaveAttribute('data-threads-for', `note:${noteId}`);
    await expect(drawer(viewer)).toContainText('on sticky note “Customers cannot find the pricing page”');
    await drawer(viewer).getByLabel('Start a thread').fill('Is this the same as the pricing pain point?');
    await drawer(viewer).getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(drawer(viewer).locator('[data-thread]')).toContainText('Is this the same as the pricing pain point?');
    await viewer.keyboard.press('Escape');
    // The count shows on the note, and focus is back on its button.
    await expect(note(viewer).getByRole('button', { name: 'Comments on this note (1)' })).toBeFocused();
  });

  await test.step('`c` with nothing focused comments on the journey itself', async () => {
    await viewer.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await viewer.keyboard.press('c');
    await expect(drawer(viewer)).toHaveAttribute('data-threads-for', `journey:${journeyId}`);
    await drawer(viewer).getByLabel('Start a thread').fill('Who owns this journey?');
    await drawer(viewer).getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(drawer(viewer).locator('[data-thread]')).toHaveCount(1);
    await viewer.keyboard.press('Escape');
    await expect(viewer.getByRole('button', { name: 'Comments (1)' })).toBeVisible();
  });

  await test.step('the journeys list shows the journey\'s thread count', async () => {
    await owner.goto(`/w/${workspaceId}/journeys`);
    await expect(owner.getByRole('link', { name: /Opening an account/ }).locator('[data-comment-count="1"]')).toBeVisible();
  });

  await test.step('the owner sees the count live and opens the note with `c` while it has focus', async () => {
    await owner.goto(`/w/${workspaceId}/journeys/${journeyId}`);
    await expect(note(owner).locator('[data-note-comments="1"]')).toBeVisible();
    await expect(owner.getByRole('button', { name: 'Comments (1)' })).toBeVisible();
    await snap(owner, 'journey-comments-1440');
    await owner.setViewportSize({ width: 1280, height: 800 });
    await snap(owner, 'journey-comments-1280');
    await owner.setViewportSize({ width: 1440, height: 900 });
    await note(owner).getByRole('button', { name: /^Move note/ }).focus();
    await owner.keyboard.press('c');
    await expect(drawer(owner)).toHaveAttribute('data-threads-for', `note:${noteId}`);
    await expect(drawer(owner).locator('[data-thread]')).toContainText('Is this the same');
    await owner.keyboard.press('Escape');
  });

  const kpi = (await kpis(owner, workspaceId))[0]!;
  const termResponse = await owner.request.get(`/api/workspaces/${workspaceId}/glossary`);
  const term = ((await termResponse.json()) as { results: { id: string; term: string }[] }).results[0]!;
  await startThread(owner, workspaceId, { kind: 'kpi', id: kpi.id }, 'Is this target realistic?');
  await startThread(owner, workspaceId, { kind: 'term', id: term.id }, 'Do we all mean the same?');
  await startThread(owner, workspaceId, { kind: 'painPoint', id: painId }, 'Seen in the support tickets too');
  await startThread(owner, workspaceId, { kind: 'note', id: goneId }, 'Soon without its note');
  deleteNote(client.doc, journeyId, goneId);
  await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => !JSON.stringify(doc.getMap('journeys').toJSON()).includes(goneId));
  client.destroy();
  const meetingsClient = new DocClient(baseURL!, cookie, workspaceId, 'meetings');
  await meetingsClient.synced();
  const meetingId = createMeeting(meetingsClient.doc, { title: 'Weekly troika', date: '2026-12-07' });
  const itemId = addAgendaItem(meetingsClient.doc, meetingId, { title: 'Pricing page fixes', ref: null, duration: null });
  await waitForServer(baseURL!, cookie, workspaceId, 'meetings', (doc) => doc.getMap('meetings').has(meetingId));
  meetingsClient.destroy();
  await startThread(owner, workspaceId, { kind: 'meeting', id: meetingId }, 'Can we move it to Tuesday?');
  await startThread(owner, workspaceId, { kind: 'agendaItem', id: itemId }, 'Bring the funnel numbers');

  await test.step('All conversations names what each thread is on, and says when it is gone', async () => {
    await owner.goto(`/w/${workspaceId}/conversations`);
    const row = (text: string) => owner.locator('li[data-thread]', { hasText: text });
    await expect(row('Is this target realistic?')).toContainText(`KPI ${kpi.name}`);
    await expect(row('Do we all mean the same?')).toContainText(`Glossary term ${term.term}`);
    await expect(row('Seen in the support tickets')).toContainText('Pain point The form loses what was typed');
    await expect(row('Is this the same')).toContainText('Sticky note “Customers cannot find the pricing page”');
    await expect(row('Who owns this journey?')).toContainText('Journey Opening an account');
    await expect(row('Soon without its note')).toContainText('Sticky note (deleted)');
    await expect(row('Can we move it to Tuesday?')).toContainText('Meeting Weekly troika');
    await expect(row('Bring the funnel numbers')).toContainText('Agenda item Pricing page fixes');
    await expectAccessible(owner, 'All conversations with names');
    await snap(owner, 'conversations-all-1440');
    await owner.setViewportSize({ width: 1280, height: 800 });
    await snap(owner, 'conversations-all-1280');
  });

  await test.step('a row opens the note on its journey with its thread, ?note= alone too', async () => {
    await owner.getByRole('link', { name: /Is this the same as the pricing/ }).click();
    await expect(owner).toHaveURL(new RegExp(`/journeys/${journeyId}\\?note=${noteId}&thread=`));
    await expect(drawer(owner)).toHaveAttribute('data-threads-for', `note:${noteId}`);
    await expect(drawer(owner).locator('[data-thread]')).toContainText('Is this the same');
    await owner.keyboard.press('Escape');
    await expect(note(owner).getByRole('button', { name: 'Comments on this note (1)' })).toBeFocused();

    await viewer.goto(`/w/${workspaceId}/journeys/${journeyId}?note=${noteId}`);
    await expect(drawer(viewer)).toHaveAttribute('data-threads-for', `note:${noteId}`);
    await expect(drawer(viewer).locator('[data-thread]')).toContainText('Is this the same');
    // The journey's own link opens the journey's thread, not a note's.
    await viewer.goto(`/w/${workspaceId}/journeys/${journeyId}?thread=x`);
    await expect(drawer(viewer)).toHaveAttribute('data-threads-for', `journey:${journeyId}`);
    await expect(drawer(viewer).locator('[data-thread]')).toContainText('Who owns this journey?');
  });
});

test('an owner adds a webhook, a real receiver gets a signed delivery the list shows, and deletes it; others do not see webhooks', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/troika`;

  try {
    const owner = await personOnPage(browser, baseURL, newPerson('Wendy Webhooks'));
    const editor = await personOnPage(browser, baseURL, newPerson('Eddie Editor'));
    const workspaceId = await createWorkspace(owner, 'Hooked troika', 'cmo', true);
    await invite(owner, editor, workspaceId, 'editor', 'cio');
    await owner.goto(`/w/${workspaceId}/members`);
    const panel = owner.getByRole('region', { name: 'Webhooks' });
    await expect(panel.getByText('No webhooks yet.')).toBeVisible();

    let secret = '';
    await test.step('the owner adds one: the secret shows once, the list says it was never delivered', async () => {
      const form = panel.getByRole('form', { name: 'New webhook' });
      await form.getByRole('button', { name: 'Add webhook' }).click();
      await expect(form.getByText('Must be a URL')).toBeVisible();
      await form.getByLabel('Webhook URL').fill(hookUrl);
      await expect(form.getByRole('checkbox', { name: 'Every new comment' })).toBeChecked();
      await form.getByRole('checkbox', { name: 'Mentions' }).check();
      await form.getByRole('button', { name: 'Add webhook' }).click();
      secret = await panel.getByLabel('Signing secret').inputValue();
      expect(secret).toMatch(/^whsec_/);
      const row = panel.locator('li[data-webhook]');
      await expect(row).toContainText(hookUrl);
      await expect(row).toContainText('Mentions · KPI status changes · Every new comment · Meeting decisions');
      await expect(row).toContainText('Never delivered yet');
      await expectAccessible(owner, 'the webhooks panel');
      await panel.scrollIntoViewIfNeeded();
      await snap(owner, 'webhooks-panel-1440');
    });

    await test.step('a comment reaches the receiver, signed, and the list shows the delivery', async () => {
      const kpi = (await kpis(owner, workspaceId))[0]!;
      await startThread(editor, workspaceId, { kind: 'kpi', id: kpi.id }, 'Numbers for the weekly call?');
      const comment = () => received.find((r) => (JSON.parse(r.body) as { event: string }).event === 'comment');
      await expect.poll(() => comment() !== undefined, { timeout: 30_000 }).toBe(true);
      const delivery = comment()!;
      const expected = createHmac('sha256', secret).update(delivery.body).digest('hex');
      expect(delivery.headers['x-troika-signature']).toBe(`sha256=${expected}`);
      expect(JSON.parse(delivery.body)).toMatchObject({ event: 'comment', workspaceId, text: expect.stringContaining('Numbers for the weekly call?') });
      // Unasked: the list reads the deliveries again while the page is in view.
      const row = panel.locator('li[data-webhook]');
      await expect(row.locator('[data-delivery="ok"]')).toContainText('delivered (HTTP 200)', { timeout: 30_000 });
      await expect(row).toContainText('Last delivery just now (Every new comment)');
      await owner.setViewportSize({ width: 1280, height: 800 });
      await snap(owner, 'webhooks-panel-1280');
    });

    await test.step('an editor sees no webhooks on the Members page', async () => {
      await editor.goto(`/w/${workspaceId}/members`);
      await expect(editor.getByRole('heading', { name: 'Members' })).toBeVisible();
      await expect(editor.getByText('tokens and webhooks')).toBeVisible();
      await expect(editor.getByRole('region', { name: 'Webhooks' })).toHaveCount(0);
    });

    await test.step('deleting asks first, then nothing is listed', async () => {
      await panel.getByRole('button', { name: `Delete the webhook to ${hookUrl}` }).click();
      const confirm = owner.getByRole('dialog', { name: 'Delete this webhook?' });
      await confirm.getByRole('button', { name: 'Delete webhook' }).click();
      await expect(panel.getByText('No webhooks yet.')).toBeVisible();
      const listed = await owner.request.get(`/api/workspaces/${workspaceId}/webhooks`);
      expect(((await listed.json()) as { webhooks: unknown[] }).webhooks).toEqual([]);
    });
  } finally {
    receiver.close();
  }
});

test('each workspace bell counts its own unread, the workspaces list counts each and the total, live', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const alice = await personOnPage(browser, baseURL, newPerson('Alice Asker'));
  const bob = await personOnPage(browser, baseURL, newPerson('Bob Busy'));
  const first = await createWorkspace(alice, 'First troika', 'cio', true);
  const second = await createWorkspace(alice, 'Second troika', 'cio', true);
  await invite(alice, bob, first, 'editor', 'cmo');
  await invite(alice, bob, second, 'editor', 'cmo');
  const bobId = await userId(bob);
  const kpiIn = async (ws: string) => (await kpis(alice, ws))[0]!.id;
  const [firstKpi, secondKpi] = [await kpiIn(first), await kpiIn(second)];
  await startThread(alice, first, { kind: 'kpi', id: firstKpi }, '@Bob one here', [bobId]);
  await startThread(alice, second, { kind: 'kpi', id: secondKpi }, '@Bob one there', [bobId]);
  await startThread(alice, second, { kind: 'kpi', id: secondKpi }, '@Bob another there', [bobId]);

  await test.step('the workspaces list shows each count and the total', async () => {
    await bob.goto('/workspaces');
    const list = bob.getByRole('list', { name: 'Your workspaces' });
    await expect(list.getByRole('link', { name: /First troika/ })).toContainText('1 unread');
    await expect(list.getByRole('link', { name: /Second troika/ })).toContainText('2 unread');
    await expect(bob.getByText('3 unread notifications across your workspaces')).toBeVisible();
    await expectAccessible(bob, 'the workspaces list with unread counts');
    await snap(bob, 'workspaces-unread-1440');
  });

  const bell = bob.getByRole('button', { name: /^Inbox, / });
  await test.step('in a workspace, the bell counts that workspace and says how many wait elsewhere', async () => {
    await bob.goto(`/w/${first}/board`);
    await expect(bell).toHaveAccessibleName('Inbox, 1 unread, 2 unread elsewhere');
    await startThread(alice, first, { kind: 'kpi', id: firstKpi }, '@Bob a live one', [bobId]);
    await expect(bell).toHaveAccessibleName('Inbox, 2 unread, 2 unread elsewhere');
    await expectAccessible(bob, 'the bell with unread in other workspaces');
    await snap(bob, 'bell-per-workspace-1440');
    await bob.setViewportSize({ width: 1280, height: 800 });
    await snap(bob, 'bell-per-workspace-1280');
    await bob.setViewportSize({ width: 390, height: 844 });
    await snap(bob, 'bell-per-workspace-390');
    await bob.setViewportSize({ width: 1440, height: 900 });
    await bob.goto(`/w/${second}/board`);
    await expect(bell).toHaveAccessibleName('Inbox, 2 unread, 2 unread elsewhere');
  });

  await test.step('reading one lowers its workspace only; all read clears every count', async () => {
    await bell.click();
    const inbox = bob.getByRole('dialog', { name: 'Inbox' });
    await inbox.locator('li', { hasText: 'one there' }).getByRole('button', { name: /^Mark as read/ }).click();
    await expect(bell).toHaveAccessibleName('Inbox, 1 unread, 2 unread elsewhere');
    await inbox.getByRole('button', { name: 'Mark all read' }).click();
    await expect(bell).toHaveAccessibleName('Inbox, 0 unread');
    await bob.goto('/workspaces');
    await expect(bob.getByRole('list', { name: 'Your workspaces' })).not.toContainText('unread');
    await expect(bob.getByText(/unread notifications? across/)).toHaveCount(0);
  });
});

test('a notification streamed in while the inbox is being read is kept when the read answers', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const alice = await personOnPage(browser, baseURL, newPerson('Alice Asker'));
  const bob = await personOnPage(browser, baseURL, newPerson('Bob Busy'));
  const workspaceId = await createWorkspace(alice, 'Racing troika', 'cio', true);
  await invite(alice, bob, workspaceId, 'editor', 'cmo');
  const bobId = await userId(bob);
  const kpiId = (await kpis(alice, workspaceId))[0]!.id;
  await startThread(alice, workspaceId, { kind: 'kpi', id: kpiId }, '@Bob before the page opened', [bobId]);

  // The page's first inbox read is answered by the server at once (1 unread), then held on its way
  // back until a second notification has been streamed to the page.
  let answered!: () => void;
  const serverAnswered = new Promise<void>((resolve) => (answered = resolve));
  let deliver!: () => void;
  const delivered = new Promise<void>((resolve) => (deliver = resolve));
  let held = false;
  await bob.route(/\/api\/notifications\?/, async (route) => {
    if (held) return route.fallback();
    held = true;
    const response = await route.fetch();
    answered();
    await delivered;
    await route.fulfill({ response });
  });
  const streamOpen = bob.waitForResponse((r) => r.url().endsWith('/api/notifications/stream'));
  await bob.goto(`/w/${workspaceId}/board`);
  await Promise.all([serverAnswered, streamOpen]);
  await startThread(alice, workspaceId, { kind: 'kpi', id: kpiId }, '@Bob while it was read', [bobId]);
  const bell = bob.getByRole('button', { name: /^Inbox, / });
  await expect(bell).toHaveAccessibleName('Inbox, 1 unread');
  deliver();
  await expect(bell).toHaveAccessibleName('Inbox, 2 unread');
  await bell.click();
  const inbox = bob.getByRole('dialog', { name: 'Inbox' });
  await expect(inbox.getByText('while it was read')).toBeVisible();
  await expect(inbox.getByText('before the page opened')).toBeVisible();
  for (const page of [alice, bob]) await page.context().close();
});
