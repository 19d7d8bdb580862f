import { describe, expect, it } from 'vitest';
import { signupSchema, updateMemberSchema } from './api';

describe('signupSchema', () => {
  it('normalises the email and keeps the password as typed', () => {
    const parsed = signupSchema.parse({ email: '  Ada@Example.COM ', password: '  spaced  ', name: ' Ada ' });
    expect(parsed).toEqual({ email: 'ada@example.com', password: '  spaced  ', name: 'Ada' });
  });
  it('names the field that is wrong', () => {
    const result = signupSchema.safeParse({ email: 'ada@example.com', password: 'short', name: 'Ada' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['password']);
  });
  it('accepts 256 characters and refuses 257', () => {
    expect(signupSchema.safeParse({ email: 'a@b.co', password: 'x'.repeat(256), name: 'A' }).success).toBe(true);
    expect(signupSchema.safeParse({ email: 'a@b.co', password: 'x'.repeat(257), name: 'A' }).success).toBe(false);
  });
});

describe('updateMemberSchema', () => {
  it('needs a role or a seat', () => {
    expect(updateMemberSchema.safeParse({}).success).toBe(false);
    expect(updateMemberSchema.safeParse({ seat: 'cmo' }).success).toBe(true);
    expect(updateMemberSchema.safeParse({ role: 'king' }).success).toBe(false);
  });
});
