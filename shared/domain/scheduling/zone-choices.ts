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

export interface ZoneChoices {
  /** The zones of the deployment's countries, west to east. */
  home: ZoneChoice[];
  /** Every other zone people live in (the zone table's, with a country), west to east. */
  other: ZoneChoice[];
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
function chooser(at: Date) {
  const seen = new Set<string>();
  return (names: readonly string[]): ZoneChoice[] =>
    names.flatMap((name) => {
      const value = canonicalTimeZone(name);
      if (!value || seen.has(value)) return [];
      seen.add(value);
      return [{ value, label: zoneInWords(name, at) }];
    });
}

const homeNames = (allowedCountries: readonly string[]) =>
  allowedCountries.flatMap((c) => getTimezonesForCountry(c as never)?.map((z) => z.name) ?? []);

/** The zones of the deployment's countries alone, west to east (the form's first list). */
export function homeZoneChoices(allowedCountries: readonly string[], at: Date = new Date()): ZoneChoice[] {
  return westToEast(chooser(at)(homeNames(allowedCountries)));
}

/**
 * The zones a patient picks from (the form and the plan page): the allowed countries' first, then
 * all others, each labelled in words. Only zones Intl knows, under the names it resolves them to,
 * so a pick always passes the API's check. Some hundred zones in words: ~100 ms, so callers make
 * it when first needed, not at a function's init.
 */
export function zoneChoices(allowedCountries: readonly string[], at: Date = new Date()): ZoneChoices {
  const choose = chooser(at);
  const home = westToEast(choose(homeNames(allowedCountries)));
  const others = Object.values(getAllTimezones())
    .filter((z) => !z.deprecated && z.countries.length > 0)
    .map((z) => z.name);
  return { home, other: westToEast(choose(others)) };
}
