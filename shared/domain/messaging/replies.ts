/**
 * What a patient's text back means (pure). AWS handles its own opt-out keywords (it stops texts to
 * the number and confirms); the service must honour them too and must never use them as commands.
 */

/** The keywords AWS End User Messaging treats as opt-out. None of them is an app command. */
export const OPT_OUT_KEYWORDS = [
  'ARRET',
  'CANCEL',
  'END',
  'OPT-OUT',
  'OPTOUT',
  'QUIT',
  'REMOVE',
  'STOP',
  'TD',
  'UNSUBSCRIBE',
] as const;

/**
 * Whether End User Messaging itself took this text as its opt-out keyword (and confirmed it): it
 * reports the keyword it matched, or the whole text is the keyword in any case. A variant the
 * service reads as opting out ("Stop.", "STOP!") it does not match: the service confirms those.
 */
export function optOutConfirmedByChannel(body: string, matchedKeyword?: string): boolean {
  return keywordMatchedByChannel(OPT_OUT_KEYWORDS, body, matchedKeyword);
}

/**
 * Whether End User Messaging took the text as one of `keywords` (and answered it itself): it says
 * which keyword it matched, or the whole text is the keyword in any case. "help me", "Stop." and
 * the like it does not match.
 */
export function keywordMatchedByChannel(
  keywords: readonly string[],
  body: string,
  matchedKeyword?: string,
): boolean {
  return [matchedKeyword, body].some(
    (text) => text !== undefined && keywords.includes(text.trim().toUpperCase()),
  );
}

/** The app's own commands. */
export const APP_COMMANDS = ['HELP', 'DONE', 'PAUSE', 'RESUME', 'PAIN', 'DELETE'] as const;

/**
 * Erasure is asked for with DELETE; the answer carries a 4-digit code, and DELETE <code> within
 * this many minutes confirms it (never an opt-out keyword: AWS would take those as STOP). A spoofed
 * sender does not see the answer, so cannot confirm. DELETE YES (the old confirmation) is a request.
 */
export const ERASURE_CONFIRM_MINUTES = 15;

export const ERASURE_CODE_PATTERN = /^\d{4}$/;

/** The patient asked to erase their data recently enough that the code of the answer confirms it. */
export function erasureConfirmable(requestedAt: string | undefined, now: Date): boolean {
  if (!requestedAt) return false;
  const age = now.getTime() - Date.parse(requestedAt);
  return age >= 0 && age <= ERASURE_CONFIRM_MINUTES * 60_000;
}

export type InboundCommand =
  | { kind: 'opt-out'; keyword: (typeof OPT_OUT_KEYWORDS)[number] }
  | { kind: 'help' }
  | { kind: 'done' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'pain'; score: number }
  | { kind: 'erase' }
  | { kind: 'erase-confirm'; code: string }
  /** Words that may mean a red flag ("my legs went numb"): urgent advice, and the clinic is told. */
  | { kind: 'red-flag' }
  /** A phone's reaction to one of our texts ("Liked “…”"): nothing to do, nothing to answer. */
  | { kind: 'reaction' }
  | { kind: 'unknown' };

const optOut = new Set<string>(OPT_OUT_KEYWORDS);

/** Upper case, accents off (ARRÊT → ARRET), spaces collapsed, trailing . or ! dropped. */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '')
    .trim()
    .toUpperCase();
}

/**
 * The words of a reply as people type them: lower case, accents, emoji and punctuation off (a "/"
 * and digits stay, for "5/10"), curly apostrophes straightened, spaces collapsed.
 */
export function replyWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase()
    .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f/gu, ' ')
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}/]+/gu, ' ')
    .trim();
}

