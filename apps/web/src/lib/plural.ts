/** "1 term", "2 terms": a count with its noun, plural unless it is exactly one (pass the plural for irregular nouns). */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
