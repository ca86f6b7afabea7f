/**
 * Phone numbers as people type them (pure): "(415) 555 0144", "1 415 555 0144", "07700 900123" or
 * "+44 7700 900123". A number with + and a country code is read as it is; a number without one is
 * read in the deployment's default country for this patient: the country of the patient's time zone
 * when it is one of the allowed countries, else the only allowed country when there is one. The
 * stored form is always E.164 (one normalisation, so a number hashes the same however it was typed).
 *
 * Refusals name the country in words (Intl's region names, never "GG") and say what kind of number is
 * wanted, with an example of that country's mobile numbers as its people write them.
 *
 * The `mobile` metadata of libphonenumber-js tells number types apart (the `min` metadata cannot:
 * premium-rate, toll-free and personal numbers passed); it costs the intake bundle ~15 KB against ~73
 * KB for `max` (docs/API.md, "Phone numbers"). Every function takes the metadata last (`data`): the
 * full one by default (`npm start`, the tests); the Lambda bundles replace it at synth with the one
 * cut to the deployment's countries (messaging/phone-metadata.ts, infra/bundling.ts). The time
 * zone's countries come from countries-and-timezones (the IANA zone table, aliases included).
 */
import { getCountriesForTimezone } from 'countries-and-timezones';
import {
  getCountryCallingCode as callingCodeIn,
  getExampleNumber,
  isSupportedCountry as supportedIn,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/core';
// Replaced in the Lambda bundles (esbuild aliases of these two specifiers: infra/bundling.ts).
import metadata from 'libphonenumber-js/mobile/metadata';
import examples from 'libphonenumber-js/mobile/examples';
import { countryElsewhere, type PhoneData } from './phone-metadata.ts';

/** The metadata this build carries: the full one from source, the deployment's cut one in a bundle. */
export const PHONE_DATA: PhoneData = { metadata, examples };

const isSupportedCountry = (country: string, data: PhoneData) =>
  supportedIn(country as CountryCode, data.metadata);
const getCountryCallingCode = (country: CountryCode, data: PhoneData) =>
  callingCodeIn(country, data.metadata);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** "GB" → "the United Kingdom", "US" → "the United States", "FR" → "France". */
export function countryName(code: string): string {
  let name: string;
  try {
    name = regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    name = code;
  }
  // Names that read with "the" in a sentence ("numbers in the United Kingdom").
  return /^(United|Netherlands|Philippines|Czechia$|Bahamas|Gambia|Dominican|Central African|Marshall|Solomon|Cayman|Faroe|Falkland|Maldives|Comoros|Seychelles)/.test(
    name,
  )
    ? `the ${name}`
    : name;
}

/** "the United States" → "The United States" (the start of a sentence). */
const capital = (text: string) => text[0]!.toUpperCase() + text.slice(1);

/** "the United States", "the United States or Canada", "France, Spain or Portugal". */
export function countriesInWords(codes: readonly string[]): string {
  const names = codes.map(countryName);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The countries whose people use this IANA zone (aliases too), in the zone table's order. */
export function countriesOfZone(timeZone: string): string[] {
  try {
    return getCountriesForTimezone(timeZone).map((c) => c.id);
  } catch {
    return [];
  }
}

/**
 * The country a number without a country code is read in: the time zone's country when it is
 * allowed (its first such country: Europe/London → GB before Guernsey), else the one allowed country,
 * else none (the number must then start with + and its code).
 */
export function defaultCountryFor(
  timeZone: string | undefined,
  allowed: readonly string[],
  data: PhoneData = PHONE_DATA,
): string | undefined {
  const allow = allowed.map((c) => c.toUpperCase()).filter((c) => isSupportedCountry(c, data));
  const ofZone = timeZone ? countriesOfZone(timeZone).filter((c) => isSupportedCountry(c, data)) : [];
  if (allow.length === 0) return ofZone[0];
  return ofZone.find((c) => allow.includes(c)) ?? (allow.length === 1 ? allow[0] : undefined);
}

/** A mobile number of the country as its people write it, and with its country code. */
export interface PhoneExample {
  country: string;
  /** "(201) 555-0123", "07400 123456" */
  national: string;
  /** "+1 201 555 0123", "+44 7400 123456" */
  international: string;
}

export function phoneExample(country: string, data: PhoneData = PHONE_DATA): PhoneExample | undefined {
  if (!isSupportedCountry(country, data)) return undefined;
  const example = getExampleNumber(country as CountryCode, data.examples, data.metadata);
  if (!example) return undefined;
  return { country, national: example.formatNational(), international: example.formatInternational() };
}

/** What the form shows above the number field: the country and an example of its mobile numbers. */
export interface PhoneFormat {
  /** The country a number without + is read in; absent: every number needs + and its code. */
  country?: string;
  /** The country in words, to say "a mobile number in the United Kingdom". */
  countryName?: string;
  example?: PhoneExample;
  /** The countries texts may go to, in words. */
  allowed: string;
  /** The hint, in one sentence. */
  hint: string;
}

export function phoneFormat(
  timeZone: string | undefined,
  allowed: readonly string[],
  data: PhoneData = PHONE_DATA,
): PhoneFormat {
  const country = defaultCountryFor(timeZone, allowed, data);
  const example = phoneExample(country ?? allowed[0] ?? 'US', data);
  const hint = country
    ? `A mobile number in ${countryName(country)}, like ${example!.national}. From another country, start with + and its code.`
    : `Start with + and the country code, like ${example?.international ?? '+1 201 555 0123'}.`;
  return {
    ...(country ? { country, countryName: countryName(country) } : {}),
    ...(example ? { example } : {}),
    allowed: countriesInWords(allowed),
    hint,
  };
}

export type PhoneReading = { e164: string; country: string } | { problem: string };

export interface PhoneRules {
  /** ISO 3166-1 alpha-2 codes a text may go to; empty: any. */
  allowed?: readonly string[];
  /** The country a number without + is read in (defaultCountryFor). */
  defaultCountry?: string | undefined;
}

/**
 * A typed number → E.164 and its country, or the problem as the end of a sentence that starts with
 * the field's name ("phone is not …"). Spaces, dashes, dots and brackets are allowed anywhere.
 */
export function readPhone(typed: string, rules: PhoneRules = {}, data: PhoneData = PHONE_DATA): PhoneReading {
  const allowed = (rules.allowed ?? []).map((c) => c.toUpperCase());
  const home =
    rules.defaultCountry && isSupportedCountry(rules.defaultCountry, data) ? rules.defaultCountry : undefined;
  const value = typed.trim();
  const compact = value.replace(/[\s().\-/]/g, '');
  const international = compact.startsWith('+') || compact.startsWith('00');
  const example = phoneExample(home ?? allowed[0] ?? 'US', data);
  const like = home ? example!.national : (example?.international ?? '+1 201 555 0123');
  if (!/^(\+|00)?\d{4,17}$/.test(compact)) {
    return {
      problem: home
        ? `is not a phone number: type your mobile number with digits, like ${like}`
        : `is not a phone number: type it with + and the country code, like ${like}`,
    };
  }
  if (!international && !home) {
    return {
      problem: `needs its country code: start with + and the code of your country, like ${like}`,
    };
  }
  const e164 = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  const parsed = international
    ? parsePhoneNumberFromString(e164, data.metadata)
    : parsePhoneNumberFromString(e164, home as CountryCode, data.metadata);
  // A calling code the deployment's cut metadata left out: named by its main country, refused.
  const elsewhere = !parsed && international ? countryElsewhere(data.metadata, e164.slice(1)) : undefined;
  if (elsewhere && allowed.length > 0 && !allowed.includes(elsewhere)) return notServed(elsewhere, allowed);
  const code = parsed?.countryCallingCode;
  const sameCode = (c: string) =>
    isSupportedCountry(c, data) && getCountryCallingCode(c as CountryCode, data) === code;
  // The country to name: the number's own, else the allowed (or default) one with its calling code.
  const where =
    parsed?.country ??
    (international ? (allowed.find(sameCode) ?? (home && sameCode(home) ? home : undefined)) : home);
  const wanted = where ? phoneExample(where, data) : undefined;
  const sample = wanted ? (international || !home ? wanted.international : wanted.national) : like;
  const type = parsed?.isValid() ? parsed.getType() : undefined;
  if (!parsed?.country || !parsed.isValid()) {
    return {
      problem: where
        ? `is not a mobile number in ${countryName(where)}: check the digits, like ${sample}`
        : `is not a mobile number we know: check the country code and the digits, like ${like}`,
    };
  }
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
    return {
      problem:
        `is a landline, toll-free or premium-rate number in ${countryName(parsed.country)}: reminders ` +
        `need a mobile number that can get texts, like ${sample}`,
    };
  }
  if (allowed.length > 0 && !allowed.includes(parsed.country)) {
    const sharesCode = allowed.some(
      (c) =>
        isSupportedCountry(c, data) &&
        getCountryCallingCode(c as CountryCode, data) === parsed.countryCallingCode,
    );
    return notServed(parsed.country, allowed, sharesCode ? parsed.countryCallingCode : undefined);
  }
  return { e164: parsed.number as string, country: parsed.country };
}

/** A number of a country the deployment does not text, named (and the calling code it shares). */
function notServed(country: string, allowed: readonly string[], sharedCode?: string): { problem: string } {
  return {
    problem:
      `is a number in ${countryName(country)}${sharedCode ? ` (it shares +${sharedCode})` : ''}: ` +
      `this service texts mobile numbers in ${countriesInWords(allowed)} only`,
  };
}

/** The refusal as a whole sentence (the start of one, for a message that lacks the field's name). */
export function phoneProblemSentence(problem: string): string {
  return capital(`this number ${problem}.`);
}
