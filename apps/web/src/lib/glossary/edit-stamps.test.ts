import { addTerm, findTerm, termsOf } from '@troika/model';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { stampLocalEdits } from './edit-stamps';

describe('stampLocalEdits', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-22T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('stamps this person’s edits, texts included, at most once per interval', () => {
    const doc = new Y.Doc();
    const id = addTerm(doc, { term: 'Churn' });
    const stop = stampLocalEdits(doc, 'ada', 3000);
    const it = termsOf(doc).get(id)!.get('it') as Y.Text;
    it.insert(0, 'Code');
    vi.advanceTimersByTime(0);
    expect(findTerm(doc, id)).toMatchObject({ updatedBy: 'ada', updatedAt: '2026-11-22T12:00:00.000Z' });

    vi.advanceTimersByTime(1000);
    it.insert(4, ' churn');
    vi.advanceTimersByTime(1000);
    expect(findTerm(doc, id)!.updatedAt).toBe('2026-11-22T12:00:00.000Z');
    vi.advanceTimersByTime(1000);
    expect(findTerm(doc, id)!.updatedAt).toBe('2026-11-22T12:00:03.000Z');
    stop();
  });

  it('leaves remote changes alone, and writes what is pending when it stops', () => {
    const doc = new Y.Doc();
    const remote = new Y.Doc();
    const id = addTerm(remote, { term: 'Lead' });
    const stop = stampLocalEdits(doc, 'ada', 3000);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    vi.advanceTimersByTime(5000);
    expect(findTerm(doc, id)!.updatedBy).toBeNull();

    (termsOf(doc).get(id)!.get('marketing') as Y.Text).insert(0, 'A prospect');
    vi.advanceTimersByTime(0);
    (termsOf(doc).get(id)!.get('marketing') as Y.Text).insert(0, '!');
    vi.setSystemTime(new Date('2026-11-22T12:00:06Z'));
    stop();
    expect(findTerm(doc, id)).toMatchObject({ updatedBy: 'ada', updatedAt: '2026-11-22T12:00:06.000Z' });
  });
});
