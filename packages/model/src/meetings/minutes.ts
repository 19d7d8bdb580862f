import { STATUS_LABELS } from '../board/kpi-status';
import { formatValue } from '../board/value-format';
import { fileSlug } from '../shared/file-names';
import { markdownText, mdTableCell } from '../shared/markdown';
import { isOverdue } from './action-rules';
import { meetingPhase } from './read-meeting';
import { timerElapsedMs } from './timer';
import { TARGET_LABELS } from '../conversations/targets';
import { REF_KIND_LABELS, SINCE_GROUP_LABELS, SINCE_GROUPS, type SinceRecord, type AgendaRef, type DecisionThread, type KpiSnapshot, type Meeting, type MeetingPhase } from './types';

export interface NamedPerson {
  id: string;
  /** Their name, or '' when nobody knows it any more (a former member). */
  name: string;
}

/** A meeting as plain data for people and programs: names resolved, items by title. The export's shape. */
export interface MeetingSummary {
  id: string;
  title: string;
  date: string;
  phase: MeetingPhase;
  startedAt: string | null;
  endedAt: string | null;
  presenter: NamedPerson | null;
  attendees: NamedPerson[];
  agenda: { id: string; title: string; ref: AgendaRef | null; duration: number | null; spentMs: number }[];
  decisions: { id: string; text: string; itemId: string | null; item: string | null; at: string; by: NamedPerson; present: NamedPerson[]; thread: DecisionThread | null }[];
  actions: { id: string; text: string; owner: NamedPerson | null; due: string | null; done: boolean; overdue: boolean; itemId: string | null; item: string | null }[];
  /** The board's KPIs as they stood when the meeting ended; null until it ends. */
  kpis: KpiSnapshot[] | null;
  /** "Since the last meeting" as kept when it ended; null until then. */
  sinceLast: SinceRecord | null;
}

export interface MinutesContext {
  /** Member user id -> name, now. Names kept in the minutes win for the attendees. */
  people: ReadonlyMap<string, string>;
  /** YYYY-MM-DD, for overdue marks. */
  today: string;
  /** Time zone of the times shown in Markdown (an IANA name); UTC by default. */
  timeZone?: string;
  /** For the timers of a live meeting; now by default. */
  nowMs?: number;
}

/** Everything about a meeting with people's names: what the minutes, the export and the list show. */
export function summariseMeeting(meeting: Meeting, context: MinutesContext): MeetingSummary {
  const frozen = new Map((meeting.minutes?.attendees ?? []).filter((a) => a.name).map((a) => [a.id, a.name]));
  const person = (id: string): NamedPerson => ({ id, name: frozen.get(id) ?? context.people.get(id) ?? '' });
  const titleOf = new Map(meeting.agenda.map((i) => [i.id, i.title]));
  const nowMs = context.nowMs ?? Date.now();
  return {
    id: meeting.id,
    title: meeting.title,
    date: meeting.date,
    phase: meetingPhase(meeting),
    startedAt: meeting.startedAt,
    endedAt: meeting.endedAt,
    presenter: meeting.presenter ? person(meeting.presenter) : null,
    attendees: (meeting.minutes?.attendees.map((a) => a.id) ?? meeting.attendees).map(person),
    agenda: meeting.agenda.map((i) => ({ id: i.id, title: i.title, ref: i.ref, duration: i.duration, spentMs: timerElapsedMs(i.timer, nowMs) })),
    decisions: meeting.decisions.map((d) => ({
      id: d.id,
      text: d.text,
      itemId: d.itemId,
      item: d.itemId ? (titleOf.get(d.itemId) ?? null) : null,
      at: d.at,
      by: person(d.by),
      present: d.present.map(person),
      thread: d.thread,
    })),
    actions: meeting.actions.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.owner ? person(a.owner) : null,
      due: a.due,
      done: a.done,
      overdue: isOverdue(a, context.today),
      itemId: a.itemId,
      item: a.itemId ? (titleOf.get(a.itemId) ?? null) : null,
    })),
    kpis: meeting.minutes?.kpis ?? null,
    sinceLast: meeting.sinceLast,
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-12` as `12 March 2026` (any other text as it is). */
export function longDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : day;
}

/** The time of day of an ISO time, as HH:MM in `timeZone`. */
export function timeOfDay(iso: string, timeZone = 'UTC'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(ms);
}

/** Whether `name` is a time zone this runtime knows (an IANA name such as `Europe/Paris`, or `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The day (YYYY-MM-DD) an ISO time falls on in `timeZone`; null for a time that does not parse. */
export function dayIn(iso: string, timeZone = 'UTC'): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const parts = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The day a meeting's minutes are dated: the day it started in the reader's time zone, not the day it
 * was planned for (a meeting planned for the 4th and held on the 3rd was held on the 3rd). `planned`
 * is the planned day only when it differs; a meeting not yet started is dated by its plan.
 */
