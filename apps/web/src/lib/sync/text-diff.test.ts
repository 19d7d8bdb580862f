import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextDiff, remapSelection } from './text-diff';

describe('applyTextDiff', () => {
  it('keeps a concurrent edit elsewhere in the text', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'IT means uptime. Marketing means reach.');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyTextDiff(a.getText('t'), 'IT means availability. Marketing means reach.');
    applyTextDiff(b.getText('t'), 'IT means uptime. Marketing means audience reach.');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('IT means availability. Marketing means audience reach.');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });

  it('changes nothing when the text is the same', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'same');
    let updates = 0;
    doc.on('update', () => updates++);
    applyTextDiff(doc.getText('t'), 'same');
    expect(updates).toBe(0);
  });
});

describe('remapSelection', () => {
  it('shifts the caret past text inserted before it and not after it', () => {
    expect(remapSelection([{ insert: 'abc' }], 5, 5)).toEqual([8, 8]);
    expect(remapSelection([{ retain: 6 }, { insert: 'abc' }], 5, 5)).toEqual([5, 5]);
  });
  it('pulls the caret back over deleted text', () => {
    expect(remapSelection([{ retain: 1 }, { delete: 3 }], 5, 7)).toEqual([2, 4]);
    expect(remapSelection([{ retain: 1 }, { delete: 10 }], 5, 7)).toEqual([1, 1]);
  });
});