/** iPhone and Android reactions to a text arrive as texts of their own, quoting it. */
const REACTION =
  /^\s*(liked|loved|disliked|laughed at|emphasi[sz]ed|questioned|reacted\s+\S{1,12}\s+to)\s+[“"‘'«]/iu;

/**
 * Words that may mean a red flag (cauda equina, infection, fracture, progressive weakness). Safety
 * before convenience: a false alarm costs one text and a clinician's look; a missed one much more.
 */
const RED_FLAG_WORDS = [
  /\bnumb(?!er)/,
  /\btingl/,
  /\bpins and needles\b/,
  /\bboth (legs|feet)\b/,
  /\b(legs?|foot|feet) (is |are |feels? |getting |going |gone )?(weak|weaker)\b/,
  /\bweakness\b/,
  /\bweaker\b/,
  /\bweak\b.*\b(legs?|foot|feet)\b/,
  /\bfoot drop\b/,
  /\b(can ?t|cannot|can not) (move|lift) my (legs?|feet|foot)\b/,
  /\b(i )?(fell|had a fall|had an accident|was in an accident|car crash)\b/,
  /\b(peed|pee d|wet|soiled) (myself|my self|my pants)\b/,
  /\b(can ?t|cannot) hold (my )?(wee|pee|urine|water)\b/,
  /\bleaking\b/,
  /\bbladder\b/,
  /\bbowels?\b/,
  /\bincontinen/,
  /\bwet (myself|my self|the bed)\b/,
  /\b(can ?t|cannot|can not|unable to) (walk|stand|feel my|pee|wee|urinate|control)/,
  /\b(leg|legs) (gave|give|giving|gone) (way|out)\b/,
  /\bfever/,
  /\bsaddle\b/,
];

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const SCORE = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
/** "pain 5", "pain is 6", "my pain is a 6 today", "pain: 7/10", "pain 4 out of 10", and a bare "5/10". */
const PAIN = new RegExp(
  `\\bpain ?(?:(?:is|was|at|level|score|now|today|about|around|a|an|of|like|still) )*${SCORE}\\b`,
);
const BARE_SCORE = new RegExp(`^${SCORE} ?(?:/ ?10|out of 10)$`);
/** Done, and the ways people say it or mistype it. */
const DONE =
  /^(all )?(done|dnoe|doen|dun|donee|don|finished|complete|completed|did it|did them|did my (exercises|session|movements))\b/;
const PAUSE = /^(pause|paus|paws|hold)\b/;
const RESUME = /^(resume|resum|unpause|restart|start again|carry on)\b/;

function score(word: string): number {
  return NUMBER_WORDS[word] ?? Number(word);
}

const SCORE_WORD = new RegExp(`^${SCORE}$`);

/**
 * Every score a pain reply gives: the one after "pain" and any later number (not the "10" of
 * "/10" or "out of 10"), or a bare "5/10". Empty when the text is not about pain.
 */
function painScores(words: string): number[] {
  const first = PAIN.exec(words);
  if (!first) {
    const bare = BARE_SCORE.exec(words);
    return bare ? [score(bare[1]!)] : [];
  }
  const rest = words.slice(first.index + first[0].length).split(' ');
  const scores: number[] = [score(first[1]!)];
  rest.forEach((token, i) => {
    const [value, slash] = token.split('/');
    if (!SCORE_WORD.test(value ?? '')) return;
    const outOf = rest[i - 1] === 'of' && rest[i - 2] === 'out';
    const denominator = slash === undefined && (rest[i - 1]?.endsWith('/') || rest[i - 1] === '/');
    if (!outOf && !denominator) scores.push(score(value!));
  });
  return scores;
}

/**
 * Reads a reply as people write it: "done thanks", "Done ✅", "pain 5/10", "pain is 6", an
 * iPhone reaction, "my legs went numb". AWS's opt-out words count only as the whole text (as AWS
 * reads them); so do DELETE and its code. Red-flag words win over everything but opting out.
 */
export function parseInbound(text: string): InboundCommand {
  const word = normaliseReply(text);
  if (optOut.has(word)) return { kind: 'opt-out', keyword: word as (typeof OPT_OUT_KEYWORDS)[number] };
  if (REACTION.test(text)) return { kind: 'reaction' };
  if (word === 'DELETE' || word === 'DELETE YES') return { kind: 'erase' };
  const erase = /^DELETE ?:? ?(\d{4})$/.exec(word);
  if (erase) return { kind: 'erase-confirm', code: erase[1]! };
  const words = replyWords(text);
  if (RED_FLAG_WORDS.some((pattern) => pattern.test(words))) return { kind: 'red-flag' };
  // A minus sign is not a score (punctuation goes with the other marks below).
  if (/\bpain\W*-\s*\d/i.test(text)) return { kind: 'unknown' };
  const pain = painScores(words);
  if (pain.length) {
    // The worst score counts ("was 3, now 9"; a range "7-8" or "7 to 9" by its top): safety first.
    const worst = Math.max(...pain);
    return worst <= 10 ? { kind: 'pain', score: worst } : { kind: 'unknown' };
  }
  if (/^(help|info|what do i do)\b/.test(words)) return { kind: 'help' };
  if (DONE.test(words)) return { kind: 'done' };
  if (PAUSE.test(words)) return { kind: 'pause' };
  if (RESUME.test(words)) return { kind: 'resume' };
  return { kind: 'unknown' };
}
