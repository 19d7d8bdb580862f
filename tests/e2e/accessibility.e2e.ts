import { addAgendaItem, createJourney, createMeeting, updateKpi, updatePainPoint } from '@troika/model';
import { expectAccessible } from './support/axe';
import { expect, test } from './support/fixtures';
import { cookieHeader, DocClient, seedSampleJourney, waitForServer } from './support/journey-seed';
import { newPerson, signUp } from './support/people';
import { LAPTOP } from './support/screenshots';

/**
 * axe-core (WCAG 2.2 A and AA) on every screen and the states people meet: empty, filled, a panel or
 * dialog open, the lookup palette. Any serious or critical violation fails the run.
 */
test('every screen and its common states pass axe-core with no serious violation', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ baseURL, viewport: LAPTOP });
  const page = await context.newPage();

  await test.step('sign-in and sign-up', async () => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expectAccessible(page, 'the sign-in page');
    await page.goto('/signup');
    await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
    await expectAccessible(page, 'the sign-up page');
  });

  const person = newPerson('Ada Access');
  await signUp(page, person);
  await expectAccessible(page, 'the workspaces list, empty');

  const created = await page.request.post('/api/workspaces', { data: { name: 'Acme leadership', seat: 'cio', starter: true } });
  const workspaceId = ((await created.json()) as { id: string }).id;
  const cookie = cookieHeader(await context.cookies());

  await test.step('workspaces list, filled', async () => {
    await page.goto('/workspaces');
    await expect(page.getByText('Acme leadership')).toBeVisible();
    await expectAccessible(page, 'the workspaces list');
  });

  await test.step('board, a KPI panel', async () => {
    await page.goto(`/w/${workspaceId}/board`);
    await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
    const card = page.getByRole('article', { name: 'Customer satisfaction' });
    await expect(card).toBeVisible();
    await expectAccessible(page, 'the board');
    await card.getByRole('link').click();
    await expect(page).toHaveURL(/kpi=/);
    await page.waitForTimeout(300);
    await expectAccessible(page, 'the board with a KPI panel open');
  });

  await test.step('glossary, a term, the lookup palette', async () => {
    await page.goto(`/w/${workspaceId}/glossary`);
    await expect(page.getByRole('navigation', { name: 'Terms' })).toBeVisible();
    await expectAccessible(page, 'the glossary');
    await page.locator('[data-term-link]').first().click();
    await expect(page.locator('#term-title')).toBeVisible();
    await expectAccessible(page, 'the glossary with a term open');
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.type('churn');
    await page.waitForTimeout(200);
    await expectAccessible(page, 'the lookup palette');
    await page.keyboard.press('Escape');
  });

  await test.step('journeys: the list, empty and filled, and one map', async () => {
    await page.goto(`/w/${workspaceId}/journeys`);
    await expect(page.getByRole('heading', { name: 'Journeys', level: 1 })).toBeVisible();
    await expectAccessible(page, 'the journeys list, empty');
    const client = new DocClient(baseURL!, cookie, workspaceId, 'journeys');
    await client.synced();
    const { journeyId } = seedSampleJourney(client.doc);
    createJourney(client.doc, { title: 'Second journey', persona: 'Buyer' });
    await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => doc.getMap('journeys').has(journeyId));
    client.destroy();
    await page.goto(`/w/${workspaceId}/journeys`);
    await expect(page.getByRole('link', { name: /Second journey/ }).first()).toBeVisible();
    await expectAccessible(page, 'the journeys list');
    await page.goto(`/w/${workspaceId}/journeys/${journeyId}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForTimeout(500);
    await expectAccessible(page, 'a journey map');
  });

  await test.step('meetings: the list and one meeting', async () => {
    await page.goto(`/w/${workspaceId}/meetings`);
    await expect(page.getByRole('heading', { name: 'Meetings', level: 1 })).toBeVisible();
    await expectAccessible(page, 'the meetings list, empty');
    const client = new DocClient(baseURL!, cookie, workspaceId, 'meetings');
    await client.synced();
    const meetingId = createMeeting(client.doc, { title: 'Monthly troika', date: '2026-12-10' });
    await waitForServer(baseURL!, cookie, workspaceId, 'meetings', (doc) => doc.getMap('meetings').has(meetingId));
    client.destroy();
    await page.goto(`/w/${workspaceId}/meetings`);
    await expectAccessible(page, 'the meetings list');
    await page.goto(`/w/${workspaceId}/meetings/${meetingId}`);
    await expect(page.getByRole('heading', { name: /Monthly troika/, level: 1 })).toBeVisible();
    await expectAccessible(page, 'a meeting');
  });

  await test.step('members and the invite panel', async () => {
    await page.goto(`/w/${workspaceId}/members`);
    await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
    await expectAccessible(page, 'the members page');
  });
});

/**
 * The states a person meets in passing: each dialog and panel open, a meeting running (its bar on every
 * page), the app offline, and a screen still loading.
 */
test('dialogs, panels, a live meeting, offline and loading pass axe-core too', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  // No service worker: the loading state is caught by holding the workspace's answer (a worker would answer from its cache).
  const context = await browser.newContext({ baseURL, viewport: LAPTOP, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signUp(page, newPerson('Ada Dialogs'));
  const created = await page.request.post('/api/workspaces', { data: { name: 'Acme states', seat: 'cio', starter: true } });
  const workspaceId = ((await created.json()) as { id: string }).id;
  const cookie = cookieHeader(await context.cookies());

  await test.step('loading: the board while the workspace has not answered', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/workspaces/${workspaceId}`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/w/${workspaceId}/board`);
    await expect(page.locator('[aria-busy="true"]').first()).toBeVisible();
    await expectAccessible(page, 'the board, loading');
    release();
    await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
    await page.unroute(`**/api/workspaces/${workspaceId}`);
  });

  await test.step('board: the new-KPI dialog and the CSV import dialog', async () => {
    await expect(page.getByRole('article', { name: 'Customer satisfaction' })).toBeVisible();
    await page.getByRole('button', { name: 'Add KPI' }).click();
    await expect(page.getByRole('dialog', { name: 'Add a KPI' })).toBeVisible();
    await expectAccessible(page, 'the new-KPI dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.getByRole('button', { name: 'Import values' }).click();
    await expect(page.getByRole('dialog', { name: 'Import values' })).toBeVisible();
    await expectAccessible(page, 'the CSV import dialog');
    await page.keyboard.press('Escape');
  });

  await test.step('members: an invite link made', async () => {
    await page.goto(`/w/${workspaceId}/members`);
    await page.getByRole('button', { name: 'Create invite link' }).click();
    await expect(page.getByLabel('Invite link')).toBeVisible();
    await expectAccessible(page, 'the invite panel with a link');
  });

  await test.step('journey map: a pain point panel open', async () => {
    const client = new DocClient(baseURL!, cookie, workspaceId, 'journeys');
    await client.synced();
    const { journeyId } = seedSampleJourney(client.doc);
    await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => doc.getMap('journeys').has(journeyId));
    await page.goto(`/w/${workspaceId}/journeys/${journeyId}`);
    await page.locator('article[data-pain-id] button.open').first().click();
    await expect(page.getByRole('complementary', { name: 'Pain point' })).toBeVisible();
    await expectAccessible(page, 'a pain point panel');
    // Someone else's edit of the open pain point is said to screen readers.
    const painId = (await page.getByRole('complementary', { name: 'Pain point' }).getAttribute('data-pain-id'))!;
    updatePainPoint(client.doc, journeyId, painId, { title: 'Renamed elsewhere' });
    await expect(page.locator('[data-remote-edit]')).toHaveText('Someone else changed this pain point');
    client.destroy();
  });

  await test.step('a meeting running: its page and the bar on the board', async () => {
    const client = new DocClient(baseURL!, cookie, workspaceId, 'meetings');
    await client.synced();
    const meetingId = createMeeting(client.doc, { title: 'Live troika', date: '2026-12-10' });
    addAgendaItem(client.doc, meetingId, { title: 'Budget for the third quarter', ref: null, duration: 10 });
    await waitForServer(baseURL!, cookie, workspaceId, 'meetings', (doc) => doc.getMap('meetings').has(meetingId));
    client.destroy();
    await page.goto(`/w/${workspaceId}/meetings/${meetingId}`);
    await page.getByRole('button', { name: 'Start meeting' }).click();
    const bar = page.getByRole('region', { name: 'Live meeting' });
    await expect(bar).toContainText('You are presenting');
    await expectAccessible(page, 'a meeting, live');
    await page.goto(`/w/${workspaceId}/board`);
    await expect(bar).toBeVisible();
    await expectAccessible(page, 'the board with the live-meeting bar');
    await bar.getByRole('button', { name: 'Leave' }).click();
  });

  await test.step("someone else's edit on the open KPI panel is announced to screen readers", async () => {
    await page.goto(`/w/${workspaceId}/board`);
    await page.getByRole('article', { name: 'Customer satisfaction' }).getByRole('link').click();
    const panel = page.locator('aside[data-kpi]');
    const kpiId = (await panel.getAttribute('data-kpi'))!;
    const notice = panel.locator('[data-remote-edit]');
    await expect(notice).toHaveAttribute('aria-live', 'polite');
    await expect(notice).toBeEmpty();
    const client = new DocClient(baseURL!, cookie, workspaceId, 'board');
    await client.synced();
    updateKpi(client.doc, kpiId, { target: 90 });
    await expect(notice).toHaveText('Someone else changed this KPI');
    client.destroy();
  });

  await test.step('prefers-reduced-motion: reduce turns transitions and animations off', async () => {
    const button = page.getByRole('button', { name: 'Add KPI' });
    const duration = () => button.evaluate((el) => getComputedStyle(el).transitionDuration);
    expect(await duration()).not.toBe('0s');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(duration).toBe('0s');
    await page.emulateMedia({ reducedMotion: null });
  });

  await test.step('offline: the badge and the comments panel say so', async () => {
    await page.goto(`/w/${workspaceId}/board`);
    await expect(page.locator('[data-sync-state="saved"]')).toBeVisible();
    await context.setOffline(true);
    await expect(page.locator('[data-sync-state="offline"]')).toBeVisible({ timeout: 20_000 });
    await expectAccessible(page, 'the board, offline');
    await page.getByRole('article', { name: 'Customer satisfaction' }).getByRole('link').click();
    await expect(page).toHaveURL(/kpi=/);
    await expectAccessible(page, 'a KPI panel, offline');
    await context.setOffline(false);
  });
  await context.close();
});
