/** A keyboard shortcut: a sequence of keys (`['g', 'b']`) and what it does. */
export interface Shortcut<A extends string = string> {
  keys: readonly string[];
  action: A;
  label: string;
}

export type WorkspaceAction = 'board' | 'glossary' | 'journeys' | 'meetings' | 'members' | 'workspaces' | 'help';

/** The workspace's shortcuts, in the order the help dialog lists them. */
export const WORKSPACE_SHORTCUTS: readonly Shortcut<WorkspaceAction>[] = [
  { keys: ['g', 'b'], action: 'board', label: 'Go to the board' },
  { keys: ['g', 'g'], action: 'glossary', label: 'Go to the glossary' },
  { keys: ['g', 'j'], action: 'journeys', label: 'Go to journeys' },
  { keys: ['g', 'm'], action: 'meetings', label: 'Go to meetings' },
  { keys: ['g', 'p'], action: 'members', label: 'Go to members (people)' },
  { keys: ['g', 'w'], action: 'workspaces', label: 'Go to all workspaces' },
  { keys: ['?'], action: 'help', label: 'Show keyboard shortcuts' },
];

/**
 * Matches key presses against multi-key shortcuts, Vim/GitHub style: keys of one sequence must come
 * within `timeoutMs` of each other. Pure (time is passed in), so it is tested without a browser.
 */
export class KeySequenceMatcher<A extends string> {
  private pending: string[] = [];
  private lastAt = 0;

  constructor(
    private readonly shortcuts: readonly Shortcut<A>[],
    private readonly timeoutMs = 1500,
  ) {}

  /** Feeds one key; returns the action when a sequence completes, else null. */
  feed(key: string, now: number): A | null {
    if (now - this.lastAt > this.timeoutMs) this.pending = [];
    this.lastAt = now;
    const candidate = [...this.pending, key];
    const done = this.shortcuts.find((s) => sameKeys(s.keys, candidate));
    if (done) {
      this.pending = [];
      return done.action;
    }
    if (this.shortcuts.some((s) => startsWith(s.keys, candidate))) {
      this.pending = candidate;
      return null;
    }
    // A dead end: the key may still start a new sequence on its own.
    this.pending = this.shortcuts.some((s) => startsWith(s.keys, [key])) ? [key] : [];
    return null;
  }

  reset(): void {
    this.pending = [];
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function startsWith(keys: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length < keys.length && prefix.every((k, i) => k === keys[i]);
}

/** Whether a key event comes from somewhere people type (shortcuts must not steal those keys). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean } | null;
  if (!el?.tagName) return false;
  return el.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
