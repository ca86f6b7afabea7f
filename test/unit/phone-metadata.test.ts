/**
 * The phone metadata cut to a deployment's countries (shared/domain/messaging/phone-metadata.ts), as
 * the Lambda bundles carry it: every allowed country reads exactly as with the full metadata, and a
 * number of a country not allowed gets the same refusal.
 */
import { describe, expect, it } from 'vitest';
import { ELSEWHERE, phoneDataFor } from '../../shared/domain/messaging/phone-metadata.ts';
import {
  defaultCountryFor,
  PHONE_DATA,
  phoneFormat,
  readPhone,
} from '../../shared/domain/messaging/phone.ts';
import type { PhoneData } from '../../shared/domain/messaging/phone-metadata.ts';

const readWith = (data: PhoneData, typed: string, allowed: string[], timeZone?: string) =>
  readPhone(typed, { allowed, defaultCountry: defaultCountryFor(timeZone, allowed, data) }, data);

describe('the metadata cut to the allowed countries', () => {
  it('keeps the allowed countries and those sharing their calling codes, and nothing else', () => {
    const us = phoneDataFor(PHONE_DATA, ['US']);
    expect(Object.keys(us.metadata.country_calling_codes)).toEqual(['1']);
    // The 25 countries of +1 (the North American Numbering Plan), so Canada is still told apart.
    expect(Object.keys(us.metadata.countries)).toHaveLength(25);
    expect(us.metadata.countries).toHaveProperty('CA');
    expect(us.metadata.countries).not.toHaveProperty('GB');
    expect(Object.keys(us.examples).sort()).toEqual(Object.keys(us.metadata.countries).sort());

    const usGb = phoneDataFor(PHONE_DATA, ['gb', 'US']);
    expect(Object.keys(usGb.metadata.country_calling_codes).sort()).toEqual(['1', '44']);
    expect(usGb.metadata.country_calling_codes['44']).toEqual(['GB', 'GG', 'IM', 'JE']);
    expect(usGb.metadata.countries.FR).toBeUndefined();
  });

  it('names the main country of every calling code left out, and none of those kept', () => {
    const { metadata } = phoneDataFor(PHONE_DATA, ['US', 'GB']);
    expect(metadata[ELSEWHERE]).toMatchObject({ '33': 'FR', '7': 'RU', '91': 'IN', '61': 'AU' });
    expect(metadata[ELSEWHERE]).not.toHaveProperty('1');
    expect(metadata[ELSEWHERE]).not.toHaveProperty('44');
    // Non-geographic codes (+800, +870) name no country.
    expect(Object.values(metadata[ELSEWHERE]!)).not.toContain('001');
  });

  it('is a small part of the full metadata', () => {
    const full = JSON.stringify(PHONE_DATA.metadata).length;
    const cut = JSON.stringify(phoneDataFor(PHONE_DATA, ['US', 'GB']).metadata).length;
    expect(full).toBeGreaterThan(90_000);
    expect(cut).toBeLessThan(12_000);
  });

  it('refuses a country the metadata does not know (the config check refuses it first)', () => {
    expect(() => phoneDataFor(PHONE_DATA, ['US', 'XX'])).toThrow('"XX" is not a country');
  });
});

