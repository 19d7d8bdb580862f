/**
 * Writing user text into the Markdown exports (journeys, minutes, the workspace, conversations). One
 * module for all of them, and one escaping function, markdownText, under everything they write.
 */

// Characters that make Markdown (or the HTML a renderer lets through) of inline text: emphasis and
// code, links and images, tables, strikethrough, backslash itself; <, > and & become entities.
const INLINE = /[\\`*_[\]|~<>&]/g;
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
// What turns the start of a line into a block: a heading, a list item, a setext underline, a numbered item.
const BLOCK_START = /^([#+\-=]|\d+(?=[.)]))/;
const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*/g;

/**
 * User text as itself on one line of Markdown: raw HTML shows as typed (`<script>` as text), links
 * cannot be formed (`[x](javascript:...)` stays text), emphasis, code, strikethrough and table pipes
 * are backslashed, line breaks become spaces (so no text forges a heading or a table row), and a
 * leading `#`, `-`, `+`, `=` or `1.` cannot start a block.
 */
export function markdownText(text: string): string {
  return inlineText(text).replace(BLOCK_START, (mark) => (/\d/.test(mark) ? `${mark}\\` : `\\${mark}`));
}

/** markdownText without the guard of a line's start (a table cell starts no block). */
function inlineText(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(INLINE, (c) => ENTITIES[c] ?? `\\${c}`);
}

/**
 * User text of several lines (a definition, a description) as Markdown that shows it as written:
 * each line escaped as markdownText and kept as a line (a hard break), blank lines as paragraph breaks.
 */
export function markdownParagraphs(text: string): string {
  const paragraphs: string[][] = [[]];
  for (const raw of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const line = raw.trim();
    if (line) paragraphs.at(-1)!.push(markdownText(line));
    else if (paragraphs.at(-1)!.length > 0) paragraphs.push([]);
  }
  return paragraphs
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('  \n'))
    .join('\n\n');
}

/** Text safe inside one Markdown table cell (escaped as markdownText, pipes included), never empty. */
export function mdTableCell(text: string): string {
  return inlineText(text).trim() || ' ';
}
