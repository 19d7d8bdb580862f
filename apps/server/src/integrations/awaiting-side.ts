import type { AgreementSide } from '@troika/model';

/**
 * Told when one side has signed a term and it waits for the other (the inbox's `approval` notification).
 * In a module of its own because both the app's dependencies (context.ts) and the agreement routes,
 * which take those dependencies, name it.
 */
export type OnAwaitingSide = (event: {
  workspaceId: string;
  termId: string;
  term: string;
  waitingSide: AgreementSide;
  actorUserId: string;
}) => void;
