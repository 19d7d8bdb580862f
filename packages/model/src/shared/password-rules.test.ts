import { describe, expect, it } from 'vitest';
import { signupSchema } from '../api';
import { COMMON_PASSWORDS } from './common-passwords';
import { isCommonPassword, passwordProblem } from './password-rules';

describe('password rules', () => {
  it('refuses the commonest passwords, in any case and decorated with digits or symbols', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(300);
    for (const p of ['password', 'Password1', 'PASSWORD123', 'qwertyuiop', '12345678', 'iloveyou', 'Sunshine2024!', '1password', 'p@ssw0rd']) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    for (const p of ['correct horse battery', 'analytical engine', 'Tr0ika-leadership', 'x'.repeat(12)]) expect(isCommonPassword(p), p).toBe(false);
  });

  it('refuses the email itself and a password holding its name', () => {
    expect(passwordProblem('Ada.Lovelace@Example.com', 'ada.lovelace@example.com')).toBe('must not be your email');
    expect(passwordProblem('xxADA.LOVELACE2026', 'ada.lovelace@example.com')).toBe('must not contain your email name');
    // A name of one or two letters is in too many good passwords to refuse them.
    expect(passwordProblem('a quiet morning', 'a@example.com')).toBeNull();
  });

  it('is part of the signup schema, naming the password field', () => {
    const refused = signupSchema.safeParse({ email: 'grace@example.com', password: 'Welcome123', name: 'Grace' });
    expect(refused.error?.issues).toMatchObject([{ path: ['password'], message: 'is one of the most common passwords: choose another' }]);
    const own = signupSchema.safeParse({ email: 'grace.hopper@example.com', password: 'grace.hopper!!', name: 'Grace' });
    expect(own.error?.issues[0]?.path).toEqual(['password']);
    expect(signupSchema.safeParse({ email: 'grace@example.com', password: 'cobol compiler 1959', name: 'Grace' }).success).toBe(true);
  });
});
