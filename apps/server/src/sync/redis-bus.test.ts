import { describe, expect, it } from 'vitest';
import type { BusMessage } from './bus';
import { decodeBusMessage, encodeBusMessage } from './redis-bus';

describe('bus frames', () => {
  const messages: BusMessage[] = [
    { kind: 'update', docId: 'w1/board', seq: 42, update: new Uint8Array([1, 2, 3]) },
    { kind: 'awareness', docId: 'w1/board', update: new Uint8Array([0]) },
    { kind: 'membership', workspaceId: 'w1', userId: 'u1' },
    { kind: 'revoke', credential: { sessionId: 'abc' } },
    { kind: 'revoke', credential: { tokenId: 'tok' } },
  ];
  it.each(messages.map((m) => [m.kind, m] as const))('round-trips a %s message with its sender', (_kind, message) => {
    expect(decodeBusMessage(encodeBusMessage('instance-a', message))).toEqual({ from: 'instance-a', message });
  });
  it('refuses an unknown kind', () => {
    expect(() => decodeBusMessage(new Uint8Array([9, 1, 97]))).toThrow();
  });
});
