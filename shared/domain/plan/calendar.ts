/**
 * "Add to calendar" (pure): the plan's three sessions as an iCalendar file (RFC 5545), each a daily
 * event for the plan's days left, at its local time in the patient's zone — with the zone's own
 * VTIMEZONE (its offsets and changes over the plan's days, from Intl), so a calendar shows 08:00 on
 * every day of the plan, across a daylight-saving change too. Each event links the plan page.
 */
import { addDays, localDateOf, offsetMinutes, zonedInstant } from '../time.ts';
import { API_EN, type CalendarTexts } from './api-texts.ts';
import type { Plan } from './types.ts';

export interface CalendarInput {
  appName: string;
  /** A stable id of the plan (not its id): the events' UIDs, so a second import updates them. */
  uidBase: string;
  plan: Pick<Plan, 'sessionTimes' | 'timeZone' | 'startDate' | 'endDate' | 'sessionsPerDay'>;
  /** The plan page. */
  link: string;
  now: Date;
  /** The words of the events' titles and descriptions (the plan's language). @default English */
  texts?: CalendarTexts;
}

/** Text values escaped as RFC 5545 §3.3.11 says. */
const text = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');

/** Lines folded at 75 octets (continuations start with a space), ended by CRLF. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Never split a UTF-8 character.
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74;
  }
  return parts.join('\r\n ');
}

const pad = (n: number) => String(n).padStart(2, '0');
const basicDate = (date: string) => date.replace(/-/g, '');
const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const offsetText = (minutes: number) =>
  `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;

/** The wall time of an instant at an offset, as a local DATE-TIME ("20270314T020000"). */
function wallAt(instant: number, offset: number): string {
  return utcStamp(new Date(instant + offset * 60_000)).replace('Z', '');
}

/** The zone's observances over the plan's days: the offset it starts with and each change in them. */
function vtimezone(timeZone: string, firstDate: string, lastDate: string): string[] {
  const noon = (day: string) => zonedInstant(day, '12:00', timeZone).getTime();
  const changes: { at: number; from: number; to: number }[] = [];
  for (let day = addDays(firstDate, -1); day <= addDays(lastDate, 1); day = addDays(day, 1)) {
    let lo = noon(day);
    let hi = noon(addDays(day, 1));
    const from = offsetMinutes(new Date(lo), timeZone);
    const to = offsetMinutes(new Date(hi), timeZone);
    if (from === to) continue;
    // The change's minute, by halving the day.
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(new Date(mid), timeZone) === from) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, from, to });
  }
  const first = offsetMinutes(new Date(noon(addDays(firstDate, -1))), timeZone);
  const kind = (from: number, to: number) => (to > from ? 'DAYLIGHT' : 'STANDARD');
  const initialKind =
    changes.length && changes[0]!.to > first ? 'STANDARD' : changes.length ? 'DAYLIGHT' : 'STANDARD';
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    `BEGIN:${initialKind}`,
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${offsetText(first)}`,
    `TZOFFSETTO:${offsetText(first)}`,
    `END:${initialKind}`,
  ];
  for (const change of changes) {
    const k = kind(change.from, change.to);
    lines.push(
      `BEGIN:${k}`,
      `DTSTART:${wallAt(change.at, change.from)}`,
      `TZOFFSETFROM:${offsetText(change.from)}`,
      `TZOFFSETTO:${offsetText(change.to)}`,
      `END:${k}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** The .ics file: one daily event per session, from today (or the plan's first day) to its last. */
export function planCalendar(input: CalendarInput): string {
  const { plan, now } = input;
  const words = input.texts ?? API_EN.calendar;
  const today = localDateOf(now, plan.timeZone);
  const first = today > plan.startDate ? today : plan.startDate;
  const days = Math.max(0, Math.round((Date.parse(plan.endDate) - Date.parse(first)) / 86_400_000) + 1);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${text(input.appName)}//plan//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(input.appName)}`,
    ...vtimezone(plan.timeZone, first, plan.endDate),
  ];
  if (days > 0) {
    plan.sessionTimes.forEach((time, i) => {
      const [h, m] = time.split(':');
      lines.push(
        'BEGIN:VEVENT',
        `UID:${input.uidBase}-${i + 1}@rehab-reminders`,
        `DTSTAMP:${utcStamp(now)}`,
        `DTSTART;TZID=${plan.timeZone}:${basicDate(first)}T${h}${m}00`,
        'DURATION:PT15M',
        `RRULE:FREQ=DAILY;COUNT=${days}`,
        `SUMMARY:${text(words.summary(input.appName, i + 1, plan.sessionsPerDay))}`,
        `DESCRIPTION:${text(words.description(input.link))}`,
        `URL:${input.link}`,
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
      );
    });
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
