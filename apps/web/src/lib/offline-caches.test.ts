import { describe, expect, it } from 'vitest';
import { isOfflineApi } from './offline-caches';

describe('isOfflineApi', () => {
  it('keeps who is signed in and a workspace\u2019s details, and nothing else of the API', () => {
    expect(isOfflineApi('/api/session')).toBe(true);
    expect(isOfflineApi('/api/me')).toBe(true);
    expect(isOfflineApi('/api/workspaces/abc123')).toBe(true);
    expect(isOfflineApi('/api/workspaces')).toBe(false);
    expect(isOfflineApi('/api/workspaces/abc123/kpis')).toBe(false);
    expect(isOfflineApi('/api/workspaces/abc123/export')).toBe(false);
    expect(isOfflineApi('/api/notifications')).toBe(false);
    expect(isOfflineApi('/api/me/extra')).toBe(false);
  });
});
