import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
  addAction,
  addAgendaItem,
  addPainPoint,
  addStage,
  addTerm,
  createJourney,
  createMeeting,
  endMeeting,
  findMeeting,
  readJourneys,
  startMeeting,
} from '@troika/model';
import { expect, test } from './support/fixtures';
import { newPerson } from './support/people';
import { PHONE, snap } from './support/screenshots';
import { api, editDoc, personOnPage } from './support/sync-setup';

const region = (page: Page, name: string | RegExp) => page.getByRole('region', { name });
const itemPanel = (page: Page) => page.getByRole('region', { name: /^Agenda item: / });
const agenda = (page: Page) => page.getByRole('list', { name: 'Agenda items', exact: true });

test('a CIO presents, a CMO follows, both record decisions and actions, and leave with minutes', async ({ browser, baseURL }) => {
  // One whole meeting in three browsers: far longer than a single screen's scenario, more so on a busy machine.
  test.setTimeout(300_000);
  const ada = newPerson('Ada Lovelace');
  const bea = newPerson('Bea Marketing');
  const pageA = await personOnPage(browser, baseURL, ada);
  const pageB = await personOnPage(browser, baseURL, bea);

  let workspaceId = '';
  let beaId = '';
  await test.step('set-up: a workspace with the starter board, a KPI off track, a critical pain point, a disputed term and last month’s meeting', async () => {
    workspaceId = (await api<{ id: string }>(pageA, 'post', '/api/workspaces', { name: 'Acme leadership', seat: 'cio', starter: true })).id;
    const invite = await api<{ token: string }>(pageA, 'post', `/api/workspaces/${workspaceId}/invites`, { role: 'editor', seat: 'cmo' });
    await api(pageB, 'post', `/api/invites/${invite.token}/accept`);
    beaId = (await api<{ user: { id: string } }>(pageB, 'get', '/api/me')).user.id;
    const adaId = (await api<{ user: { id: string } }>(pageA, 'get', '/api/me')).user.id;

    const { kpis } = await api<{ kpis: { id: string; name: string }[] }>(pageA, 'get', `/api/workspaces/${workspaceId}/kpis`);
    const conversion = kpis.find((k) => k.name === 'Online conversion rate')!;
    await api(pageA, 'post', `/api/workspaces/${workspaceId}/kpis/${conversion.id}/values`, { at: '2026-02-01', value: 2.9 });
    await api(pageA, 'post', `/api/workspaces/${workspaceId}/kpis/${conversion.id}/values`, { at: '2026-03-01', value: 2.1 });

    await editDoc(pageA, baseURL!, workspaceId, 'journeys', (doc) => {
      const journey = createJourney(doc, { title: 'Online purchase', persona: 'Busy parent, buys on the phone' });
      const buy = addStage(doc, journey, { name: 'Buy', emotion: -2 });
      addPainPoint(doc, journey, {
        title: 'Card declined at checkout',
        description: 'The payment provider times out at peak hours; customers give up.',
        stageId: buy,
        touchpointId: null,
        severity: 5,
        customersAffected: 4000,
        side: 'back',
        owners: ['cio'],
        status: 'open',
        kpis: [conversion.id],
      });
      expect(readJourneys(doc)).toHaveLength(1);
    });
    await editDoc(pageA, baseURL!, workspaceId, 'glossary', (doc) => {
      addTerm(doc, { term: 'Active customer', it: 'An account with a login in the last 90 days.', marketing: 'Someone who bought in the last 12 months.', status: 'proposed' });
    });
    await editDoc(pageA, baseURL!, workspaceId, 'meetings', (doc) => {
      const feb = createMeeting(doc, { title: 'February troika review', date: '2026-02-12' });
      addAgendaItem(doc, feb, { title: 'Checkout conversion', ref: { kind: 'kpi', id: conversion.id }, duration: 10 });
      startMeeting(doc, feb, adaId, '2026-02-12T09:00:00.000Z');
      addAction(doc, feb, { text: 'Ask the payment provider for peak-hour logs', owner: beaId, due: '2026-02-28', itemId: null }, { id: adaId, at: '2026-02-12T09:20:00.000Z' });
      endMeeting(doc, feb, {
        kpis: [],
        people: new Map([
          [adaId, ada.name],
          [beaId, bea.name],
        ]),
        at: '2026-02-12T09:45:00.000Z',
      });
      expect(findMeeting(doc, feb)?.endedAt).toBeTruthy();
    });
  });

  await test.step('A plans the next meeting from the meetings list', async () => {
    await pageA.goto(`/w/${workspaceId}/meetings`);
    await expect(pageA.getByRole('list', { name: 'Past meetings' }).getByRole('listitem', { name: 'February troika review' })).toBeVisible();
    const owed = pageA.getByRole('listitem', { name: `Open actions of ${bea.name}` });
    await expect(owed).toContainText('Ask the payment provider for peak-hour logs');
    await expect(owed).toContainText('Overdue');
    await snap(pageA, 'meetings-list-laptop');
    await pageA.getByRole('button', { name: 'New meeting' }).click();
    await pageA.getByLabel('Title').fill('March troika review');
    await pageA.getByRole('button', { name: 'Create meeting' }).click();
    await expect(pageA).toHaveURL(new RegExp(`/w/${workspaceId}/meetings/[a-z0-9]+$`));
    await expect(pageA.getByLabel('Meeting title')).toHaveValue('March troika review');
  });

  await test.step('the workspace suggests the agenda, each with its reason; A adds suggestions in one click', async () => {
    const suggested = pageA.getByRole('list', { name: 'Suggested agenda items' });
    await expect(suggested.getByRole('listitem', { name: 'Overdue actions from “February troika review”' })).toContainText('1 action from the last meeting (2026-02-12) is past due.');
    await expect(suggested.getByRole('listitem', { name: 'Online conversion rate' })).toContainText('Off track: 2.1%');
    await expect(suggested.getByRole('listitem', { name: 'Card declined at checkout' })).toContainText('critical, 4,000 customers hit');
    await expect(suggested.getByRole('listitem', { name: 'Agree on “Active customer”' })).toContainText('IT and marketing mean different things');
    await expect(pageA.getByText('Open actions from earlier meetings')).toBeVisible();

    for (const name of ['Overdue actions from “February troika review”', 'Online conversion rate', 'Card declined at checkout', 'Agree on “Active customer”']) {
      await pageA.getByRole('button', { name: `Add ${name} to the agenda` }).click();
      await expect(agenda(pageA).getByRole('listitem', { name })).toBeVisible();
    }
    await pageA.getByLabel('New agenda item').fill('Budget for the third quarter');
    await pageA.getByLabel('Minutes planned').fill('15');
    await pageA.getByRole('button', { name: 'Add to the agenda' }).click();
    await expect(agenda(pageA).getByRole('listitem')).toHaveCount(5);
    await expect(suggested.getByRole('listitem', { name: 'Online conversion rate' })).toHaveCount(0);
  });

  await test.step('the referenced KPI card, pain point and term show inline', async () => {
    await agenda(pageA).getByRole('link', { name: /Online conversion rate/ }).click();
    const kpi = region(pageA, 'KPI shown with this item');
    await expect(kpi).toContainText('Off track');
    await expect(kpi).toContainText('2.1%');
    await expect(kpi).toContainText('3.5%');
    await agenda(pageA).getByRole('link', { name: /Card declined/ }).click();
    await expect(region(pageA, 'Pain point shown with this item')).toContainText('Critical');
    await agenda(pageA).getByRole('link', { name: /Active customer/ }).click();
    const term = region(pageA, 'Glossary term shown with this item');
    await expect(term).toContainText('An account with a login in the last 90 days.');
    await expect(term).toContainText('Someone who bought in the last 12 months.');
    await agenda(pageA).getByRole('link', { name: /Overdue actions/ }).click();
    await expect(region(pageA, 'Earlier meeting shown with this item')).toContainText('Ask the payment provider for peak-hour logs');
    await snap(pageA, 'meeting-planned-laptop');
    await pageA.keyboard.press('?');
    const help = pageA.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help.getByText('Next agenda item')).toBeVisible();
    await pageA.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });

  let meetingUrl = '';
  await test.step('A starts the meeting and presents; B opens it and lands on the item A shows', async () => {
    await agenda(pageA).getByRole('link', { name: /Online conversion rate/ }).click();
    await pageA.getByRole('button', { name: 'Start meeting' }).click();
    await expect(region(pageA, 'Live meeting')).toContainText('You are presenting');
    await expect(pageA).toHaveURL(/\?item=/);
    meetingUrl = new URL(pageA.url()).pathname;

    await pageB.goto(meetingUrl);
    await expect(region(pageB, 'Live meeting')).toContainText(`${ada.name} presents: Online conversion rate`);
    await expect(itemPanel(pageB)).toHaveAttribute('aria-label', 'Agenda item: Online conversion rate');
    await expect(pageB).toHaveURL(pageA.url());
    await expect(region(pageA, 'Live meeting')).toContainText('1 following');
  });

  await test.step('A moves on with the keyboard and by clicking: B follows to the same item; the timer runs for both', async () => {
    await pageA.keyboard.press('j');
    await expect(itemPanel(pageA)).toHaveAttribute('aria-label', 'Agenda item: Card declined at checkout');
    await expect(itemPanel(pageB)).toHaveAttribute('aria-label', 'Agenda item: Card declined at checkout');
    await expect(itemPanel(pageB).locator('[data-running="true"]').first()).toBeVisible();
    await expect(agenda(pageB).getByRole('listitem', { name: 'Card declined at checkout' })).toContainText('On screen');

    await agenda(pageA).getByRole('link', { name: /Online conversion rate/ }).click();
    await expect(itemPanel(pageB)).toHaveAttribute('aria-label', 'Agenda item: Online conversion rate');
    await expect(agenda(pageB).getByRole('listitem', { name: 'Card declined at checkout' }).locator('[data-running="false"]')).toBeVisible();
  });

  await test.step('A opens the KPI on the board: B follows to the board, and back to the meeting', async () => {
    await region(pageA, 'KPI shown with this item').getByRole('link', { name: 'Open' }).click();
    await expect(pageA).toHaveURL(/\/board\?kpi=/);
    await expect(pageB).toHaveURL(pageA.url());
    await expect(region(pageB, 'Live meeting')).toBeVisible();
    await region(pageA, 'Live meeting').getByRole('link', { name: 'Back to the meeting' }).click();
    await expect(pageA).toHaveURL(/\/meetings\/.+\?item=/);
    await expect(pageB).toHaveURL(pageA.url());
    await expect(itemPanel(pageB)).toHaveAttribute('aria-label', 'Agenda item: Online conversion rate');
  });

  await test.step('A records a decision and B an action with an owner and a due date: each appears at the other', async () => {
    await pageA.getByLabel('New decision').fill('Move half of the display budget to fixing checkout');
    await pageA.getByRole('button', { name: 'Record decision' }).click();
    const decisionAtB = itemPanel(pageB).getByRole('list', { name: 'Decisions', exact: true }).getByRole('listitem', { name: 'Move half of the display budget to fixing checkout' });
    await expect(decisionAtB).toBeVisible();
    await expect(decisionAtB).toContainText(ada.name);
    await expect(decisionAtB).toContainText(bea.name);

    await pageB.getByLabel('New action').fill('Brief the agency on the new checkout copy');
    await pageB.getByLabel('Owner', { exact: true }).selectOption({ label: ada.name });
    await pageB.getByLabel('Due date', { exact: true }).fill('2099-04-15');
    await pageB.getByRole('button', { name: 'Add action' }).click();
    const actionAtA = itemPanel(pageA).getByRole('list', { name: 'Actions', exact: true }).getByRole('listitem', { name: 'Brief the agency on the new checkout copy' });
    await expect(actionAtA).toBeVisible();
    await expect(actionAtA.getByLabel('Owner of Brief the agency on the new checkout copy')).toHaveValue(await ownerValue(pageA, ada.name));
    await expect(actionAtA.getByLabel('Due date of Brief the agency on the new checkout copy')).toHaveValue('2099-04-15');
    await expect(pageB).toHaveURL(pageA.url());
    await expect(pageA.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await snap(pageA, 'meeting-live-presenter-laptop');
    await snap(pageB, 'meeting-live-follower-laptop');
  });

  const cem = newPerson('Cem Business');
  await test.step('a viewer follows too, sees everything live, and can change nothing', async () => {
    const pageC = await personOnPage(browser, baseURL, cem);
    const invite = await api<{ token: string }>(pageA, 'post', `/api/workspaces/${workspaceId}/invites`, { role: 'viewer', seat: 'business' });
    await api(pageC, 'post', `/api/invites/${invite.token}/accept`);
    await pageC.goto(meetingUrl);
    await expect(pageC).toHaveURL(pageA.url());
    await expect(itemPanel(pageC).getByRole('list', { name: 'Decisions', exact: true })).toContainText('Move half of the display budget to fixing checkout');
    await expect(pageC.getByLabel('New decision')).toHaveCount(0);
    await expect(pageC.getByLabel('New action')).toHaveCount(0);
    await expect(pageC.getByRole('button', { name: 'End meeting' })).toHaveCount(0);
    await expect(pageC.getByRole('checkbox', { name: 'Done: Brief the agency on the new checkout copy' })).toBeDisabled();
    await expect(region(pageC, 'Live meeting').getByRole('button', { name: 'Stop following' })).toBeVisible();
    // Present, though a viewer writes nothing: an editor's screen records them (with the name of a member who joined just now).
    await expect(pageA.getByRole('group', { name: 'Attendees' }).getByRole('button', { name: cem.name })).toHaveAttribute('aria-pressed', 'true');
    await pageC.context().close();
  });

  await test.step('B stops following and stays put; follows again and lands where A is', async () => {
    await region(pageB, 'Live meeting').getByRole('button', { name: 'Stop following' }).click();
    await agenda(pageA).getByRole('link', { name: /Budget for the third quarter/ }).click();
    await expect(itemPanel(pageA)).toHaveAttribute('aria-label', 'Agenda item: Budget for the third quarter');
    await expect(region(pageB, 'Live meeting')).toContainText('presents: Budget for the third quarter');
    await expect(itemPanel(pageB)).toHaveAttribute('aria-label', 'Agenda item: Online conversion rate');
    await region(pageB, 'Live meeting').getByRole('button', { name: `Follow ${ada.name}` }).click();
    await expect(itemPanel(pageB)).toHaveAttribute('aria-label', 'Agenda item: Budget for the third quarter');
  });

  await test.step('the live meeting at phone width', async () => {
    const phone = await browser.newContext({ baseURL, viewport: PHONE, storageState: await pageB.context().storageState() });
    const page = await phone.newPage();
    await page.goto(meetingUrl);
    await expect(itemPanel(page)).toHaveAttribute('aria-label', 'Agenda item: Budget for the third quarter');
    await snap(page, 'meeting-live-phone');
    await phone.close();
  });

  await test.step('A ends the meeting: both see the minutes with the decision, the action and the KPIs as they stood', async () => {
    await agenda(pageA).getByRole('link', { name: /Online conversion rate/ }).click();
    await pageA.getByRole('button', { name: 'End meeting' }).click();
    await pageA.getByRole('dialog', { name: 'End the meeting?' }).getByRole('button', { name: 'End meeting' }).click();
    for (const page of [pageA, pageB]) {
      const minutes = page.getByRole('article', { name: 'Minutes' });
      await expect(minutes).toBeVisible();
      await expect(minutes).toContainText(`${ada.name}, ${bea.name}, ${cem.name}`);
      await expect(minutes.getByRole('list', { name: 'Decisions in the minutes' })).toContainText('Move half of the display budget to fixing checkout');
      const actions = minutes.getByRole('table', { name: 'Action items in the minutes' });
      await expect(actions).toContainText('Brief the agency on the new checkout copy');
      await expect(actions).toContainText(ada.name);
      await expect(minutes.getByRole('table', { name: 'KPIs as they stood' }).getByRole('row', { name: /Online conversion rate/ })).toContainText('Off track');
    }
    await expect(region(pageB, 'Live meeting')).toHaveCount(0);
    await snap(pageA, 'meeting-minutes-laptop');
  });

  await test.step('the minutes download as Markdown, and the workspace export includes them', async () => {
    const [download] = await Promise.all([pageA.waitForEvent('download'), pageA.getByRole('button', { name: 'Download Markdown' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^minutes-march-troika-review-\d{4}-\d{2}-\d{2}\.md$/);
    const md = await readFile((await download.path())!, 'utf8');
    expect(md).toMatch(/^# March troika review \(/);
    expect(md).toContain(`**Present:** ${ada.name}, ${bea.name}, ${cem.name}`);
    expect(md).toContain('- **Online conversion rate:** Move half of the display budget to fixing checkout');
    expect(md).toContain(`| Brief the agency on the new checkout copy | ${ada.name} | 2099-04-15 | Open | Online conversion rate |`);
    expect(md).toMatch(/\| Online conversion rate \| 2\.1% \(2026-03-01\) \| 3\.5% \| Off track \|/);

    const exported = await pageB.request.get(`/api/workspaces/${workspaceId}/export?format=md`);
    expect(exported.status()).toBe(200);
    const text = await exported.text();
    expect(text).toContain('## Meetings');
    expect(text).toContain('### March troika review');
    expect(text).toContain('Brief the agency on the new checkout copy');
  });

  await test.step('the list shows the meeting with its minutes; at phone width too', async () => {
    await pageA.getByRole('link', { name: 'Meetings', exact: true }).first().click();
    const past = pageA.getByRole('list', { name: 'Past meetings' });
    await expect(past.getByRole('listitem', { name: 'March troika review' })).toContainText('1 decision');
    await expect(past.getByRole('listitem', { name: 'March troika review' })).toContainText(`Present: ${ada.name}, ${bea.name}, ${cem.name}`);
    await snap(pageA, 'meetings-list-after-laptop');
    const phone = await browser.newContext({ baseURL, viewport: PHONE, storageState: await pageA.context().storageState() });
    const page = await phone.newPage();
    await page.goto(meetingUrl);
    await expect(page.getByRole('article', { name: 'Minutes' })).toBeVisible();
    await snap(page, 'meeting-minutes-phone');
    await page.goto(`/w/${workspaceId}/meetings`);
    await expect(page.getByRole('list', { name: 'Past meetings' })).toBeVisible();
    await snap(page, 'meetings-list-phone');
    await phone.close();
  });
});

/** The value of a member in an owner select (their user id), found by their name. */
async function ownerValue(page: Page, name: string): Promise<string> {
  return page.getByLabel('Owner', { exact: true }).locator('option', { hasText: name }).getAttribute('value') as Promise<string>;
}
