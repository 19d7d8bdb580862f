import {
  approveTerm,
  readAgreement,
  sideOfSeat,
  termsOf,
  withdrawApproval,
  type ApprovalRefusal,
  type TermAgreement,
} from '@troika/model';
import { Hono } from 'hono';
import { z } from 'zod';
import { syncOf, type AppDeps, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import { paramsOf } from '../http/validate';

const params = z.object({ id: z.string().min(1), termId: z.string().min(1).max(64) });

const REFUSALS: Record<Exclude<ApprovalRefusal, 'not_found'>, [409, ApiError['code'], string]> = {
  own_change: [409, 'own_change', 'You made the last change to its meanings: someone else on your side must approve it.'],
  already_approved: [409, 'already_approved', 'You have already approved this term as it stands.'],
  not_approved: [409, 'not_approved', 'You have not approved this term, so there is nothing to withdraw.'],
  term_merged: [409, 'term_merged', 'This term was merged into another one: approve that one instead.'],
  term_deprecated: [409, 'term_deprecated', 'A deprecated term cannot be approved: make it proposed first.'],
};

function refusal(reason: ApprovalRefusal): ApiError {
  if (reason === 'not_found') return notFound('This term');
  const [status, code, message] = REFUSALS[reason];
  return new ApiError(status, code, message);
}

/** The answer of both calls: the term's status and who signed for which side. */
const answer = (agreement: TermAgreement) => ({ status: agreement.status, approvals: agreement.approvals });

/**
 * Glossary agreement: an editor or owner signs a term for their side (`POST`) or withdraws their
 * signature (`DELETE`). Only these calls write approvals; see agreement.ts in the model for the rule.
 */
export function agreementRoutes(deps: AppDeps) {
  const glossary = (workspaceId: string) => ({ workspaceId, doc: 'glossary' as const });

  /** A signature needs a person in a seat (API tokens have none) and a role that may change content. */
  const signer = (access: AppEnv['Variables']['access']) => {
    if (access.principal.kind !== 'user' || access.seat === null) {
      throw new ApiError(403, 'no_seat', 'Only a member in a seat can approve for a side; API tokens cannot.');
    }
    return { userId: access.principal.userId, side: sideOfSeat(access.seat) };
  };

  return new Hono<AppEnv>()
    .post('/workspaces/:id/glossary/:termId/approval', paramsOf(params), async (c) => {
      const access = c.get('access'); // viewers were refused (403) by the workspace guard
      const { termId } = c.req.valid('param');
      const { userId, side } = signer(access);
      const key = glossary(access.workspaceId);
      // A meaning typed a moment ago must count before this signature is judged (own change, stale approvals).
      await deps.agreement?.flush(key);
      let result: { refused: ApprovalRefusal | null; agreement: TermAgreement | null; term: string } = { refused: 'not_found', agreement: null, term: '' };
      await syncOf(deps).edit(
        key,
        (doc) => {
          const refused = approveTerm(doc, termId, { userId, side, at: new Date().toISOString() });
          const map = termsOf(doc).get(termId);
          result = { refused, agreement: map ? readAgreement(map) : null, term: String(map?.get('term') ?? '') };
        },
        userId,
      );
      if (result.refused || !result.agreement) throw refusal(result.refused ?? 'not_found');
      const sides = new Set(result.agreement.approvals.map((a) => a.side));
      if (result.agreement.status !== 'agreed' && sides.size === 1 && sides.has(side)) {
        const waitingSide = side === 'technology' ? 'business' : 'technology';
        deps.onAwaitingSide?.({ workspaceId: access.workspaceId, termId, term: result.term, waitingSide, actorUserId: userId });
      }
      return c.json(answer(result.agreement), 200);
    })
    .delete('/workspaces/:id/glossary/:termId/approval', paramsOf(params), async (c) => {
      const access = c.get('access'); // viewers were refused (403) by the workspace guard
      const { termId } = c.req.valid('param');
      const { userId } = signer(access);
      let result: { refused: ApprovalRefusal | null; agreement: TermAgreement | null } = { refused: 'not_found', agreement: null };
      await syncOf(deps).edit(
        glossary(access.workspaceId),
        (doc) => {
          const refused = withdrawApproval(doc, termId, userId);
          const map = termsOf(doc).get(termId);
          result = { refused, agreement: map ? readAgreement(map) : null };
        },
        userId,
      );
      if (result.refused || !result.agreement) throw refusal(result.refused ?? 'not_found');
      return c.json(answer(result.agreement), 200);
    });
}
