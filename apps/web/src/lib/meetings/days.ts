import { formatDate } from '$lib/format-date';

/** A YYYY-MM-DD day as people read it ("12 Mar 2026"), in their locale. */
export function formatDay(day: string, locale?: string): string {
  return formatDate(`${day}T00:00:00`, locale);
}

/** The short month of a YYYY-MM-DD day ("Mar"), for the date tile of a meeting. */
export function monthOf(day: string, locale?: string): string {
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(locale, { month: 'short' }).format(date);
}

/** The time of day of an ISO time ("10:42"), in this person's time zone. */
export function formatTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** This browser's time zone, for the times in downloaded minutes. */
export function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
