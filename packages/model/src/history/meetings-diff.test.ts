import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMeeting } from '../meetings/meeting-doc';
import { addAction, addDecision, setActionDone } from '../meetings/outcome-doc';
import { endMeeting, startMeeting } from '../meetings/run-doc';
import { describeChange } from './describe';
import { diffMeetings } from './meetings-diff';
import { copyDoc } from './test-docs';

describe('diffMeetings', () => {
  it('lists a meeting started and ended, actions done and overdue, and decisions taken', () => {
    const doc = new Y.Doc();
    const m = createMeeting(doc, { title: 'Q3 review', date: '2026-11-02' }, 'm1');
    addAction(doc, m, { text: 'Fix checkout', owner: 'u1', due: '2026-11-20', itemId: null }, { id: 'u1' }, 'a1');
    addAction(doc, m, { text: 'Send survey', owner: 'u2', due: '2026-11-10', itemId: null }, { id: 'u1' }, 'a2');
    const before = copyDoc(doc);
    startMeeting(doc, m, 'u1', '2026-11-30T09:00:00.000Z');
    addDecision(doc, m, { text: 'Ship guest checkout', itemId: null }, { id: 'u1', at: '2026-11-30T09:10:00.000Z' }, 'd1');
    setActionDone(doc, m, 'a1', true);
    endMeeting(doc, m, { kpis: [], people: new Map(), at: '2026-11-30T10:00:00.000Z' });
    const changes = diffMeetings(before, doc, { today: '2026-11-30', before: '2026-11-05' });
    expect(changes.map(describeChange)).toEqual([
      "Meeting 'Q3 review' started, ended: presenter none -> u1; attendees none -> u1",
      "Action 'Fix checkout' done",
      "Action 'Send survey' overdue",
      "Decision 'Ship guest checkout' added",
    ]);
  });

  it('does not call an action overdue that already was', () => {
    const doc = new Y.Doc();
    const m = createMeeting(doc, { title: 'Weekly', date: '2026-11-02' }, 'm1');
    addAction(doc, m, { text: 'Late', owner: null, due: '2026-11-01', itemId: null }, { id: 'u1' }, 'a1');
    const before = copyDoc(doc);
    expect(diffMeetings(before, doc, { today: '2026-11-30', before: '2026-11-05' })).toEqual([]);
  });
});
