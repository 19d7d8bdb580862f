import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON-lines logs on stdout. Cookies and tokens are redacted wherever they appear in a logged object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['*.cookie', '*.authorization', '*.password', '*.token', 'headers.cookie', 'headers.authorization'],
  });
}