describe('each allowed country reads as with the full metadata', () => {
  // typed, allowed, zone: the allowed countries are the deployment's, the metadata cut to them.
  const cases: [string, string[], string][] = [
    ['(415) 555 0144', ['US'], 'America/Los_Angeles'],
    ['1 415 555 0144', ['US'], 'America/Los_Angeles'],
    ['+1 (202) 555-0143', ['US', 'GB'], 'Europe/London'],
    ['07400 123456', ['US', 'GB'], 'Europe/London'],
    ['+44 7400 123456', ['US', 'GB'], 'America/New_York'],
    ['0044 7400 123456', ['GB'], 'Europe/London'],
    ['06 12 34 56 78', ['FR'], 'Europe/Paris'],
    ['0412 345 678', ['AU'], 'Australia/Sydney'],
    ['(204) 234-5678', ['US', 'CA'], 'America/Winnipeg'],
    ['98412 34567', ['IN'], 'Asia/Kolkata'],
    // Refusals within the allowed countries: a drama number, a toll-free one, no country code.
    ['07700 900123', ['GB'], 'Europe/London'],
    ['(800) 555-1234', ['US'], 'America/New_York'],
    ['07400 123456', ['US', 'GB'], 'Europe/Paris'],
    ['call me', ['US'], 'America/New_York'],
  ];
  for (const [typed, allowed, zone] of cases) {
    it(`${typed} in ${zone} (${allowed.join(', ')})`, () => {
      const cut = phoneDataFor(PHONE_DATA, allowed);
      const expected = readWith(PHONE_DATA, typed, allowed, zone);
      expect(readWith(cut, typed, allowed, zone)).toEqual(expected);
    });
  }

  it('the form’s hint is the same', () => {
    const cut = phoneDataFor(PHONE_DATA, ['US', 'GB']);
    for (const zone of ['America/New_York', 'Europe/London', 'Europe/Paris', undefined]) {
      expect(phoneFormat(zone, ['US', 'GB'], cut)).toEqual(phoneFormat(zone, ['US', 'GB']));
    }
  });
});

describe('a number of a country not allowed: the same refusal', () => {
  it('a country sharing the calling code is named, as with the full metadata', () => {
    const cut = phoneDataFor(PHONE_DATA, ['US']);
    const canadian = readWith(cut, '+1 204 234 5678', ['US'], 'America/New_York');
    expect(canadian).toEqual(readWith(PHONE_DATA, '+1 204 234 5678', ['US'], 'America/New_York'));
    expect(canadian).toEqual({
      problem:
        'is a number in Canada (it shares +1): this service texts mobile numbers in the United States only',
    });
    const guernsey = readWith(phoneDataFor(PHONE_DATA, ['GB']), '+447911123456', ['GB'], 'Europe/London');
    expect(guernsey).toEqual(readWith(PHONE_DATA, '+447911123456', ['GB'], 'Europe/London'));
  });

  it('a calling code left out: named by its country, as with the full metadata', () => {
    const cut = phoneDataFor(PHONE_DATA, ['US', 'CA']);
    for (const [typed, problem] of [
      [
        '+33612345678',
        'is a number in France: this service texts mobile numbers in the United States or Canada only',
      ],
      [
        '0033 6 12 34 56 78',
        'is a number in France: this service texts mobile numbers in the United States or Canada only',
      ],
      [
        '+91 98412 34567',
        'is a number in India: this service texts mobile numbers in the United States or Canada only',
      ],
    ] as const) {
      expect(readWith(cut, typed, ['US', 'CA'], 'America/Toronto')).toEqual({ problem });
      expect(readWith(PHONE_DATA, typed, ['US', 'CA'], 'America/Toronto')).toEqual({ problem });
    }
  });

  it('a calling code that belongs to no country: the same "not a number we know"', () => {
    const cut = phoneDataFor(PHONE_DATA, ['US']);
    expect(readWith(cut, '+999 123 4567', ['US'])).toEqual(readWith(PHONE_DATA, '+999 123 4567', ['US']));
  });
});

describe('every country’s example mobile number, with the metadata cut to US and GB', () => {
  it('reads exactly as with the full metadata where it is allowed, and is refused everywhere else', () => {
    const allowed = ['US', 'GB'];
    const cut = phoneDataFor(PHONE_DATA, allowed);
    const examples = Object.entries(PHONE_DATA.examples) as [string, string][];
    expect(examples.length).toBeGreaterThan(240);
    for (const [country, national] of examples) {
      const callingCode = PHONE_DATA.metadata.countries[country as 'US']![0];
      const typed = `+${callingCode}${national}`;
      const full = readWith(PHONE_DATA, typed, allowed, 'America/New_York');
      const read = readWith(cut, typed, allowed, 'America/New_York');
      if ('e164' in full) expect(read).toEqual(full);
      else expect(read).toHaveProperty('problem');
      if ('e164' in read) expect(allowed).toContain(read.country);
    }
  });
});
