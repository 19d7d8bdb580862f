import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { newPerson, signUp, type Person } from './support/people';
import { LAPTOP, PHONE, snap } from './support/screenshots';
import { createWorkspace, invite, kpis } from './support/workspace-api';

// Uncaught errors in any page: an exception in an effect stops Svelte's updates while the test may still pass.
const pageErrors: string[] = [];
test.beforeEach(() => void (pageErrors.length = 0));
test.afterEach(() => expect(pageErrors).toEqual([]));

async function personOnPage(browser: Browser, baseURL: string | undefined, person: Person, viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport });
  context.on('weberror', (error) => pageErrors.push(`${person.name}: ${error.error().message}`));
  const page = await context.newPage();
  await signUp(page, person);
  return page;
}

const card = (page: Page, name: string) => page.getByRole('article', { name });
const panel = (page: Page, name: string) => page.getByRole('complementary', { name });
const onBoard = (page: Page) => page.getByRole('list', { name: 'On the board now' });

test('two people on one board see each other and every change live', async ({ browser, baseURL }) => {
  const ada = newPerson('Ada Lovelace');
  const bea = newPerson('Bea Marketing');
  const pageA = await personOnPage(browser, baseURL, ada);
  const pageB = await personOnPage(browser, baseURL, bea);

  let workspaceId = '';
  await test.step('A creates an empty workspace from the form', async () => {
    await pageA.getByLabel('Workspace name').fill('Live board');
    const starter = pageA.getByRole('checkbox', { name: /Start with typical shared KPIs/ });
    await expect(starter).toBeChecked();
    await starter.uncheck();
    await pageA.getByRole('button', { name: 'Create workspace' }).click();
    await expect(pageA).toHaveURL(/\/w\/[^/]+\/board$/);
    workspaceId = new URL(pageA.url()).pathname.split('/')[2]!;
    await expect(pageA.getByRole('heading', { name: 'No KPIs on this board yet' })).toBeVisible();
  });

  await test.step('B joins as an editor in the CMO seat; both see each other on the board', async () => {
    await invite(pageA, pageB, workspaceId, 'editor', 'cmo');
    await pageB.goto(`/w/${workspaceId}/board`);
    await expect(onBoard(pageB).getByRole('listitem', { name: /Ada Lovelace/ })).toBeVisible();
    await expect(onBoard(pageA).getByRole('listitem', { name: /Bea Marketing \(CMO\)/ })).toBeVisible();
    await expect(pageA.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  });

  await test.step('? lists the board shortcuts beside the workspace ones', async () => {
    await pageA.keyboard.press('?');
    const help = pageA.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help.getByText('Add a KPI')).toBeVisible();
    await expect(help.getByText('Import values from a CSV file')).toBeVisible();
    await pageA.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });

  await test.step('A adds a KPI with the n shortcut; B sees its card with no data', async () => {
    await pageA.keyboard.press('n');
    const dialog = pageA.getByRole('dialog', { name: 'Add a KPI' });
    await dialog.getByLabel('Name').fill('Online conversion rate');
    await dialog.getByRole('radio', { name: /Outcome/ }).check();
    await dialog.getByLabel('Category').selectOption('customer-experience');
    await dialog.getByLabel('Target').fill('3.5');
    await dialog.getByLabel('Unit').fill('%');
    await dialog.getByRole('checkbox', { name: 'CIO' }).check();
    await dialog.getByRole('checkbox', { name: 'CMO' }).check();
    await dialog.getByRole('button', { name: 'Add KPI' }).click();
    await expect(pageA).toHaveURL(/\?kpi=/);
    await expect(panel(pageA, 'Online conversion rate')).toBeVisible();

    const seen = card(pageB, 'Online conversion rate');
    await expect(seen).toBeVisible();
    await expect(seen.locator('[data-status]')).toHaveText('No data');
    await expect(seen.getByRole('img', { name: 'No history yet' })).toHaveAttribute('data-points', '0');
    await expect(seen).toContainText('Target 3.5%');
  });

  await test.step('A records two values; B sees the status and sparkline follow without reload', async () => {
    const p = panel(pageA, 'Online conversion rate');
    await p.getByLabel('Date').fill('2025-01-31');
    await p.getByRole('textbox', { name: /^Value/ }).fill('3.2');
    await p.getByRole('button', { name: 'Add value' }).click();
    // Ready for the next value: focus stays in the form while the board updates.
    await expect(p.getByRole('textbox', { name: /^Value/ })).toBeFocused();
    const seen = card(pageB, 'Online conversion rate');
    await expect(seen.locator('[data-status]')).toHaveText('At risk');
    await expect(seen.getByTestId('latest')).toHaveText('3.2%');
    await expect(seen.getByRole('img', { name: /^History/ })).toHaveAttribute('data-points', '1');

    await p.getByLabel('Date').fill('2025-02-28');
    await p.getByRole('textbox', { name: /^Value/ }).fill('3.6');
    await p.getByRole('button', { name: 'Add value' }).click();
    await expect(seen.locator('[data-status]')).toHaveText('On track');
    await expect(seen.getByTestId('latest')).toHaveText('3.6%');
    await expect(seen.getByRole('img', { name: /^History/ })).toHaveAttribute('data-points', '2');
  });

  await test.step("the panel's chart shows the values against the target", async () => {
    const chart = panel(pageA, 'Online conversion rate').getByRole('img', { name: /2 values from 2025-01-31 to 2025-02-28/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator('circle[data-value]')).toHaveCount(2);
    await expect(chart.locator('circle[data-at="2025-02-28"]')).toHaveAttribute('data-value', '3.6');
    await expect(chart.getByText('Target 3.5%')).toBeVisible();
    await expect(chart.getByText('3.2%')).toBeVisible();
  });

  await test.step('B opens the KPI by its link; A sees who has it open', async () => {
    await card(pageB, 'Online conversion rate').getByRole('link').click();
    await expect(panel(pageB, 'Online conversion rate')).toBeVisible();
    await expect(panel(pageA, 'Online conversion rate')).toContainText('Bea Marketing has this open too');
    await expect(onBoard(pageA).getByRole('listitem', { name: /looking at Online conversion rate/ })).toBeVisible();
  });

  await test.step('B corrects a value; A sees the correction', async () => {
    const p = panel(pageB, 'Online conversion rate');
    await p.getByRole('button', { name: 'Correct the value of 2025-02-28' }).click();
    await expect(p.getByLabel('Date')).toHaveValue('2025-02-28');
    await p.getByRole('textbox', { name: /^Value/ }).fill('3.3');
    await p.getByRole('button', { name: 'Correct value' }).click();
    await expect(card(pageA, 'Online conversion rate').getByTestId('latest')).toHaveText('3.3%');
    await expect(card(pageA, 'Online conversion rate').locator('[data-status]')).toHaveText('At risk');
  });

  await test.step('B undoes the correction with Ctrl+Z and redoes it with Ctrl+Shift+Z', async () => {
    await pageB.getByRole('heading', { name: 'History against target' }).click();
    await pageB.keyboard.press('Control+z');
    await expect(card(pageA, 'Online conversion rate').getByTestId('latest')).toHaveText('3.6%');
    await pageB.keyboard.press('Control+Shift+z');
    await expect(card(pageA, 'Online conversion rate').getByTestId('latest')).toHaveText('3.3%');
    await pageB.keyboard.press('Escape');
    await expect(pageB).not.toHaveURL(/kpi=/);
  });

  await test.step('A adds a second KPI; both reorder, by keyboard and by drag, and the other sees it', async () => {
    await pageA.keyboard.press('Escape');
    await pageA.getByRole('button', { name: 'Add KPI' }).first().click();
    const dialog = pageA.getByRole('dialog', { name: 'Add a KPI' });
    await dialog.getByLabel('Name').fill('Customer satisfaction');
    await dialog.getByRole('radio', { name: /Outcome/ }).check();
    await dialog.getByLabel('Category').selectOption('customer-experience');
    await dialog.getByRole('button', { name: 'Add KPI' }).click();
    await pageA.keyboard.press('Escape');

    const order = (page: Page) => page.getByRole('list', { name: 'Customer experience' }).getByRole('listitem').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    await expect.poll(() => order(pageB)).toEqual(['Online conversion rate', 'Customer satisfaction']);
    await pageA.getByRole('button', { name: 'Move Customer satisfaction' }).focus();
    await pageA.keyboard.press('ArrowUp');
    await expect.poll(() => order(pageB)).toEqual(['Customer satisfaction', 'Online conversion rate']);
    await expect(pageA.getByRole('button', { name: 'Move Customer satisfaction' })).toBeFocused();
    await card(pageA, 'Customer satisfaction').getByRole('link').focus();
    await pageA.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => order(pageB)).toEqual(['Online conversion rate', 'Customer satisfaction']);
    await expect(card(pageA, 'Customer satisfaction').getByRole('link')).toBeFocused();
    await pageA.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => order(pageB)).toEqual(['Customer satisfaction', 'Online conversion rate']);

    const section = pageB.getByRole('list', { name: 'Customer experience' });
    await section.getByRole('listitem', { name: 'Online conversion rate' }).dragTo(section.getByRole('listitem', { name: 'Customer satisfaction' }), {
      targetPosition: { x: 8, y: 8 },
    });
    await expect.poll(() => order(pageA)).toEqual(['Online conversion rate', 'Customer satisfaction']);
  });

  await test.step('grouping by seat shows each seat\u2019s scorecard and is remembered', async () => {
    await pageA.getByRole('radio', { name: 'Seat' }).check();
    await expect(pageA.getByRole('list', { name: 'CMO' }).getByRole('listitem', { name: 'Online conversion rate' })).toBeVisible();
    await expect(pageA.getByRole('list', { name: 'No owner yet' }).getByRole('listitem', { name: 'Customer satisfaction' })).toBeVisible();
    await pageA.reload();
    await expect(pageA.getByRole('radio', { name: 'Seat' })).toBeChecked();
    await pageA.getByRole('radio', { name: 'Category' }).check();
  });

  await test.step('B edits offline; the state says so, and the edit arrives once B is back', async () => {
    await pageB.context().setOffline(true);
    await expect(pageB.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible({ timeout: 20_000 });
    await card(pageB, 'Customer satisfaction').getByRole('link').click();
    const p = panel(pageB, 'Customer satisfaction');
    await p.getByLabel('Date').fill('2025-03-31');
    await p.getByRole('textbox', { name: /^Value/ }).fill('88');
    await p.getByRole('button', { name: 'Add value' }).click();
    await expect(card(pageB, 'Customer satisfaction').getByTestId('latest')).toHaveText('88');
    await pageB.context().setOffline(false);
    await expect(card(pageA, 'Customer satisfaction').getByTestId('latest')).toHaveText('88', { timeout: 20_000 });
    await expect(pageB.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 20_000 });
  });

  await test.step("signing out deletes this browser's offline copies", async () => {
    const copies = () => pageA.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('troika:')));
    expect(await copies()).toContain(`troika:${workspaceId}:board`);
    await pageA.getByRole('button', { name: 'Sign out' }).first().click();
    await expect(pageA).toHaveURL(/\/login$/);
    await expect.poll(copies).toEqual([]);
  });

  await pageA.context().close();
  await pageB.context().close();
});

