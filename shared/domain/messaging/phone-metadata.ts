/**
 * libphonenumber-js's metadata cut to what a deployment texts (pure). The full `mobile` metadata
 * holds 245 countries (98.8 kB of JSON, ~98 kB of the intake bundle); a deployment texts only its
 * `allowedCountries`. The Lambda bundles get the cut one, generated at synth from the config
 * (infra/bundling.ts `phoneMetadataAliases`); the source run by `npm start` and the tests keeps the
 * full one (messaging/phone.ts), so every rule reads the same either way for an allowed country.
 *
 * What is kept, so that numbers are told apart as they are with the full metadata:
 * - every country that shares a calling code with an allowed one (US: the 25 countries of +1, so a
 *   Canadian number is still named Canada and refused as such, not read as a wrong US number);
 * - for every other calling code, only the name of its main country (`ELSEWHERE`: "33" → "FR"), so a
 *   French number is still refused as "a number in France", without France's rules.
 */
import type { Examples, MetadataJson } from 'libphonenumber-js/core';

/** The metadata key naming the main country of each calling code left out (libphonenumber ignores it). */
export const ELSEWHERE = 'rehab_elsewhere';

export type PhoneMetadata = MetadataJson & { [ELSEWHERE]?: Record<string, string> };

/** The metadata (to parse and validate) and one example mobile number per country (for hints). */
export interface PhoneData {
  metadata: PhoneMetadata;
  examples: Examples;
}

type Country = keyof MetadataJson['countries'];

/** The country calling code of a country in the metadata ("GB" → "44"), or undefined. */
function callingCodeOf(metadata: MetadataJson, country: string): string | undefined {
  return metadata.countries[country as Country]?.[0];
}

/**
 * The metadata and examples for the countries given (ISO 3166-1 alpha-2) and those sharing their
 * calling codes; the other calling codes keep only their main country's code. Throws on a country
 * the metadata does not know (the config check refuses it first: infra/config.ts).
 */
export function phoneDataFor(full: PhoneData, countries: readonly string[]): PhoneData {
  const codes = new Set(
    countries.map((country) => {
      const code = callingCodeOf(full.metadata, country.toUpperCase());
      if (!code) throw new Error(`"${country}" is not a country libphonenumber-js knows`);
      return code;
    }),
  );
  const callingCodes: MetadataJson['country_calling_codes'] = {};
  const kept: MetadataJson['countries'] = {};
  const examples: Partial<Examples> = {};
  const elsewhere: Record<string, string> = {};
  for (const [code, sharing] of Object.entries(full.metadata.country_calling_codes)) {
    if (!codes.has(code)) {
      const main: string | undefined = sharing[0];
      // "001": a non-geographic code (satellite phones, UIFN) names no country.
      if (main && main !== '001') elsewhere[code] = main;
      continue;
    }
    callingCodes[code] = sharing;
    for (const country of sharing as Country[]) {
      kept[country] = full.metadata.countries[country];
      if (full.examples[country]) examples[country] = full.examples[country];
    }
  }
  return {
    metadata: {
      version: full.metadata.version,
      country_calling_codes: callingCodes,
      countries: kept,
      nonGeographic: {},
      [ELSEWHERE]: elsewhere,
    },
    examples: examples as Examples,
  };
}

/**
 * The country of an international number ("+33612345678" → "FR") whose calling code the cut
 * metadata left out, by the calling code alone; undefined with the full metadata (it parses them).
 */
export function countryElsewhere(metadata: PhoneMetadata, e164Digits: string): string | undefined {
  const elsewhere = metadata[ELSEWHERE];
  if (!elsewhere) return undefined;
  // Calling codes are prefix-free and 1 to 3 digits long.
  for (const length of [1, 2, 3]) {
    const country = elsewhere[e164Digits.slice(0, length)];
    if (country) return country;
  }
  return undefined;
}
