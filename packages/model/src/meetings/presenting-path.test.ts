import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMeeting } from './meeting-doc';
import { meetingMap } from './meeting-maps';
import { appPath, workspacePath } from './presenting-path';
import { readMeetings } from './read-meeting';
import { presentItem } from './run-doc';

describe('the presenter’s path', () => {
  it('is normalised as a browser opens it before it is checked to stay in the workspace', () => {
    expect(workspacePath('/w/ws/board?kpi=k#top', 'ws')).toBe('/w/ws/board?kpi=k');
    expect(workspacePath('/w/ws/meetings/m1/../../glossary', 'ws')).toBe('/w/ws/glossary');
    for (const escape of ['/w/ws/../../x', '/w/ws/%2e%2e/%2E%2E/x', '/w/ws/..\\..\\x', '/w/other/board', '/w/ws', '/w/wsx/board']) {
      expect(workspacePath(escape, 'ws'), escape).toBeNull();
    }
  });

  it('never leaves the app: other origins, scheme-relative paths and control characters are refused', () => {
    for (const away of ['//evil.example/w/ws/board', '/\\evil.example/w/ws/', '/\t/evil.example', 'https://evil.example/w/ws/', 'javascript:alert(1)', 'w/ws/board']) {
      expect(appPath(away), away).toBeNull();
    }
    expect(appPath('/workspaces')).toBe('/workspaces');
  });

  it('is stored normalised, and a hostile one written by another client is read as none', () => {
    const doc = new Y.Doc();
    const id = createMeeting(doc, { title: 'Review', date: '2026-12-01' });
    presentItem(doc, id, null, '/w/ws/meetings/x/../../board');
    expect(readMeetings(doc)[0]!.presenting?.path).toBe('/w/ws/board');
    expect(() => presentItem(doc, id, null, '//evil.example/')).toThrow(/page of the app/);
    meetingMap(doc, id).set('presenting', { itemId: null, path: '//evil.example/phish', since: '' });
    expect(readMeetings(doc)[0]!.presenting).toBeNull();
    meetingMap(doc, id).set('presenting', { itemId: null, path: '/w/ws/../../x', since: '' });
    expect(readMeetings(doc)[0]!.presenting?.path).toBe('/x');
  });
});