test('a viewer sees the board live and can change nothing', async ({ browser, baseURL }) => {
  const cy = newPerson('Cy Owner');
  const dee = newPerson('Dee Viewer');
  const owner = await personOnPage(browser, baseURL, cy);
  const viewer = await personOnPage(browser, baseURL, dee);
  const workspaceId = await createWorkspace(owner, 'Viewed board', 'business', true);
  await invite(owner, viewer, workspaceId, 'viewer', 'marketing');
  const [csat] = (await kpis(owner, workspaceId)).filter((k) => k.name.startsWith('Customer satisfaction'));
  expect(csat).toBeTruthy();

  await viewer.goto(`/w/${workspaceId}/board`);
  await expect(viewer.getByText('You are a viewer here')).toBeVisible();
  await expect(card(viewer, csat!.name)).toBeVisible();

  await test.step('a value posted through the API reaches the open board', async () => {
    const posted = await owner.request.post(`/api/workspaces/${workspaceId}/kpis/${csat!.id}/values`, { data: { at: '2025-03-31', value: 86 } });
    expect(posted.status()).toBe(201);
    await expect(card(viewer, csat!.name).getByTestId('latest')).toHaveText('86%');
    await expect(card(viewer, csat!.name).locator('[data-status]')).toHaveText('On track');
  });

  await test.step('every control is disabled, and shortcuts open nothing', async () => {
    await expect(viewer.getByRole('button', { name: 'Add KPI' })).toBeDisabled();
    await expect(viewer.getByRole('button', { name: 'Import values' })).toBeDisabled();
    await expect(viewer.getByRole('button', { name: 'Undo' })).toBeDisabled();
    await expect(viewer.getByRole('button', { name: /^Move / })).toHaveCount(0);
    await viewer.keyboard.press('n');
    await expect(viewer.getByRole('dialog')).toHaveCount(0);

    await card(viewer, csat!.name).getByRole('link').click();
    const p = panel(viewer, csat!.name);
    await expect(p).toBeVisible();
    await expect(p.getByRole('img', { name: /1 values? from 2025-03-31/ })).toBeVisible();
    for (const field of [p.getByLabel('Date'), p.getByRole('textbox', { name: /^Value/ }), p.getByLabel('Description')]) await expect(field).toBeDisabled();
    for (const name of ['Add value', 'Edit details', 'Delete', 'Correct the value of 2025-03-31', 'Remove the value of 2025-03-31']) {
      await expect(p.getByRole('button', { name })).toBeDisabled();
    }
    await expect(p.getByRole('button', { name: /^Unlink/ }).first()).toBeDisabled();
    await snap(viewer, 'board-viewer-panel-laptop');
  });

  await test.step('a forced POST of a value by the viewer is refused with 403', async () => {
    const response = await viewer.request.post(`/api/workspaces/${workspaceId}/kpis/${csat!.id}/values`, { data: { at: '2025-04-30', value: 1 } });
    expect(response.status()).toBe(403);
    expect((await kpis(owner, workspaceId)).find((k) => k.id === csat!.id)!.latest).toEqual({ at: '2025-03-31', value: 86 });
  });

  await owner.context().close();
  await viewer.context().close();
});

