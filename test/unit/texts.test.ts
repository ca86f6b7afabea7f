import fc from 'fast-check';
import { clockOf, formatTime, formatTimes, zoneInWords } from '../../shared/domain/scheduling/local-time.ts';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../shared/domain/plan/catalog.ts';
import { buildPlan } from '../../shared/domain/plan/plan.ts';
import { isGsm7, smsSegments, toGsm7 } from '../../shared/domain/messaging/sms.ts';
import {
  doneText,
  erasedText,
  erasePromptText,
  erasureRefusedText,
  helpPageUrl,
  helpText,
  noActivePlanText,
  painLoggedText,
  pausedText,
  resumedText,
  seekCareText,
  stopText,
  planEndText,
  pushReminderText,
  reassessmentText,
  reminderText,
  REPLY_HINT,
  verificationText,
  welcomeText,
  timesChangedText,
  timesFullText,
  timesRefusedText,
} from '../../shared/domain/messaging/texts.ts';
import { FORM_URL_MAX_LENGTH, runtimeConfigSchema } from '../../shared/config.ts';
import { pageToken, planPageUrl } from '../../shared/domain/plan/page.ts';

/** The longest app name the config allows (shared/config.ts). */
const LONGEST_APP_NAME = 'A'.repeat(30);
/** The API's own URL in the region with the longest name (14 characters): 60 characters. */
const LONGEST_API_URL = 'https://abcdefghij.execute-api.ap-southeast-2.amazonaws.com/';
/** A custom domain's URL as long as `formUrl` may be. */
const LONGEST_FORM_URL = `https://${'r'.repeat(FORM_URL_MAX_LENGTH - 'https://.example/'.length)}.example/`;
const LINK = (base: string) => planPageUrl(base, pageToken('plan-1', 'nonce', 'key'));

/** Every plan the rule can make: any subset of the catalog, each scored 0 to 3. */
const anyPlan = fc
  .tuple(
    fc.subarray(
      CATALOG.map((m) => m.id),
      { minLength: 1, maxLength: 10 },
    ),
    fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 10, maxLength: 10 }),
  )
  .map(([ids, pains]) => planOf(Object.fromEntries(ids.map((id, i) => [id, pains[i]!]))));

const NOW = new Date('2026-03-02T12:00:00Z');

function planOf(scores: Record<string, number>) {
  const decision = buildPlan(
    { scores, redFlags: [], timeZone: 'UTC', sessionTimes: ['08:00', '13:00', '19:00'] },
    { now: NOW },
  );
  if (!decision.plan) throw new Error('expected a plan');
  return decision.plan;
}

describe('SMS encoding', () => {
  it('counts GSM-7 and UCS-2 segments', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161)).segments).toBe(2);
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
    expect(smsSegments('{'.repeat(80)).units).toBe(160); // extension characters take two septets
    expect(smsSegments('é'.repeat(160)).encoding).toBe('GSM-7');
    expect(smsSegments('–'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSegments('–'.repeat(71)).segments).toBe(2);
  });

  it('replaces typographic characters with GSM-7 ones', () => {
    expect(toGsm7('Cat–Camel “now” … it’s')).toBe('Cat-Camel "now" ... it\'s');
    expect(isGsm7(toGsm7('Cat–Camel “now” … it’s'))).toBe(true);
  });
});

