import { expectAccessible } from './support/axe';
import { expect, test } from './support/fixtures';
import { newPerson, signUp } from './support/people';
import { LAPTOP, snap } from './support/screenshots';
import { createWorkspace, kpis } from './support/workspace-api';

test('a long thread opens on its first comment and its 30 newest; "Show n earlier comments" brings the others and takes focus to the first of them', async ({ page }) => {
  await signUp(page, newPerson('Olga Owner'));
  const workspaceId = await createWorkspace(page, 'Long thread', 'cio', true);
  const kpi = (await kpis(page, workspaceId))[0]!;
  const started = await page.request.post(`/api/workspaces/${workspaceId}/threads`, { data: { target: { kind: 'kpi', id: kpi.id }, body: 'Reply 0: why this target?' } });
  expect(started.status()).toBe(201);
  const { id: threadId } = (await started.json()) as { id: string };
  // One after another, so that their order is the order of their numbers.
  for (let n = 1; n <= 35; n++) {
    const reply = await page.request.post(`/api/workspaces/${workspaceId}/threads/${threadId}/comments`, { data: { body: `Reply ${n}` } });
    expect(reply.status()).toBe(201);
  }

  await page.goto(`/w/${workspaceId}/board?kpi=${kpi.id}`);
  await expect(page.getByRole('button', { name: 'Comments (1)' })).toBeVisible();
  await page.keyboard.press('c');
  const thread = page.locator('dialog[data-threads-for] [data-thread]');
  const comments = thread.locator('li[data-comment] .body');
  await expect(comments).toHaveCount(31);
  await expect(comments.first()).toHaveText('Reply 0: why this target?');
  await expect(comments.nth(1)).toHaveText('Reply 6');
  await expect(comments.last()).toHaveText('Reply 35');
  await expectAccessible(page, 'a long thread with earlier comments folded');
  await page.setViewportSize({ width: 1440, height: 900 });
  await snap(page, 'long-thread-1440');
  await page.setViewportSize(LAPTOP);
  await snap(page, 'long-thread-1280');

  const earlier = thread.getByRole('button', { name: 'Show 5 earlier comments' });
  await earlier.focus();
  await page.keyboard.press('Enter');
  await expect(comments).toHaveCount(36);
  await expect(comments.nth(1)).toHaveText('Reply 1');
  await expect(earlier).toHaveCount(0);
  await expect(thread.locator('li[data-comment]').nth(1)).toBeFocused();
});
