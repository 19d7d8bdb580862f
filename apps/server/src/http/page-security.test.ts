import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../test/sync-harness';
import { inlineScriptHashes } from './page-security';

// The shape of SvelteKit's SPA page: one inline boot script, module preloads, a stylesheet.
const boot = `\n\t\t\t\t{ __sveltekit_x = { base: "" }; import("/_app/immutable/entry/start.js"); }\n\t\t\t`;
const html = `<!doctype html><html><head><link href="/_app/immutable/assets/0.css" rel="stylesheet"></head>
<body><div style="display: contents"><script>${boot}</script></div></body></html>\n`;
const bootHash = `'sha256-${createHash('sha256').update(boot).digest('base64')}'`;

/** The CSP's directives by name. */
function directives(policy: string | null): Map<string, string[]> {
  return new Map(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers of the web client over HTTP', () => {
  let webDir: string;
  let plain: SyncServer;
  let withOrigin: SyncServer;

  // Servers start in the hook (its timeout suits a loaded machine); the tests only make requests.
  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'troika-csp-'));
    mkdirSync(join(webDir, '_app/immutable/entry'), { recursive: true });
    writeFileSync(join(webDir, 'index.html'), html);
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(webDir, '_app/immutable/entry/start.js'), 'export const x = 1;\n');
    [plain, withOrigin] = await Promise.all([
      startSyncServer({ env: { WEB_DIR: webDir } }),
      startSyncServer({ env: { WEB_DIR: webDir, ORIGIN: 'https://troika.example.com' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([plain?.stop(), withOrigin?.stop()]);
    rmSync(webDir, { recursive: true, force: true });
  });

  it('sends CSP, framing, nosniff and referrer headers with every page, file and miss', async () => {
    const s = plain;
    const host = new URL(s.httpUrl).host;
    for (const path of ['/', '/login', '/w/abc/board', '/favicon.svg', '/_app/immutable/entry/start.js', '/_app/immutable/entry/gone.js']) {
      const res = await fetch(`${s.httpUrl}${path}`);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('script-src'), path).toEqual(["'self'", bootHash]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('base-uri'), path).toEqual(["'none'"]);
      expect(csp.get('connect-src'), path).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      expect(csp.get('style-src'), path).toEqual(["'self'"]);
      expect(csp.get('style-src-attr'), path).toEqual(["'unsafe-inline'"]);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('names the configured ORIGIN as the WebSocket source, and never echoes an odd Host header', async () => {
    const res = await fetch(`${withOrigin.httpUrl}/`);
    expect(directives(res.headers.get('content-security-policy')).get('connect-src')).toEqual(["'self'", 'wss://troika.example.com']);

    const { request } = await import('node:http');
    const odd = await new Promise<string | undefined>((resolve, reject) =>
      request(`${plain.httpUrl}/`, { headers: { host: 'evil_host.example' } }, (r) => {
        r.resume();
        resolve(r.headers['content-security-policy'] as string | undefined);
      })
        .on('error', reject)
        .end(),
    );
    expect(directives(odd ?? null).get('connect-src')).toEqual(["'self'"]);
    expect(odd).not.toContain('evil');
  });
});

describe('inlineScriptHashes', () => {
  it('hashes inline scripts only, once each', () => {
    const page = `<script src="/a.js"></script><script>a()</script><script type="module">b()</script><script>a()</script>`;
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(inlineScriptHashes(page)).toEqual([sha('a()'), sha('b()')]);
  });
});
