/**
 * Negation scope in the manner of NegEx (Chapman et al., "A simple algorithm for identifying
 * negated findings and diseases in discharge summaries", J Biomed Inform 34:301-310, 2001):
 * trigger words before a finding ("no", "not", "without", "denies", "never", "sin" …) or after it
 * ("gone", "went away"), pseudo-triggers that look like one but are not ("no doubt", "not just"),
 * and a scope that ends at the clause boundary, at a word that turns the sentence ("but",
 * "pero", "still"), or after six words. A trigger inside a matched phrase is part of that phrase
 * ("can't feel", "no puedo orinar", "doesn't ease") and negates nothing else.
 *
 * Works on `ReplyText.clean` (tokens separated by one space, "|" between clauses).
 */

/** Words that negate what follows (single tokens, apostrophes already joined: didn't → didnt). */
const PRE = new Set([
  'no',
  'not',
  'never',
  'without',
  'denies',
  'deny',
  'denied',
  'nor',
  'neither',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'havent',
  'hasnt',
  'hadnt',
  'aint',
  'none',
  'nothing',
  'nobody',
  'noone',
  'zero',
  'sin',
  'nunca',
  'ni',
  'tampoco',
  'ningun',
  'ninguna',
  'nada',
]);

/** Two-word triggers. */
const PRE_PAIRS = new Set([
  'free of',
  'negative for',
  'absence of',
  'ya no',
  'no longer',
  'rule out',
  'no one',
]);

/** Look like a trigger, negate nothing: the next word tells. */
const PSEUDO_NEXT = new Set([
  'doubt',
  'sure',
  'idea',
  'just',
  'only',
  'matter',
  'certain',
  'problem',
  'worries',
  'change',
  'way',
  'wonder',
  'thanks',
  'thank',
  'sorry',
  'ok',
  'okay',
  'yes',
  // Not knowing is not denying: "don't know if it's a fever" (safety first).
  'know',
  'think',
  'remember',
]);

/**
 * An English "no" before a pronoun or an interjection is an answer ("No I can't feel my legs"),
 * not a negation of what follows.
 */
const ANSWER_NO_NEXT = new Set([
  'i',
  'im',
  'ive',
  'id',
  'my',
  'we',
  'he',
  'she',
  'it',
  'its',
  'they',
  'you',
  'u',
  'mum',
  'mom',
  'dad',
  'the',
]);

/** Words after a finding that negate it ("numbness gone", "fever went away"). */
const POST =
  /^(?:(?:is|has|have|was|now|all|completely) )*(?:gone|went away|resolved|cleared up|se fue|se (?:me )?quito)(?: |$)/;

/** Words that end a trigger's scope. */
const TERMINATORS = new Set([
  '|',
  'but',
  'however',
  'although',
  'though',
  'tho',
  'yet',
  'except',
  'still',
  'apart',
  'whereas',
  'pero',
  'aunque',
  'sino',
  'excepto',
  'todavia',
  'aun',
  'sigo',
  'sigue',
  'because',
  'cause',
  'cuz',
  'coz',
  'bc',
  'since',
  'as',
  'so',
  'which',
  'porque',
  'ya que',
  'asi que',
]);

/** An emoji ends a clause as a mark does ("I wasn't on it 😅 done"). */
const ends = (item: string, next?: string) =>
  TERMINATORS.has(item) ||
  /^:\w+:$/.test(item) ||
  ((item === 'and' || item === 'y') && next !== undefined && AND_NEW_CLAUSE.test(next));
/** "without trying and getting chills": "and" before a verb starts a clause of its own. */
const AND_NEW_CLAUSE =
  /^(?:\w+ing|i|im|ive|my|have|has|had|now|then|got|get|gets|feel|feels|tengo|me|ahora)$/;

const JOINERS = new Set(['and', 'y', 'plus', '&', 'then', 'luego']);
const SUBJECTS = new Set([
  'i',
  'im',
  'ive',
  'id',
  'my',
  'he',
  'she',
  'hes',
  'shes',
  'we',
  'they',
  'mum',
  'mom',
  'dad',
  'tengo',
  'tiene',
  'tenemos',
  'estoy',
  'mi',
  'mis',
]);

const SCOPE = 6;
const POST_SCOPE = 3;

/** A matched phrase, as token positions [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** Token position of a character offset in `clean` (tokens are separated by single spaces). */
export function tokenAt(clean: string, charIndex: number): number {
  let count = 0;
  for (let i = 0; i < charIndex && i < clean.length; i++) if (clean[i] === ' ') count++;
  return count;
}

/** The token span of a regex match in `clean`. */
export function spanOf(clean: string, index: number, text: string): Span {
  const start = tokenAt(clean, index);
  const end = tokenAt(clean, index + text.trimEnd().length) + 1;
  return { start, end };
}

export class Negation {
  private readonly items: string[];
  private readonly findings: ReadonlySet<number>;
  /** Token positions whose word starts a trigger's scope, and how many tokens it covers. */
  private readonly triggers: { at: number; width: number }[] = [];

  /**
   * `protectedSpans`: phrases whose own negation words are theirs (they trigger nothing).
   * `findings`: token positions inside a symptom phrase, so "no fever and chills" denies both
   * while "didn't do them and my legs went numb" denies nothing of the second clause.
   */
  constructor(clean: string, protectedSpans: readonly Span[], findings: ReadonlySet<number> = new Set()) {
    this.items = clean ? clean.split(' ') : [];
    this.findings = findings;
    const inside = (i: number) => protectedSpans.some((s) => i >= s.start && i < s.end);
    this.items.forEach((item, i) => {
      if (inside(i)) return;
      const next = this.items[i + 1];
      const pair = next ? `${item} ${next}` : '';
      if (PRE_PAIRS.has(pair) && !inside(i + 1)) {
        this.triggers.push({ at: i, width: 2 });
        return;
      }
      if (!PRE.has(item)) return;
      if (next && PSEUDO_NEXT.has(next)) return;
      if (item === 'no' && next && ANSWER_NO_NEXT.has(next)) return;
      // "pain zero" is a score, not a negation.
      if (item === 'zero' && /^(?:pain\w*|level|score|dolor)$/.test(this.items[i - 1] ?? '')) return;
      this.triggers.push({ at: i, width: 1 });
    });
  }

  /** Whether the phrase at `span` is negated by a trigger before it or a word after it. */
  negated(span: Span): boolean {
    for (const trigger of this.triggers) {
      const from = trigger.at + trigger.width;
      if (from > span.start || span.start - from >= SCOPE) continue;
      let open = true;
      for (let i = from; i <= span.start && open; i++) {
        const item = this.items[i]!;
        // A new subject after the negated words: "I didn't do them my legs are numb".
        if (i > from && SUBJECTS.has(item)) open = false;
        if (i === span.start) break;
        if (ends(item, this.items[i + 1])) open = false;
        // "and" after anything but a finding starts a clause of its own.
        else if (JOINERS.has(item) && !this.findings.has(i - 1)) open = false;
      }
      if (open) return true;
    }
    // Right after the phrase: "numbness gone", "the fever has gone", "se me quitó".
    const after = this.items.slice(span.end, span.end + POST_SCOPE + 1).join(' ');
    if (POST.test(after.split(' | ')[0]!)) return true;
    return false;
  }
}
