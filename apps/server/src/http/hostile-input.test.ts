import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../test/harness';
import { startSyncServer, type Person, type SyncServer } from '../test/sync-harness';

/**
 * Issue 11, finding 6: a NUL in a workspace, user or token name was a 500 whose log line held the
 * statement's parameters, the password hash among them. Over real HTTP, with the server's own logger.
 */
describe('control characters in names', () => {
  const logs: LogEntry[] = [];
  let s: SyncServer;
  let owner: Person;
  let workspaceId: string;

  beforeAll(async () => {
    s = await startSyncServer({ logs });
    owner = await s.signUp('Olga Owner');
    workspaceId = await s.createWorkspace(owner);
  });
  afterAll(() => s.stop());

  const everything = () => JSON.stringify(logs);

  it('refuses a NUL or a line break in a person, workspace, token or version name with a 400 naming the field', async () => {
    const password = 'correct horse battery';
    const cases: [string, string, unknown, Person | undefined][] = [
      ['POST', '/api/auth/signup', { email: `nul-${Date.now()}@example.com`, password, name: 'Eve\u0000' }, undefined],
      ['POST', '/api/auth/signup', { email: `nl-${Date.now()}@example.com`, password, name: 'Eve\n# Owner' }, undefined],
      ['POST', '/api/workspaces', { name: 'Acme\u0000' }, owner],
      ['POST', '/api/workspaces', { name: 'Acme\u2028Evil' }, owner],
      ['POST', `/api/workspaces/${workspaceId}/tokens`, { name: 'bot\u0000', role: 'viewer' }, owner],
      ['POST', `/api/workspaces/${workspaceId}/tokens`, { name: 'bot\u001b[2J', role: 'viewer' }, owner],
      ['POST', `/api/workspaces/${workspaceId}/docs/board/versions`, { name: 'Before\u0000' }, owner],
    ];
    for (const [method, path, body, who] of cases) {
      const res = await s.request(method, path, who ?? {}, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_field', field: 'name' });
      expect(res.body.error.message).toMatch(/control characters/);
    }
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(everything()).not.toMatch(/argon2/);
  });

  it('answers ids holding a NUL as not found, and logs no password hash or query string', async () => {
    for (const path of [`/api/workspaces/${workspaceId}%00`, `/api/invites/abc%00def`, `/api/workspaces/${workspaceId}/glossary?q=sec%00ret-query`]) {
      const res = await s.request('GET', path, owner);
      expect(res.status, path).toBeLessThan(500);
    }
    expect(everything()).not.toMatch(/argon2|sec.?ret-query/);
  });
});
