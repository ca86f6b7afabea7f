/**
 * The one answer to a reply (shared/domain/messaging/answers.ts): ONE GSM-7 segment whatever the
 * text carried, with the longest app name the config allows; the opt-out's confirmation and
 * red-flag advice always in it; red-flag answers say what they heard and how to say "misread".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  composeAnswer,
  PARTS,
  replyAdviceFor,
  type AnswerPart,
} from '../../shared/domain/messaging/answers.ts';
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
import { doneText, helpText, painLoggedText, stopText } from '../../shared/domain/messaging/texts.ts';
import { FORM_URL_MAX_LENGTH } from '../../shared/config.ts';
import { type RedFlagId } from '../../shared/domain/plan/rules.ts';
import { RED_FLAG_IDS, RED_FLAGS, screenFlags } from '../../shared/domain/plan/red-flags.ts';

const LONGEST_APP_NAME = 'A'.repeat(30);
const LONGEST_FORM_URL = `https://${'r'.repeat(FORM_URL_MAX_LENGTH - 'https://.example/'.length)}.example/`;
const APPS = ['Rehab reminders', LONGEST_APP_NAME, 'A'];
const oneSegment = (text: string) =>
  expect(smsSegments(text), text).toMatchObject({ encoding: 'GSM-7', segments: 1 });

/** Every part a text can bring, by name. */
const part = (app: string) =>
  fc.constantFrom<[string, AnswerPart]>(
    ['opt-out', PARTS.optedOut(app)],
    ['seek-care', PARTS.seekCare(app)],
    ['erase', PARTS.erasePrompt(app, '4821')],
    ['done+pain', PARTS.donePain(7)],
    ['done', PARTS.done(app)],
    ['pain', PARTS.pain(app, 10)],
    ['paused', PARTS.paused(app)],
    ['resumed', PARTS.resumed(app)],
    ['no plan', PARTS.noPlan(app, LONGEST_FORM_URL)],
    ['help', PARTS.help(app, 'call 0800 123 4567')],
    ['who', PARTS.who(app, 'call 0800 123 4567')],
    ['kept', PARTS.kept(app)],
    ['opted in', PARTS.optedIn('none', LONGEST_FORM_URL)],
    ['misread', PARTS.misread(true)],
    ['question', PARTS.question('meaning')],
  );

/** What each tier's advice says, whatever the wording that fits. */
const ADVICE_WORDS: Record<ReturnType<typeof replyAdviceFor>, RegExp> = {
  'urgent-now': /urgent care/,
  'same-day': /doctor today/,
  'within-24h': /within 24 hours/,
  'this-week': /this week/,
};

describe('the one answer to a reply', () => {
  it('a single part reads exactly as the text it always was', () => {
    for (const app of APPS) {
      expect(composeAnswer(app, [PARTS.done(app)])).toBe(doneText(app));
      expect(composeAnswer(app, [PARTS.pain(app, 4)])).toBe(painLoggedText(app, 4));
      expect(composeAnswer(app, [PARTS.help(app)])).toBe(helpText(app));
      expect(composeAnswer(app, [PARTS.optedOut(app)])).toBe(stopText(app));
    }
  });

  it('"Done, pain 2" answers both in one line', () => {
    expect(composeAnswer('Rehab reminders', [PARTS.donePain(2)])).toBe(
      'Rehab reminders: session and pain 2/10 logged, well done. Leave out any movement that hurts more than 3 and tell your clinician if it gets worse.',
    );
  });

  it('any parts, in any order and number, make ONE GSM-7 segment that keeps the first part', () => {
    for (const app of APPS) {
      fc.assert(
        fc.property(fc.array(part(app), { minLength: 1, maxLength: 6 }), (parts) => {
          const text = composeAnswer(
            app,
            parts.map(([, p]) => p),
          );
          oneSegment(text);
          expect(text.startsWith(app)).toBe(true);
          const first = parts[0]![1].wordings.map((w) => w.slice(0, 12).toLowerCase());
          expect(first.some((w) => text.toLowerCase().includes(w))).toBe(true);
        }),
      );
    }
  });

  it("red-flag words: names what was heard, gives the tier's advice, offers MISTAKE; alongside an opt-out, says the clinic is told", () => {
    const pairs = RED_FLAG_IDS.flatMap((a) => RED_FLAG_IDS.map((b) => (a === b ? [a] : [a, b])));
    for (const app of APPS) {
      for (const flags of pairs) {
        const answer = composeAnswer(app, [PARTS.redFlag(flags, { optedOut: false }), PARTS.done(app)]);
        oneSegment(answer);
        expect(answer).toContain('MISTAKE');
        expect(answer).toMatch(ADVICE_WORDS[replyAdviceFor(flags)]);
        const both = composeAnswer(app, [PARTS.optedOut(app), PARTS.redFlag(flags, { optedOut: true })]);
        oneSegment(both);
        expect(both).toMatch(/unsubscribed/);
        expect(both).toMatch(ADVICE_WORDS[replyAdviceFor(flags)]);
        expect(both).not.toContain('MISTAKE');
      }
    }
    expect(
      composeAnswer('Rehab reminders', [PARTS.redFlag(['saddle-numbness'], { optedOut: false })]),
    ).toMatch(/^Rehab reminders: you wrote about numbness down below\. This may need urgent care/);
  });

  it('the advice follows the flag table as the form reads it: the most urgent tier, raised by combinations', () => {
    const at = (tier: string) =>
      RED_FLAGS.filter((f) => f.tier === tier && !('weak' in f)).map((f) => f.id) as RedFlagId[];
    expect(replyAdviceFor([at('urgent-now')[0]!])).toBe('urgent-now');
    expect(replyAdviceFor(['fever'])).toBe('same-day');
    expect(replyAdviceFor(['recent-spinal-procedure'])).toBe('within-24h');
    expect(replyAdviceFor(['thoracic-pain'])).toBe('this-week');
    expect(replyAdviceFor(['thoracic-pain', 'fever'])).toBe('same-day');
    // Two signs of one tier raise it a step, as on the form (screenFlags).
    expect(replyAdviceFor(['fever', 'recent-trauma'])).toBe(screenFlags(['fever', 'recent-trauma']).tier);
    for (const flags of [
      ['fever'],
      ['night-pain', 'weight-loss'],
      ['saddle-numbness', 'fever'],
    ] as RedFlagId[][])
      expect(replyAdviceFor(flags)).toBe(screenFlags(flags).tier);
  });

  it('every question back, opt-in and misread answer is one segment, with the longest name and form URL', () => {
    for (const app of APPS) {
      for (const ask of ['pain-number', 'pain-range', 'code', 'meaning'] as const)
        oneSegment(composeAnswer(app, [PARTS.question(ask)]));
      for (const plan of ['active', 'paused', 'none'] as const)
        oneSegment(composeAnswer(app, [PARTS.optedIn(plan, LONGEST_FORM_URL)]));
      oneSegment(composeAnswer(app, [PARTS.misread(true)]));
      oneSegment(composeAnswer(app, [PARTS.who(app, 'call 0800 123 4567 or ask at the desk')]));
      oneSegment(composeAnswer(app, [PARTS.seeClinicianFirst(app, LONGEST_FORM_URL)]));
    }
    expect(composeAnswer('Rehab reminders', [PARTS.who('Rehab reminders')])).toMatch(/STOP/);
  });
});