describe('the reminder text', () => {
  it('says what to do this session: each movement with reps × sets, and how to reply', () => {
    const plan = planOf({ 'cat-camel': 0, 'hip-bridges': 1, 'bird-dog': 3, 'kettlebell-walk': 2 });
    const text = reminderText({
      appName: 'Rehab reminders',
      movements: plan.movements,
      session: 2,
      sessionsPerDay: 3,
    });
    expect(text).toBe(
      'Rehab reminders: session 2 of 3. Cat-Camel 8 reps x 1 set; Hip Bridges 7 reps x 1 set; ' +
        'Bird Dog 5 each side x 1 set; Kettlebell Walks (by the side) 6 lengths x 1 set. ' +
        REPLY_HINT,
    );
    expect(isGsm7(text)).toBe(true);
    expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
  });

  it('without a link (no base URL configured), fits two GSM-7 segments for every plan the rule can make', () => {
    fc.assert(
      fc.property(anyPlan, (plan) => {
        const text = reminderText({
          appName: 'Rehab reminders',
          movements: plan.movements,
          session: 3,
          sessionsPerDay: 3,
        });
        expect(isGsm7(text)).toBe(true);
        expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
        for (const m of plan.movements)
          expect(text).toMatch(
            new RegExp(`(^|\\D)${m.reps}(x${m.sets}| (reps|each side|lengths) x ${m.sets} set)`),
          );
        expect(text).toMatch(/DONE/);
        expect(text).toMatch(/STOP/);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the clearest wording that fits, even for the longest plan', () => {
    const plan = planOf({
      'forward-reverse-beast-walk': 0,
      'lateral-beast-walk': 0,
      'single-leg-hip-bridges': 0,
      'side-plank-clam-shells': 0,
      'kettlebell-walk': 0,
    });
    const text = reminderText({
      appName: 'Rehab reminders',
      movements: plan.movements,
      session: 1,
      sessionsPerDay: 3,
    });
    expect(smsSegments(text).segments).toBe(2);
    expect(text).toContain('Forward/Reverse Beast Walk 8 lengths x 1 set');
    // The longest doses a plan reaches (10 × 2, only through progression) still fit two segments.
    const progressed = reminderText({
      appName: 'Rehab reminders',
      movements: plan.movements.map((m) => ({ ...m, reps: 10, sets: 2 })),
      session: 1,
      sessionsPerDay: 3,
    });
    expect(smsSegments(progressed).segments).toBe(2);
    expect(progressed).toContain('Forward/Reverse Beast Walk 10x2 lengths');
    expect(progressed).toContain('Reps x sets');
  });
});

describe('the reminder text with the plan page link', () => {
  it('is ONE GSM-7 segment with the whole link for every plan the rule can make, the longest app name and any allowed base URL', () => {
    expect(runtimeConfigSchema.safeParse({ appName: LONGEST_APP_NAME }).success).toBe(true);
    expect(runtimeConfigSchema.safeParse({ appName: `${LONGEST_APP_NAME}A` }).success).toBe(false);
    expect(runtimeConfigSchema.safeParse({ formUrl: LONGEST_FORM_URL }).success).toBe(true);
    expect(runtimeConfigSchema.safeParse({ formUrl: `${LONGEST_FORM_URL}x` }).success).toBe(false);
    let longest = 0;
    fc.assert(
      fc.property(
        anyPlan,
        fc.constantFrom('Rehab reminders', LONGEST_APP_NAME, 'A'),
        fc.constantFrom(LONGEST_API_URL, LONGEST_FORM_URL, 'http://localhost:3000/'),
        fc.integer({ min: 1, max: 3 }),
        (plan, appName, base, session) => {
          const link = LINK(base);
          const text = reminderText({ appName, movements: plan.movements, session, sessionsPerDay: 3, link });
          expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
          expect(text.endsWith(link)).toBe(true);
          expect(text.startsWith(`${appName}: `)).toBe(true);
          expect(text).toContain(`session ${session} of 3`);
          // With the API's own URL, the count of movements always fits too.
          if (base === LONGEST_API_URL) expect(text).toContain(`${plan.movements.length} movement`);
          longest = Math.max(longest, text.length);
        },
      ),
      { numRuns: 400 },
    );
    expect(longest).toBeLessThanOrEqual(160);
  });

  it('says what it is for when it fits, and the link is short: a 22-character token under /p/ on the base URL', () => {
    const link = LINK('https://rehab.clinic.example/');
    expect(link).toMatch(/^https:\/\/rehab\.clinic\.example\/p\/[A-Za-z0-9_-]{22}$/);
    const plan = planOf({ 'cat-camel': 0, 'hip-bridges': 1, 'bird-dog': 3, 'kettlebell-walk': 2 });
    expect(
      reminderText({
        appName: 'Rehab reminders',
        movements: plan.movements,
        session: 2,
        sessionsPerDay: 3,
        link,
      }),
    ).toBe(`Rehab reminders: time for session 2 of 3 (4 movements). Pictures and Done button: ${link}`);
  });

  it('a push reminder has push wording: no "Reply", no app name (the title carries it)', () => {
    const plan = planOf({ 'cat-camel': 0, 'hip-bridges': 1, 'bird-dog': 3, 'kettlebell-walk': 2 });
    const body = pushReminderText({ movements: plan.movements, session: 1, sessionsPerDay: 3 });
    expect(body).toBe(
      'Time for session 1 of 3: 4 movements. Tap to see them with pictures and mark the session done.',
    );
    expect(body).not.toMatch(/reply/i);
    expect(body).not.toContain('Rehab reminders');
  });
});

describe('other texts', () => {
  it('the verification text carries the six-digit code, is GSM-7 and one segment', () => {
    const text = verificationText('Rehab reminders', '042917', 10);
    expect(text).toMatch(/\b042917\b/);
    expect(text).toMatch(/10 minutes/);
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('the re-assessment text carries the form link and fits two segments', () => {
    const url = 'https://abcdefghij.execute-api.eu-west-1.amazonaws.com/';
    const text = reassessmentText('Rehab reminders', url);
    expect(text).toContain(url);
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7' });
    expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
  });

  it("the last day's text with the plan page's link is ONE GSM-7 segment for any app name and base URL, and ends with the link", () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Rehab reminders', 'Back Clinic', LONGEST_APP_NAME),
        fc.constantFrom(
          'https://rehab.example/',
          'https://abcdefghij.execute-api.us-east-1.amazonaws.com/',
          LONGEST_API_URL,
          LONGEST_FORM_URL,
        ),
        (appName, base) => {
          const text = planEndText(appName, LINK(base));
          expect(smsSegments(text), text).toMatchObject({ encoding: 'GSM-7', segments: 1 });
          expect(text.startsWith(`${appName}: last day`)).toBe(true);
          expect(text.endsWith(LINK(base))).toBe(true);
        },
      ),
    );
    // The clearest wording where it fits: the reminders stop, and the page says how it went and what is next.
    expect(planEndText('Rehab reminders', LINK('https://rehab.example/'))).toMatch(
      /Reminders stop after today\. See how you did and what is next: https:\/\/rehab\.example\/p\//,
    );
  });

  it('HELP always says how to reach a person (the contact, else the help page, else the clinic reads texts), in one segment', () => {
    const contact = `${'c'.repeat(28)}@example.org`;
    const helpUrl = helpPageUrl(LONGEST_FORM_URL);
    for (const appName of ['Rehab reminders', LONGEST_APP_NAME]) {
      for (const [reach, text] of [
        [contact, helpText(appName, contact)],
        [helpUrl, helpText(appName, undefined, helpUrl)],
        ['text us your question, your clinic reads it.', helpText(appName)],
      ] as const) {
        expect(smsSegments(text), text).toMatchObject({ encoding: 'GSM-7', segments: 1 });
        expect(text).toContain(`To reach a person: ${reach}`);
        expect(text.startsWith(`${appName}: reply `)).toBe(true);
        expect(text).toContain('STOP');
      }
      // With the contact, every reply is named too.
      for (const word of ['DONE', 'PAUSE', 'RESUME', 'PAIN', 'STOP', 'DELETE'])
        expect(helpText(appName, contact)).toContain(word);
    }
    // Plain words where they fit, and never the old "back rehab: reply" run-on.
    expect(helpText('Rehab reminders', '(415) 555-0100')).toBe(
      'Rehab reminders: reply DONE after a session, PAIN 0-10 for your pain, PAUSE, RESUME, STOP to end, DELETE to erase. To reach a person: (415) 555-0100',
    );
    expect(helpPageUrl('https://rehab.example/start')).toBe('https://rehab.example/help');
  });

  it('the welcome text says "Msg & data rates may apply", in one segment, for any plan length and the longest name', () => {
    for (const appName of ['Rehab reminders', LONGEST_APP_NAME])
      for (const days of [1, 14, 90]) {
        const text = welcomeText(appName, ['08:00', '13:00', '19:00'], days);
        expect(smsSegments(text), text).toMatchObject({ encoding: 'GSM-7', segments: 1 });
        expect(text).toContain('Msg & data rates may apply');
        expect(text).toContain('HELP');
        expect(text).toContain('STOP');
      }
  });

  it('the erasure texts ask for DELETE and the code within the window, and fit one segment', () => {
    for (const appName of ['Rehab reminders', 'A'.repeat(30)]) {
      expect(erasePromptText(appName, '4821')).toContain('reply DELETE 4821 within 15 minutes');
      for (const text of [
        erasePromptText(appName, '4821'),
        erasedText(appName),
        erasureRefusedText(appName),
      ]) {
        expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      }
    }
  });

  it('every code and reply is ONE GSM-7 segment, with the longest app name and the longest formUrl', () => {
    for (const appName of ['Rehab reminders', LONGEST_APP_NAME]) {
      const texts = {
        verification: verificationText(appName, '042917', 10),
        help: helpText(appName),
        welcome: welcomeText(appName, ['08:00', '13:00', '19:00'], 90),
        reassessment: reassessmentText(appName, LONGEST_FORM_URL),
        done: doneText(appName),
        paused: pausedText(appName),
        resumed: resumedText(appName),
        pain: painLoggedText(appName, 10),
        seekCare: seekCareText(appName),
        noPlan: noActivePlanText(appName, LONGEST_FORM_URL),
        noPlanNoUrl: noActivePlanText(appName),
        erasePrompt: erasePromptText(appName, '4821'),
        erasureRefused: erasureRefusedText(appName),
        erased: erasedText(appName),
        stop: stopText(appName),
      };
      for (const [name, text] of Object.entries(texts)) {
        expect(smsSegments(text), `${name}: ${text}`).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      }
      expect(texts.reassessment).toContain(LONGEST_FORM_URL);
      expect(texts.noPlan).toContain(LONGEST_FORM_URL);
    }
    // The clearest wording where it fits.
    expect(reassessmentText('Rehab reminders', 'https://rehab.example/')).toMatch(
      /reminders stop after today/i,
    );
  });
});

describe('times in the patient’s clock, still one GSM-7 segment (issue 28)', () => {
  const CLOCKS = ['h12', 'h23'] as const;
  const TIMES_SETS = [
    ['08:00', '13:00', '19:00'],
    ['08:45', '12:15', '20:30'],
    ['11:59', '15:01', '21:00'],
  ];

  it('the welcome, the change of times and the refusal of a TIMES text, 12- and 24-hour, longest name', () => {
    for (const appName of ['Rehab reminders', LONGEST_APP_NAME])
      for (const clock of CLOCKS)
        for (const times of TIMES_SETS) {
          const texts = [
            welcomeText(appName, times, 90, clock),
            timesChangedText(appName, times, clock),
            timesChangedText(appName, times, clock, 'Eastern Time — New York'),
            timesRefusedText(appName, clock),
            // The problems a TIMES text can have (functions/inbound/use-cases/times.ts).
            timesRefusedText(appName, clock, { kind: 'count', count: 2 }),
            timesRefusedText(appName, clock, { kind: 'unreadable', word: 'breakfast-at' }),
            timesRefusedText(appName, clock, { kind: 'outside', time: '22:30' }),
            timesRefusedText(appName, clock, { kind: 'too-soon', time: '11:30', after: '10:45' }),
            timesFullText(appName, clock, times),
            timesFullText(appName, clock),
          ];
          for (const text of texts) {
            expect(smsSegments(text), text).toMatchObject({ encoding: 'GSM-7', segments: 1 });
            expect(text.startsWith(`${appName}: `)).toBe(true);
          }
        }
  });

  it('12-hour where the locale keeps it, 24-hour where it does not; the window named', () => {
    expect(welcomeText('Rehab reminders', ['08:00', '13:00', '19:00'], 14, 'h12')).toContain(
      'Reminders at 8am, 1pm, 7pm for 14 days',
    );
    expect(welcomeText('Rehab reminders', ['08:00', '13:30', '19:00'], 14, 'h23')).toContain(
      'Reminders at 08:00, 13:30, 19:00 for 14 days',
    );
    expect(clockOf('en-US')).toBe('h12');
    expect(clockOf('en-GB')).toBe('h23');
    expect(clockOf(undefined, 'US')).toBe('h12');
    expect(clockOf(undefined, 'FR')).toBe('h23');
    expect(formatTime('13:05', 'h12')).toBe('1:05 PM');
    expect(formatTime('00:30', 'h12', 'short')).toBe('12:30am');
    expect(formatTimes(['08:00', '13:00', '19:00'], 'h12')).toBe('8:00 AM, 1:00 PM and 7:00 PM');
    expect(timesRefusedText('Rehab reminders', 'h12')).toContain(
      'between 8am and 9pm, at least 3 hours apart',
    );
    expect(timesRefusedText('Rehab reminders', 'h23')).toContain('between 08:00 and 21:00');
    expect(timesChangedText('Rehab reminders', ['09:00', '14:00', '20:00'], 'h12')).toBe(
      'Rehab reminders: your reminders are now at 9am, 2pm, 8pm. To change them, reply TIMES and 3 times, like TIMES 9am 2pm 8pm.',
    );
  });

  it('zones in words, never the raw IANA name', () => {
    expect(zoneInWords('America/New_York')).toBe('Eastern Time — New York');
    expect(zoneInWords('America/Los_Angeles')).toBe('Pacific Time — Los Angeles');
    expect(zoneInWords('Europe/Paris')).toBe('Central European Time — Paris');
    expect(zoneInWords('America/Argentina/Buenos_Aires')).toMatch(/ — Buenos Aires$/);
  });
});
