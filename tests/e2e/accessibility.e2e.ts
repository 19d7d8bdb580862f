import { createJourney, createMeeting } from '@troika/model';
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
