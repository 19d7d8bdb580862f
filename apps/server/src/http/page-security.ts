import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The inline scripts of the built index.html as CSP hash sources. SvelteKit's SPA page boots with
 * one inline script (it imports the entry chunks); allowing exactly its hash keeps every other inline
 * script, above all an injected one, refused, without 'unsafe-inline' and without a per-request nonce.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.add(`'sha256-${createHash('sha256').update(match[1]!, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

// A Host header is echoed into the policy only when it is a plain host[:port]; otherwise 'self' alone.
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The WebSocket origin the page opens /sync on: ORIGIN's host when set (https -> wss), else the host
 * the browser asked for. CSP Level 3 lets 'self' cover ws: and wss: to the page's own host, but older
 * engines do not, so it is named.
 */
function socketSource(origin: string | null, c: Context): string {
  if (origin) return origin.replace(/^http/, 'ws');
  const host = c.req.header('host');
  if (!host || !PLAIN_HOST.test(host)) return '';
  return `ws://${host} wss://${host}`;
}

/**
 * Security headers of every page and static file of the web client: a Content-Security-Policy that
 * allows only what the app uses (its own scripts and the boot script's hash, its own styles, images
 * and data: images from its CSS, fetch and WebSocket to itself), no plugins, no framing
 * (`frame-ancestors 'none'` and X-Frame-Options DENY), `nosniff`, and no Referer (invite links carry
 * their token in the path). Inline style *attributes* are allowed (SvelteKit needs them, see below);
 * inline style elements and inline scripts are not.
 */
export function pageSecurityHeaders(options: { origin: string | null; scriptHashes: readonly string[] }): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...options.scriptHashes],
      styleSrc: ["'self'"],
      // Inline style attributes only (not <style> elements): SvelteKit's route announcer and its page
      // wrapper are written with style="" in markup, refused otherwise (seen in Chromium).
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", (c) => socketSource(options.origin, c)],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
  });
}
