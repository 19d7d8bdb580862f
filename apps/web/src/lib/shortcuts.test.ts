import { describe, expect, it } from 'vitest';
import { isTypingTarget, KeySequenceMatcher, WORKSPACE_SHORTCUTS } from './shortcuts';

describe('KeySequenceMatcher', () => {
  it('completes a two-key sequence typed in time', () => {
    const m = new KeySequenceMatcher(WORKSPACE_SHORTCUTS);
    expect(m.feed('g', 0)).toBeNull();
    expect(m.feed('b', 300)).toBe('board');
  });

  it('tells "g g" (glossary) apart from a "g" that starts another sequence', () => {
    const m = new KeySequenceMatcher(WORKSPACE_SHORTCUTS);
    m.feed('g', 0);
    expect(m.feed('g', 100)).toBe('glossary');
    m.feed('g', 200);
    expect(m.feed('p', 300)).toBe('members');
  });

  it('forgets a prefix after the timeout', () => {
    const m = new KeySequenceMatcher(WORKSPACE_SHORTCUTS, 1000);
    m.feed('g', 0);
    expect(m.feed('b', 2000)).toBeNull();
  });

  it('recovers from a dead end and runs single-key shortcuts', () => {
    const m = new KeySequenceMatcher(WORKSPACE_SHORTCUTS);
    m.feed('g', 0);
    expect(m.feed('x', 10)).toBeNull();
    expect(m.feed('?', 20)).toBe('help');
    m.feed('g', 30);
    expect(m.feed('z', 40)).toBeNull();
    m.feed('g', 50);
    expect(m.feed('j', 60)).toBe('journeys');
  });
});

describe('isTypingTarget', () => {
  it('recognises form fields and editable content', () => {
    expect(isTypingTarget({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
