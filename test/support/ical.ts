import ICAL from 'ical.js';

/**
 * Every occurrence of every event of an .ics, as UTC instants, through ical.js's own expansion
 * and the file's VTIMEZONEs (a real iCalendar parser reads what the calendar apps would).
 */
export function icsOccurrences(ics: string): Map<string, string[]> {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const out = new Map<string, string[]>();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const iterator = event.iterator();
    const list: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) list.push(next.toJSDate().toISOString());
    out.set(event.summary, list);
  }
  return out;
}
