import { describe, expect, it } from 'vitest';
import { actorId, isTokenActor, tokenIdOf } from './actor';

describe('actorId', () => {
  it("records a person under their user id and a token under token:<id>", () => {
    expect(actorId({ kind: 'user', userId: 'u1' })).toBe('u1');
    expect(actorId({ kind: 'token', tokenId: 't1' })).toBe('token:t1');
  });

  it('tells a token apart from a person', () => {
    expect(isTokenActor(actorId({ kind: 'token', tokenId: 't1' }))).toBe(true);
    expect(isTokenActor(actorId({ kind: 'user', userId: 'u1' }))).toBe(false);
    expect(tokenIdOf('token:t1')).toBe('t1');
    expect(tokenIdOf('u1')).toBeNull();
  });
});
