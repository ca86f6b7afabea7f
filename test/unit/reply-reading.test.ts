/**
 * The reply reader (shared/domain/messaging/reading): the commands keep their meaning, AWS's
 * opt-out keywords are never commands, the examples are read as a person reads them, and
 * two properties: negation never turns a symptom on, and a per-se opt-out word used as a request
 * always opts out. The labelled corpus's figures are test/unit/reply-corpus.test.ts's.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';
import { describe, expect, it } from 'vitest';
import { proofSize } from '../support/proof-size.ts';
import { REPLY_CORPUS } from '../fixtures/reply-corpus.ts';
import { asMeaning, type Meaning } from '../support/reply-corpus.ts';
import { readReply, type RepliedTo } from '../../shared/domain/messaging/reading/read.ts';
import { editDistance } from '../../shared/domain/messaging/reading/text.ts';
import { correctWord, NEAR_WORDS, TYPO_TARGETS } from '../../shared/domain/messaging/reading/typos.ts';
import {
  APP_COMMANDS,
  ERASURE_CONFIRM_MINUTES,
  erasureConfirmable,
  OPT_OUT_KEYWORDS,
  optOutConfirmedByChannel,
} from '../../shared/domain/messaging/replies.ts';

const read = (text: string, after: RepliedTo = 'reminder') =>
  asMeaning(readReply(text, { after, appName: 'Rehab reminders' }));
const kinds = (text: string, after: RepliedTo = 'reminder') => read(text, after).intents;
const flagsOf = (text: string, after: RepliedTo = 'reminder') => read(text, after).flags ?? [];

describe('the commands keep their meaning; AWS keywords are never commands', () => {
  it('an opt-out AWS matched itself is confirmed by AWS; a variant it did not match is confirmed here', () => {
    for (const body of ['STOP', 'stop', ' Unsubscribe ']) expect(optOutConfirmedByChannel(body)).toBe(true);
    for (const body of ['Stop.', 'STOP!', 'stop 🙏', 'stop pls'])
      expect(optOutConfirmedByChannel(body)).toBe(false);
    expect(optOutConfirmedByChannel('Stop.', 'STOP')).toBe(true);
    expect(optOutConfirmedByChannel('Stop.', 'HELP')).toBe(false);
  });

  it('every AWS opt-out keyword opts out, in any case, with spaces or a mark', () => {
    for (const keyword of OPT_OUT_KEYWORDS) {
      for (const text of [
        keyword,
        keyword.toLowerCase(),
        `  ${keyword[0]}${keyword.slice(1).toLowerCase()}. \n`,
      ]) {
        expect(kinds(text), text).toEqual(['opt-out']);
      }
    }
    expect(kinds('Arrêt')).toEqual(['opt-out']);
  });

  it('no app command word (English or Spanish) is an AWS opt-out keyword', () => {
    for (const command of APP_COMMANDS) expect(OPT_OUT_KEYWORDS as readonly string[]).not.toContain(command);
  });

  it('DONE, PAIN n, PAUSE, RESUME, HELP, DELETE, MISTAKE, START read as before, in any case', () => {
    expect(read('DONE')).toEqual({ intents: ['done'] });
    expect(read('PAIN 7')).toEqual({ intents: ['pain'], pain: 7 });
    expect(read(' pain:3 ')).toEqual({ intents: ['pain'], pain: 3 });
    expect(kinds('\tPAUSE.')).toEqual(['pause']);
    expect(kinds('resume!')).toEqual(['resume']);
    expect(kinds('Help')).toEqual(['help']);
    expect(kinds('MISTAKE', 'urgent')).toEqual(['mistake']);
    expect(kinds('START', 'stopped')).toEqual(['opt-in']);
    expect(kinds('UNSTOP', 'stopped')).toEqual(['opt-in']);
  });

  it('reads DELETE (erasure) and DELETE <4 digits> (its confirmation, with the code)', () => {
    expect(readReply('DELETE').intents.map((i) => i.kind)).toEqual(['erase']);
    expect(readReply('Delete yes').intents.map((i) => i.kind)).toEqual(['erase']);
    expect(readReply(' delete:0042. ').intents).toEqual([
      expect.objectContaining({ kind: 'erase-confirm', code: '0042' }),
    ]);
    expect(readReply('DELETE 4821').intents).toEqual([
      expect.objectContaining({ kind: 'erase-confirm', code: '4821' }),
    ]);
    for (const text of ['DELETE 482', 'DELETE 48211'])
      expect(readReply(text).intents[0]?.kind).not.toBe('erase-confirm');
  });

  it('confirms an erasure only within 15 minutes of the request', () => {
    const asked = '2030-03-06T19:00:00.000Z';
    const after = (ms: number) => new Date(Date.parse(asked) + ms);
    expect(ERASURE_CONFIRM_MINUTES).toBe(15);
    expect(erasureConfirmable(asked, after(15 * 60_000))).toBe(true);
    expect(erasureConfirmable(asked, after(15 * 60_000 + 1))).toBe(false);
    expect(erasureConfirmable(asked, after(-1))).toBe(false);
    expect(erasureConfirmable(undefined, after(0))).toBe(false);
  });
});

describe("as people write them (the issue's examples)", () => {
  it.each<[string, Meaning]>([
    ['just finished 👍', { intents: ['done'] }],
    ['yep did them all', { intents: ['done'] }],
    ['Did all 3 today', { intents: ['done'] }],
    ['✅', { intents: ['done'] }],
    ['exercises done', { intents: ['done'] }],
    ['listo', { intents: ['done'] }],
    ['ya terminé', { intents: ['done'] }],
    ['5/10 today', { intents: ['pain'], pain: 5 }],
    ["It's a 3 today", { intents: ['pain'], pain: 3 }],
    ['back is 2/10', { intents: ['pain'], pain: 2 }],
    ['no pain today!', { intents: ['pain'], pain: 0 }],
    ['pain free 😊', { intents: ['pain'], pain: 0 }],
    ['8', { intents: ['pain'], pain: 8 }],
    ['pain went from 2 to 6', { intents: ['pain'], pain: 6 }],
    ['pain 2, did all 3 sessions', { intents: ['done', 'pain'], pain: 2 }],
    ['pain 3.5', { intents: ['pain'], pain: 4 }],
    ['pain 7-8', { intents: ['pain'], pain: 8 }],
    ['seven', { intents: ['pain'], pain: 7 }],
    ['Done, pain 2', { intents: ['done', 'pain'], pain: 2 }],
    ['dolor 5', { intents: ['pain'], pain: 5 }],
    ['stop pls', { intents: ['opt-out'] }],
    ['Stop texting me', { intents: ['opt-out'] }],
    ['wrong number', { intents: ['opt-out'] }],
    ['no más', { intents: ['opt-out'] }],
    ['basta', { intents: ['opt-out'] }],
    ['cancelar', { intents: ['opt-out'] }],
    ['trouble peeing since yesterday', { intents: ['red-flag'], flags: ['urinary-retention'] }],
    ['my foot is dragging', { intents: ['red-flag'], flags: ['leg-weakness'] }],
    ['hold on, who sent this?', { intents: ['who'] }],
    ['who is this', { intents: ['who'] }],
    ['ayuda', { intents: ['help'] }],
    ['pausa', { intents: ['pause'] }],
    ['seguir', { intents: ['resume'] }],
    ['hecho', { intents: ['done'] }],
  ])('%j', (text, meaning) => {
    expect(read(text)).toEqual({ ...meaning, intents: [...meaning.intents].sort() });
  });

  it('a denied or figurative symptom is no red flag', () => {
    for (const text of [
      'no numbness, all good',
      'no tingling today',
      'I fell asleep after the exercises lol',
      'fell behind today sorry',
      'Pt denies fever. Completed session.',
      'sin fiebre, sin hormigueo',
      'never fell, just stiff',
    ])
      expect(flagsOf(text), text).toEqual([]);
  });

  it('"who is this" is never a pause; "hold" alone still is', () => {
    expect(kinds('hold on, who sent this?')).not.toContain('pause');
    expect(kinds('hold')).toEqual(['pause']);
  });

  it('a bare number is a pain score only after a reminder; elsewhere a question back', () => {
    expect(read('8', 'reminder')).toEqual({ intents: ['pain'], pain: 8 });
    expect(readReply('8', { after: 'none' }).intents).toEqual([
      expect.objectContaining({ kind: 'unclear', ask: 'pain-number' }),
    ]);
    expect(readReply('482913', { after: 'code' }).intents).toEqual([
      expect.objectContaining({ kind: 'unclear', ask: 'code' }),
    ]);
    expect(readReply('pain 12').intents).toEqual([
      expect.objectContaining({ kind: 'unclear', ask: 'pain-range' }),
    ]);
  });

  it('several intents in one text, each with the words it rests on and a confidence', () => {
    const { intents } = readReply('Done. Also please unsubscribe me after today');
    expect(intents.map((i) => i.kind).sort()).toEqual(['done', 'opt-out']);
    for (const intent of intents) {
      expect(intent.words.length).toBeGreaterThan(0);
      expect(intent.confidence).toBeGreaterThan(0);
      expect(intent.confidence).toBeLessThanOrEqual(1);
    }
    expect(readReply("STOP these texts. I can't feel my bum and I can't pee").intents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'opt-out' }),
        expect.objectContaining({ kind: 'red-flag', flags: ['saddle-numbness', 'urinary-retention'] }),
      ]),
    );
  });

  it('the first 100 replies (test/fixtures/reply-corpus.ts) read as listed', () => {
    const misread = REPLY_CORPUS.filter(
      ([text, meaning]) =>
        JSON.stringify(read(text)) !== JSON.stringify({ ...meaning, intents: [...meaning.intents].sort() }),
    );
    expect(misread).toEqual([]);
  });
});

describe('properties', () => {
  const NOUNS = [
    'numbness in my groin',
    'numbness down below',
    'fever',
    'chills',
    'tingling in both legs',
    'pins and needles in both legs',
    'numbness in my legs',
    'weakness in my legs',
    'foot drop',
    'trouble peeing',
    'bladder problems',
    'loss of bladder control',
    'night sweats',
    'weight loss',
    'tearing pain',
    'erection problems',
    'incontinence',
    'high temperature',
    'difficulty passing urine',
  ];
  const NOUN_TRIGGERS = [
    'no',
    'without',
    'never had',
    'denies',
    'not any',
    'no sign of',
    'free of',
    'I have no',
    "I don't have",
    "I don't have any",
    "there's no",
    'zero',
    'sin',
  ];
  const VERBS = [
    'fell',
    'fell down the stairs',
    'wet myself',
    'lost control of my bladder',
    'had a fall',
    'slipped on the ice',
    'lost weight',
    'peed myself',
    'tripped',
  ];
  const VERB_TRIGGERS = ["I haven't", 'I never', "I didn't", 'never', 'I have not', 'nobody', 'I did not'];
  const SPANISH: [string, string][] = [
    ['sin', 'fiebre'],
    ['no tengo', 'fiebre'],
    ['sin', 'hormigueo en las dos piernas'],
    ['nunca', 'me he caido'],
    ['ya no tengo', 'fiebre'],
  ];
  const BEFORE = ['', 'done.', 'pain 3,', 'all good,', 'did them', 'hi', 'feeling better today and'];
  const AFTER = ['', 'pain 2', 'thanks', 'done', 'all good', 'just tired'];

  it('negation never turns a symptom on: a denied sign adds no red flag to what the text says', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BEFORE),
        fc.constantFrom(...AFTER),
        fc.oneof(
          fc.tuple(fc.constantFrom(...NOUN_TRIGGERS), fc.constantFrom(...NOUNS)),
          fc.tuple(fc.constantFrom(...VERB_TRIGGERS), fc.constantFrom(...VERBS)),
          fc.constantFrom(...SPANISH),
        ),
        fc.constantFrom<RepliedTo>('reminder', 'urgent', 'none'),
        (before, after, [trigger, sign], context) => {
          const without = flagsOf(`${before} ${after}`.trim(), context);
          const denied = flagsOf(`${before} ${trigger} ${sign}, ${after}`.trim(), context);
          expect(denied.filter((f) => !without.includes(f))).toEqual([]);
        },
      ),
      { numRuns: proofSize(400, 3000) },
    );
  });

  it('a denial elsewhere never hides a sign said in a clause of its own', () => {
    const NEGATED = [
      "I didn't do them",
      'no pain today',
      'not great',
      "didn't sleep",
      'never again',
      "haven't done them",
    ];
    const SIGNS: [string, string][] = [
      ["I can't feel my legs", 'both-legs'],
      ['my legs are numb', 'both-legs'],
      ['I wet myself', 'bladder-bowel-control'],
      ['I fell down the stairs', 'recent-trauma'],
      ['I have a fever', 'fever'],
      ['my groin is numb', 'saddle-numbness'],
      ["I can't pee", 'urinary-retention'],
      ['my foot is dragging', 'leg-weakness'],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...NEGATED),
        fc.constantFrom(' because', ' but', ' and', ' since', ' so', ',', '.', ''),
        fc.constantFrom(...SIGNS),
        (negated, joint, [sign, flag]) => {
          expect(flagsOf(`${negated}${joint} ${sign}`)).toContain(flag);
        },
      ),
    );
  });

  it('a per-se opt-out word (FCC) used as a request always opts out, whatever else the text says', () => {
    const REQUESTS: Record<string, string[]> = {
      stop: [
        '{w}',
        '{w} please',
        'please {w}',
        '{w} texting me',
        '{w} sending me these',
        'can you {w}',
        'i said {w}',
        '{w} for a week',
        '{w} {w} {w}',
        '{w} it',
        'just {w}',
      ],
      quit: ['{w}', '{w} please', '{w} texting me', 'please {w} it', '{w} sending these'],
      end: ['{w}', '{w} please', '{w} these texts', '{w} my subscription'],
      cancel: ['{w}', '{w} please', '{w} this', '{w} my reminders', '{w} the messages', 'i want to {w}'],
      unsubscribe: ['{w}', '{w} me', 'please {w} me', 'how do i {w}', 'i want to {w}'],
      'opt out': ['{w}', 'i want to {w}', 'please {w}'],
      revoke: ['{w}', 'i {w} my consent', '{w} consent'],
    };
    const requests = Object.entries(REQUESTS).flatMap(([word, templates]) =>
      templates.map((t) => t.replaceAll('{w}', word)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...requests),
        fc.constantFrom('', '!', '.', '!!', ' 🙏', ' 😡', '...', ' thanks', ' now', '?'),
        fc.constantFrom('', 'hi ', 'ok ', 'hello, ', 'sorry but '),
        fc.constantFrom('', ' done, pain 3.', ' I fell yesterday.', ' who is this?'),
        fc.constantFrom('lower', 'upper', 'title'),
        fc.constantFrom<RepliedTo>('reminder', 'welcome', 'none', 'code', 'urgent'),
        (request, mark, lead, more, letters, context) => {
          let text = `${lead}${request}${mark}${more}`;
          text =
            letters === 'upper'
              ? text.toUpperCase()
              : letters === 'title'
                ? text[0]!.toUpperCase() + text.slice(1)
                : text;
          expect(kinds(text, context), text).toContain('opt-out');
        },
      ),
      { numRuns: proofSize(400, 3000) },
    );
  });

  it('a TIMES text that also says a per se opt-out word opts out, before or after its times (FCC)', () => {
    const WORDS = ['stop', 'quit', 'end', 'cancel', 'unsubscribe', 'opt out', 'revoke', 'stopall', 'baja'];
    fc.assert(
      fc.property(
        fc.constantFrom(...WORDS),
        fc.constantFrom(
          'TIMES 8 1 7',
          'times 8am 1pm 7pm',
          'Times: 9, 2 and 8',
          'change my times to 9 2 and 8',
        ),
        fc.constantFrom('after', 'before'),
        fc.constantFrom('', '.', '!', ' please', ' 🛑'),
        fc.constantFrom('lower', 'upper'),
        (word, times, where, mark, letters) => {
          let text = where === 'after' ? `${times} ${word}${mark}` : `${word}${mark} ${times}`;
          if (letters === 'upper') text = text.toUpperCase();
          expect(kinds(text), text).toContain('opt-out');
        },
      ),
      { numRuns: proofSize(200, 1000) },
    );
    // The same text with the word negated, or with "end of", is not one; a plain TIMES text is not.
    for (const text of [
      "TIMES 8 1 7 don't stop",
      'TIMES 8 1 7 until the end of the month',
      'TIMES 9am 2pm 8pm',
    ])
      expect(kinds(text), text).not.toContain('opt-out');
    // Nor a count of times ("had to stop 3 times", "the pain made me stop two times").
    for (const text of ['I had to stop 3 times', 'the pain made me stop two times'])
      expect(kinds(text), text).not.toContain('opt-out');
  });

  it('the same words about something else are not an opt-out', () => {
    for (const text of [
      'the pain stopped',
      "I can't stop laughing",
      'at the end of the day',
      'cancel my appointment tomorrow',
      'i quit smoking this week',
      'had to stop halfway, pain 7',
      'end of session 2, pain 3',
    ])
      expect(kinds(text), text).not.toContain('opt-out');
  });

  it('never throws; every score is 0 to 10; every flag is one of the table', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.constantFrom<RepliedTo>('reminder', 'none', 'urgent', 'stopped', 'code', 'welcome'),
        (text, after) => {
          const reading = readReply(text, { after });
          expect(reading.intents.length).toBeGreaterThan(0);
          for (const intent of reading.intents) {
            if (intent.kind === 'pain') expect(intent.score).toBeGreaterThanOrEqual(0);
            if (intent.kind === 'pain') expect(intent.score).toBeLessThanOrEqual(10);
          }
        },
      ),
    );
  });

  it('case, emoji and marks around a command never change what it means', () => {
    const decorations = fc.constantFrom('', '!', '.', '!!', ' 💪🏽', ' 🙏', ' :)', '  ');
    const commands = fc.constantFrom('done', 'pain 5', 'pause', 'resume', 'help', 'my legs went numb');
    fc.assert(
      fc.property(commands, decorations, decorations, fc.boolean(), (command, before, after, upper) => {
        const text = `${before.trim()} ${upper ? command.toUpperCase() : command}${after}`;
        expect(read(text)).toEqual(read(command));
      }),
    );
  });
});

describe('typos (own bounded edit distance, own lexicon)', () => {
  it('counts a swap of neighbours as one edit and stops past the bound', () => {
    expect(editDistance('dnoe', 'done', 1)).toBe(1);
    expect(editDistance('paim', 'pain', 1)).toBe(1);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2); // bound + 1
    expect(editDistance('same', 'same', 0)).toBe(0);
  });

  it("corrects the reader's own words and leaves words of three letters alone", () => {
    for (const [typo, word] of <[string, string][]>[
      ['dnoe', 'done'],
      ['paim', 'pain'],
      ['pasue', 'pause'],
      ['unsubscibe', 'unsubscribe'],
      ['numbess', 'numbness'],
      ['lsito', 'listo'],
    ])
      expect(correctWord(typo), typo).toBe(word);
    for (const word of ['dun', 'pan', 'top', 'don']) expect(correctWord(word)).toBe(word);
  });

  it('never turns a common English word into one of its own (never → fever, cancer → cancel)', () => {
    const dictionary = new Set(readFileSync(wordListPath, 'utf8').split('\n'));
    for (const word of NEAR_WORDS) expect(correctWord(word), word).toBe(word);
    for (const word of [
      'never',
      'cancer',
      'ladder',
      'cause',
      'step',
      'dont',
      'none',
      'gone',
      'paid',
      'list',
      'fewer',
      'color',
    ])
      expect(correctWord(word), word).toBe(word);
    // Every word the corrector does change is not an English word, or is a listed near word.
    const changed = [...dictionary].filter((w) => w.length >= 4 && w.length <= 12 && correctWord(w) !== w);
    const targets = new Set<string>(TYPO_TARGETS);
    console.log(
      `typos: ${changed.length} of ${dictionary.size} dictionary words would be read as one of the reader's own: ${changed.slice(0, 40).join(', ')} …`,
    );
    expect(changed.filter((w) => targets.has(w))).toEqual([]);
  });
});
