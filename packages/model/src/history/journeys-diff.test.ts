import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, updateNote } from '../journeys/note-doc';
import { addPainPoint, castVote, updatePainPoint } from '../journeys/pain-point-doc';
import { updateJourney } from '../journeys/journey-doc';
import { painInput, sampleJourney } from '../journeys/test-fixtures';
import { describeChange } from './describe';
import { diffJourneys } from './journeys-diff';
import { copyDoc } from './test-docs';

describe('diffJourneys', () => {
  it('lists pain points resolved and added, notes edited and removed, and the journey renamed', () => {
    const doc = new Y.Doc();
    const { journeyId, buy, pain } = sampleJourney(doc);
    const note = addNote(doc, journeyId, { text: 'Ask support', stageId: buy, x: 1, y: 2, color: 'yellow', author: 'u1' }, 'n1');
    addNote(doc, journeyId, { text: 'Old idea', stageId: buy, x: 1, y: 2, color: 'pink', author: 'u1' }, 'n2');
    const before = copyDoc(doc);
    updatePainPoint(doc, journeyId, pain, { status: 'resolved' });
    castVote(doc, journeyId, pain, 'u9');
    addPainPoint(doc, journeyId, painInput(buy, { title: 'No guest checkout' }), 'p2');
    updateNote(doc, journeyId, note, { text: 'Ask support first' });
    deleteNote(doc, journeyId, 'n2');
    updateJourney(doc, journeyId, { title: 'Online purchase (mobile)' });
    const changes = diffJourneys(before, doc);
    expect(changes.map(describeChange)).toEqual([
      "Journey 'Online purchase (mobile)': title Online purchase -> Online purchase (mobile)",
      "Pain point 'No guest checkout' added",
      "Pain point 'Slow checkout' resolved: votes 0 -> 1",
      "Note 'Ask support first': text edited",
      "Note 'Old idea' removed",
    ]);
    expect(changes[1]!.parent).toEqual({ kind: 'journey', id: journeyId, title: 'Online purchase (mobile)' });
  });

  it('lists a whole new journey with its pain points', () => {
    const before = new Y.Doc();
    const doc = new Y.Doc();
    sampleJourney(doc);
    expect(diffJourneys(before, doc).map((c) => [c.kind, c.change])).toEqual([
      ['journey', 'added'],
      ['painPoint', 'added'],
    ]);
  });
});
