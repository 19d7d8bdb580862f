import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';

export interface LoginLimits {
  maxPerIp: number;
  maxPerAccount: number;
  windowSeconds: number;
  /** Sign-ups per address per signupWindowSeconds (unlimited when not given). */
  signupMaxPerIp?: number;
  signupWindowSeconds?: number;
}

/**
 * Slows password guessing and mass account creation. Every login attempt counts against the caller's
 * address; every failure against the account *at that address*, so that someone guessing from elsewhere
 * locks only themselves out, never the account's owner (success clears that pair's failures). Every
 * sign-up counts against the caller's address. In-memory: with several instances each keeps its own
 * counters (a Redis store is a drop-in of the same library).
 */
export class LoginLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly perAccountAndIp: RateLimiterAbstract;
  private readonly signupsPerIp: RateLimiterAbstract | null;

  constructor(limits: LoginLimits) {
    this.perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: limits.maxPerIp, duration: limits.windowSeconds });
    this.perAccountAndIp = new RateLimiterMemory({ keyPrefix: 'login-acct-ip', points: limits.maxPerAccount, duration: limits.windowSeconds });
    this.signupsPerIp =
      limits.signupMaxPerIp === undefined
        ? null
        : new RateLimiterMemory({ keyPrefix: 'signup-ip', points: limits.signupMaxPerIp, duration: limits.signupWindowSeconds ?? 3600 });
  }

  /** The limits the configuration sets (LOGIN_*, SIGNUP_*). */
  static fromConfig(config: Config): LoginLimiter {
    return new LoginLimiter({
      maxPerIp: config.LOGIN_MAX_PER_IP,
      maxPerAccount: config.LOGIN_MAX_PER_ACCOUNT,
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
      signupMaxPerIp: config.SIGNUP_MAX_PER_IP,
      signupWindowSeconds: config.SIGNUP_WINDOW_SECONDS,
    });
  }

  /** Counts a login attempt; returns seconds to wait when the address, or the account at this address, is over its limit, else null. */
  async attempt(ip: string, email: string): Promise<number | null> {
    const failures = await this.perAccountAndIp.get(pairKey(ip, email));
    if (failures && failures.remainingPoints <= 0) return failures.msBeforeNext / 1000;
    return consume(this.perIp, ip);
  }

  async failed(ip: string, email: string): Promise<void> {
    await this.perAccountAndIp.penalty(pairKey(ip, email));
  }

  async succeeded(ip: string, email: string): Promise<void> {
    await this.perAccountAndIp.delete(pairKey(ip, email));
  }

  /** Counts a sign-up attempt from this address; returns seconds to wait when over the limit, else null. */
  async signup(ip: string): Promise<number | null> {
    return this.signupsPerIp ? consume(this.signupsPerIp, ip) : null;
  }
}

// NUL cannot occur in an address or in an email the schema accepted, so no two pairs share a key.
const pairKey = (ip: string, email: string) => `${email}\u0000${ip}`;

async function consume(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error.msBeforeNext / 1000;
    throw error;
  }
}
