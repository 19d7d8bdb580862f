/** Writing user text into the Markdown exports (journeys, minutes, the workspace). One module for all of them. */

/** Text safe inside one Markdown table cell: pipes and backslashes escaped, line breaks as spaces, never empty. */
export function mdTableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n+/g, ' ').trim() || ' ';
}
