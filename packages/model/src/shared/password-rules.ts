import { COMMON_PASSWORDS } from './common-passwords';

// Digits and symbols people add around a common word ('Sunshine2024!', '1password').
const DECORATION = /^[\d\W_]+|[\d\W_]+$/g;

/** Whether a password is, or is a decorated form of, one of the commonest passwords (case-insensitively). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  const core = lower.replace(DECORATION, '');
  return core.length >= 4 && COMMON_PASSWORDS.has(core);
}

/**
 * Why a new password is too easy to guess for this email, or null: one of the commonest passwords, the
 * email itself, or a password containing the email's name (its part before the @, from 3 characters).
 * The length rule lives in the schema; this is what a length rule lets through.
 */
export function passwordProblem(password: string, email: string): string | null {
  if (isCommonPassword(password)) return 'is one of the most common passwords: choose another';
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  if (lower === address) return 'must not be your email';
  const local = address.split('@')[0] ?? '';
  if (local.length >= 3 && lower.includes(local)) return 'must not contain your email name';
  return null;
}
