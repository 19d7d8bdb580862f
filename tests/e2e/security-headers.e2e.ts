import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { DocClient, cookieHeader, seedSampleJourney, waitForServer } from './support/journey-seed';
import { newPerson, signUp } from './support/people';
import { createWorkspace } from './support/workspace-api';

/**
 * The built app under its own Content-Security-Policy: every screen loads, goes live over its
 * WebSocket and shows its content with not one CSP violation (a refused boot script, style or
 * socket would be reported here as the browser saw it).
 */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/content security policy|csp violation/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  // The event carries what console messages may word differently across versions.
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sample})`));
  });
  return violations;
}

test('every screen runs under the CSP with no violation', async ({ page, baseURL }) => {
  const violations = watchViolations(page);

  const first = await page.goto('/login');
  const csp = first!.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  await signUp(page, newPerson('Cleo Policy'));
  const workspaceId = await createWorkspace(page, 'Policy', 'cio', true);

  const cookie = cookieHeader(await page.context().cookies());
  const client = new DocClient(baseURL!, cookie, workspaceId, 'journeys');
  await client.synced();
  const { journeyId } = seedSampleJourney(client.doc);
  await waitForServer(baseURL!, cookie, workspaceId, 'journeys', (doc) => doc.getMap('journeys').has(journeyId));
  client.destroy();

  // Each screen's content arrives over the sync socket, so seeing it proves connect-src allows it.
  await page.goto(`/w/${workspaceId}/board`);
  await expect(page.getByRole('article', { name: 'Online conversion rate' })).toBeVisible();
  await page.goto(`/w/${workspaceId}/glossary`);
  await expect(page.getByText('Service level agreement').first()).toBeVisible();
  await page.goto(`/w/${workspaceId}/journeys/${journeyId}`);
  await expect(page.locator('article[data-pain-id]').first()).toBeVisible();
  await page.goto(`/w/${workspaceId}/meetings`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`/w/${workspaceId}/members`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(violations).toEqual([]);
});

test('no page can be framed, not even by its own origin', async ({ page, baseURL }) => {
  const refused = page.waitForEvent('console', (m) => m.text().includes("frame-ancestors 'none'"));
  await page.goto(`${baseURL}/_app/version.json`);
  await page.setContent(`<iframe src="${baseURL}/login"></iframe>`);
  await refused;
  const frame = page.frames()[1];
  expect(frame ? await frame.getByRole('button', { name: 'Sign in' }).count() : 0).toBe(0);
});
