import { describe, expect, it } from 'vitest';
import { insertMention, mentionAt, mentionsIn, pickMembers, segmentMentions } from './mention-query';

const members = [
  { userId: 'u1', name: 'Carla Marketing' },
  { userId: 'u2', name: 'Olga Owner' },
  { userId: 'u3', name: 'Carl Ops' },
];

describe('mentions in the comment box', () => {
  it('opens on an @ at a word start and not inside an e-mail address', () => {
    expect(mentionAt('Ask @car', 8)).toEqual({ start: 4, query: 'car' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail ada@example.com', 20)).toBeNull();
    expect(mentionAt('Ask @carla now', 14)).toBeNull();
  });

  it('filters members fuzzily, word starts and runs first', () => {
    expect(pickMembers(members, 'carl').map((m) => m.userId)).toEqual(['u3', 'u1']);
    expect(pickMembers(members, 'cm').map((m) => m.userId)).toEqual(['u1']);
    expect(pickMembers(members, 'zz')).toEqual([]);
  });

  it('inserts the name and sends only the mentions still in the text', () => {
    const q = mentionAt('Ask @carl', 9)!;
    const out = insertMention('Ask @carl', q, 9, 'Carla Marketing');
    expect(out).toEqual({ text: 'Ask @Carla Marketing ', caret: 21 });
    const picked = new Map([
      ['u1', 'Carla Marketing'],
      ['u2', 'Olga Owner'],
    ]);
    expect(mentionsIn(out.text, picked)).toEqual(['u1']);
  });

  it('cuts a body into text and mention pieces, markup kept as text', () => {
    expect(segmentMentions('<b>hi</b> @Carla Marketing and @Carl Ops!', [
      { id: 'u3', name: 'Carl Ops' },
      { id: 'u1', name: 'Carla Marketing' },
    ])).toEqual([
      { text: '<b>hi</b> ' },
      { text: '@Carla Marketing', mention: 'u1' },
      { text: ' and ' },
      { text: '@Carl Ops', mention: 'u3' },
      { text: '!' },
    ]);
  });
});
