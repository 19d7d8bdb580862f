// How many changes of a document this tab has not had confirmed, kept in sessionStorage so that the
// count survives a reload of the tab (offline edits are in the document's offline copy meanwhile).

const PREFIX = 'troika:unsent:';

export function loadUnsent(store: string): number {
  try {
    const value = Number(globalThis.sessionStorage?.getItem(PREFIX + store));
    return Number.isInteger(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

export function saveUnsent(store: string, count: number): void {
  try {
    if (count > 0) globalThis.sessionStorage?.setItem(PREFIX + store, String(count));
    else globalThis.sessionStorage?.removeItem(PREFIX + store);
  } catch {
    // No storage (private mode): the count lasts until the tab reloads.
  }
}

/** Forgets one document's count, or every count (`null`, on sign-out). */
export function forgetUnsent(store: string | null): void {
  try {
    const storage = globalThis.sessionStorage;
    if (!storage) return;
    if (store !== null) storage.removeItem(PREFIX + store);
    else for (const key of Object.keys(storage)) if (key.startsWith(PREFIX)) storage.removeItem(key);
  } catch {
    // Nothing kept, nothing to forget.
  }
}
