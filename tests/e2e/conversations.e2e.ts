import type { Browser, Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { expect, test } from './support/fixtures';
import { newPerson, signUp, type Person } from './support/people';
import { snap } from './support/screenshots';
import { createWorkspace, invite, kpis } from './support/workspace-api';

async function personOnPage(browser: Browser, baseURL: string | undefined, person: Person): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } })).newPage();
  await signUp(page, person);
  return page;
}

const drawer = (page: Page) => page.locator('dialog[data-threads-for]');

test('a viewer asks about a KPI, the owner answers mentioning the CMO, resolving folds the thread, offline the panel says comments wait', async ({ browser, baseURL }) => {
  // Three people, six steps: longer than one screen's scenario.
  test.setTimeout(180_000);
  const owner = await personOnPage(browser, baseURL, newPerson('Olga Owner'));
  const viewer = await personOnPage(browser, baseURL, newPerson('Vic Viewer'));
  const cmoPerson = newPerson('Carla Marketing');
  const cmo = await personOnPage(browser, baseURL, cmoPerson);
  const workspaceId = await createWorkspace(owner, 'Acme troika', 'cio', true);
  await invite(owner, viewer, workspaceId, 'viewer', 'business');
  await invite(owner, cmo, workspaceId, 'editor', 'cmo');
  const kpi = (await kpis(owner, workspaceId))[0]!;

  const bell = (page: Page) => page.getByRole('button', { name: /^Inbox, \d+ unread$/ });
  await cmo.goto(`/w/${workspaceId}/glossary`);
  await expect(bell(cmo)).toHaveAccessibleName('Inbox, 0 unread');

  await test.step('the viewer opens the KPI and starts a thread with `c`', async () => {
    await viewer.goto(`/w/${workspaceId}/board?kpi=${kpi.id}`);
    await expect(viewer.getByRole('button', { name: 'Comments (0)' })).toBeVisible();
    await viewer.keyboard.press('c');
    await expect(drawer(viewer)).toBeVisible();
    await drawer(viewer).getByLabel('Start a thread').fill('Why is the target <b>so high</b>?');
    await drawer(viewer).getByRole('button', { name: 'Comment', exact: true }).click();
    // Plain text: the markup is shown as typed.
    await expect(drawer(viewer).locator('[data-thread]')).toContainText('Why is the target <b>so high</b>?');
  });

  await test.step('the owner sees it live on the card and in the panel, and answers mentioning the CMO', async () => {
    await owner.goto(`/w/${workspaceId}/board`);
    await expect(owner.locator(`article[data-kpi="${kpi.id}"] [data-comment-count="1"]`).first()).toBeVisible();
    await owner.goto(`/w/${workspaceId}/board?kpi=${kpi.id}`);
    await owner.getByRole('button', { name: 'Comments (1)' }).click();
    const thread = drawer(owner).locator('[data-thread]').first();
    await expect(thread).toContainText('Why is the target');
    await thread.getByRole('button', { name: 'Reply' }).click();
    const box = thread.getByLabel('Reply', { exact: true });
    await box.pressSequentially('Ask @carl', { delay: 10 });
    await expect(thread.getByRole('option', { name: /Carla Marketing/ })).toBeVisible();
    await box.press('Enter');
    await box.pressSequentially('about the campaign', { delay: 5 });
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    await expect(thread.locator('.mention')).toHaveText('@Carla Marketing');
    await expect(drawer(viewer).locator('[data-thread]').first()).toContainText('about the campaign');
    // The CMO, elsewhere in the workspace, is told at once.
    await expect(bell(cmo)).toHaveAccessibleName('Inbox, 1 unread');
    await expectAccessible(owner, 'the thread panel');
    await snap(owner, 'conversations-panel-1440');
    await owner.setViewportSize({ width: 1280, height: 800 });
    await snap(owner, 'conversations-panel-1280');
  });

  await test.step('the CMO opens the inbox and the mention takes them to the KPI with its thread', async () => {
    await bell(cmo).click();
    const inbox = cmo.getByRole('dialog', { name: 'Inbox' });
    const item = inbox.locator('li[data-kind="mention"]');
    await expect(item).toContainText('Olga Owner');
    await expectAccessible(cmo, 'the inbox');
    await snap(cmo, 'conversations-inbox-1440');
    await cmo.setViewportSize({ width: 1280, height: 800 });
    await snap(cmo, 'conversations-inbox-1280');
    await item.getByRole('link').click();
    await expect(cmo).toHaveURL(new RegExp(`/board\\?kpi=${kpi.id}&thread=`));
    await expect(drawer(cmo).locator('[data-thread]').first()).toContainText('about the campaign');
    await expect(bell(cmo)).toHaveAccessibleName('Inbox, 0 unread');
  });

  await test.step('resolving folds the thread on both screens', async () => {
    await drawer(owner).locator('[data-thread]').first().getByRole('button', { name: 'Resolve' }).click();
    for (const page of [owner, viewer]) {
      await expect(drawer(page).getByText('1 resolved thread')).toBeVisible();
      await expect(drawer(page).locator('details.resolved [data-thread]')).toBeHidden();
    }
  });

  await test.step('offline, the panel says comments wait for the connection and sending is off', async () => {
    await viewer.context().setOffline(true);
    await expect(drawer(viewer).getByRole('status')).toContainText('Comments wait for the connection');
    await drawer(viewer).getByLabel('Start a thread').fill('Another question');
    await expect(drawer(viewer).getByRole('button', { name: 'Comment', exact: true })).toBeDisabled();
    await viewer.context().setOffline(false);
    await expect(drawer(viewer).getByRole('button', { name: 'Comment', exact: true })).toBeEnabled({ timeout: 15_000 });
  });

  await test.step('All conversations lists the open threads; in a meeting, an agenda item shows its threads', async () => {
    await owner.goto(`/w/${workspaceId}/conversations`);
    await expect(owner.getByRole('heading', { name: 'All conversations' })).toBeVisible();
    // The KPI's thread was resolved: no open thread yet.
    await expect(owner.getByText('No open threads.')).toBeVisible();
    await owner.goto(`/w/${workspaceId}/meetings`);
    // With no meeting yet, the page shows the form at once.
    const form = owner.getByRole('form', { name: 'New meeting' });
    await form.getByLabel('Title').fill('Weekly troika');
    await form.getByRole('button', { name: 'Create meeting' }).click();
    await owner.getByLabel('New agenda item').fill('Budget for the third quarter');
    await owner.getByRole('button', { name: 'Add to the agenda' }).click();
    await owner.getByRole('list', { name: 'Agenda items', exact: true }).getByRole('link', { name: /Budget for the third quarter/ }).click();
    const threads = owner.getByRole('region', { name: 'Conversations', exact: true });
    await threads.getByRole('button', { name: 'Comments (0)' }).click();
    await drawer(owner).getByLabel('Start a thread').fill('Do we fund the campaign from this budget?');
    await drawer(owner).getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(drawer(owner).locator('[data-thread]')).toHaveCount(1);
    await owner.keyboard.press('Escape');
    await expect(threads).toContainText('Do we fund the campaign from this budget?');
    await expect(threads.getByRole('button', { name: 'Comments (1)' })).toBeVisible();
    await owner.goto(`/w/${workspaceId}/conversations`);
    await owner.getByRole('link', { name: /Do we fund the campaign/ }).click();
    await expect(owner).toHaveURL(/\/meetings\/[a-z0-9]+\?item=[a-z0-9]+&thread=/);
    await expect(drawer(owner).locator('[data-thread]')).toContainText('Do we fund the campaign');
    // Its author deletes the only comment, after a confirmation: the thread goes with it.
    await drawer(owner).locator('[data-thread]').getByRole('button', { name: 'Delete' }).click();
    await owner.getByRole('dialog', { name: 'Delete this comment?' }).getByRole('button', { name: 'Delete comment' }).click();
    await expect(drawer(owner).locator('[data-thread]')).toHaveCount(0);
    await expect(drawer(owner)).toContainText('No comments yet');
  });
});
