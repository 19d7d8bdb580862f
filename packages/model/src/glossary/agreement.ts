import * as Y from 'yjs';
import type { Seat } from '../roles';
import { TEXT_KEYS, termsOf } from './term-maps';
import { AGREEMENT_SIDES, type AgreementSide, type Approval, type TermStatus } from './types';

/**
 * Glossary agreement: a term is `agreed` when a member of each side approved it after the last change
 * to its meanings. Only the server writes what this file writes (`approvals`, `meaningBy`,
 * `changedSinceAgreed`, and `status: agreed`); clients' updates that do are refused.
 */

export const AGREEMENT_SIDE_LABELS: Record<AgreementSide, string> = { technology: 'technology', business: 'business' };

const SIDE_OF_SEAT: Record<Seat, AgreementSide> = {
  cio: 'technology',
  it: 'technology',
  cmo: 'business',
  marketing: 'business',
  business: 'business',
};

/** Which side a seat signs for: technology (`cio`, `it`) or business (`cmo`, `marketing`, `business`). */
export function sideOfSeat(seat: Seat): AgreementSide {
  return SIDE_OF_SEAT[seat];
}

/** The seats of a side (whom to tell that a term waits for their signature). */
export function seatsOfSide(side: AgreementSide): Seat[] {
  return (Object.keys(SIDE_OF_SEAT) as Seat[]).filter((seat) => SIDE_OF_SEAT[seat] === side);
}

export const otherSide = (side: AgreementSide): AgreementSide => (side === 'technology' ? 'business' : 'technology');

/** The texts that make a term's meaning: changing one unsettles its agreement. */
export const MEANING_KEYS = TEXT_KEYS;

/** The term keys only the server writes (the sync engine refuses a client's update that writes them). */
export const SERVER_WRITTEN_TERM_KEYS = ['approvals', 'meaningBy', 'changedSinceAgreed'] as const;

/** What the API and the screens show of a term's agreement. */
export interface TermAgreement {
  status: TermStatus;
  approvals: Approval[];
  /** Who made the last change to a meaning (user id or `token:<id>`), as the server recorded it. */
  meaningBy: string | null;
  /** Agreed once, then a meaning changed; cleared when both sides sign again. */
  changedSinceAgreed: boolean;
}

/**
 * A short fingerprint of a term's three meanings, stored with each approval: an approval counts only
 * while the meanings are still the ones approved, even if the server missed a change (a crash between
 * a client's edit and the server's reaction to it, or an edit applied on another instance).
 */
