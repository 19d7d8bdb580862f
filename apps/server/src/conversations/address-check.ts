import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Webhooks are requests the server makes on an owner's behalf: without this check, an owner could make
// the server call its own network (databases, cloud metadata at 169.254.169.254). Addresses are checked
// when a webhook is registered and again at every connection (a name can change what it resolves to).

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** Whether an IP address is private, loopback, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is that IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  return blocked.check(lower, 'ipv6');
}

/** Why a URL may not be used as a webhook, or null when it may (every address its host resolves to is public). */
export async function refusedWebhookUrl(url: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return 'its host name does not resolve';
  }
  return addresses.some(isPrivateAddress) ? 'it points to a private, loopback or link-local address (set WEBHOOK_ALLOW_PRIVATE=true to allow)' : null;
}
