import fc from 'fast-check';
import { parse as parseLegacy } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeAssessmentSchema, toFieldIssues } from '../../shared/domain/plan/assessment.ts';
import { CONSENT } from '../../shared/domain/plan/rules.ts';
import { PUSH_SUBSCRIPTION } from '../support/fixtures.ts';

const schema = makeAssessmentSchema({ allowedCountries: ['US', 'GB', 'NP', 'AU'], pushEnabled: true });

const valid = {
  phone: '+14155550123',
  channel: 'sms',
  timeZone: 'America/New_York',
  consent: true,
  scores: { 'hip-mobility': 0, 'cat-camel': 3, 'bird-dog': null },
};

function issuesFor(body: unknown) {
  const result = schema.safeParse(body);
  expect(result.success).toBe(false);
  return result.success ? [] : toFieldIssues(result.error);
}

function expectRefused(body: unknown, path: string, message: RegExp) {
  const issues = issuesFor(body);
  const issue = issues.find((i) => i.path === path);
  expect(issue, `expected an issue at "${path}", got ${JSON.stringify(issues)}`).toBeDefined();
  expect(issue!.message).toMatch(message);
  // The message names the field, so it reads on its own.
  expect(issue!.message.startsWith(path)).toBe(true);
}

describe('the assessment schema accepts', () => {
  it('a good body, normalising phone, zone and scores, with default session times and the consent text', () => {
    const out = schema.parse({ ...valid, phone: '+1 (415) 555-0123', timeZone: 'america/new_york' });
    expect(out).toEqual({
      phone: '+14155550123',
      country: 'US',
      channel: 'sms',
      timeZone: 'America/New_York',
      sessionTimes: ['08:00', '13:00', '19:00'],
      // Not the patient's: a full minute moves them rather than refusing them.
      sessionTimesChosen: false,
      consent: { version: CONSENT.version, text: CONSENT.text },
      scores: { 'hip-mobility': 0, 'cat-camel': 3 },
      redFlags: [],
      clinicianChecked: false,
      pushSubscription: undefined,
    });
  });

  it('the language among those the operator offers; another is refused naming the field', () => {
    const both = makeAssessmentSchema({ allowedCountries: ['US'], languages: ['en', 'es'] });
    expect(both.parse({ ...valid, language: 'es' }).language).toBe('es');
    // None sent: none here (the use case takes the browser's among those offered).
    expect(both.parse(valid).language).toBeUndefined();
    const result = schema.safeParse({ ...valid, language: 'es' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['language'],
        message: 'must be one of the languages offered here: en',
      }),
    ]);
  });

  it("a clinician's check and the kettlebell hold tried (kept only with a rated kettlebell walk)", () => {
    const out = schema.parse({
      ...valid,
      redFlags: ['new-pain-age'],
      clinicianChecked: true,
      scores: { 'kettlebell-walk': 1 },
      kettlebellHold: 'bottoms up',
    });
    expect(out).toMatchObject({ clinicianChecked: true, kettlebellHold: 'bottoms up' });
    expect(schema.parse({ ...valid, kettlebellHold: 'bottoms up' })).not.toHaveProperty('kettlebellHold');
    expect(() =>
      schema.parse({ ...valid, scores: { 'kettlebell-walk': 1 }, kettlebellHold: 'juggling' }),
    ).toThrow(/must be one of: by the side, bottoms up/);
  });

  it('zones with odd offsets, chosen session times and red flags', () => {
    const out = schema.parse({
      ...valid,
      phone: '+9779841234567',
      timeZone: 'Asia/Kathmandu',
      sessionTimes: ['09:15', '14:00', '21:00'],
      redFlags: ['fever', 'fever'],
    });
    expect(out.sessionTimes).toEqual(['09:15', '14:00', '21:00']);
    expect(out.sessionTimesChosen).toBe(true);
    expect(out.redFlags).toEqual(['fever']);
    expect(out.country).toBe('NP');
  });

  it('a push channel with its subscription, on each push service browsers use', () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:APA91b',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAAA',
      'https://web.push.apple.com/QGuQyavXutnMH',
      'https://wns2-by3p.notify.windows.com/w/?token=BQYAAA',
    ]) {
      const pushSubscription = { ...PUSH_SUBSCRIPTION, endpoint };
      const out = schema.parse({ ...valid, channel: 'push', pushSubscription });
      expect(out.pushSubscription).toEqual(pushSubscription);
    }
  });
});