export function heldOn(meeting: Pick<Meeting, 'date' | 'startedAt'>, timeZone = 'UTC'): { day: string; planned: string | null } {
  const held = meeting.startedAt ? dayIn(meeting.startedAt, timeZone) : null;
  if (!held) return { day: meeting.date, planned: null };
  return { day: held, planned: held === meeting.date ? null : meeting.date };
}

const nameOf = (p: NamedPerson | null) => (p ? p.name || 'A former member' : 'Nobody yet');
// A person's name as Markdown text (names are user-given).
const mdName = (p: NamedPerson | null) => markdownText(nameOf(p));
/** "from the conversation on KPI “Net promoter score”": where a decision was taken from. */
export function threadOrigin(thread: Pick<DecisionThread, 'target' | 'title'>): string {
  return `from the conversation on ${TARGET_LABELS[thread.target.kind]}${thread.title ? ` “${thread.title}”` : ''}`;
}

/** The frozen "Since the last meeting" section of the minutes, grouped. */
function sinceLines(record: SinceRecord, h: (n: number) => string, zone: string): string[] {
  const previous = record.previous;
  const when = previous ? dayIn(previous.endedAt, zone) : null;
  const head = previous ? ` (since “${markdownText(previous.title) || 'Untitled meeting'}”${when ? `, ${longDate(when)}` : ''})` : '';
  const lines = [`${h(1)} Since the last meeting${head}`, ''];
  if (!previous) return [...lines, 'This was the first meeting: nothing to compare with.', ''];
  if (record.items.length === 0) return [...lines, 'Nothing moved on the board, the glossary, the journeys or the actions.', ''];
  for (const group of SINCE_GROUPS) {
    const items = record.items.filter((i) => i.group === group);
    if (items.length === 0) continue;
    lines.push(`**${SINCE_GROUP_LABELS[group]}**`, '', ...items.map((i) => `- ${markdownText(i.title)}: ${markdownText(i.what)}`), '');
  }
  return lines;
}

const minutesOf = (ms: number) => Math.round(ms / 60_000);
const value = (v: number | null | undefined, unit: string) => formatValue(v, unit, 'en-US');

/**
 * A meeting as Markdown: for an ended meeting its minutes (when and who, the agenda with the time
 * spent, decisions with who was present, actions with owners and due dates, and the KPIs as they
 * stood); for others the agenda so far. `level` is the heading level of the title (1 alone, 3 inside
 * a workspace export).
 */
