/**
 * A reply as words (pure): Unicode and emoji normalised, dictated punctuation turned into marks,
 * phone signatures dropped, typos within a small edit distance of the reader's own words corrected,
 * and the text cut into clauses. The rest of the reader works on `ReplyText.clean`: lower case,
 * accents folded, one space between tokens, " | " between clauses, emoji as `:name:` tokens.
 */

/** Emoji that carry meaning in a reply, as tokens (the rest become `:emoji:`). */
const EMOJI: [RegExp, string][] = [
  [/[\u2705\u2611\u2714]/gu, ' :check: '],
  [/[\u{1F44D}\u{1F44C}]/gu, ' :thumbsup: '],
  [/\u{1F4AA}/gu, ' :muscle: '],
  [/[\u{1F64F}]/gu, ' :thanks: '],
  [/[\u{1F64C}\u{1F389}\u{1F973}]/gu, ' :cheer: '],
  [/[\u{1F629}\u{1F62B}\u{1F622}\u{1F62D}\u{1F623}\u{1F616}\u{1F61E}\u{1F915}\u{1F912}]/gu, ' :sad: '],
  [
    /[\u{1F602}\u{1F923}\u{1F605}\u{1F60A}\u{1F642}\u{1F600}\u{1F604}\u{1F601}\u{1F606}\u{1F609}\u{1F60D}]/gu,
    ' :smile: ',
  ],
  [/[\u2764\u{1F499}\u{1F49A}\u{1F49B}\u{1F49C}\u{1F5A4}\u{1F9E1}]/gu, ' :heart: '],
];

/** Words a phone's dictation writes for a mark ("Done period pain 4 period"). */
const DICTATED: [RegExp, string][] = [
  [/\b(comma)\b/gi, ','],
  [/\b(full stop|period)(?=\s+\S)/gi, '.'],
  [/\b(full stop|period)\s*$/gi, '.'],
  [/\b(question mark)\b/gi, '?'],
  [/\b(exclamation (mark|point))\b/gi, '!'],
  [/\b(new (line|paragraph))\b/gi, '\n'],
];

/** What phones and mail apps append. */
const SIGNATURES = /\n\s*(sent from my \w+.*|get outlook for \w+.*|enviado desde mi \w+.*)$/i;

export interface ReplyText {
  /** The text as normalised, clause marks kept: the words and marks the patterns read. */
  clean: string;
  /** Tokens of `clean`, without the clause marks. */
  tokens: string[];
  /** Whether the text asks something (a question mark, or ¿). */
  question: boolean;
  /** Clauses (0-based, as `clean.split(' | ')`) that end in "?" or start with "¿". */
  questions: Set<number>;
}

