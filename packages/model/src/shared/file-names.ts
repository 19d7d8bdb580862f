/**
 * A title as lower-case words joined by dashes, for file names (downloads, `Content-Disposition`):
 * accents dropped, anything but letters, digits, spaces and dashes removed, at most 60 characters.
 * Empty when nothing usable is left, so the caller picks its fallback.
 */
export function fileSlug(title: string, maxLength = 60): string {
  return title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, maxLength);
}

/** `troika-<workspace name>-<YYYY-MM-DD>.<ext>` (the UTC day of `at`), safe in a Content-Disposition header. */
export function exportFileName(name: string, at: Date, extension: 'md' | 'json'): string {
  return `troika-${fileSlug(name) || 'workspace'}-${at.toISOString().slice(0, 10)}.${extension}`;
}
