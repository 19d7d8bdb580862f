import { describe, expect, it } from 'vitest';
import { isPrivateAddress, refusedWebhookUrl } from './address-check';

describe('webhook address check', () => {
  it('refuses private, loopback, link-local and mapped addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '172.32.0.1']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses URLs whose host is or resolves to such an address, unless allowed', async () => {
    expect(await refusedWebhookUrl('http://127.0.0.1:8080/h', false)).toMatch(/private/);
    expect(await refusedWebhookUrl('http://[::1]/h', false)).toMatch(/private/);
    expect(await refusedWebhookUrl('http://localhost/h', false)).toMatch(/private/);
    expect(await refusedWebhookUrl('http://8.8.8.8/h', false)).toBeNull();
    expect(await refusedWebhookUrl('http://127.0.0.1:8080/h', true)).toBeNull();
  });
});