export function minutesMarkdown(meeting: Meeting, context: MinutesContext, level = 1): string {
  const m = summariseMeeting(meeting, context);
  const zone = context.timeZone ?? 'UTC';
  const h = (n: number) => '#'.repeat(Math.min(6, level + n));
  const when = heldOn(m, zone);
  const lines = [`${h(0)} ${markdownText(m.title) || 'Untitled meeting'} (${longDate(when.day)})`, ''];

  if (m.phase === 'ended') {
    const span = m.startedAt && m.endedAt ? `, ${timeOfDay(m.startedAt, zone)} to ${timeOfDay(m.endedAt, zone)} (${zone})` : '';
    const planned = when.planned ? ` (planned for ${longDate(when.planned)})` : '';
    lines.push(`Minutes of the meeting held on ${longDate(when.day)}${span}${planned}.${m.presenter ? ` Presented by ${mdName(m.presenter)}.` : ''}`, '');
  } else {
    lines.push(m.phase === 'live' ? 'This meeting is in progress; these are not its final minutes.' : 'This meeting has not been held yet.', '');
  }
  lines.push(`**Present:** ${m.attendees.length > 0 ? m.attendees.map(mdName).join(', ') : 'nobody recorded'}`, '');

  if (m.sinceLast) lines.push(...sinceLines(m.sinceLast, h, zone));

  lines.push(`${h(1)} Agenda`, '');
  if (m.agenda.length === 0) lines.push('No agenda items.', '');
  else {
    m.agenda.forEach((item, i) => {
      const about = item.ref ? ` (${REF_KIND_LABELS[item.ref.kind]})` : '';
      const spent = item.spentMs > 0 ? `${minutesOf(item.spentMs)} min` : '';
      const planned = item.duration ? `${item.duration} min planned` : '';
      const time = [spent, planned].filter(Boolean).join(' of ');
      lines.push(`${i + 1}. ${markdownText(item.title) || 'Untitled item'}${about}${time ? ` · ${time}` : ''}`);
    });
    lines.push('');
  }

  lines.push(`${h(1)} Decisions`, '');
  if (m.decisions.length === 0) lines.push('No decisions recorded.', '');
  for (const d of m.decisions) {
    const present = d.present.length > 0 ? `; present: ${d.present.map(mdName).join(', ')}` : '';
    const origin = d.thread ? `; ${markdownText(threadOrigin(d.thread))}` : '';
    lines.push(`- ${d.item ? `**${markdownText(d.item)}:** ` : ''}${markdownText(d.text)} _(recorded by ${mdName(d.by)}${d.at ? ` at ${timeOfDay(d.at, zone)}` : ''}${present}${origin})_`);
  }
  if (m.decisions.length > 0) lines.push('');

  lines.push(`${h(1)} Action items`, '');
  if (m.actions.length === 0) lines.push('No action items.', '');
  else {
    lines.push('| Action | Owner | Due | Status | Agenda item |', '| --- | --- | --- | --- | --- |');
    for (const a of m.actions) {
      const status = a.done ? 'Done' : a.overdue ? 'Overdue' : 'Open';
      lines.push(`| ${mdTableCell(a.text)} | ${mdTableCell(nameOf(a.owner))} | ${a.due ?? '–'} | ${status} | ${mdTableCell(a.item ?? '–')} |`);
    }
    lines.push('');
  }

  if (m.kpis) {
    lines.push(`${h(1)} KPIs as they stood at the end`, '');
    if (m.kpis.length === 0) lines.push('The board had no KPIs.', '');
    else {
      lines.push('| KPI | Latest | Target | Status |', '| --- | --- | --- | --- |');
      for (const k of m.kpis) {
        const latest = k.latest ? `${value(k.latest.value, k.unit)} (${k.latest.at})` : '–';
        lines.push(`| ${mdTableCell(k.name || 'Untitled KPI')} | ${mdTableCell(latest)} | ${mdTableCell(value(k.target, k.unit))} | ${STATUS_LABELS[k.status]} |`);
      }
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** `minutes-<title words>-<date>.md`, safe as a file name. */
export function minutesFileName(meeting: Pick<Meeting, 'title' | 'date'>): string {
  return `minutes-${fileSlug(meeting.title) || 'meeting'}-${meeting.date}.md`;
}
