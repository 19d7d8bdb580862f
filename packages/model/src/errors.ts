/** Stable error codes of the HTTP API (`{error: {code, message}}`). Clients may switch on them. */
export const ERROR_CODES = [
  'invalid_json',
  'invalid_field',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'forbidden_origin',
  'not_found',
  'email_taken',
  'invite_invalid',
  'already_member',
  'last_owner',
  'own_change',
  'already_approved',
  'not_approved',
  'term_merged',
  'term_deprecated',
  'no_seat',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The JSON body of every API error. `field` names the offending input field of a 400. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

/**
 * WebSocket close codes of the sync endpoint (4000-4999 is the application range). A client should
 * not reconnect after the "refused" ones; the others are worth a retry.
 */
export const CLOSE_CODES = {
  /** The server is shutting down; reconnect. */
  goingAway: 1001,
  /** A frame did not decode or an update did not apply. */
  malformed: 4400,
  /** The session ended, the API token was revoked, or the person is no longer a member. */
  unauthorized: 4401,
  /** The member's role changed while connected: reconnect to get the new rights (a viewer reads only). */
  roleChanged: 4403,
  /** The same code as `roleChanged` (its earlier name). */
  forbidden: 4403,
  /** The document could not be loaded; nothing was written. */
  loadFailed: 4500,
  /** The server dropped its copy of the document (a write failed); reconnect to load it again. */
  reload: 4503,
  /** A message exceeded the maximum message size (the WebSocket standard's code, sent by `ws` itself). */
  messageTooBig: 1009,
  /** The document would exceed the maximum document size. */
  documentTooBig: 4414,
  /** The client did not keep up with what the server had to send it. */
  slowConsumer: 4429,
  /** The server's queue of writes is full; the update was not taken: reconnect (with backoff) and resend. */
  tryAgainLater: 1013,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
