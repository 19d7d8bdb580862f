import type { PageShortcut } from '$lib/page-shortcuts.svelte';
import { KeySequenceMatcher, WORKSPACE_SHORTCUTS, type Shortcut, type WorkspaceAction } from '$lib/shortcuts';

export type BoardKeyAction = 'new' | 'import' | 'edit' | 'next' | 'previous' | 'close' | 'undo' | 'redo' | 'move-up' | 'move-down';

const LETTERS: readonly Shortcut<BoardKeyAction>[] = [
  { keys: ['n'], action: 'new', label: 'Add a KPI' },
  { keys: ['i'], action: 'import', label: 'Import values from a CSV file' },
  { keys: ['e'], action: 'edit', label: 'Edit the open KPI' },
  { keys: ['j'], action: 'next', label: 'Open the next KPI' },
  { keys: ['k'], action: 'previous', label: 'Open the previous KPI' },
];

/** The board's shortcuts as the help dialog (`?`) lists them. */
export const BOARD_SHORTCUTS: readonly PageShortcut[] = [
  ...LETTERS.map(({ keys, label }) => ({ keys, label })),
  { keys: ['Esc'], label: 'Close the KPI panel' },
  { keys: ['c'], label: 'Comments on the open KPI' },
  { keys: ['h'], label: 'History of the board: versions, what changed, restore' },
  { keys: ['Ctrl+Z', '⌘Z'], label: 'Undo your last change' },
  { keys: ['Ctrl+Shift+Z', '⌘⇧Z'], label: 'Redo' },
  { keys: ['Alt+↑', 'Alt+↓'], label: 'Move the focused KPI up or down' },
];

/** Where a key press comes from: no field, an ordinary field, or a collaborative text (undo is the board's). */
export type KeySource = 'page' | 'field' | 'collab';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/**
 * Turns key presses into board actions. Letters go through the same sequence matcher as the
 * workspace's shortcuts, so the `j` of `g j` (go to journeys) does not also open the next KPI.
 * Ordinary fields keep their keys and their own undo; Escape always closes the panel; undo in a
 * collaborative text is the board's, because the browser's would fight the live document.
 */
export class BoardKeys {
  private readonly matcher = new KeySequenceMatcher<BoardKeyAction | WorkspaceAction>([...WORKSPACE_SHORTCUTS, ...LETTERS]);

  action(event: KeyLike, source: KeySource, now: number): BoardKeyAction | null {
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === 'Escape') return 'close';
    if (mod && !event.altKey && (key === 'z' || key === 'y')) {
      if (source === 'field') return null;
      return key === 'y' || event.shiftKey ? 'redo' : 'undo';
    }
    if (source !== 'page') {
      this.matcher.reset();
      return null;
    }
    if (event.altKey && !mod && !event.shiftKey && (key === 'ArrowUp' || key === 'ArrowDown')) return key === 'ArrowUp' ? 'move-up' : 'move-down';
    if (mod || event.altKey) return null;
    const action = this.matcher.feed(event.key, now);
    return LETTERS.some((s) => s.action === action) ? (action as BoardKeyAction) : null;
  }
}
