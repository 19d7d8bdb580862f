import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, mountWebClient } from './static-client';

const script = `export const board = ${JSON.stringify('x'.repeat(4000))};\n`;
const html = '<!doctype html><html><body><div id="app"></div></body></html>\n';

let webDir: string;
let server: Server;
let base: string;

/** Writes a file with its .br and .gz, as adapter-static's `precompress` does. */
function writeCompressed(path: string, text: string): void {
  writeFileSync(path, text);
  writeFileSync(`${path}.br`, brotliCompressSync(text));
  writeFileSync(`${path}.gz`, gzipSync(text));
}

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'troika-static-'));
  mkdirSync(join(webDir, '_app/immutable/entry'), { recursive: true });
  writeCompressed(join(webDir, 'index.html'), html);
  writeCompressed(join(webDir, '_app/immutable/entry/app.abc123.js'), script);
  writeFileSync(join(webDir, '_app/version.json'), '{"version":"1"}');
  writeCompressed(join(webDir, 'service-worker.js'), 'self.addEventListener("fetch", () => {});\n');
  const app = new Hono();
  app.get('/api/ping', (c) => c.json({ ok: true }));
  mountWebClient(app, webDir, pino({ level: 'silent' }));
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(webDir, { recursive: true, force: true });
});

/** A raw HTTP GET (node:http decodes nothing, so the bytes on the wire are what we read). */
function fetchRaw(path: string, acceptEncoding?: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    get(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the built web client over HTTP', () => {
  const asset = '/_app/immutable/entry/app.abc123.js';

  it('sends brotli to a browser that accepts it, smaller than the file, cached for a year', async () => {
    const res = await fetchRaw(asset, 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('sends gzip when brotli is not accepted, and the plain file when neither is', async () => {
    const gz = await fetchRaw(asset, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await fetchRaw(asset);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(script);
  });

  it('serves index.html compressed and never cached without revalidation, at / and at client routes', async () => {
    for (const path of ['/', '/w/abc/board']) {
      const res = await fetchRaw(path, 'gzip, br');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(res.body).toString()).toBe(html);
    }
    const plain = await fetchRaw('/w/abc/board', 'br;q=0, gzip;q=0');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(html);
  });

  it('serves the service worker as JavaScript that is revalidated on every load (a new build reaches browsers at once)', async () => {
    const res = await fetchRaw('/service-worker.js', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const res = await fetchRaw('/_app/immutable/entry/gone.js', 'br');
    expect(res.status).toBe(404);
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('revalidates files outside /_app/immutable and leaves routes before it alone', async () => {
    const version = await fetchRaw('/_app/version.json', 'br');
    expect(version.headers['cache-control']).toBe('no-cache');
    const api = await fetchRaw('/api/ping', 'br');
    expect(api.headers['cache-control']).toBeUndefined();
    expect(JSON.parse(api.body.toString())).toEqual({ ok: true });
  });
});

describe('acceptedEncodings', () => {
  it('reads names with parameters and drops what is refused with q=0', () => {
    expect([...acceptedEncodings('gzip;q=1.0, br;q=0, deflate')]).toEqual(['gzip', 'deflate']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
