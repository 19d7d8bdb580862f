/** A term's standing: proposed by someone, agreed by the troika, or deprecated (kept for look-ups). */
export const TERM_STATUSES = ['proposed', 'agreed', 'deprecated'] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];

export const TERM_STATUS_LABELS: Record<TermStatus, string> = {
  proposed: 'Proposed',
  agreed: 'Agreed',
  deprecated: 'Deprecated',
};

/** The two sides that must both sign a term. */
export const AGREEMENT_SIDES = ['technology', 'business'] as const;
export type AgreementSide = (typeof AGREEMENT_SIDES)[number];

/** One member's signature of a term's current meanings, for their side (see agreement.ts). */
export interface Approval {
  userId: string;
  side: AgreementSide;
  /** ISO time. */
  at: string;
}

/** A glossary term as read from the `glossary` document (plain data; the texts as strings). */
export interface GlossaryTerm {
  id: string;
  term: string;
  abbreviation: string;
  definition: string;
  /** What IT means by it. */
  it: string;
  /** What marketing means by it. */
  marketing: string;
  synonyms: string[];
  /** Ids of related live terms (merged ids resolved, missing ones left out). */
  related: string[];
  status: TermStatus;
  /** Who changed it last (a user id, or `token:<id>` for an API token), and when (ISO time); null when unknown. */
  updatedBy: string | null;
  updatedAt: string | null;
  /** Who signed the current meanings for which side (see agreement.ts); both sides: `agreed`. */
  approvals: Approval[];
  /** Agreed once, then a meaning changed; cleared when both sides sign again. */
  changedSinceAgreed: boolean;
  /** Who changed a meaning last, as the server recorded it (they cannot be the first to sign it). */
  meaningBy: string | null;
}

/** What a person gives to add or edit a term. */
export interface TermInput {
  term: string;
  abbreviation?: string;
  definition?: string;
  it?: string;
  marketing?: string;
  synonyms?: readonly string[];
  status?: TermStatus;
}

/** Who makes a change, stamped on the term as `updatedBy` / `updatedAt`. */
export interface Actor {
  id: string;
  /** ISO time; defaults to now. */
  at?: string;
}

/** One result of `GET /api/workspaces/:id/glossary?q=` (and of the lookup palette). */
export interface GlossarySearchResult {
  id: string;
  term: string;
  abbreviation: string;
  synonyms: string[];
  definition: string;
  status: TermStatus;
  /** Higher is better; see search.ts for the tiers. */
  score: number;
}

export interface GlossarySearchResponse {
  results: GlossarySearchResult[];
}
