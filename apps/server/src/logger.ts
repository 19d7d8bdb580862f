import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * An error as a log field, without the values it was sent with: drizzle's query errors carry the
 * statement's parameters (in `params` and in their message and stack), which for a user row include
 * the password hash. The statement itself stays: it says what failed.
 */
export function errorWithoutParams(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const out = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  delete out.params;
  // The error and its causes (whose messages pino folds into the message and the stack), ten deep at most.
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++, current = current.cause) {
    if (!('params' in current) || !current.message) continue;
    const cleaned = current.message.replace(/\nparams: [\s\S]*$/, '\nparams: (not logged)');
    for (const key of ['message', 'stack'] as const) {
      if (typeof out[key] === 'string') out[key] = (out[key] as string).split(current.message).join(cleaned);
    }
  }
  return out;
}

/**
 * JSON-lines logs on stdout. Cookies, tokens, passwords and password hashes are redacted wherever they
 * appear in a logged object; errors are logged without their query parameters (errorWithoutParams);
 * requests are logged by path only, never with their query string.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: errorWithoutParams, error: errorWithoutParams },
      redact: [
        '*.cookie',
        '*.authorization',
        '*.password',
        '*.passwordHash',
        '*.password_hash',
        '*.token',
        'headers.cookie',
        'headers.authorization',
        'passwordHash',
        'params',
      ],
    },
    destination,
  );
}
