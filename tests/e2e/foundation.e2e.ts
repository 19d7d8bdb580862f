import { expect, test } from './support/fixtures';
import { fillSignIn, fillSignUp, newPerson, signUp } from './support/people';
import { LAPTOP, PHONE, snap } from './support/screenshots';

test('an owner invites a viewer, both see each other, and the viewer cannot change roles', async ({ browser, baseURL }) => {
  const ada = newPerson('Ada Lovelace');
  const bea = newPerson('Bea Marketing');

  const contextA = await browser.newContext({ baseURL, viewport: LAPTOP });
  const pageA = await contextA.newPage();

  await test.step('the sign-in page', async () => {
    await pageA.goto('/login');
    await expect(pageA.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await snap(pageA, 'sign-in-laptop');
  });

  await test.step('A signs up and sees an empty workspace list', async () => {
    await signUp(pageA, ada);
    await expect(pageA.getByRole('heading', { name: 'No workspace yet' })).toBeVisible();
    await snap(pageA, 'workspaces-empty-laptop');
  });

  let workspaceId = '';
  await test.step('A creates a workspace in the CIO seat', async () => {
    await pageA.getByLabel('Workspace name').fill('Acme leadership');
    await pageA.getByLabel('Your seat').selectOption('cio');
    await pageA.getByRole('button', { name: 'Create workspace' }).click();
    await expect(pageA).toHaveURL(/\/w\/[^/]+\/board$/);
    workspaceId = new URL(pageA.url()).pathname.split('/')[2]!;
    await expect(pageA.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
    await expect(pageA.getByRole('article', { name: 'Online conversion rate' })).toBeVisible();
  });

  await test.step('keyboard: g p opens members, ? lists the shortcuts', async () => {
    await pageA.keyboard.press('g');
    await pageA.keyboard.press('p');
    await expect(pageA).toHaveURL(new RegExp(`/w/${workspaceId}/members$`));
    await pageA.keyboard.press('?');
    const help = pageA.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help.getByText('Go to the glossary')).toBeVisible();
    await pageA.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });

  let inviteUrl = '';
  await test.step('A creates an invite link for a viewer in the marketing seat', async () => {
    const invite = pageA.getByRole('region', { name: 'Invite someone' });
    await invite.getByLabel('Role').selectOption('viewer');
    await invite.getByLabel('Seat').selectOption('marketing');
    await invite.getByRole('button', { name: 'Create invite link' }).click();
    inviteUrl = await pageA.getByLabel('Invite link').inputValue();
    expect(inviteUrl).toMatch(/\/invite\/[\w-]+$/);
  });

  const contextB = await browser.newContext({ baseURL, viewport: LAPTOP });
  const pageB = await contextB.newPage();

  await test.step('B opens the link and sees what they are joining', async () => {
    await pageB.goto(inviteUrl);
    await expect(pageB.getByRole('heading', { name: 'Join Acme leadership' })).toBeVisible();
    await expect(pageB.getByText('Marketing team')).toBeVisible();
    await expect(pageB.getByText('Viewer')).toBeVisible();
    await snap(pageB, 'invite-laptop');
    await pageB.getByRole('link', { name: 'Create an account to join' }).click();
    await expect(pageB).toHaveURL(/\/signup\?next=/);
  });

  await test.step('a too-short password gets a field error and nothing is sent', async () => {
    await fillSignUp(pageB, { ...bea, password: 'short' });
    const password = pageB.getByLabel('Password');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(pageB.getByText('Must be at least 8 characters')).toBeVisible();
    await snap(pageB, 'sign-up-error-laptop');
    await expect(pageB).toHaveURL(/\/signup\?next=/);
  });

  await test.step('B signs up, comes back to the invite and joins', async () => {
    await pageB.getByLabel('Password').fill(bea.password);
    await pageB.getByRole('button', { name: 'Create account' }).click();
    await expect(pageB).toHaveURL(/\/invite\//);
    await pageB.getByRole('button', { name: 'Join Acme leadership' }).click();
    await expect(pageB).toHaveURL(new RegExp(`/w/${workspaceId}/board$`));
  });

  await test.step('B sees both people, read-only', async () => {
    await pageB.getByRole('link', { name: 'Members' }).click();
    const members = pageB.getByRole('list', { name: 'Members' });
    await expect(members.getByRole('listitem', { name: ada.name })).toBeVisible();
    const beaRow = members.getByRole('listitem', { name: bea.name });
    await expect(beaRow).toContainText('Marketing team');
    await expect(beaRow).toContainText('Viewer');
    await expect(pageB.getByText('Only owners can change roles and seats')).toBeVisible();
    await expect(pageB.getByRole('combobox')).toHaveCount(0);
    await expect(pageB.getByRole('region', { name: 'Invite someone' })).toHaveCount(0);
  });

  await test.step('a forced role change by the viewer is refused with 403', async () => {
    const adaId = await pageB.getByRole('listitem', { name: ada.name }).getAttribute('data-user-id');
    expect(adaId).toBeTruthy();
    const response = await pageB.request.patch(`/api/workspaces/${workspaceId}/members/${adaId}`, { data: { role: 'viewer' } });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('forbidden');
  });

  await test.step('A sees B after a reload, with the invited role and seat', async () => {
    await pageA.reload();
    const beaRow = pageA.getByRole('list', { name: 'Members' }).getByRole('listitem', { name: bea.name });
    await expect(beaRow).toBeVisible();
    await expect(pageA.getByLabel(`Role of ${bea.name}`)).toHaveValue('viewer');
    await expect(pageA.getByLabel(`Seat of ${bea.name}`)).toHaveValue('marketing');
  });

  await test.step('A creates an API token, sees it once, and revokes it', async () => {
    const tokens = pageA.getByRole('region', { name: 'API tokens' });
    await tokens.getByLabel('Token name').fill('BI export');
    await tokens.getByRole('button', { name: 'Create token' }).click();
    await expect(pageA.getByLabel('New API token')).toHaveValue(/^trk_/);
    await expect(tokens.getByRole('listitem', { name: 'BI export' })).toBeVisible();
    await snap(pageA, 'members-laptop');
    await tokens.getByRole('button', { name: 'Revoke BI export' }).click();
    await pageA.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await expect(tokens.getByRole('listitem', { name: 'BI export' })).toHaveCount(0);
  });

  await test.step('the last owner cannot step down: the 409 is shown and the select reverts', async () => {
    await pageA.getByLabel(`Role of ${ada.name}`).selectOption('editor');
    await expect(pageA.getByRole('alert').filter({ hasText: 'at least one owner' })).toBeVisible();
    await expect(pageA.getByLabel(`Role of ${ada.name}`)).toHaveValue('owner');
  });

  await test.step('A signs out; a wrong password is refused; the right one signs A in again', async () => {
    await pageA.getByRole('button', { name: 'Sign out' }).click();
    await expect(pageA).toHaveURL(/\/login$/);
    await fillSignIn(pageA, ada.email, 'not the password');
    await expect(pageA.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
    await expect(pageA).toHaveURL(/\/login$/);
    await fillSignIn(pageA, ada.email, ada.password);
    await expect(pageA).toHaveURL(/\/workspaces$/);
    const item = pageA.getByRole('list', { name: 'Your workspaces' }).getByRole('link', { name: /Acme leadership/ });
    await expect(item).toContainText('CIO');
    await expect(item).toContainText('Owner');
    await snap(pageA, 'workspaces-laptop');
  });

  await test.step('the same screens at phone width', async () => {
    const phone = await browser.newContext({ baseURL, viewport: PHONE, storageState: await contextA.storageState() });
    const page = await phone.newPage();
    await page.goto('/workspaces');
    await expect(page.getByRole('link', { name: /Acme leadership/ })).toBeVisible();
    await snap(page, 'workspaces-phone');
    await page.goto(`/w/${workspaceId}/members`);
    await expect(page.getByRole('listitem', { name: bea.name })).toBeVisible();
    await snap(page, 'members-phone');
    await page.goto(`/w/${workspaceId}/board`);
    await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
    await snap(page, 'board-phone');
    const signedOut = await browser.newContext({ baseURL, viewport: PHONE });
    const loginPage = await signedOut.newPage();
    await loginPage.goto('/login');
    await expect(loginPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await snap(loginPage, 'sign-in-phone');
    await signedOut.close();
    await phone.close();
  });

  await contextA.close();
  await contextB.close();
});

test('a signed-out visit to a workspace goes to sign-in and back', async ({ page }) => {
  const cy = newPerson('Cy Business');
  await signUp(page, cy);
  await page.getByLabel('Workspace name').fill('Cy team');
  await page.getByLabel('Your seat').selectOption('business');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page).toHaveURL(/\/board$/);
  const boardPath = new URL(page.url()).pathname;
  const membersPath = boardPath.replace(/board$/, 'members');

  await page.context().clearCookies();
  await page.goto(membersPath);
  await expect(page).toHaveURL(/\/login\?next=/);
  await fillSignIn(page, cy.email, cy.password);
  await expect(page).toHaveURL(new RegExp(`${membersPath}$`));
  await expect(page.getByRole('listitem', { name: cy.name })).toBeVisible();
});

test('an invalid invite link says so', async ({ page }) => {
  await page.goto('/invite/not-a-real-token');
  await expect(page.getByRole('heading', { name: 'This invite link is not valid' })).toBeVisible();
});

test('an unknown workspace shows a not-found state, not a blank page', async ({ page }) => {
  await signUp(page, newPerson('Dee Outsider'));
  await page.goto('/w/doesnotexist/board');
  await expect(page.getByRole('heading', { name: 'Workspace not found' })).toBeVisible();
});
