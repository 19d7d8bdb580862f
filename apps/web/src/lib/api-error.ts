import type { ErrorCode } from '@troika/model';

/** What the client can get wrong besides the API's own codes: the server could not be reached. */
export type ClientErrorCode = ErrorCode | 'network';

/** The one error type of the client: every failed API call throws it, every screen shows it the same way. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly field?: string,
    /** Seconds to wait before retrying (from `Retry-After` on a 429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The message to show beside a form field: the server prefixes `field: ` to its messages, which
 * reads badly under the field itself, so that prefix goes and the first letter is capitalised.
 */
export function fieldMessage(error: ApiError): string {
  const prefix = error.field ? `${error.field}: ` : '';
  const text = prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Errors that concern one field although the server does not name it (a conflict, not a 400).
const FIELD_OF_CODE: Partial<Record<ClientErrorCode, string>> = { email_taken: 'email' };

/** Field errors of a form, keyed by field name, from an error that concerns a field (else empty). */
export function fieldErrors(error: unknown, fields: readonly string[]): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const field = error.field ?? FIELD_OF_CODE[error.code];
  return field && fields.includes(field) ? { [field]: fieldMessage(error) } : {};
}

/** A sentence for people, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}
