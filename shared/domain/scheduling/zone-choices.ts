/**
 * The time zones a patient picks from, in words, west to east (the form and the plan page). Apart
 * from local-time.ts so that only intake carries the zone table (countries-and-timezones, ~32 kB):
 * the other functions format times and never list zones.
 */
import { getAllTimezones, getTimezonesForCountry } from 'countries-and-timezones';
import { canonicalTimeZone } from '../time.ts';
import { zoneInWords } from './local-time.ts';

export interface ZoneChoice {
  value: string;
  label: string;
}

/** Sorts choices west to east, then by name; the zone table is read once (it is built on each call). */
function westToEast(choices: ZoneChoice[]): ZoneChoice[] {
  const zones = getAllTimezones() as Record<string, { utcOffset: number } | undefined>;
  const offset = new Map(choices.map((c) => [c.value, zones[c.value]?.utcOffset ?? 0]));
  return choices.sort(
    (a, b) => offset.get(a.value)! - offset.get(b.value)! || a.label.localeCompare(b.label),
  );
}

/** Labels zones in words, each once, under the name Intl resolves it to (so a pick passes the API). */
function chooser(at: Date, language: string) {
  const seen = new Set<string>();
  return (names: readonly string[]): ZoneChoice[] =>
    names.flatMap((name) => {
      const value = canonicalTimeZone(name);
      if (!value || seen.has(value)) return [];
      seen.add(value);
      return [{ value, label: zoneInWords(name, at, language) }];
    });
}

const homeNames = (allowedCountries: readonly string[]) =>
  allowedCountries.flatMap((c) => getTimezonesForCountry(c as never)?.map((z) => z.name) ?? []);

/**
 * The zones a patient picks from (the form and the plan page): the deployment's countries', each in
 * words (in the page's language), west to east. Only zones Intl knows, under the names it resolves them to, so a pick always
 * passes the API's check. Every zone of the world would be a few hundred options on a page opened
 * from every reminder: a traveller types another zone in instead.
 */
export function homeZoneChoices(
  allowedCountries: readonly string[],
  at: Date = new Date(),
  language = 'en',
): ZoneChoice[] {
  return westToEast(chooser(at, language)(homeNames(allowedCountries)));
}
