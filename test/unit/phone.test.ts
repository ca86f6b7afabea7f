/** Phones as people type them (shared/domain/messaging/phone.ts), country by country. */
import { describe, expect, it } from 'vitest';
import {
  countryName,
  defaultCountryFor,
  phoneExample,
  phoneFormat,
  readPhone,
} from '../../shared/domain/messaging/phone.ts';

const read = (typed: string, allowed: string[], timeZone?: string) =>
  readPhone(typed, { allowed, defaultCountry: defaultCountryFor(timeZone, allowed) });

describe('the default country: the zone’s, where it is allowed', () => {
  it('follows the zone among the allowed countries, else the only allowed one, else none', () => {
    expect(defaultCountryFor('America/New_York', ['US', 'GB'])).toBe('US');
    expect(defaultCountryFor('Europe/London', ['US', 'GB'])).toBe('GB');
    // Europe/London is also Guernsey's, Jersey's and the Isle of Man's: the United Kingdom comes first.
    expect(defaultCountryFor('Europe/London', ['GB', 'GG'])).toBe('GB');
    expect(defaultCountryFor('Europe/Guernsey', ['GB', 'GG'])).toBe('GG');
    // An old alias still names its country.
    expect(defaultCountryFor('US/Eastern', ['US', 'GB'])).toBe('US');
    expect(defaultCountryFor('Asia/Calcutta', ['IN'])).toBe('IN');
    // A traveller: the zone is elsewhere, the deployment has one country.
    expect(defaultCountryFor('Europe/Paris', ['US'])).toBe('US');
    expect(defaultCountryFor('Europe/Paris', ['US', 'GB'])).toBeUndefined();
    expect(defaultCountryFor(undefined, ['US', 'GB'])).toBeUndefined();
    expect(defaultCountryFor('Mars/Olympus', ['US'])).toBe('US');
  });
});

describe('numbers as people type them, per country, stored as E.164', () => {
  const cases: [string, string[], string, string, string][] = [
    // typed, allowed, zone, E.164, country
    ['(415) 555 0144', ['US'], 'America/Los_Angeles', '+14155550144', 'US'],
    ['1 415 555 0144', ['US'], 'America/Los_Angeles', '+14155550144', 'US'],
    ['415-555-0144', ['US'], 'America/Chicago', '+14155550144', 'US'],
    ['415.555.0144', ['US', 'GB'], 'America/New_York', '+14155550144', 'US'],
    ['+1 (202) 555-0143', ['US', 'GB'], 'Europe/London', '+12025550143', 'US'],
    ['07400 123456', ['US', 'GB'], 'Europe/London', '+447400123456', 'GB'],
    ['+44 7400 123456', ['US', 'GB'], 'America/New_York', '+447400123456', 'GB'],
    ['0044 7400 123456', ['GB'], 'Europe/London', '+447400123456', 'GB'],
    ['06 12 34 56 78', ['FR'], 'Europe/Paris', '+33612345678', 'FR'],
    ['0412 345 678', ['AU'], 'Australia/Sydney', '+61412345678', 'AU'],
    ['(204) 234-5678', ['US', 'CA'], 'America/Winnipeg', '+12042345678', 'CA'],
    ['98412 34567', ['IN'], 'Asia/Kolkata', '+919841234567', 'IN'],
  ];
  for (const [typed, allowed, zone, e164, country] of cases) {
    it(`${typed} in ${zone} (${allowed.join(', ')}) → ${e164}`, () => {
      expect(read(typed, allowed, zone)).toEqual({ e164, country });
    });
  }
});

describe('refusals name the country in words and the kind of number wanted', () => {
  it('a UK drama number (07700 900xxx is never issued), in words, with a UK example', () => {
    const problem = (typed: string) => (read(typed, ['GB'], 'Europe/London') as { problem: string }).problem;
    expect(problem('07700 900123')).toBe(
      'is not a mobile number in the United Kingdom: check the digits, like 07400 123456',
    );
    expect(problem('+44 7700 900123')).toBe(
      'is not a mobile number in the United Kingdom: check the digits, like +44 7400 123456',
    );
  });

  it('a number of a country not served: its name, never its code, and the countries that are', () => {
    expect(read('+447911123456', ['GB'], 'Europe/London')).toEqual({
      problem:
        'is a number in Guernsey (it shares +44): this service texts mobile numbers in the United Kingdom only',
    });
    expect(read('+33612345678', ['US', 'CA'], 'America/Toronto')).toEqual({
      problem: 'is a number in France: this service texts mobile numbers in the United States or Canada only',
    });
  });

  it('landlines and toll-free numbers: a mobile number is needed', () => {
    const problem = (read('020 7946 0000', ['GB'], 'Europe/London') as { problem: string }).problem;
    expect(problem).toMatch(
      /^is (a landline, toll-free or premium-rate number|not a mobile number) in the United Kingdom/,
    );
    expect((read('(800) 555-1234', ['US'], 'America/New_York') as { problem: string }).problem).toMatch(
      /^is not a mobile number in the United States: check the digits, like \(201\) 555-0123$/,
    );
  });

  it('no country code and no default country: + and the code are asked for', () => {
    expect(read('07400 123456', ['US', 'GB'], 'Europe/Paris')).toEqual({
      problem: 'needs its country code: start with + and the code of your country, like +1 201 555 0123',
    });
  });

  it('words that are not a number', () => {
    expect(read('call me', ['US'], 'America/New_York')).toEqual({
      problem: 'is not a phone number: type your mobile number with digits, like (201) 555-0123',
    });
  });
});

describe('the form’s hint: the example in the patient’s country', () => {
  it('a US patient sees a US number, a UK patient a UK one, a traveller the international form', () => {
    expect(phoneFormat('America/New_York', ['US', 'GB'])).toMatchObject({
      country: 'US',
      countryName: 'the United States',
      example: { national: '(201) 555-0123' },
      hint: 'A mobile number in the United States, like (201) 555-0123. From another country, start with + and its code.',
    });
    expect(phoneFormat('Europe/London', ['US', 'GB']).hint).toContain(
      'the United Kingdom, like 07400 123456',
    );
    expect(phoneFormat('Europe/Paris', ['US', 'GB'])).toMatchObject({
      hint: 'Start with + and the country code, like +1 201 555 0123.',
      allowed: 'the United States or the United Kingdom',
    });
    expect(phoneExample('FR')?.national).toBe('06 12 34 56 78');
    expect(countryName('GG')).toBe('Guernsey');
    expect(countryName('NL')).toBe('the Netherlands');
  });
});
