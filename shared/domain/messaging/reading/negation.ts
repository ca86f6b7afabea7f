/**
 * Negation scope in the manner of NegEx (Chapman et al., "A simple algorithm for identifying
 * negated findings and diseases in discharge summaries", J Biomed Inform 34:301-310, 2001):
 * trigger words before a finding ("no", "not", "without", "denies", "never", "sin" …) or after it
 * ("gone", "went away"), pseudo-triggers that look like one but are not ("no doubt", "not just"),
 * and a scope that ends at the clause boundary, at a word that turns the sentence ("but",
 * "pero", "still"), or after six words. A trigger inside a matched phrase is part of that phrase
 * ("can't feel", "no puedo orinar", "doesn't ease") and negates nothing else.
 *
 * Two more ways a finding is said without being had now, on the same scopes:
 * - a hypothetical, as NegEx's "possible" triggers: "what if my legs go numb", "should I worry if",
 *   "the physio asked if my legs were weak", "in case", "por si" — the finding is the question's,
 *   not the patient's; the text still goes to the clinic as a message (a question, never silence);
 * - history (ConText's temporality, Harkema et al., J Biomed Inform 42:839-851, 2009): a
 *   finding in a stretch of words that dates it long ago ("years ago", "as a child", "back in
 *   2015", "hace años") or as a past habit ("used to", "solía") with no word bringing it to now
 *   ("again", "now", "today", "since").
 *   "Weeks" and "months ago" stay recent: a fall months ago still counts for an older patient.
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

/**
 * Spanish says a sign went away before naming it ("se me quitó el hormigueo", "ya se fue la
 * fiebre", "desapareció el adormecimiento"): these negate what follows, as "no" does. Not a bare
 * "se me fue" ("se me fue la pierna": the leg gave way).
 */
const PRE_GONE_ES =
  /(?<![^ |])se (?:me |le |nos |les )?(?:quito|quitaron|paso|pasaron|ha quitado|han quitado|ha pasado)(?![^ |])|(?<=(?<![^ |])ya )se (?:me |le |nos |les )?(?:fue|fueron|ha ido|han ido)(?![^ |])|(?<![^ |])desaparecieron?(?![^ |])/g;

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

/**
 * Words after a finding that negate it ("numbness gone", "fever went away", "it's passed now"),
 * said as the end of it: "gone" before a word that says what it became ("legs gone weak") is not.
 */
const POST = new RegExp(
  '^(?:(?:is|has|have|was|were|now|all|completely|totally|since|already|just|pretty much|mostly|finally|ya|ahora|por fin|gracias a dios) )*' +
    '(?:gone|went away|gone away|passed|wore off|worn off|cleared(?: up)?|resolved|disappeared|stopped|' +
    'se (?:me |le |nos )?(?:fue|fueron|quito|quitaron|paso|pasaron|ha ido|ha quitado|ha pasado)|desaparecio|desaparecieron|ya paso)' +
    '(?=$| (?:now|away|completely|totally|thankfully|thank\\w*|since|for good|today|already|again|finally|mostly|overnight|by|after|when|once|lol|haha|:\\w+:|ya|hoy|del todo|por completo|solit[oa]|sol[oa]|gracias\\w*)(?: |$))',
);
/** A clause that ends saying something is over ("… ya no", "… not anymore", "… no longer"). */
const NO_LONGER = /(?:^| )(?:ya no|not any ?more|no more|no longer)$/;
/** The words that refer back to a finding from the words after it ("…, it's gone now"). */
const BACK_REFERENCE = new Set([
  'it',
  'its',
  'that',
  'thats',
  'they',
  'theyre',
  'which',
  'this',
  'eso',
  'esto',
  // Spanish drops the subject: "tuve calentura pero ya se me quitó" (it went away).
  'pero',
  'y',
]);
/**
 * A finding said to be someone else's ("la fiebre es de mi hijo", "the fever is my son's", "no
 * mía"), right after it in its clause: not the patient's.
 */