describe('the assessment schema refuses, naming the field', () => {
  it('scores out of range or not whole numbers', () => {
    expectRefused(
      { ...valid, scores: { 'hip-mobility': 11 } },
      'scores.hip-mobility',
      /whole number from 0 to 10/,
    );
    expectRefused({ ...valid, scores: { 'hip-mobility': -1 } }, 'scores.hip-mobility', /0 to 10/);
    expectRefused({ ...valid, scores: { 'hip-mobility': 2.5 } }, 'scores.hip-mobility', /whole number/);
    expectRefused({ ...valid, scores: { 'hip-mobility': '3' } }, 'scores.hip-mobility', /whole number/);
  });

  it('unknown movements', () => {
    expectRefused(
      { ...valid, scores: { 'hip-mobility': 1, deadlift: 2 } },
      'scores.deadlift',
      /not a movement/,
    );
  });

  it('no rated movement at all', () => {
    expectRefused({ ...valid, scores: { 'hip-mobility': null } }, 'scores', /rate at least one movement/);
    expectRefused({ ...valid, scores: undefined }, 'scores', /required/);
  });

  it('impossible phones', () => {
    expectRefused({ ...valid, phone: '4155550123' }, 'phone', /start with \+/);
    expectRefused({ ...valid, phone: '+1415555' }, 'phone', /not a valid mobile number/);
    expectRefused({ ...valid, phone: '+999123456789' }, 'phone', /not a valid mobile number/);
    expectRefused({ ...valid, phone: 'call me' }, 'phone', /start with \+/);
    expectRefused({ ...valid, phone: undefined }, 'phone', /required/);
  });

  it('numbers that are not mobile numbers: premium-rate, toll-free, personal, shared-cost, landlines', () => {
    for (const phone of [
      '+19005551234', // US premium rate
      '+18005551234', // US toll free
      '+18885551234',
      '+15005551234', // US personal number
      '+442079460000', // GB landline
      '+449098790000', // GB premium rate
      '+448001234567', // GB toll free
      '+61291234567', // AU landline
    ]) {
      expectRefused(
        { ...valid, phone },
        'phone',
        /^phone is not a valid mobile number \(landline, toll-free/,
      );
    }
    // Mobile numbers, and US numbers that may be mobile (FIXED_LINE_OR_MOBILE), are taken.
    for (const phone of ['+14155550123', '+12125550199', '+447400123456', '+61412345678']) {
      expect(schema.parse({ ...valid, phone }).phone).toBe(phone);
    }
  });

  it('phones outside the allowed countries', () => {
    expectRefused({ ...valid, phone: '+33612345678' }, 'phone', /FR are not served/);
  });

  it('unknown time zones', () => {
    expectRefused({ ...valid, timeZone: 'Mars/Olympus_Mons' }, 'timeZone', /not a known time zone/);
    expectRefused({ ...valid, timeZone: '' }, 'timeZone', /not a known time zone/);
  });

  it('session times in quiet hours, impossible or too close', () => {
    expectRefused(
      { ...valid, sessionTimes: ['07:30', '13:00', '19:00'] },
      'sessionTimes.0',
      /between 08:00 and 21:00/,
    );
    expectRefused(
      { ...valid, sessionTimes: ['08:00', '13:00', '21:30'] },
      'sessionTimes.2',
      /between 08:00 and 21:00/,
    );
    expectRefused({ ...valid, sessionTimes: ['08:00', '13:00', '25:00'] }, 'sessionTimes.2', /HH:MM/);
    expectRefused(
      { ...valid, sessionTimes: ['08:00', '09:00', '19:00'] },
      'sessionTimes.1',
      /at least 3 hours/,
    );
    expectRefused(
      { ...valid, sessionTimes: ['13:00', '08:00', '19:00'] },
      'sessionTimes.1',
      /at least 3 hours after/,
    );
    expectRefused({ ...valid, sessionTimes: ['08:00', '13:00'] }, 'sessionTimes', /exactly 3/);
  });

  it('missing or refused consent', () => {
    expectRefused({ ...valid, consent: undefined }, 'consent', /must be accepted/);
    expectRefused({ ...valid, consent: false }, 'consent', /must be accepted/);
    expectRefused({ ...valid, consent: 'yes' }, 'consent', /must be accepted/);
    expectRefused({ ...valid, consentVersion: '2001-01-01' }, 'consentVersion', /out of date/);
  });

  it('unknown red flags, channels and fields', () => {
    expectRefused({ ...valid, redFlags: ['headache'] }, 'redFlags.0', /must be one of/);
    expectRefused({ ...valid, channel: 'email' }, 'channel', /"sms" or "push"/);
    expectRefused({ ...valid, nickname: 'Al' }, 'nickname', /not a field/);
  });

  it('push endpoints off the push services: IP literals, other ports, internal or look-alike hosts', () => {
    const refused = (endpoint: string, message: RegExp) =>
      expectRefused(
        { ...valid, channel: 'push', pushSubscription: { ...PUSH_SUBSCRIPTION, endpoint } },
        'pushSubscription.endpoint',
        message,
      );
    for (const endpoint of [
      'https://169.254.169.254/latest/meta-data/',
      'https://127.0.0.1/x',
      'https://10.0.0.8/x',
      'https://2130706433/x', // 127.0.0.1 written as a number
      'https://[::1]/x',
      'https://[fd00::1]:443/x',
    ]) {
      refused(endpoint, /not an IP address/);
    }
    for (const endpoint of [
      'https://fcm.googleapis.com:8443/fcm/send/x',
      'https://web.push.apple.com:80/x',
    ]) {
      refused(endpoint, /port 443/);
    }
    for (const endpoint of [
      'https://localhost/x',
      'https://push.services.mozilla.com/x', // only hosts under it
      'https://metadata.google.internal/x',
      'https://push.example.com/send/abc',
      'https://fcm.googleapis.com.evil.example/x',
      'https://evilfcm.googleapis.com/x',
      'https://notify.windows.com.evil.example/x',
      'https://fcm.googleapis.com./x',
    ]) {
      refused(endpoint, /known push service/);
    }
    refused('https://user:pw@fcm.googleapis.com/x', /user name or password/);
    refused('not a url', /https URL of a push service/);
  });

  it('push endpoints that parsers read differently (found by a review: web-push would have requested localhost)', () => {
    // WHATWG URL reads fcm.googleapis.com in each; the legacy url.parse that web-push 3.6.7 uses
    // reads no host (or another one). Only the normal form (url.href) is taken.
    for (const endpoint of [
      'https:/@fcm.googleapis.com/x',
      'https:fcm.googleapis.com/x',
      'https:\\\\fcm.googleapis.com/x',
      'https://fcm.googleapis.com\\@localhost/x',
      'https://FCM.googleapis.com/x',
      'https://fcm.googleapis.com:443/x',
      'https://fcm.googleapis.com/x y',
      ' https://fcm.googleapis.com/x',
      'https://fcm.googleapis.com',
    ]) {
      expectRefused(
        { ...valid, channel: 'push', pushSubscription: { ...PUSH_SUBSCRIPTION, endpoint } },
        'pushSubscription.endpoint',
        /normal form/,
      );
    }
  });

  it('every push endpoint the schema takes reads the same host, port and path to WHATWG URL and to url.parse', () => {
    const piece = fc.constantFrom(
      'https:',
      'https://',
      '/',
      '//',
      '\\',
      '@',
      ':',
      ':443',
      ':8443',
      '?',
      '#',
      '%2F',
      '%40',
      '.',
      'fcm.googleapis.com',
      'FCM.googleapis.com',
      'web.push.apple.com',
      'localhost',
      '127.0.0.1',
      'x',
      ' ',
      '\t',
      'a@b',
      '[::1]',
      'wns2-by3p.notify.windows.com',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const endpoint = pieces.join('');
        const result = schema.safeParse({
          ...valid,
          channel: 'push',
          pushSubscription: { ...PUSH_SUBSCRIPTION, endpoint },
        });
        if (!result.success) return;
        const stored = result.data.pushSubscription!.endpoint;
        const whatwg = new URL(stored);
        const legacy = parseLegacy(stored); // the parser web-push 3.6.7 uses
        expect(stored).toBe(whatwg.href);
        expect([legacy.protocol, legacy.hostname, legacy.port ?? '', legacy.path]).toEqual([
          whatwg.protocol,
          whatwg.hostname,
          whatwg.port,
          `${whatwg.pathname}${whatwg.search}`,
        ]);
      }),
      { numRuns: 3000 },
    );
  });

  it('push keys of the wrong size or not a P-256 point', () => {
    const keys = PUSH_SUBSCRIPTION.keys;
    const refusedKey = (field: 'p256dh' | 'auth', value: string, message: RegExp) =>
      expectRefused(
        {
          ...valid,
          channel: 'push',
          pushSubscription: { ...PUSH_SUBSCRIPTION, keys: { ...keys, [field]: value } },
        },
        `pushSubscription.keys.${field}`,
        message,
      );
    const point = Buffer.from(keys.p256dh, 'base64url');
    const offCurve = Buffer.from(point);
    offCurve[64] = offCurve[64]! ^ 1;
    for (const p256dh of [
      'BAx',
      point.subarray(0, 64).toString('base64url'),
      Buffer.concat([Buffer.from([0x02]), point.subarray(1, 33)]).toString('base64url'), // compressed
      offCurve.toString('base64url'),
      point.toString('base64'), // standard base64, not base64url
    ]) {
      refusedKey('p256dh', p256dh, /65 bytes/);
    }
    for (const auth of ['yz', Buffer.alloc(17).toString('base64url'), 'tBHItJI5svbpez7KI4CC+g']) {
      refusedKey('auth', auth, /16-byte auth secret/);
    }
  });

  it('channel "push" when push is not configured, naming channel', () => {
    const textOnly = makeAssessmentSchema({ allowedCountries: ['US'] });
    const result = textOnly.safeParse({ ...valid, channel: 'push', pushSubscription: PUSH_SUBSCRIPTION });
    expect(result.success).toBe(false);
    expect(result.success ? [] : toFieldIssues(result.error)).toEqual([
      {
        path: 'channel',
        message: 'channel cannot be "push" here: this service sends reminders by text message only',
      },
    ]);
  });

  it('push without a subscription, or with a non-https endpoint', () => {
    expectRefused({ ...valid, channel: 'push' }, 'pushSubscription', /required when channel is "push"/);
    expectRefused(
      {
        ...valid,
        channel: 'push',
        pushSubscription: { endpoint: 'http://x.example', keys: { p256dh: 'a', auth: 'b' } },
      },
      'pushSubscription.endpoint',
      /https/,
    );
  });

  it('a body that is not an object', () => {
    for (const body of [null, 'x', 42, []]) expect(issuesFor(body)[0]!.message).toMatch(/JSON object/);
  });
});
