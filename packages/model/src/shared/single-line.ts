import { z } from 'zod';

// C0 controls (NUL, tab, line breaks, escape...), DEL, C1 controls, and the Unicode line and paragraph
// separators: none belongs in a name shown on one line, and NUL cannot even be stored in PostgreSQL text.
const CONTROL = '\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029';
const HAS_CONTROL = new RegExp(`[${CONTROL}]`);
const NO_CONTROL = new RegExp(`^[^${CONTROL}]*$`);

export const CONTROL_CHARACTERS_MESSAGE = 'must not contain control characters (line breaks, tabs, NUL)';

/** Whether a string holds a control character (C0, DEL, C1, or a Unicode line or paragraph separator). */
export function hasControlCharacters(value: string): boolean {
  return HAS_CONTROL.test(value);
}

/**
 * A user-given one-line name or title: trimmed, `min` to `max` characters, and refused with a message
 * naming the field when it holds a control character (one rule for every API schema and form).
 */
export function singleLine(max: number, min = 1) {
  const trimmed = z.string().trim();
  const sized = min > 0 ? trimmed.min(min, 'must not be empty') : trimmed;
  return sized.max(max, `must be at most ${max} characters`).regex(NO_CONTROL, CONTROL_CHARACTERS_MESSAGE);
}
