import type { Target } from '@troika/model';
import { api, data } from '$lib/api';

/** The conversation calls of the screens (the server checks the rules and writes the `comments` document). */
export function threadActions(workspaceId: string) {
  const id = workspaceId;
  const thread = api.workspaces[':id'].threads[':threadId'];
  return {
    start: (target: Target, body: string, mentions: string[]) =>
      data(api.workspaces[':id'].threads.$post({ param: { id }, json: { target, body, mentions } })),
    reply: (threadId: string, body: string, mentions: string[]) =>
      data(thread.comments.$post({ param: { id, threadId }, json: { body, mentions } })),
    edit: (threadId: string, commentId: string, body: string, mentions: string[]) =>
      data(thread.comments[':commentId'].$patch({ param: { id, threadId, commentId }, json: { body, mentions } })),
    remove: (threadId: string, commentId: string) => data(thread.comments[':commentId'].$delete({ param: { id, threadId, commentId } })),
    resolve: (threadId: string, resolved: boolean) => data(thread.$patch({ param: { id, threadId }, json: { resolved } })),
  };
}

export type ThreadActions = ReturnType<typeof threadActions>;
