import { describe, expect, it } from 'vitest';
import { followTarget, isWorkspacePath, itemOfPath, leftThePresenter, localDay, meetingPath, pathOf, refHref } from './follow';

const presenting = { itemId: 'i2', path: '/w/ws/meetings/m1?item=i2', since: '2026-03-12T10:00:00Z' };

describe('following the presenter', () => {
  it('sends a follower to the presenter’s page, and nobody else', () => {
    const here = '/w/ws/meetings/m1?item=i1';
    expect(followTarget({ following: true, amPresenter: false, presenting, here })).toBe(presenting.path);
    expect(followTarget({ following: true, amPresenter: false, presenting, here: presenting.path })).toBeNull();
    expect(followTarget({ following: false, amPresenter: false, presenting, here })).toBeNull();
    expect(followTarget({ following: true, amPresenter: true, presenting, here })).toBeNull();
    expect(followTarget({ following: true, amPresenter: false, presenting: null, here })).toBeNull();
  });

  it('stops following when someone goes elsewhere on their own', () => {
    const state = { following: true, amPresenter: false, presenting, followedTo: ['/w/ws/meetings/m1?item=i1'] };
    expect(leftThePresenter('/w/ws/board', state)).toBe(true);
    expect(leftThePresenter(presenting.path, state)).toBe(false);
    // Following took them there a moment ago, while the presenter moved on again.
    expect(leftThePresenter('/w/ws/meetings/m1?item=i1', state)).toBe(false);
    expect(leftThePresenter('/w/ws/board', { ...state, following: false })).toBe(false);
    expect(leftThePresenter('/w/ws/board', { ...state, amPresenter: true })).toBe(false);
  });

  it('reads the item a meeting page shows', () => {
    expect(meetingPath('ws', 'm1', 'i2')).toBe('/w/ws/meetings/m1?item=i2');
    expect(itemOfPath('/w/ws/meetings/m1?item=i2', 'ws', 'm1')).toBe('i2');
    expect(itemOfPath('/w/ws/meetings/m1', 'ws', 'm1')).toBeNull();
    expect(itemOfPath('/w/ws/board?kpi=k', 'ws', 'm1')).toBeUndefined();
    expect(pathOf(new URL('http://h/w/ws/board?kpi=k#x'))).toBe('/w/ws/board?kpi=k');
    expect(isWorkspacePath('/w/ws/board', 'ws')).toBe(true);
    expect(isWorkspacePath('/workspaces', 'ws')).toBe(false);
    // Checked after normalising, as the browser will open it.
    expect(isWorkspacePath('/w/ws/../../x', 'ws')).toBe(false);
    expect(isWorkspacePath('/w/ws/%2e%2e/%2e%2e/x', 'ws')).toBe(false);
    expect(isWorkspacePath('//evil.example/w/ws/board', 'ws')).toBe(false);
  });

  it('links every kind of reference to its page', () => {
    expect(refHref('ws', { kind: 'kpi', id: 'k' })).toBe('/w/ws/board?kpi=k');
    expect(refHref('ws', { kind: 'painPoint', id: 'p' }, 'j')).toBe('/w/ws/journeys/j');
    expect(refHref('ws', { kind: 'painPoint', id: 'p' })).toBe('/w/ws/journeys');
    expect(refHref('ws', { kind: 'journey', id: 'j' })).toBe('/w/ws/journeys/j');
    expect(refHref('ws', { kind: 'term', id: 't' })).toBe('/w/ws/glossary?term=t');
    expect(refHref('ws', { kind: 'meeting', id: 'm' })).toBe('/w/ws/meetings/m');
  });

  it('tells today in local time', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
