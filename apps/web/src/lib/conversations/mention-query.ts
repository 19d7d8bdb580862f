/**
 * Mentions in the comment box: `@` followed by the start of a name opens the member picker; the
 * chosen member's name is inserted as `@Name` and their id sent as a mention.
 */

export interface MentionQuery {
  /** Where the `@` is in the text. */
  start: number;
  /** What was typed after it. */
  query: string;
}

/** The `@…` being typed just before the caret, or null (an `@` inside a word, like an e-mail, is not one). */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,30})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** A fuzzy score of a name for a query (letters in order, word starts and runs count more); null when it does not match. */
export function fuzzyScore(name: string, query: string): number | null {
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (!q) return 0;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    const at = n.indexOf(ch, from);
    if (at < 0) return null;
    if (at === 0 || n[at - 1] === ' ') score += 3;
    if (at === previous + 1) score += 2;
    score += 1;
    previous = at;
    from = at + 1;
  }
  return score - n.length / 100;
}

/** Members matching a query, best first. */
export function pickMembers<M extends { name: string }>(members: readonly M[], query: string, limit = 6): M[] {
  return members
    .map((m) => ({ m, s: fuzzyScore(m.name, query) }))
    .filter((x): x is { m: M; s: number } => x.s !== null)
    .sort((a, b) => b.s - a.s || a.m.name.localeCompare(b.m.name))
    .slice(0, limit)
    .map((x) => x.m);
}

/** The text with `@…` at `query` replaced by `@Name `, and where the caret goes after it. */
export function insertMention(text: string, query: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, query.start) + inserted + text.slice(caret), caret: query.start + inserted.length };
}

/** The mentioned ids whose `@Name` is still in the text (a name deleted after picking is no mention). */
export function mentionsIn(text: string, picked: ReadonlyMap<string, string>): string[] {
  return [...picked].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
}

export type Segment = { text: string; mention?: string };

/** A body cut into plain text and `@Name` pieces for the people it mentions (rendered as text, never HTML). */
export function segmentMentions(body: string, mentions: readonly { id: string; name: string }[]): Segment[] {
  const names = mentions.filter((m) => m.name).sort((a, b) => b.name.length - a.name.length);
  const segments: Segment[] = [];
  let rest = body;
  while (rest) {
    let best: { at: number; m: { id: string; name: string } } | null = null;
    for (const m of names) {
      const at = rest.indexOf(`@${m.name}`);
      if (at >= 0 && (!best || at < best.at)) best = { at, m };
    }
    if (!best) {
      segments.push({ text: rest });
      break;
    }
    if (best.at > 0) segments.push({ text: rest.slice(0, best.at) });
    segments.push({ text: `@${best.m.name}`, mention: best.m.id });
    rest = rest.slice(best.at + best.m.name.length + 1);
  }
  return segments;
}
