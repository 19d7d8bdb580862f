/** The shared documents of a workspace, each synced at `/sync/:workspaceId/:doc`. */
export const DOC_NAMES = ['board', 'glossary', 'journeys', 'meetings', 'comments'] as const;
export type DocName = (typeof DOC_NAMES)[number];

/** Whether `name` is one of the workspace documents (any other name is refused by the server). */
export function isDocName(name: string): name is DocName {
  return (DOC_NAMES as readonly string[]).includes(name);
}
