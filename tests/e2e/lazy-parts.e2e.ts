import { expectAccessible } from './support/axe';
import { expect, test } from './support/fixtures';
import { newPerson, signUp } from './support/people';
import { snap } from './support/screenshots';
import { createWorkspace } from './support/workspace-api';

// Requests answered by the service worker's cache never reach page.route: this scenario is about
// the network, so the worker is kept out.
test.use({ serviceWorkers: 'block' });

const SCRIPTS = '**/_app/immutable/**/*.js';

test('a dialog whose code loads on first use says when it cannot load, retries, and shows a note while it loads', async ({ page }) => {
  await signUp(page, newPerson('Lena Lazy'));
  const workspaceId = await createWorkspace(page, 'Lazy parts', 'cio', true);
  await page.goto(`/w/${workspaceId}/board`);
  await expect(page.getByRole('article', { name: 'Online conversion rate' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  // The board is up; from here no script of the client can load (the network is gone).
  await page.route(SCRIPTS, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Add KPI' }).first().click();
  const failed = page.getByRole('alert').filter({ hasText: 'This part of Troika did not load' });
  await expect(failed).toBeVisible();
  await expectAccessible(page, 'a part of the board that did not load');
  for (const width of [1440, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await snap(page, `board-part-not-loaded-${width}`);
  }

  // Back, but slow: the retry shows a note until the code arrives, then the dialog.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.unroute(SCRIPTS);
  await page.route(SCRIPTS, async (route) => {
    await released;
    await route.continue();
  });
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opening the KPI form…' })).toBeVisible();
  await expect(failed).toBeHidden();
  await expectAccessible(page, 'a part of the board loading');
  release();
  const dialog = page.getByRole('dialog', { name: 'Add a KPI' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Name')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Opening the KPI form…' })).toBeHidden();
});
