/**
 * Calendar arithmetic in IANA time zones with nothing but Intl, so the domain stays free of
 * dependencies and behaves the same in Lambda, the local stack and the browser.
 */

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's canonical name if `Intl` knows it ("america/new_york" → "America/New_York"), else undefined. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  hour: number;
  minute: number;
  second: number;
}

export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

export function localDateOf(instant: Date, timeZone: string): string {
  return toLocal(instant, timeZone).date;
}

/** Minutes since local midnight of the instant in the zone. */
export function localMinuteOfDay(instant: Date, timeZone: string): number {
  const local = toLocal(instant, timeZone);
  return local.hour * 60 + local.minute;
}

/** "YYYY-MM-DD" plus n calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Offset of the zone from UTC at the instant, in minutes (east positive). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const local = toLocal(instant, timeZone);
  const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, local.hour, local.minute, local.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`. A wall time that a
 * daylight-saving jump skips resolves to the instant just after the jump (a plan's local midnight
 * must exist even where midnight is skipped); a schedule's firing at such a time is skipped
 * instead (fireInstants). Session times (08:00–21:00) never fall in a jump anywhere today.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wallAsUtc - offsetMinutes(new Date(wallAsUtc), timeZone) * 60000;
  // A second pass settles instants near an offset change.
  guess = wallAsUtc - offsetMinutes(new Date(guess), timeZone) * 60000;
  const check = toLocal(new Date(guess), timeZone);
  if (check.date === date && check.hour === h && check.minute === mi) return new Date(guess);
  // Skipped wall time: read it with the offset in force before the jump, which lands after it.
  const later = wallAsUtc - offsetMinutes(new Date(wallAsUtc - 6 * 3600_000), timeZone) * 60000;
  return new Date(later);
}

/** "HH:MM" → minutes since midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