/** Lower case, accents folded (ñ → n), apostrophes joined (didn't → didnt), emoji named. */
export function fold(text: string): string {
  let out = text.replace(SIGNATURES, '');
  for (const [pattern, mark] of DICTATED) out = out.replace(pattern, mark);
  for (const [pattern, name] of EMOJI) out = out.replace(pattern, name);
  return out
    .replace(/\p{Extended_Pictographic}/gu, ' :emoji: ')
    .replace(/\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}|\u200d|\ufe0f/gu, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/(\p{L})'(\p{L})/gu, '$1$2')
    .replace(/\ba ?& ?e\b/g, ' emergency ')
    .replace(/[\u201c\u201d\u00ab\u00bb"]/g, ' " ');
}

/**
 * Tokens and clause marks: words, numbers (decimals and "5/10" kept whole), emoji tokens; a clause
 * ends at . , ; ! ? : a new line or a bracket ("|"). A hyphen between numbers stays ("7-8").
 */
export function toReplyText(text: string, correct: (word: string) => string = (w) => w): ReplyText {
  const folded = unglue(fold(text));
  const question = /[?¿]/.test(folded);
  // Marks are kept as "|" (a clause ends), "|?" (a question ends) and "¿" (a question starts).
  const parts: string[] = [];
  const tokens: string[] = [];
  const pattern = /(:[a-z]+:)|(\d+(?:[.,]\d+)?(?:\s?\/\s?\d+)?)|(\p{L}+)|(\s*-+\s*)|([.,;!?¿¡:\n()[\]]+)/gu;
  for (const match of folded.matchAll(pattern)) {
    const [, emoji, number, word, hyphen, mark] = match;
    const at = match.index!;
    if (emoji) parts.push(emoji);
    else if (number) parts.push(number.replace(/\s/g, '').replace(',', '.'));
    else if (word) parts.push(correct(word));
    else if (hyphen) {
      // "7-8" is a range; "rear-ended" one word's parts; "done - back 3" a clause mark.
      const before = folded.slice(0, at).trimEnd().at(-1) ?? '';
      const after = folded.slice(at + hyphen.length).trimStart()[0] ?? '';
      // A minus sign before a number is kept too ("pain -1" is not a pain of 1).
      if (/\d/.test(after) && (/\d/.test(before) || !/\s$/.test(hyphen))) parts.push('-');
      else if (/\s/.test(hyphen)) parts.push('|');
      continue;
    } else if (mark) {
      // A colon ends nothing ("pain: 7"), except between digits, where it makes a time ("8:00").
      if (/^[:.]$/.test(mark) && isTimeColon(folded, at)) parts.push(':');
      else if (mark !== ':')
        parts.push(mark.includes('?') ? '|?' : '|', ...(mark.includes('¿') ? ['¿'] : []));
      continue;
    }
    tokens.push(parts.at(-1)!);
  }
  const out: string[] = [];
  const questions = new Set<number>();
  let clause = 0;
  for (const part of parts) {
    if (part === '¿') questions.add(clause);
    else if (part === '|' || part === '|?') {
      if (part === '|?' && out.length) questions.add(clause);
      if (out.length && out.at(-1) !== '|') {
        out.push('|');
        clause++;
      }
    } else out.push(part);
  }
  if (out.at(-1) === '|') out.pop();
  return { clean: out.join(' '), tokens, question, questions };
}

/** A number glued to letters that name what it counts ("8pm", "12hr", "3ish", "20th"). */
const NUMBER_UNIT = /^\d+(?:am|pm|hr|hrs|h|th|st|nd|rd|ish|x|kg|kgs|lbs|lb|min|mins|k|yo|s|m)$/;
/** A command glued to its number ("PAIN4", "dolor5"). */
const WORD_NUMBER = /^(?:pain|paim|dolor|lvl|level|delete|borrar)\d+$/;

/**
 * Letters and digits run together that are neither of those ("a9b3f", "2day", a code or a link's
 * token) are a word, not a number: their digits become letters.
 */
function unglue(text: string): string {
  return text.replace(/[\p{L}\d]*(?:\p{L}\d|\d\p{L})[\p{L}\d]*/gu, (run) =>
    NUMBER_UNIT.test(run) || WORD_NUMBER.test(run) ? run : run.replace(/\d/g, 'x'),
  );
}

/** "8:00" or "8.30pm": a colon (or dot) between digits is part of a time, not a clause mark. */
function isTimeColon(text: string, index: number): boolean {
  return /\d/.test(text[index - 1] ?? '') && /\d/.test(text[index + 1] ?? '');
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions, each
 * substring edited once), or `bound + 1` as soon as it must exceed `bound`. Own code, not a
 * library: typos here are mostly swapped letters ("dnoe", "sotp"), which plain Levenshtein (as in
 * fastest-levenshtein) counts as two edits; words are short, so the early exit matters more than
 * raw speed.
 */
export function editDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > bound) return bound + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * A corrector for the reader's own words: a token that is not a target itself, nor a real word
 * near one, and lies one edit from exactly one target becomes that target. Three letters or fewer
 * are never changed; four letters only with the same first letter.
 */
export function corrector(
  targets: readonly string[],
  realWords: ReadonlySet<string>,
): (word: string) => string {
  const known = new Set(targets);
  const cache = new Map<string, string>();
  return (word) => {
    if (known.has(word) || realWords.has(word) || word.length <= 3 || /\d/.test(word)) return word;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    let found: string | undefined;
    let ambiguous = false;
    for (const target of targets) {
      if (word.length === 4 && target[0] !== word[0]) continue;
      if (editDistance(word, target, 1) <= 1) {
        if (found && found !== target) ambiguous = true;
        found = target;
      }
    }
    const result = found && !ambiguous ? found : word;
    cache.set(word, result);
    return result;
  };
}
