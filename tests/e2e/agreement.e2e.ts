import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { newPerson, signUp, type Person } from './support/people';
import { LAPTOP, snap } from './support/screenshots';

async function personOnPage(browser: Browser, baseURL: string | undefined, person: Person): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, viewport: LAPTOP })).newPage();
  await signUp(page, person);
  return page;
}

const agreement = (page: Page) => page.getByTestId('agreement');
const status = (page: Page) => page.getByRole('article').filter({ has: page.locator('#term-title') }).locator('.meta .status');

test('a CIO and a CMO sign a term: no self-approval first, agreed with both, back to proposed when a meaning changes', async ({ browser, baseURL }) => {
  const cio = newPerson('Cora CIO');
  const cmo = newPerson('Carl CMO');
  const pageCio = await personOnPage(browser, baseURL, cio);
  const pageCmo = await personOnPage(browser, baseURL, cmo);
  const created = await pageCio.request.post('/api/workspaces', { data: { name: 'Acme leadership', seat: 'cio', starter: true } });
  const workspaceId = ((await created.json()) as { id: string }).id;
  const invite = (await (await pageCio.request.post(`/api/workspaces/${workspaceId}/invites`, { data: { role: 'editor', seat: 'cmo' } })).json()) as { token: string };
  expect((await pageCmo.request.post(`/api/invites/${invite.token}/accept`)).status()).toBe(200);
  const found = (await (await pageCio.request.get(`/api/workspaces/${workspaceId}/glossary?q=conversion`)).json()) as { results: { id: string }[] };
  const termId = found.results[0]!.id;

  for (const page of [pageCio, pageCmo]) {
    await page.goto(`/w/${workspaceId}/glossary?term=${termId}`);
    await expect(page.getByRole('heading', { name: 'Conversion', level: 2 })).toBeVisible();
    await expect(status(page)).toHaveText('Proposed');
  }

  await test.step('the CIO rewords the IT meaning, and cannot be the first to sign it', async () => {
    const it = pageCio.getByLabel('What IT means');
    await it.click();
    await it.press('Control+End');
    await it.pressSequentially(' Counted per order.', { delay: 10 });
    const approve = agreement(pageCio).getByRole('button', { name: 'Approve for technology' });
    await expect(approve).toBeDisabled();
    await expect(agreement(pageCio)).toContainText('You changed its meaning last');
  });

  await test.step('the CMO signs for business; the CIO then co-signs, and both screens say agreed', async () => {
    await agreement(pageCmo).getByRole('button', { name: 'Approve for business' }).click();
    await expect(agreement(pageCio).getByRole('listitem').filter({ hasText: 'Business' })).toContainText(cmo.name);
    const approve = agreement(pageCio).getByRole('button', { name: 'Approve for technology' });
    await expect(approve).toBeEnabled();
    await approve.click();
    for (const page of [pageCio, pageCmo]) await expect(status(page)).toHaveText('Agreed');
    await expect(agreement(pageCmo).getByRole('listitem').filter({ hasText: 'Technology' })).toContainText('Cora CIO');
    await expect(agreement(pageCio).getByRole('button', { name: 'Withdraw my approval' })).toBeVisible();
    await snap(pageCio, 'glossary-agreed-laptop');
  });

  await test.step('a later change to a meaning sends it back to proposed, live on both screens', async () => {
    const marketing = pageCmo.getByLabel('What marketing means');
    await marketing.click();
    await marketing.press('Control+End');
    await marketing.pressSequentially(' Only paid orders.', { delay: 10 });
    for (const page of [pageCio, pageCmo]) {
      await expect(status(page)).toHaveText('Changed since agreed');
      await expect(agreement(page)).toContainText('Changed since agreed.');
      await expect(agreement(page).getByRole('listitem').filter({ hasText: 'Business' })).toContainText('Not signed yet');
    }
    await snap(pageCmo, 'glossary-changed-since-agreed-laptop');
  });

  await test.step('the list filters what changed since agreed, and what waits for my side', async () => {
    await pageCio.getByRole('button', { name: /Changed since agreed/ }).first().click();
    const list = pageCio.getByRole('navigation', { name: 'Terms' });
    await expect(list.locator('[data-term-link]')).toHaveCount(1);
    await expect(list.locator(`[data-term-link="${termId}"]`)).toBeVisible();
  });
});
