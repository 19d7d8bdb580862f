import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LoginLimits {
  maxPerIp: number;
  maxPerAccount: number;
  windowSeconds: number;
}

/**
 * Slows password guessing: every attempt counts against the caller's IP, every failure against the
 * account. Success clears the account's failures. In-memory: with several instances each keeps its
 * own counters (a Redis store is a drop-in of the same library).
 */
export class LoginLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly perAccount: RateLimiterAbstract;

  constructor(limits: LoginLimits) {
    this.perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: limits.maxPerIp, duration: limits.windowSeconds });
    this.perAccount = new RateLimiterMemory({ keyPrefix: 'login-acct', points: limits.maxPerAccount, duration: limits.windowSeconds });
  }

  /** Counts an attempt; returns seconds to wait when the IP or the account is over its limit, else null. */
  async attempt(ip: string, email: string): Promise<number | null> {
    const account = await this.perAccount.get(email);
    if (account && account.remainingPoints <= 0) return account.msBeforeNext / 1000;
    try {
      await this.perIp.consume(ip);
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return error.msBeforeNext / 1000;
      throw error;
    }
  }

  async failed(email: string): Promise<void> {
    await this.perAccount.penalty(email);
  }

  async succeeded(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}
