import type { Browser, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import { newPerson, signUp, type Person } from './support/people';
import { LAPTOP, PHONE, snap } from './support/screenshots';

async function personOnPage(browser: Browser, baseURL: string | undefined, person: Person, viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport, acceptDownloads: true });
  const page = await context.newPage();
  await signUp(page, person);
  return page;
}

/** Set-up through the API with the page's own session: a workspace with the starter glossary, and a member. */
async function starterWorkspace(page: Page, name: string): Promise<string> {
  const res = await page.request.post('/api/workspaces', { data: { name, seat: 'cio', starter: true } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function join(owner: Page, guest: Page, workspaceId: string, role: 'editor' | 'viewer', seat: string): Promise<void> {
  const created = await owner.request.post(`/api/workspaces/${workspaceId}/invites`, { data: { role, seat } });
  const { token } = (await created.json()) as { token: string };
  expect((await guest.request.post(`/api/invites/${token}/accept`)).status()).toBe(200);
}

async function termId(page: Page, workspaceId: string, q: string): Promise<string> {
  const res = await page.request.get(`/api/workspaces/${workspaceId}/glossary?q=${encodeURIComponent(q)}`);
  return ((await res.json()) as { results: { id: string }[] }).results[0]!.id;
}

const termPanel = (page: Page) => page.getByRole('article').filter({ has: page.locator('#term-title') });

test('two people edit the two meanings of a term at once, and both edits survive', async ({ browser, baseURL }) => {
  const ada = newPerson('Ada Lovelace');
  const bea = newPerson('Bea Marketing');
  const pageA = await personOnPage(browser, baseURL, ada);
  const pageB = await personOnPage(browser, baseURL, bea);
  const workspaceId = await starterWorkspace(pageA, 'Acme leadership');
  await join(pageA, pageB, workspaceId, 'editor', 'cmo');
  const conversion = await termId(pageA, workspaceId, 'conversion');

  await test.step('both open “Conversion” and see each other on it', async () => {
    await pageA.goto(`/w/${workspaceId}/glossary?term=${conversion}`);
    await pageB.goto(`/w/${workspaceId}/glossary?term=${conversion}`);
    await expect(pageA.getByRole('heading', { name: 'Conversion', level: 2 })).toBeVisible();
    await expect(pageA.getByRole('list', { name: 'Reading this term now' }).getByRole('listitem', { name: bea.name })).toBeVisible();
    await expect(pageB.getByRole('list', { name: 'On the glossary now' }).getByRole('listitem', { name: /Ada Lovelace.*reading Conversion/ })).toBeVisible();
    await expect(pageA.getByText('Needs a common meaning').first()).toBeVisible();
  });

  await test.step('A types in “What IT means” while B types in “What marketing means”', async () => {
    const itA = pageA.getByLabel('What IT means');
    const marketingB = pageB.getByLabel('What marketing means');
    await itA.click();
    await itA.press('Control+End');
    await marketingB.click();
    await marketingB.press('Control+End');
    await Promise.all([itA.pressSequentially(' Also used for file formats.', { delay: 15 }), marketingB.pressSequentially(' Counted once per visit.', { delay: 15 })]);
    for (const page of [pageA, pageB]) {
      await expect(page.getByLabel('What IT means')).toHaveValue(/Also used for file formats\.$/);
      await expect(page.getByLabel('What marketing means')).toHaveValue(/Counted once per visit\.$/);
    }
    await expect(pageA.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(pageB.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(pageB.getByTestId('changed-by')).toContainText(/Changed by (you|Ada Lovelace)/);
    await snap(pageA, 'glossary-term-laptop');
  });

  await test.step('after a reload, the server has both edits', async () => {
    await pageB.reload();
    await expect(pageB.getByLabel('What IT means')).toHaveValue(/Also used for file formats\.$/);
    await expect(pageB.getByLabel('What marketing means')).toHaveValue(/Counted once per visit\.$/);
    const res = await pageB.request.get(`/api/workspaces/${workspaceId}/glossary.csv`);
    const csv = await res.text();
    expect(csv).toContain('Also used for file formats.');
    expect(csv).toContain('Counted once per visit.');
  });

  await test.step('the list filters by status and by meanings that differ', async () => {
    await pageA.goto(`/w/${workspaceId}/glossary`);
    const list = pageA.getByRole('navigation', { name: 'Terms' });
    await expect(list.getByRole('link', { name: /Service level agreement/ })).toBeVisible();
    await snap(pageA, 'glossary-list-laptop');
    await pageA.getByRole('button', { name: /^Deprecated/ }).click();
    await expect(list.getByRole('link')).toHaveCount(1);
    await expect(list.getByRole('link', { name: /Big data/ })).toBeVisible();
    await pageA.getByRole('button', { name: /^All/ }).click();
    await pageA.getByRole('button', { name: /Needs a common meaning/ }).click();
    await expect(list.getByRole('link', { name: /Key performance indicator/ })).toHaveCount(0);
    await expect(list.getByRole('link', { name: /^Conversion/ }).first()).toBeVisible();
    await pageA.getByRole('button', { name: /Needs a common meaning/ }).click();
  });

  await test.step('A adds a duplicate with the n key and merges it into “Churn”; B sees it go', async () => {
    await pageA.keyboard.press('n');
    const dialog = pageA.getByRole('dialog', { name: 'New term' });
    await dialog.getByLabel('Term', { exact: true }).fill('Customer attrition');
    await dialog.getByRole('button', { name: 'Add term' }).click();
    await expect(pageA.getByRole('heading', { name: 'Customer attrition', level: 2 })).toBeVisible();
    await pageA.getByLabel('What marketing means').fill('Customers who leave us.');
    await expect(pageB.getByRole('navigation', { name: 'Terms' }).getByRole('link', { name: /Customer attrition/ })).toBeVisible();

    await pageA.getByRole('navigation', { name: 'Terms' }).getByRole('link', { name: /^Churn/ }).click();
    await pageA.getByRole('button', { name: 'Merge a duplicate into this term…' }).click();
    const merge = pageA.getByRole('dialog', { name: /Merge a duplicate/ });
    await merge.getByLabel('Duplicate term').fill('customer attr');
    await merge.getByRole('button', { name: /Customer attrition/ }).click();
    await snap(pageA, 'glossary-merge-laptop');
    await merge.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect(pageA.getByLabel('What marketing means')).toHaveValue(/Customers who leave us\.$/);
    await expect(termPanel(pageA).getByRole('listitem').filter({ hasText: 'Customer attrition' })).toBeVisible();
    await expect(pageB.getByRole('navigation', { name: 'Terms' }).getByRole('link', { name: /Customer attrition/ })).toHaveCount(0);
  });

  await pageA.context().close();
  await pageB.context().close();
});

test('Ctrl-K looks a term up by a typo from any page, and a highlighted term shows its card', async ({ browser, baseURL }) => {
  const cy = newPerson('Cy Business');
  const page = await personOnPage(browser, baseURL, cy);
  const workspaceId = await starterWorkspace(page, 'Lookup');
  await page.goto(`/w/${workspaceId}/members`);
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();

  const palette = page.getByRole('dialog', { name: 'Look up a term' });
  await test.step('Ctrl-K, a typo, and the meanings of both sides appear', async () => {
    await expect(page.getByRole('button', { name: /Look up a term/ })).toBeEnabled();
    await page.keyboard.press('Control+k');
    await expect(palette).toBeVisible();
    await palette.getByRole('combobox').pressSequentially('atribution');
    await expect(palette.getByRole('option').first()).toContainText('Attribution');
    await expect(palette.getByText('What marketing means')).toBeVisible();
    await expect(palette).toContainText('Giving credit for a conversion');
    await snap(page, 'glossary-lookup-laptop');
  });

  await test.step('a term in the preview is underlined; hovering it shows its card', async () => {
    await palette.getByRole('combobox').fill('mttr');
    await expect(palette.getByRole('option').first()).toContainText('Mean time to recovery');
    const mention = palette.locator('[data-term-mention]', { hasText: 'SLA' }).first();
    await expect(mention).toBeVisible();
    await mention.hover();
    const card = page.getByRole('tooltip');
    await expect(card).toBeVisible();
    await expect(card).toContainText('Service level agreement');
    await expect(card).toContainText('What IT means');
    await snap(page, 'glossary-hover-card-laptop');
  });

  await test.step('Enter opens the term', async () => {
    await palette.getByRole('combobox').fill('chrun');
    await expect(palette.getByRole('option').first()).toContainText('Churn');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page).toHaveURL(/\/glossary\?term=/);
    await expect(page.getByRole('heading', { name: 'Churn', level: 2 })).toBeVisible();
  });

  await test.step('Ctrl-K works while typing in a field too', async () => {
    await page.getByLabel('What IT means').click();
    await page.keyboard.press('Control+k');
    await expect(palette).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
  });

  await test.step('on a phone', async () => {
    const phone = await browser.newContext({ baseURL, viewport: PHONE, storageState: await page.context().storageState() });
    const p = await phone.newPage();
    await p.goto(`/w/${workspaceId}/glossary`);
    await expect(p.getByRole('navigation', { name: 'Terms' }).getByRole('link', { name: /Churn/ })).toBeVisible();
    await snap(p, 'glossary-list-phone');
    await p.getByRole('navigation', { name: 'Terms' }).getByRole('link', { name: /Churn/ }).click();
    await expect(p.getByRole('heading', { name: 'Churn', level: 2 })).toBeVisible();
    await snap(p, 'glossary-term-phone');
    await p.getByRole('button', { name: /Look up a term/ }).click();
    await p.getByRole('dialog', { name: 'Look up a term' }).getByRole('combobox').fill('cac');
    await expect(p.getByRole('dialog', { name: 'Look up a term' }).getByRole('option').first()).toContainText('Customer acquisition cost');
    await snap(p, 'glossary-lookup-phone');
    await phone.close();
  });

  await page.context().close();
});

test('a glossary term in a KPI description is underlined and shows its card', async ({ browser, baseURL }) => {
  const fay = newPerson('Fay Finance');
  const page = await personOnPage(browser, baseURL, fay);
  const workspaceId = await starterWorkspace(page, 'Board terms');
  await page.goto(`/w/${workspaceId}/board`);
  await page.getByRole('link', { name: 'Customers affected by outages' }).click();
  const panel = page.getByRole('complementary', { name: 'Customers affected by outages' });
  const mention = panel.locator('[data-term-mention]', { hasText: 'availability' });
  await expect(mention).toBeVisible();
  await mention.hover();
  const card = page.getByRole('tooltip');
  await expect(card).toContainText('Uptime');
  await expect(card).toContainText('What marketing means');
  await snap(page, 'glossary-board-card-laptop');
  await mention.click();
  await expect(page).toHaveURL(/\/glossary\?term=/);
  await expect(page.getByRole('heading', { name: 'Uptime', level: 2 })).toBeVisible();
  await page.context().close();
});

test('CSV round trip through the screen, and a viewer can only read', async ({ browser, baseURL }) => {
  const dee = newPerson('Dee Data');
  const eve = newPerson('Eve Viewer');
  const page = await personOnPage(browser, baseURL, dee);
  const workspaceId = await starterWorkspace(page, 'CSV');
  await page.goto(`/w/${workspaceId}/glossary`);

  let csv = '';
  await test.step('Export CSV downloads every term', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFterm,abbreviation,definition,IT meaning,marketing meaning,synonyms,status,approvals');
    expect(csv).toContain('Service level agreement,SLA,');
  });

  await test.step('importing the file back, with a new row and a bad one, reports each', async () => {
    const edited = `${csv}Net revenue retention,NRR,Revenue kept from existing customers,From billing data,Upsell minus churn,,agreed\r\n,,no name,,,,\r\n`;
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import terms from CSV' });
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'glossary.csv', mimeType: 'text/csv', buffer: Buffer.from(edited, 'utf8') });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog.getByRole('status')).toContainText('1 added');
    await expect(dialog.getByRole('status')).toContainText('1 rejected');
    await expect(dialog.getByRole('row', { name: /The term is empty/ })).toBeVisible();
    await snap(page, 'glossary-import-laptop');
    await dialog.getByRole('button', { name: /Open “Net revenue retention”/ }).click();
    await expect(page.getByRole('heading', { name: /Net revenue retention/, level: 2 })).toBeVisible();
    await expect(page.getByLabel('What marketing means')).toHaveValue('Upsell minus churn');
  });

  await test.step('a viewer reads the term, with every control disabled', async () => {
    const pageE = await personOnPage(browser, baseURL, eve);
    await join(page, pageE, workspaceId, 'viewer', 'marketing');
    const id = await termId(pageE, workspaceId, 'NRR');
    await pageE.goto(`/w/${workspaceId}/glossary?term=${id}`);
    await expect(pageE.getByLabel('What IT means')).toBeDisabled();
    await expect(pageE.getByLabel('What IT means')).toHaveValue('From billing data');
    await expect(termPanel(pageE).getByLabel('Term', { exact: true })).toBeDisabled();
    await expect(pageE.getByRole('button', { name: 'New term' })).toBeDisabled();
    await expect(pageE.getByRole('button', { name: 'Import CSV' })).toBeDisabled();
    await expect(pageE.getByRole('button', { name: 'Delete' })).toHaveCount(0);
    await expect(pageE.getByText('your role does not allow changes')).toBeVisible();
    await pageE.context().close();
  });

  await page.context().close();
});
