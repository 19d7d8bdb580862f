import { users } from '@troika/db';
import { createTestDatabase } from '@troika/db/test-database';
import { describe, expect, it } from 'vitest';
import { captureLogger, type LogEntry } from './test/harness';

describe('logger', () => {
  it('logs a failed query without its parameters (a password hash among them), keeping what failed', async () => {
    const database = await createTestDatabase();
    const logs: LogEntry[] = [];
    const logger = captureLogger(logs);
    try {
      // A NUL cannot be stored in PostgreSQL text: the insert fails, as a NUL name once did.
      const insert = database.db.insert(users).values({ id: 'u1', email: 'eve@example.com', name: 'Eve\u0000', passwordHash: '$argon2id$v=19$SECRET-HASH' });
      const error = await insert.then(
        () => null,
        (e: unknown) => e,
      );
      expect(String((error as Error).message)).toContain('SECRET-HASH');
      logger.error({ err: error }, 'unhandled error');
      logger.error({ err: new Error('outer', { cause: error }) }, 'wrapped');
    } finally {
      await database.close();
    }
    const text = JSON.stringify(logs);
    expect(text).not.toContain('SECRET-HASH');
    expect(text).not.toContain('eve@example.com');
    expect(logs[0]).toMatchObject({ msg: 'unhandled error', err: { message: expect.stringContaining('insert into "users"') } });
    expect((logs[0]!.err as { message: string }).message).toContain('params: (not logged)');
  }, 120_000);

  it('redacts secrets wherever they appear in a logged object', () => {
    const logs: LogEntry[] = [];
    captureLogger(logs).info({ user: { passwordHash: 'h1', password: 'p1' }, headers: { cookie: 'c1', authorization: 'a1' }, passwordHash: 'h2' }, 'x');
    expect(JSON.stringify(logs)).not.toMatch(/h1|p1|c1|a1|h2/);
  });
});
