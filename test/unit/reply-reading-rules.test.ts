/**
 * The reply reader's general rules, each with examples of our own (none is a line of a corpus):
 * red-flag signs composed from their parts, what makes a sign not had now (denied, supposed,
 * long ago, someone else's), questions about a sign, numbers that are counts, answers to an
 * urgent text, questions about the texts, and pauses said as a time-bounded no. The labelled
 * corpus's figures are test/unit/reply-corpus.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { asMeaning } from '../support/reply-corpus.ts';
import { readReply, type RepliedTo } from '../../shared/domain/messaging/reading/read.ts';

const read = (text: string, after: RepliedTo = 'reminder') =>
  asMeaning(readReply(text, { after, appName: 'Rehab reminders' }));
const flagsOf = (text: string, after: RepliedTo = 'reminder') => read(text, after).flags ?? [];
const kinds = (text: string, after: RepliedTo = 'reminder') => read(text, after).intents;

describe('a sign is composed from its parts, however it is worded', () => {
  it('a sensation × where it is felt', () => {
    for (const text of [
      'my bum cheeks have gone dead since lunch',
      'it feels like pins and needles between my legs',
      'no feeling round my back passage',
      "I don't have any feeling in my bum",
    ])
      expect(flagsOf(text), text).toEqual(['saddle-numbness']);
    for (const text of ['both my feet have gone numb this afternoon', 'se me duermen las dos piernas'])
      expect(flagsOf(text), text).toEqual(['both-legs']);
    // The same sensation somewhere that is no red flag.
    expect(flagsOf('my fingers feel numb after typing')).toEqual([]);
  });

  it('a leg or foot × what fails; passing urine × what makes it hard, before or after it', () => {
    for (const text of ['my left foot keeps dragging when i walk', 'my knee gave way on the stairs twice'])
      expect(flagsOf(text), text).toEqual(['leg-weakness']);
    for (const text of [
      'havent passed water since yesterday morning',
      'i have to strain to wee and only a dribble comes',
      'weeing is hard, i stand there for ages',
      'passing water has been difficult',
    ])
      expect(flagsOf(text), text).toEqual(['urinary-retention']);
    for (const text of ['the exercise is hard, I need a wee after', 'peeing is fine'])
      expect(flagsOf(text), text).toEqual([]);
  });

  it('loss of control said around the houses; a fall said as a tumble', () => {
    for (const text of [
      'had a little accident, didnt feel i needed to go',
      'wet myself on the way to the shops',
    ])
      expect(flagsOf(text), text).toEqual(['bladder-bowel-control']);
    for (const text of [
      'tumbled down the last few steps yesterday',
      'slipped on the ice and landed on my back',
    ])
      expect(flagsOf(text), text).toEqual(['recent-trauma']);
    expect(flagsOf('had the flu jab yesterday, arm is sore')).toEqual([]);
  });
});

describe('a sign not had now is no red flag, and the clinic still reads it', () => {
  it('denied: before it, after it, or as the answer to it', () => {
    for (const text of [
      'no numbness down there, just stiff',
      'I can feel my legs fine, no tingling at all',
      'the numbness in my feet has gone completely',
      'numb bum from sitting on the train, gone now',
      'Numbness? None. Weakness? None.',
      'ni fiebre ni hormigueo, todo bien',
    ]) {
      expect(flagsOf(text), text).toEqual([]);
      expect(kinds(text), text).toEqual(['message']);
    }
  });

  it('supposed: a hypothetical or a reported question is not a sign had; not knowing still is', () => {
    for (const text of [
      'what should I do if my legs go numb?',
      'the leaflet says to call if I lose control of my bladder',
      'the physio asked if my legs were weak and they are not',
      'what if I get numb down below, who do I call',
    ]) {
      expect(flagsOf(text), text).toEqual([]);
      expect(kinds(text), text).toContain('message');
    }
    // "In case it matters" supposes nothing after its clause; not knowing is not denying.
    expect(flagsOf('in case it matters, I fell yesterday')).toEqual(['recent-trauma']);
    expect(flagsOf("I don't know if it's a fever but I'm shivering all over")).toEqual(['fever']);
    expect(flagsOf('what if its serious? my privates are numb')).toEqual(['saddle-numbness']);
  });

  it('long ago or a past habit, unless a word brings it back to now', () => {
    for (const text of [
      'years ago I had a fall but nothing since',
      'when I was 20 I broke my back in a car crash',
      'I used to get pins and needles in my feet but not since the op',
      'hace años tuve una caída, nada más',
    ])
      expect(flagsOf(text), text).toEqual([]);
    for (const text of ['fell again today, same as years ago', 'I fell down the stairs last night'])
      expect(flagsOf(text), text).toEqual(['recent-trauma']);
  });

  it("someone else's fall, told with the writer's own words, is theirs (in Spanish too)", () => {
    for (const text of [
      'my husband fell off a ladder, so I missed today',
      'he slipped on the ice, I was fine',
      'mi madre se cayó ayer, por eso no hice nada',
    ])
      expect(flagsOf(text), text).toEqual([]);
    // Written for the patient: the fall is the patient's (safety first).
    expect(flagsOf('mi madre se cayó y no puede levantarse')).toEqual(['recent-trauma']);
  });

  it('a sign gone said as a change is news for the clinic beside DONE', () => {
    expect(kinds('done, no numbness this time')).toEqual(['done', 'message']);
    expect(kinds('done, no numbness')).toEqual(['done']);
  });
});

describe('questions beside a sign, and what is not a question', () => {
  it('a question about the sign just told is the red flag’s; another question is a message', () => {
    expect(kinds('my groin has gone numb since the morning. is that normal??')).toEqual(['red-flag']);
    expect(kinds('cant pee properly since yesterday, could it be the back?')).toEqual(['red-flag']);
    expect(kinds('my groin has gone numb. can I still do the bridges?')).toEqual(['message', 'red-flag']);
  });

  it('"which is new", "where I sit" with no question mark are part of a statement', () => {
    expect(kinds('pain 4. no sensation in my privates, which is new')).toEqual(['pain', 'red-flag']);
  });
});

describe('numbers that are not pain scores', () => {
  it('counts, a rating of something else, the scale said in words', () => {
    expect(read('missed the last two, busy week')).toEqual({ intents: ['message'] });
    expect(read('can I do 3 a day instead')).toEqual({ intents: ['message'] });
    expect(read('the video shows 4 moves but I only see 3')).toEqual({ intents: ['message'] });
    expect(read('9/10 for motivation haha, pain 2')).toEqual({ intents: ['pain'], pain: 2 });
    expect(read('eight/ten')).toEqual({ intents: ['pain'], pain: 8 });
    expect(read('one')).toEqual({ intents: ['pain'], pain: 1 });
    expect(read('two of three done')).toEqual({ intents: ['done'] });
    expect(read('tres de tres hechas')).toEqual({ intents: ['done'] });
  });

  it('pain gone is 0; the pain stopped doing something is not', () => {
    expect(read('finally free of pain')).toEqual({ intents: ['pain'], pain: 0 });
    expect(read('the pain stopped keeping me awake')).toEqual({ intents: ['message'] });
  });
});

describe('answers to an urgent text', () => {
  it('a bare yes or no asks back; "not that" is a misreading; "no, it is worse" is not', () => {
    for (const text of ['yes', 'Sí', 'yeah!', 'no', 'nope'])
      expect(kinds(text, 'urgent'), text).toEqual(['unclear']);
    expect(kinds('no no, not that', 'urgent')).toEqual(['mistake']);
    expect(kinds('no, no es urgente, fue el autocorrector', 'urgent')).toEqual(['mistake']);
    expect(kinds("no, it's worse now", 'urgent')).toEqual(['message']);
    expect(kinds("no, I can't feel my legs", 'urgent')).toEqual(['red-flag']);
  });

  it('a question of its own beside MISTAKE is a message', () => {
    expect(kinds('that was a typo, sorry. when is the next session?', 'urgent')).toEqual([
      'message',
      'mistake',
    ]);
  });
});

describe('questions about the texts, and pauses said as a no', () => {
  it('how to use a command is HELP, and the command is not given; an opt-out still is', () => {
    expect(kinds('how do I pause the texts when I am away?')).toEqual(['help']);
    expect(kinds('what does the Done button do?')).toEqual(['help']);
    expect(kinds('can I answer in Spanish?')).toEqual(['help']);
    expect(kinds('is there a way to check my progress?')).toEqual(['help']);
    expect(kinds('how do I stop these texts?')).toContain('opt-out');
    // A question about the body stays the clinic's.
    expect(kinds('is there a way to ease the pain?')).toEqual(['message']);
  });

  it('a no bounded in time is a pause; without a time it is not', () => {
    expect(kinds('off to spain for two weeks, no texts please')).toEqual(['pause']);
    expect(kinds('not this week, I am away')).toEqual(['pause']);
    expect(kinds('no reminders pls')).not.toContain('pause');
    expect(kinds('not today')).toEqual(['unclear']);
  });

  it('one symptom word alone asks back (and the clinic reads it)', () => {
    for (const text of ['numb', 'weak', 'tingling']) expect(kinds(text), text).toEqual(['unclear']);
  });

  it('"is this the physio clinic?" asks who is texting', () => {
    expect(kinds('Is this the physio clinic?', 'none')).toEqual(['who']);
  });

  it('"por favor" after a Spanish "do not send me" is politeness, not a time: an opt-out; "por unos días" is a pause', () => {
    expect(kinds('no me manden más textos por favor')).toEqual(['opt-out']);
    expect(kinds('ya no me escriban, por favor')).toEqual(['opt-out']);
    expect(kinds('no me manden nada por dos semanas')).toEqual(['pause']);
  });

  it('something felt to tear or rip in the back or belly is tearing pain; a torn thing elsewhere is not', () => {
    expect(flagsOf('I felt something rip in my back lifting the box')).toEqual(['tearing-pain']);
    expect(kinds('felt my sleeve tear on the gate')).not.toContain('red-flag');
  });
});
