import { describe, expect, it } from 'vitest';
import { authHref, safeNext } from './redirect-target';

describe('safeNext', () => {
  it('accepts paths of this site', () => {
    expect(safeNext('/invite/abc')).toBe('/invite/abc');
    expect(safeNext('/w/1/members?x=1')).toBe('/w/1/members?x=1');
  });

  it('refuses other sites and protocol-relative or backslash tricks', () => {
    expect(safeNext('https://evil.example/')).toBe('/workspaces');
    expect(safeNext('//evil.example')).toBe('/workspaces');
    expect(safeNext('/\\evil.example')).toBe('/workspaces');
    expect(safeNext('javascript:alert(1)')).toBe('/workspaces');
  });

  it('never sends people back to a sign-in page, and falls back when empty', () => {
    expect(safeNext('/login?next=/x')).toBe('/workspaces');
    expect(safeNext(null)).toBe('/workspaces');
    expect(safeNext('', '/home')).toBe('/home');
  });
});

describe('authHref', () => {
  it('carries the target through sign-in', () => {
    expect(authHref('login', '/invite/t0k')).toBe('/login?next=%2Finvite%2Ft0k');
    expect(authHref('signup', null)).toBe('/signup');
    expect(authHref('login', 'https://evil.example')).toBe('/login');
  });
});
