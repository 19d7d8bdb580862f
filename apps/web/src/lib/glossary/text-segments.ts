import type { TermOccurrence } from '@troika/model';

/** A piece of a text: plain, or an occurrence of a glossary term. */
export type TextSegment = { text: string; occurrence?: undefined } | { text: string; occurrence: TermOccurrence };

/** Cuts a text into plain pieces and term occurrences (which must be in order and not overlap), losing no character. */
export function segmentText(text: string, occurrences: readonly TermOccurrence[]): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const occurrence of occurrences) {
    if (occurrence.start < at || occurrence.end > text.length) continue;
    if (occurrence.start > at) segments.push({ text: text.slice(at, occurrence.start) });
    segments.push({ text: text.slice(occurrence.start, occurrence.end), occurrence });
    at = occurrence.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}
