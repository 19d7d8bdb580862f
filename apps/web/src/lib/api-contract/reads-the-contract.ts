import { api, data } from '../api';

/**
 * Reads answers of the API the way the screens do, so that the type check of the web follows the
 * server's routes. api-contract.test.ts compiles this file once against the real server and once
 * against a server that renamed a field: the second must fail.
 */
export async function readsTheContract(workspaceId: string) {
  const { user } = await data(api.auth.login.$post({ json: { email: 'ada@example.com', password: 'correct horse' } }));
  const detail = await data(api.workspaces[':id'].$get({ param: { id: workspaceId } }));
  const { kpis } = await data(api.workspaces[':id'].kpis.$get({ param: { id: workspaceId } }));
  return { userId: user.id, members: detail.members.map((m) => m.name), latest: kpis.map((k) => k.latest?.value ?? null) };
}
