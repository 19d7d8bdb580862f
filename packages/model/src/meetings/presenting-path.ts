import { hasControlCharacters } from '../shared/single-line';

// Any origin works as the base: what matters is whether a path stays on it.
const BASE = 'http://troika.invalid';

/**
 * A path of the app as a browser resolves it (dot segments, `%2e%2e`, backslashes), with its query
 * and without its hash; null when it would leave the app's origin (`//host`, `/\host`) or holds a
 * control character (browsers drop tabs and line breaks from URLs, so `/\t/host` is `//host`).
 */
export function appPath(path: string): string | null {
  if (!path.startsWith('/') || hasControlCharacters(path)) return null;
  let url: URL;
  try {
    url = new URL(path, BASE);
  } catch {
    return null;
  }
  return url.origin === BASE ? url.pathname + url.search : null;
}

/**
 * The path, normalised as appPath, when it lies inside this workspace's pages (`/w/<id>/...`), else
 * null: checked after normalising, so `/w/<id>/../../x` (which a browser opens as `/x`) is refused.
 */
export function workspacePath(path: string, workspaceId: string): string | null {
  const normal = appPath(path);
  return normal !== null && normal.startsWith(`/w/${encodeURIComponent(workspaceId)}/`) ? normal : null;
}
