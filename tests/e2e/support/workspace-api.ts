import { expect, type Page } from '@playwright/test';

/** Set-up through the HTTP API with the page's own session cookie: quicker than clicking, and not what a scenario tests. */
export async function createWorkspace(page: Page, name: string, seat: string, starter: boolean): Promise<string> {
  const response = await page.request.post('/api/workspaces', { data: { name, seat, starter } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Creates an invite and has `guest` (signed in on their own page) accept it. */
export async function invite(owner: Page, guest: Page, workspaceId: string, role: 'editor' | 'viewer', seat: string): Promise<void> {
  const created = await owner.request.post(`/api/workspaces/${workspaceId}/invites`, { data: { role, seat } });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  const accepted = await guest.request.post(`/api/invites/${token}/accept`);
  expect(accepted.status()).toBe(200);
}

/** The KPIs of a workspace as `GET /kpis` returns them. */
export async function kpis(page: Page, workspaceId: string): Promise<{ id: string; name: string; latest: { at: string; value: number } | null; status: string }[]> {
  const response = await page.request.get(`/api/workspaces/${workspaceId}/kpis`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { kpis: [] }).kpis;
}
