// How long a source file may be before it needs a reason (STYLE.md: most files under ~150 lines,
// split past ~300 by concern). Checked by check.mjs with the dependency rules.

export const MAX_LINES = 400;

/**
 * Files allowed past MAX_LINES, each with its reason. A file that shrinks below the limit is
 * reported as a stale entry (a note, not a failure); delete its line then.
 */
export const LARGE_FILES = {
  'apps/server/src/test/sync-harness.ts':
    "the one harness of the sync tests (server, y-websocket clients, raw sockets, stored log); splitting it would scatter the tests' setup",
  'tests/load/sync-bench.ts':
    'a benchmark script run on demand, never imported: its phases read top to bottom as one report',
  'apps/web/src/routes/(app)/w/[id]/journeys/[journeyId]/JourneyScreen.svelte':
    'the journey screen wires map, panels, presence and exports around one document; to split into a session (lib/journeys) and its layout',
  'apps/web/src/routes/(app)/w/[id]/journeys/[journeyId]/JourneyMap.svelte':
    "the map's drag and drop, lanes and notes share pointer state; to split by concern (lanes, note dragging)",
  'apps/web/src/routes/(app)/w/[id]/journeys/[journeyId]/PainPanel.svelte':
    "one pain point's editor: fields, KPIs, votes and owners in one form; to split into field groups",
  'apps/web/src/routes/(app)/w/[id]/glossary/GlossaryScreen.svelte':
    'the glossary screen: list, panel, import, merge and shortcuts around one store; to split like the board',
  'apps/web/src/routes/(app)/w/[id]/board/BoardScreen.svelte':
    'the board screen: groups, drag and drop, panels and the CSV import around one session; just over the limit',
};
