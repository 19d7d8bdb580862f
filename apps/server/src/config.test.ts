import { describe, expect, it } from 'vitest';
import { ConfigError, isAllowedOrigin, loadConfig } from './config';

const defaults = { webDir: '/srv/web' };

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({}, defaults);
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.DATA_DIR).toBe('./data');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
    expect(config.origin).toBeNull();
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', ORIGIN: 'nope' }, defaults);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('ORIGIN');
    }
  });

  it('treats empty variables as unset and makes cookies secure behind https', () => {
    const config = loadConfig({ PORT: '', ORIGIN: 'https://troika.example.com/' }, defaults);
    expect(config.PORT).toBe(3000);
    expect(config.origin).toBe('https://troika.example.com');
    expect(config.secureCookies).toBe(true);
  });
});

describe('hardening variables', () => {
  it('has short HTTP timeouts and sign-up limits by default, and refuses a weak metrics token or crossed timeouts', () => {
    const config = loadConfig({}, defaults);
    expect(config).toMatchObject({ HTTP_HEADERS_TIMEOUT_MS: 10_000, HTTP_REQUEST_TIMEOUT_MS: 30_000, SIGNUP_MAX_PER_IP: 30 });
    expect(config.METRICS_TOKEN).toBeUndefined();
    expect(() => loadConfig({ METRICS_TOKEN: 'short' }, defaults)).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }, defaults)).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });
});

describe('isAllowedOrigin', () => {
  it('accepts loopback origins only when no origin is configured', () => {
    expect(isAllowedOrigin({ origin: null }, 'http://localhost:5173')).toBe(true);
    expect(isAllowedOrigin({ origin: null }, 'http://127.0.0.1:3000')).toBe(true);
    expect(isAllowedOrigin({ origin: null }, 'https://evil.example')).toBe(false);
    expect(isAllowedOrigin({ origin: null }, 'null')).toBe(false);
  });
  it('accepts exactly the configured origin', () => {
    const config = { origin: 'https://troika.example.com' };
    expect(isAllowedOrigin(config, 'https://troika.example.com')).toBe(true);
    expect(isAllowedOrigin(config, 'http://localhost:3000')).toBe(false);
  });
});
