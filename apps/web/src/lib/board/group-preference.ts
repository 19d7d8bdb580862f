import { GROUP_MODES, type GroupMode } from './grouping';

const KEY = 'troika:board:group-by';

/** How this person last grouped the board (kept in this browser); by category at first. */
export function loadGroupMode(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): GroupMode {
  try {
    const saved = storage?.getItem(KEY);
    return (GROUP_MODES as readonly string[]).includes(saved ?? '') ? (saved as GroupMode) : 'category';
  } catch {
    return 'category';
  }
}

export function saveGroupMode(mode: GroupMode, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, mode);
  } catch {
    // Private mode or storage full: the choice lasts for this visit only.
  }
}
