import { loginSchema, signupSchema } from '@troika/model';
import { describe, expect, it } from 'vitest';
import { validate } from './form-validation';

describe('validate', () => {
  it('returns the API schema\'s message for each bad field', () => {
    const errors = validate(signupSchema, { name: '', email: 'nope', password: 'short' });
    expect(errors).toEqual({
      name: 'Must not be empty',
      email: 'Must be an email address',
      password: 'Must be at least 8 characters',
    });
  });

  it('returns nothing for valid input', () => {
    expect(validate(loginSchema, { email: 'a@b.co', password: 'x' })).toEqual({});
  });
});
