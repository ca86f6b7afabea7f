/**
 * Times and time zones as the patient reads them (pure, Intl only, the same in Lambda and the
 * browser): "8:00 AM" where the patient's locale keeps a 12-hour clock, "08:00" where it keeps a
 * 24-hour one; texts use the short form ("8am", "1:30pm") so they stay one GSM-7 segment; a zone in
 * words ("Eastern Time — New York"), never "America/New_York".
 *
 * The stored times stay "HH:MM" (24-hour): only what a person reads changes. The lists of zones to
 * pick from are in zone-choices.ts: their zone table (countries-and-timezones, ~32 kB) stays out of
 * the functions that only format times.
 */
import { listInWords } from '../language.ts';

/** The two clocks people use. */
export type Clock = 'h12' | 'h23';

/**
 * The clock a locale uses ("en-US" → h12, "en-GB" → h23); without a locale, the clock of the
 * country's main language ("und-US" → en-US); h23 when nothing is known.
 */
export function clockOf(locale?: string, country?: string): Clock {
  try {
    let tag = locale;
    if (!tag && country) {
      // The country's main language, without the script (ICU reads "en-Latn-GB" as 12-hour).
      const main = new Intl.Locale(`und-${country}`).maximize();
      tag = `${main.language}-${main.region ?? country}`;
    }
    if (!tag) return 'h23';
    const cycle = new Intl.DateTimeFormat(tag, { hour: 'numeric' }).resolvedOptions().hourCycle;
    return cycle === 'h11' || cycle === 'h12' ? 'h12' : 'h23';
  } catch {
    return 'h23';
  }
}

/** A BCP 47 tag in its canonical form, or undefined for one Intl does not take. */
export function canonicalLocale(tag: string): string | undefined {
  if (tag.length > 35) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

function hm(time: string): [number, number] {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return [h, m];
}

/**
 * "13:00" in words for a page: "1:00 PM" (h12) or "13:00" (h23). `short` is the texts' form:
 * "1pm", "1:30pm" (h12) or "13:00" (h23), always GSM-7 (no narrow spaces, no dots).
 */
export function formatTime(time: string, clock: Clock, style: 'page' | 'short' = 'page'): string {
  const [h, m] = hm(time);
  if (clock === 'h23') return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  const hour = h % 12 === 0 ? 12 : h % 12;
  const half = h < 12 ? 'am' : 'pm';
  if (style === 'short') return m === 0 ? `${hour}${half}` : `${hour}:${String(m).padStart(2, '0')}${half}`;
  return `${hour}:${String(m).padStart(2, '0')} ${half.toUpperCase()}`;
}

/** "8:00 AM, 1:00 PM and 7:00 PM" ("… y 7:00 PM" in Spanish: a list in the language's words). */
export function formatTimes(
  times: readonly string[],
  clock: Clock,
  style: 'page' | 'short' = 'page',
  language = 'en',
): string {
  const words = times.map((t) => formatTime(t, clock, style));
  if (style === 'short') return words.join(', ');
  return listInWords(language, words);
}

/** An instant's wall-clock time in a zone, in words: "4:44 PM" or "16:44". */
export function formatInstant(instant: Date, timeZone: string, clock: Clock): string {
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
  return formatTime(local, clock);
}

/** "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function cityOf(timeZone: string): string {
  return (timeZone.split('/').at(-1) ?? timeZone).replace(/_/g, ' ');
}

/**
 * The zone's generic name in a language ("Eastern Time", "hora oriental"), or its offset
 * ("GMT+03:00") where ICU has none.
 */
function genericName(timeZone: string, at: Date, language: string): string {
  try {
    const part = new Intl.DateTimeFormat(language === 'en' ? 'en-US' : language, {
      timeZone,
      timeZoneName: 'longGeneric',
    })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/**
 * "America/New_York" → "Eastern Time — New York" ("hora oriental — New York" in Spanish: the city
 * stays as the zone names it); "UTC" → "GMT+00:00 — UTC".
 */
export function zoneInWords(timeZone: string, at: Date = new Date(), language = 'en'): string {
  return `${genericName(timeZone, at, language)} — ${cityOf(timeZone)}`;
}
