import type { DocName } from '../documents';
import { SERVER_WRITTEN_TERM_KEYS } from '../glossary/agreement';
import type { UpdateWrite, WritePath } from './update-inspection';

/**
 * Which documents and fields only the server writes. A client's update that writes one of them is
 * refused whole ("permission denied"); the server itself writes them through `sync.edit`, which
 * this policy does not see.
 */
export interface WritePolicy {
  /** Documents every member reads live and no client writes. */
  serverDocs: readonly DocName[];
  fields: readonly FieldRule[];
  /**
   * How deep shared types may nest. The deepest documented shape is about 5 levels (journeys ->
   * journey -> stages -> stage -> touchpoints -> touchpoint); far deeper is refused, since a very deep
   * chain overflows yjs's recursive delete.
   */
  maxDepth: number;
}

export interface FieldRule {
  doc: DocName;
  /** Keys from the root type; `*` matches any one key (an entry's id). */
  path: WritePath;
  /** The rule covers the key and everything under it, at any depth (e.g. a map of approvals). */
  subtree?: boolean;
  /** The rule covers only writes of this value (e.g. a status the server alone may set). */
  value?: unknown;
  /** Said to the client in the "permission denied" message. */
  reason: string;
}

/** The reasons sent with "permission denied" (a client may show them). */
export const DENIED = {
  readOnly: 'read-only: your role cannot change this workspace',
  serverDocument: 'read-only: only the server writes this document',
} as const;

export const WRITE_POLICY: WritePolicy = {
  serverDocs: ['comments'],
  maxDepth: 32,
  fields: [
    // Glossary agreement: approvals are made through the API, and only they make a term agreed; who
    // changed a meaning last and "changed since agreed" are recorded by the server (agreement.ts).
    ...SERVER_WRITTEN_TERM_KEYS.map((key) => ({
      doc: 'glossary' as const,
      path: ['terms', '*', key],
      subtree: true,
      reason: `read-only: only the server writes ${key}`,
    })),
    { doc: 'glossary', path: ['terms', '*', 'status'], value: 'agreed', reason: 'read-only: only the server marks a term agreed' },
  ],
};

/** Whether clients may write this document at all (under this policy). */
export function isServerDocument(doc: DocName, policy: WritePolicy = WRITE_POLICY): boolean {
  return policy.serverDocs.includes(doc);
}

/** The reason a client may not make these writes to `doc`, or null when it may. */
export function refusedWrite(doc: DocName, writes: readonly UpdateWrite[], policy: WritePolicy = WRITE_POLICY): string | null {
  if (isServerDocument(doc, policy)) return writes.length > 0 ? DENIED.serverDocument : null;
  const rules = policy.fields.filter((rule) => rule.doc === doc);
  if (rules.length === 0) return null;
  for (const write of writes) {
    for (const rule of rules) if (breaks(rule, write)) return rule.reason;
  }
  return null;
}

function breaks(rule: FieldRule, write: UpdateWrite): boolean {
  const { path } = write;
  const shared = Math.min(path.length, rule.path.length);
  for (let i = 0; i < shared; i++) if (rule.path[i] !== '*' && rule.path[i] !== path[i]) return false;
  if (path.length >= rule.path.length) {
    // At the rule's key, or under it.
    if (path.length > rule.path.length && !rule.subtree) return false;
    if (!('value' in rule)) return true;
    return write.kind === 'insert' && path.length === rule.path.length && write.value === rule.value;
  }
  // Above the rule's key: an insert of a plain object may carry the key inside it (a term written as JSON).
  if (write.kind !== 'insert') return false;
  return carries(write.value, rule.path.slice(path.length), rule);
}

/** Whether a plain value holds something at `rest` that the rule covers. */
function carries(value: unknown, rest: WritePath, rule: FieldRule): boolean {
  if (rest.length === 0) return !('value' in rule) || value === rule.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const [key, ...deeper] = rest;
  const entries = key === '*' ? Object.values(value) : Object.hasOwn(value, key!) ? [(value as Record<string, unknown>)[key!]] : [];
  return entries.some((entry) => carries(entry, deeper, rule));
}