test('CSV import keeps the good rows and reports the bad one; screenshots of the board and a KPI', async ({ browser, baseURL }) => {
  const eve = newPerson('Eve Business');
  const page = await personOnPage(browser, baseURL, eve);
  const workspaceId = await createWorkspace(page, 'Imported board', 'business', true);
  await page.goto(`/w/${workspaceId}/board`);
  await expect(card(page, 'Online conversion rate')).toBeVisible();

  const months = ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30'];
  const series: Record<string, number[]> = {
    'Online conversion rate': [2.9, 3.0, 3.2, 3.1, 3.4, 3.6],
    'Customer satisfaction (CSAT)': [81, 80, 82, 79, 78, 77.5],
    'Cost per transaction': [0.52, 0.5, 0.47, 0.45, 0.44, 0.43],
    'Customers affected by outages': [1200, 800, 950, 400, 350, 300],
    'Checkout page load time': [3.1, 2.9, 2.6, 2.4, 2.2, 2.05],
  };
  const good = Object.entries(series).flatMap(([name, values]) => values.map((v, i) => `${name},${months[i]},${v}`));
  const csv = ['kpi,date,value', ...good.slice(0, 10), 'Online conversion rate,2025-13-01,3.0', ...good.slice(10)].join('\n');

  await test.step('the i shortcut opens the import; a file with one bad row imports the rest', async () => {
    await page.keyboard.press('i');
    const dialog = page.getByRole('dialog', { name: 'Import values' });
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'values.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByRole('button', { name: 'Import values' }).click();
    await expect(dialog.getByText(`Imported ${good.length} values into 5 KPIs.`)).toBeVisible();
    await expect(dialog.getByRole('progressbar')).toHaveAttribute('value', String(good.length));
    await expect(dialog.getByText('1 row was left out:')).toBeVisible();
    const report = dialog.getByRole('table', { name: 'Rows left out' });
    await expect(report.getByRole('row')).toHaveCount(2);
    await expect(report).toContainText('12');
    await expect(report).toContainText('The date "2025-13-01" is not a real date');
    await snap(page, 'board-import-report-laptop');
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  await test.step('the cards show the imported history', async () => {
    const conversion = card(page, 'Online conversion rate');
    await expect(conversion.getByTestId('latest')).toHaveText('3.6%');
    await expect(conversion.getByRole('img', { name: /^History/ })).toHaveAttribute('data-points', '6');
    await expect(card(page, 'Customer satisfaction (CSAT)').locator('[data-status]')).toHaveText('At risk');
    const stored = await kpis(page, workspaceId);
    expect(stored.find((k) => k.name === 'Online conversion rate')!.latest).toEqual({ at: '2025-06-30', value: 3.6 });
    await snap(page, 'board-laptop');
  });

  await test.step('the detail panel, linked by URL', async () => {
    await card(page, 'Online conversion rate').getByRole('link').click();
    await expect(page).toHaveURL(/\?kpi=/);
    const url = page.url();
    const chart = panel(page, 'Online conversion rate').getByRole('img', { name: /6 values from 2025-01-31 to 2025-06-30/ });
    await expect(chart.locator('circle[data-value]')).toHaveCount(6);
    await page.waitForTimeout(300);
    await page.screenshot({ path: snapPath('board-panel-laptop'), animations: 'disabled' });
    await panel(page, 'Online conversion rate').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(200);
    await page.screenshot({ path: snapPath('board-panel-values-laptop'), animations: 'disabled' });

    const phone = await browser.newContext({ baseURL, viewport: PHONE, storageState: await page.context().storageState() });
    const phonePage = await phone.newPage();
    await phonePage.goto(`/w/${workspaceId}/board`);
    await expect(card(phonePage, 'Online conversion rate').getByTestId('latest')).toHaveText('3.6%');
    await snap(phonePage, 'board-phone-values');
    await phonePage.goto(url);
    await expect(panel(phonePage, 'Online conversion rate').getByRole('img', { name: /6 values/ })).toBeVisible();
    await phonePage.waitForTimeout(300);
    await phonePage.screenshot({ path: snapPath('board-panel-phone'), animations: 'disabled' });
    await phone.close();
  });

  await test.step('edit details with e, delete with confirmation, and undo the delete', async () => {
    await page.goto(`/w/${workspaceId}/board`);
    await card(page, 'Self-service rate').getByRole('link').click();
    await expect(panel(page, 'Self-service rate')).toBeVisible();
    await page.keyboard.press('e');
    const dialog = page.getByRole('dialog', { name: 'Edit KPI' });
    await expect(dialog.getByLabel('Name')).toHaveValue('Self-service rate');
    await dialog.getByLabel('Target').fill('65');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(card(page, 'Self-service rate')).toContainText('Target 65%');

    await panel(page, 'Self-service rate').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete this KPI?' }).getByRole('button', { name: 'Delete KPI' }).click();
    await expect(card(page, 'Self-service rate')).toHaveCount(0);
    await expect(page).not.toHaveURL(/kpi=/);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(card(page, 'Self-service rate')).toContainText('Target 65%');
    expect((await kpis(page, workspaceId)).some((k) => k.name === 'Self-service rate')).toBe(true);
  });

  await page.context().close();
});

function snapPath(name: string): string {
  return new URL(`./screenshots/${name}.png`, import.meta.url).pathname;
}
