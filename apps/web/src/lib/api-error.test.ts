import { describe, expect, it } from 'vitest';
import { ApiError, describeError, fieldErrors, fieldMessage } from './api-error';

describe('fieldMessage', () => {
  it('drops the field prefix the server puts on validation messages', () => {
    const error = new ApiError(400, 'invalid_field', 'password: must be at least 8 characters', 'password');
    expect(fieldMessage(error)).toBe('Must be at least 8 characters');
  });

  it('keeps messages that do not start with the field name', () => {
    const error = new ApiError(409, 'email_taken', 'An account with this email already exists.', 'email');
    expect(fieldMessage(error)).toBe('An account with this email already exists.');
  });
});

describe('fieldErrors', () => {
  it('maps an error to the form field it names', () => {
    const error = new ApiError(400, 'invalid_field', 'email: must be an email address', 'email');
    expect(fieldErrors(error, ['email', 'password'])).toEqual({ email: 'Must be an email address' });
  });

  it('puts a taken email under the email field', () => {
    const error = new ApiError(409, 'email_taken', 'An account with this email already exists.');
    expect(fieldErrors(error, ['email'])).toEqual({ email: 'An account with this email already exists.' });
  });

  it('ignores fields the form does not have, and errors without a field', () => {
    expect(fieldErrors(new ApiError(400, 'invalid_field', 'x: bad', 'x'), ['email'])).toEqual({});
    expect(fieldErrors(new Error('boom'), ['email'])).toEqual({});
  });
});

describe('describeError', () => {
  it('uses the API message and hides anything else', () => {
    expect(describeError(new ApiError(409, 'last_owner', 'A workspace needs an owner.'))).toBe('A workspace needs an owner.');
    expect(describeError(new TypeError('x is undefined'))).toBe('Something went wrong. Please try again.');
  });
});