export function meaningFingerprint(map: Y.Map<unknown>): string {
  let hash = 0x811c9dc5;
  for (const key of TEXT_KEYS) {
    const value = map.get(key);
    const text = value instanceof Y.Text ? value.toString() : '';
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    // A separator, so that moving text between two meanings changes the fingerprint.
    hash ^= 0x1f;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function approvalsMap(map: Y.Map<unknown>): Y.Map<unknown> | null {
  const value = map.get('approvals');
  return value instanceof Y.Map ? value : null;
}

/** The approvals that still count: given for the current meanings, oldest first. */
export function readApprovals(map: Y.Map<unknown>): Approval[] {
  const approvals = approvalsMap(map);
  if (!approvals) return [];
  const fingerprint = meaningFingerprint(map);
  const out: Approval[] = [];
  approvals.forEach((raw, userId) => {
    const entry = raw as { side?: unknown; at?: unknown; meaning?: unknown } | null;
    if (!entry || typeof entry !== 'object') return;
    if (entry.side !== 'technology' && entry.side !== 'business') return;
    if (typeof entry.meaning === 'string' && entry.meaning !== fingerprint) return;
    out.push({ userId, side: entry.side, at: typeof entry.at === 'string' ? entry.at : '' });
  });
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.userId.localeCompare(b.userId));
}

/** Whether both sides have signed the current meanings. */
export function bothSidesApproved(approvals: readonly Approval[]): boolean {
  return AGREEMENT_SIDES.every((side) => approvals.some((a) => a.side === side));
}

/** The status the rule gives a term: `deprecated` stays an editor's choice; otherwise agreed iff both sides signed. */
export function derivedStatus(map: Y.Map<unknown>): TermStatus {
  if (map.get('status') === 'deprecated') return 'deprecated';
  return bothSidesApproved(readApprovals(map)) ? 'agreed' : 'proposed';
}

export function readAgreement(map: Y.Map<unknown>): TermAgreement {
  const status = map.get('status');
  const meaningBy = map.get('meaningBy');
  return {
    status: status === 'agreed' || status === 'deprecated' ? status : 'proposed',
    approvals: readApprovals(map),
    meaningBy: typeof meaningBy === 'string' ? meaningBy : null,
    changedSinceAgreed: map.get('changedSinceAgreed') === true,
  };
}

/** Writes the derived status (and clears "changed since agreed" once agreed again). Server only. */
export function settleStatus(map: Y.Map<unknown>): void {
  const status = derivedStatus(map);
  if (map.get('status') !== status) map.set('status', status);
  if (status === 'agreed' && map.get('changedSinceAgreed') === true) map.delete('changedSinceAgreed');
}

export type ApprovalRefusal = 'not_found' | 'term_merged' | 'term_deprecated' | 'own_change' | 'already_approved' | 'not_approved';

/**
 * Records `userId`'s approval for `side`; the refusal's reason otherwise. Server only. Whoever made
 * the last change to the meanings may not sign first (`own_change`): someone else reviews it first.
 */
export function approveTerm(doc: Y.Doc, termId: string, approval: Approval): ApprovalRefusal | null {
  const map = termsOf(doc).get(termId);
  if (!map) return 'not_found';
  if (typeof map.get('mergedInto') === 'string') return 'term_merged';
  if (map.get('status') === 'deprecated') return 'term_deprecated';
  const current = readApprovals(map);
  if (current.some((a) => a.userId === approval.userId)) return 'already_approved';
  // No self-approval: the author of the last change to the meanings cannot be the first to sign it;
  // once someone else reviewed and signed it, the author may co-sign for their side.
  if (map.get('meaningBy') === approval.userId && current.length === 0) return 'own_change';
  doc.transact(() => {
    let approvals = approvalsMap(map);
    if (!approvals) {
      approvals = new Y.Map<unknown>();
      map.set('approvals', approvals);
    }
    approvals.set(approval.userId, { side: approval.side, at: approval.at, meaning: meaningFingerprint(map) });
    settleStatus(map);
  });
  return null;
}

/** Withdraws `userId`'s approval (an agreed term goes back to proposed). Server only. */
export function withdrawApproval(doc: Y.Doc, termId: string, userId: string): ApprovalRefusal | null {
  const map = termsOf(doc).get(termId);
  if (!map) return 'not_found';
  if (typeof map.get('mergedInto') === 'string') return 'term_merged';
  const approvals = approvalsMap(map);
  if (!approvals?.has(userId) || !readApprovals(map).some((a) => a.userId === userId)) return 'not_approved';
  doc.transact(() => {
    approvals.delete(userId);
    settleStatus(map);
  });
  return null;
}

/**
 * Records that `actorId` changed a term's meanings: it can no longer approve this version, earlier
 * approvals no longer count (they are cleared), and an agreed term goes back to proposed and says it
 * changed since it was agreed. Server only; a no-op when nothing is left to do.
 */
export function recordMeaningChange(doc: Y.Doc, termId: string, actorId: string | null): void {
  const map = termsOf(doc).get(termId);
  if (!map) return;
  doc.transact(() => {
    const wasAgreed = map.get('status') === 'agreed';
    if (actorId && map.get('meaningBy') !== actorId) map.set('meaningBy', actorId);
    const approvals = approvalsMap(map);
    if (approvals) {
      const stale: string[] = [];
      const fingerprint = meaningFingerprint(map);
      approvals.forEach((raw, userId) => {
        if ((raw as { meaning?: unknown } | null)?.meaning !== fingerprint) stale.push(userId);
      });
      for (const userId of stale) approvals.delete(userId);
    }
    settleStatus(map);
    if (wasAgreed && map.get('status') !== 'agreed') map.set('changedSinceAgreed', true);
  });
}

/** Whether a term's stored status disagrees with the rule (see reconcileAgreement). */
export function statusDisagrees(map: Y.Map<unknown>): boolean {
  const status = map.get('status');
  return status !== derivedStatus(map) || (status === 'agreed' && map.get('changedSinceAgreed') === true);
}

/**
 * Brings a term whose status disagrees with the rule back in line (a client set `status`, a merge, a
 * meaning changed while the server was not looking, or a term marked agreed before signatures
 * existed). Returns whether it wrote anything. "Changed since agreed" is set only for a term that
 * had been signed, not for one an editor once marked agreed alone.
 */
export function reconcileAgreement(map: Y.Map<unknown>): boolean {
  if (!statusDisagrees(map)) return false;
  const write = () => {
    const wasSigned = map.get('status') === 'agreed' && approvalsMap(map) !== null;
    settleStatus(map);
    if (wasSigned && map.get('status') === 'proposed') map.set('changedSinceAgreed', true);
  };
  if (map.doc) map.doc.transact(write);
  else write();
  return true;
}

/**
 * After a server-side edit of a term (a CSV import): a change to its meanings (their fingerprint
 * differs from `before`, taken just before the edit; null for a new term) is recorded as `actorId`'s,
 * and the status settled, so an import never makes a term agreed.
 */
export function settleAfterServerEdit(doc: Y.Doc, termId: string, actorId: string, before: string | null): void {
  const map = termsOf(doc).get(termId);
  if (!map) return;
  if (before !== null && meaningFingerprint(map) !== before) recordMeaningChange(doc, termId, actorId);
  else reconcileAgreement(map);
}

/**
 * Whether a term waits for `side`'s signature: the other side signed its current meanings and this
 * side has not (what the `approval` notification tells, and the glossary's "waiting for my side").
 */
export function waitsForSide(term: { status: TermStatus; approvals: readonly Approval[] }, side: AgreementSide): boolean {
  if (term.status !== 'proposed') return false;
  return term.approvals.some((a) => a.side !== side) && !term.approvals.some((a) => a.side === side);
}

/** Why `userId` cannot sign this term now, in words for the screen, or null when they can. */
export function signRefusal(
  term: { status: TermStatus; approvals: readonly Approval[]; meaningBy: string | null },
  userId: string,
): string | null {
  if (term.status === 'deprecated') return 'A deprecated term is not signed: restore it as proposed first.';
  if (term.approvals.some((a) => a.userId === userId)) return null;
  if (term.meaningBy === userId && term.approvals.length === 0) {
    return 'You changed its meaning last: someone else reviews and signs it first, then you can co-sign.';
  }
  return null;
}