const SOMEONE_ELSES = new RegExp(
  '^(?:(?:es|era|son|eran|is|was|are|were) (?:de )?|(?:la|lo|las|los) tiene |de )(?:mi|su|my|his|her) (?:hij[oa]s?|espos[oa]|marido|mujer|mama|papa|madre|padre|herman[oa]|niet[oa]|nin[oa]|bebe|son|sons|daughters?|wifes?|husbands?|mums?|moms?|dads?|kids?|babys?)(?: |$)|' +
    '^(?:no (?:es )?mi[oa]s?|not mine)(?: |$)',
);
/** An answer that denies what was asked ("Chills? no."). */
const ANSWER_NO = /^(?:no|nope|nah|none|negative|not really|no no|not at all|nada|ninguno)$/;

/** What ends a hypothetical's or a date's stretch: the clause's end, a word that turns it. */
const TURNS = new Set([
  '|',
  'but',
  'however',
  'although',
  'though',
  'tho',
  'yet',
  'whereas',
  'pero',
  'aunque',
  'sino',
]);
/** Words that end a trigger's scope: the turns, and more. */
const TERMINATORS = new Set([
  ...TURNS,
  'except',
  'still',
  'apart',
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

/**
 * Words after which a finding is supposed, not had: up to the end of the clause or a turning word.
 * Not "don't know if" nor "wondering if" (not knowing is not denying: safety first).
 */
const HYPOTHETICAL = new RegExp(
  '(?<![^ |])(?:what if|worr(?:y|ied|ying) if|(?:should|do|would|must) i (?:do|call|ring|worry) if|' +
    'what (?:happens|should i do|do i do) if|(?:asked|ask|asks|asking) (?:me |us )?(?:if|whether)|' +
    '(?:call|ring|phone|text|tell|contact) (?:you|them|the clinic|someone|999|911|112)? ?(?:if|when)|' +
    'let (?:you|them) know (?:if|when)|in case|just in case|if ever|(?:watch|look) (?:out )?for|' +
    'por si|que (?:pasa|hago) si|y si)(?![^ |])',
  'g',
);
/** Long ago: the finding is history. */
const LONG_AGO = new RegExp(
  '(?<![^ |])(?:(?:\\d+|a few|few|many|some|several|two|three|four|five|ten|twenty|thirty|forty) (?:years?|decades?) ago|' +
    'years ago|decades ago|long (?:time )?ago|ages ago|last year|as a (?:kid|child|boy|girl|teenager|teen)|' +
    'when i was (?:young|younger|little|a (?:kid|child|boy|girl|teenager|teen)|at school|\\d+)|' +
    '(?:back )?in (?:19|20)\\d\\d|hace (?:\\w+ )?(?:anos|decadas|mucho tiempo)|de (?:nino|nina|joven|pequen[oa])|' +
    'el ano pasado|used to|solia|solian)(?![^ |])',
);
/** Words that bring a finding back to now. */
const NOW = new Set([
  'now',
  'again',
  'today',
  'tonight',
  'yesterday',
  'since',
  'still',
  'currently',
  'lately',
  'recently',
  'ahora',
  'hoy',
  'ayer',
  'todavia',
  'otra',
  'week',
  'morning',
]);

/** "No he tenido", "no he sentido": Spanish "he" (have) before a participle, not the English pronoun. */
const spanishPerfect = (word: string, after: string | undefined) =>
  word === 'he' &&
  after !== undefined &&
  /^(?:\w+(?:ado|ido)|hecho|visto|puesto|dicho|vuelto|roto)$/.test(after);

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
  /** Clauses (0-based) that ask something. */
  private readonly questions: ReadonlySet<number>;
  /** Token positions whose word starts a trigger's scope, and how many tokens it covers. */
  private readonly triggers: { at: number; width: number }[] = [];
  /** Token positions where a hypothetical's scope starts. */
  private readonly supposed: number[] = [];

  /**
   * `protectedSpans`: phrases whose own negation words are theirs (they trigger nothing).
   * `findings`: token positions inside a symptom phrase, so "no fever and chills" denies both
   * while "didn't do them and my legs went numb" denies nothing of the second clause.
   */
  constructor(
    clean: string,
    protectedSpans: readonly Span[],
    findings: ReadonlySet<number> = new Set(),
    questions: ReadonlySet<number> = new Set(),
  ) {
    this.items = clean ? clean.split(' ') : [];
    this.findings = findings;
    this.questions = questions;
    const inside = (i: number) => protectedSpans.some((s) => i >= s.start && i < s.end);
    for (const m of clean.matchAll(HYPOTHETICAL)) this.supposed.push(spanOf(clean, m.index, m[0]).end);
    for (const m of clean.matchAll(PRE_GONE_ES)) {
      const { start, end } = spanOf(clean, m.index, m[0]);
      if (!inside(start)) this.triggers.push({ at: start, width: end - start });
    }
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
      // …but the Spanish "no he tenido" (I haven't had) negates: "he" before a participle.
      if (item === 'no' && next && ANSWER_NO_NEXT.has(next) && !spanishPerfect(next, this.items[i + 2]))
        return;
      // "pain zero" is a score, not a negation.
      if (item === 'zero' && /^(?:pain\w*|level|score|dolor)$/.test(this.items[i - 1] ?? '')) return;
      this.triggers.push({ at: i, width: 1 });
    });
  }

  /** A finding not had now: negated, supposed (a hypothetical's scope) or dated long ago. */
  notNow(span: Span): boolean {
    return this.negated(span) || this.hypothetical(span) || this.history(span);
  }

  /** Inside a hypothetical's scope: after it in the clause, no turning word between. */
  private hypothetical(span: Span): boolean {
    return this.supposed.some((from) => {
      if (from > span.start) return false;
      for (let i = from; i < span.start; i++)
        if (this.items[i] === '|' || TERMINATORS.has(this.items[i]!)) return false;
      return true;
    });
  }

  /** In the stretch of words around it (to the clause's end or a turning word), dated long ago. */
  private history(span: Span): boolean {
    const items = this.items;
    let start = span.start;
    while (start > 0 && !TURNS.has(items[start - 1]!)) start--;
    let end = span.end;
    while (end < items.length && !TURNS.has(items[end]!)) end++;
    const stretch = items.slice(start, end);
    return LONG_AGO.test(stretch.join(' ')) && !stretch.some((w) => NOW.has(w));
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
    return this.deniedAfter(span);
  }

  /**
   * Negated by the words after it: right after the phrase ("numbness gone", "the fever has gone",
   * "se me quitó"); by a word that refers back to it within the rest of its clause or the next
   * ("my bum was numb from the bus seat, it's gone now"), no other finding between; or by an
   * answer that denies it when it was asked or listed ("Chills? no.", "fever - no").
   */
  private deniedAfter(span: Span): boolean {
    const items = this.items;
    const clauseEnd = (from: number) => {
      let i = from;
      while (i < items.length && items[i] !== '|') i++;
      return i;
    };
    const end = clauseEnd(span.end);
    if (POST.test(items.slice(span.end, Math.min(end, span.end + POST_SCOPE + 4)).join(' '))) return true;
    if (this.findings.has(span.start) && SOMEONE_ELSES.test(items.slice(span.end, end).join(' ')))
      return true;
    const nextEnd = end < items.length ? clauseEnd(end + 1) : end;
    // "Numb bum from the train, gone now": the next clause, said of it with no word for it.
    const between = Array.from({ length: end - span.end }, (_, k) => span.end + k);
    if (
      end < items.length &&
      !between.some((i) => this.findings.has(i)) &&
      POST.test(items.slice(end + 1, nextEnd).join(' '))
    )
      return true;
    for (let i = span.end; i < Math.min(nextEnd, span.end + 12); i++) {
      if (this.findings.has(i)) break;
      if (BACK_REFERENCE.has(items[i]!) && POST.test(items.slice(i + 1, clauseEnd(i + 1)).join(' ')))
        return true;
      // "antes se me dormían las dos piernas pero desde que hago los ejercicios ya no": a "but"
      // whose clause ends "no longer" says the finding is over.
      if (
        (items[i] === 'pero' || items[i] === 'but') &&
        NO_LONGER.test(items.slice(i + 1, clauseEnd(i + 1)).join(' '))
      )
        return true;
    }
    // An answer: the phrase ends its clause and the answer is the next clause (or ends this one).
    const tail = items.slice(span.end, end).join(' ');
    if (ANSWER_NO.test(tail) && span.start > 0) return true;
    if (tail === '' && end < items.length) {
      let start = span.start;
      while (start > 0 && items[start - 1] !== '|') start--;
      const clause = items.slice(0, start).filter((t) => t === '|').length;
      const asked = this.questions.has(clause) || start === span.start;
      if (asked && ANSWER_NO.test(items.slice(end + 1, nextEnd).join(' '))) return true;
    }
    return false;
  }
}
