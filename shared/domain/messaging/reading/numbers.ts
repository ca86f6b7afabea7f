/**
 * Pain scores in context (pure): which numbers of a reply are a pain score out of 10, and which
 * are a time ("at 8", "8pm"), a count ("2 of 3", "all 5", "2 sessions"), a duration, an age, a
 * weight, a temperature or a code. The person's conventions (test/fixtures/replies/README.md):
 * "from 2 to 6" and "was 2 now 6" → 6, the pain now; a range "7-8" or "4 or 5" → its top; several
 * movements' scores → the highest; "3.5" → 4; "no pain" or "pain free" → 0; number words count
 * ("seven", "siete"); a bare number right after a reminder is a pain score.
 */
import { words } from './patterns.ts';

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  nil: 0,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  cero: 0,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
};
/** "one"/"uno" are numbers only right after a pain word ("the bridge one hurt" is not a score). */
const ONE = new Set(['one', 'uno']);

/** A number followed by one of these is not a score. */
const UNITS = new Set(
  (
    'am pm a.m p.m h hr hrs hour hours min mins minute minutes sec secs seconds day days week weeks month months ' +
    'year years yr yrs yo y pounds lbs lb kilos kilo kg kgs stone st th rd nd reps rep sets set times x mg ml ' +
    'texts text messages message reminders sessions movements exercises stretches people kids children ' +
    'minutos horas hora dias dia semanas semana meses mes anos ano libras veces sesiones ejercicios movimientos ' +
    'oclock degrees c f percent cm km miles mile steps laps floors pills tablets moves move ones goes rounds ' +
    'pictures photos videos left more'
  ).split(' '),
);
/** Units that count things: a bare number beside one counts the same things ("4 moves but I see 3"). */
const COUNTS = new Set(
  'reps rep sets set times texts messages reminders sessions movements exercises stretches moves ones goes rounds pictures photos videos steps laps pills tablets veces sesiones ejercicios movimientos'.split(
    ' ',
  ),
);
/** A number right after one of these is not a score ("at 8", "session 2", "all 3", "im 81"). */
const NOT_AFTER = new Set(
  (
    'at till until til before after by las los session sesion day dia week exercise ejercicio movement number no ' +
    'step version room page all todos todas todo did hice im aged age temp temperature lost gained baje perdi ' +
    'call dial every cada x el the stage video foto picture photo ejercicios last first next other both says ' +
    'shows show do does doing'
  ).split(' '),
);
/** "10/10 for effort": a rating of something other than the pain. */
const RATED_ELSE =
  /^(?:effort|trying|motivation|attitude|style|commitment|the (?:app|service|texts|reminders|idea|videos|pictures|plan)|la (?:app|aplicacion)|el (?:esfuerzo|servicio))$/;
const PAIN_WORD = /^(?:pain\w*|paim|dolor\w*|duele\w*|hurt\w*|sore\w*|ach\w*|level|score|rating|rate|nivel)$/;
/** Words that make the next number the pain of the past, not of now. */
const PAST = new Set([
  'was',
  'were',
  'yesterday',
  'earlier',
  'before',
  'from',
  'during',
  'ayer',
  'antes',
  'era',
  'estaba',
  'started',
  'used',
  'last',
]);
const NOW = new Set([
  'now',
  'today',
  'ahora',
  'ahorita',
  'orita',
  'hoy',
  'currently',
  'still',
  'sigue',
  'tonight',
]);
/** "6 y medio", "6 and a half": the half rounds up (the README's "3.5" → 4). */
const AND_A_HALF = /^(?:y medio|and a half|y pico)$/;

export const NO_PAIN = words(
  `no pain(?! (?:meds|medication|killers?|relief|relievers?|pills))|pain ?free|free (?:of|from) (?:any |the )?pain|without (?:any )?pain|sin dolor|zero pain|ningun dolor|nada de dolor|(?:the )?pain (?:has |is )?(?:stopped|gone|went away|disappeared|vanished)(?! \\w+ing)|(?:ya )?no (?:me |le )?duele(?! (?:tanto|mucho|as much|so much))|doesnt hurt(?! (?:as|so) much)|no hurt\\w*`,
);

export interface PainReading {
  /** The pain score to log, 0 to 10, or undefined when the text gives none. */
  score?: number;
  /** The text speaks of pain with a number out of range ("pain 12") or no number ("sore"). */
  unsure?: 'out-of-range' | 'no-number';
  /** The words it rests on. */
  words: string;
  /** Token positions the score's words take (other intents leave them alone). */
  tokens: number[];
  /** How sure: 1 "pain 5", 0.9 "5/10", 0.7 a bare number after a reminder. */
  confidence: number;
}

interface Candidate {
  at: number;
  value: number;
  /** Said with its scale ("5/10", "5 out of 10") or right after a pain word. */
  cued: boolean;
  past: boolean;
}

const isNumber = (token: string | undefined) =>
  token !== undefined && (/^\d+$/.test(token) || token in NUMBER_WORDS || ONE.has(token));

function valueOf(token: string, previous: string | undefined): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(token)) return Math.ceil(Number(token));
  if (token in NUMBER_WORDS) return NUMBER_WORDS[token];
  if (ONE.has(token) && previous !== undefined && PAIN_WORD.test(previous)) return 1;
  return undefined;
}

/**
 * The pain score of a reply, if it gives one. `afterReminder`: the text answers a session reminder,
 * where a number alone (not a time, count or the like) is a pain score.
 */
export function readPain(
  clean: string,
  afterReminder: boolean,
  exclude: ReadonlySet<number> = new Set(),
): PainReading | undefined {
  const items = clean ? clean.split(' ') : [];
  const candidates: Candidate[] = [];
  let outOfRange = false;
  const painWordAt = (i: number) => {
    for (let j = i - 1; j >= Math.max(0, i - 5); j--) {
      if (items[j] === '|') return false;
      if (PAIN_WORD.test(items[j]!)) return true;
    }
    return false;
  };
  // "on a scale of 1-10", "0 to 10": the scale, not a score.
  const scale = new Set<number>();
  items.forEach((item, i) => {
    if (/^[01]$/.test(item) && (items[i + 1] === '-' || items[i + 1] === 'to') && items[i + 2] === '10') {
      const before = items.slice(Math.max(0, i - 3), i).join(' ');
      if (/scale|from|of/.test(before) || /^(?:its|it|is|id|i|im)$/.test(items[i + 3] ?? ''))
        [i, i + 1, i + 2].forEach((k) => scale.add(k));
    }
  });
  items.forEach((item, i) => {
    if (exclude.has(i) || scale.has(i)) return;
    const slash = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(item);
    const prev = items[i - 1];
    const next = items[i + 1];
    if (slash) {
      if (slash[2] !== '10') return; // a date or a fraction
      const rated = [items[i + 2] ?? '', items.slice(i + 2, i + 4).join(' ')];
      if (/^(?:for|para|por)$/.test(next ?? '') && rated.some((r) => RATED_ELSE.test(r))) return;
      const value = Math.ceil(Number(slash[1]));
      if (value <= 10) candidates.push({ at: i, value, cued: true, past: false });
      else outOfRange = true;
      return;
    }
    // "one" alone after a reminder is a score like any number alone.
    const whole = ONE.has(item) && items.length === 1 && afterReminder ? 1 : valueOf(item, prev);
    if (whole === undefined) return;
    const half = AND_A_HALF.test(items.slice(i + 1, i + (next === 'and' ? 4 : 3)).join(' '));
    const value = half ? whole + 1 : whole;
    // "seven/ten" (the slash read as a space): the ten is the scale.
    if (
      (item === 'ten' || item === 'diez') &&
      prev !== undefined &&
      valueOf(prev, items[i - 2]) !== undefined
    )
      return;
    // "5 out of 10", "5 de 10", "5 sobre 10": a score; its "10" is the scale.
    const outOf =
      (next === 'out' && items[i + 2] === 'of' && items[i + 3] === '10') ||
      ((next === 'de' || next === 'sobre') && items[i + 2] === '10');
    if (items[i - 1] === 'of' && items[i - 2] === 'out') return;
    if ((prev === 'de' || prev === 'sobre') && item === '10' && /^\d+$/.test(items[i - 2] ?? '')) return;
    const cuedByWord =
      painWordAt(i) ||
      prev === 'a' ||
      prev === 'un' ||
      prev === 'like' ||
      prev === 'maybe' ||
      prev === 'about';
    // "del 3 al 10": dates, not scores.
    if (prev === 'del' || (prev === 'al' && items[i - 3] === 'del')) return;
    if (!outOf) {
      // "7 y ahora 5": the Spanish "and", not years ("7 y old").
      const spanishAnd = next === 'y' && !/^(?:o|old|ago)$/.test(items[i + 2] ?? '');
      if (next !== undefined && UNITS.has(next) && !spanishAnd) return;
      if (next === ':' || prev === ':') return;
      if (prev !== undefined && NOT_AFTER.has(prev) && !(prev === 'at' && painWordAt(i - 1))) return;
      // "2 of 3", "3 of the 5", "2 de 3": a count.
      if (
        (next === 'of' || next === 'de') &&
        (/^(?:\d+|the|my|mis|los|las|them|all)$/.test(items[i + 2] ?? '') || isNumber(items[i + 2]))
      )
        return;
      if ((prev === 'of' || prev === 'de') && isNumber(items[i - 2])) return;
      if ((prev === 'of' || prev === 'de') && (items[i - 2] === 'the' || items[i - 2] === 'los')) return;
    }
    // "pain -1": a minus sign is not part of a score.
    if (prev === '-' && !/^\d/.test(items[i - 2] ?? '')) {
      if (painWordAt(i)) outOfRange = true;
      return;
    }
    if (value > 10) {
      if (painWordAt(i)) outOfRange = true;
      return;
    }
    let past = false;
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      if (items[j] === '|' || NOW.has(items[j]!) || /^\d/.test(items[j]!) || items[j] === 'to') break;
      if (PAST.has(items[j]!)) past = true;
    }
    // "7 yesterday, 4 today": said of the past after it.
    if (
      /^(?:yesterday|earlier|before|ayer|antes)$/.test(next ?? '') ||
      (next === 'last' && /^(?:night|week)$/.test(items[i + 2] ?? ''))
    )
      past = true;
    // "de 6 a 3", "from 2 to 6": the first is where it was.
    if (
      (prev === 'de' || prev === 'from') &&
      (next === 'a' || next === 'to') &&
      /^\d/.test(items[i + 2] ?? '')
    )
      past = true;
    candidates.push({ at: i, value, cued: outOf || cuedByWord, past });
  });
  // A count said with its noun makes a bare number in its clause a count of the same (ellipsis:
  // "shows 4 moves but I see 3"); a number in a clause of its own stays a score ("did all 5, 3").
  const clauseAt = (i: number) => items.slice(0, i).filter((t) => t === '|').length;
  const counted = new Set(
    items.flatMap((item, i) =>
      valueOf(item, items[i - 1]) !== undefined && COUNTS.has(items[i + 1] ?? '') ? [clauseAt(i)] : [],
    ),
  );
  for (let k = candidates.length - 1; k >= 0; k--) {
    const c = candidates[k]!;
    if (!c.cued && !painWordAt(c.at) && counted.has(clauseAt(c.at))) candidates.splice(k, 1);
  }
  const zero = NO_PAIN.exec(clean);
  const cued = candidates.filter((c) => c.cued);
  const mentionsPain = items.some((item) => PAIN_WORD.test(item));
  const usable = mentionsPain || afterReminder ? candidates : cued;
  if (usable.length === 0) {
    if (zero) {
      const start = clean.slice(0, zero.index).split(' ').length - 1;
      const tokens = zero[0].split(' ').map((_, k) => start + k);
      return { score: 0, words: zero[0], tokens, confidence: 0.9 };
    }
    if (outOfRange) return { unsure: 'out-of-range', words: clean, tokens: [], confidence: 0.5 };
    return undefined;
  }
  // The pain now: a score said as now ("pain 4 now 2"), else any not said as past, else any.
  const saidNow = usable.filter((c) => NOW.has(items[c.at - 1] ?? '') || NOW.has(items[c.at - 2] ?? ''));
  const notPast = usable.filter((c) => !c.past);
  const pool = saidNow.length ? saidNow : notPast.length ? notPast : usable;
  const chosen = pool.reduce((best, c) => (c.value > best.value ? c : best));
  const sure = chosen.cued || mentionsPain;
  return {
    score: chosen.value,
    words: items
      .slice(Math.max(0, chosen.at - 2), chosen.at + 1)
      .filter((t) => t !== '|')
      .join(' '),
    // The numbers and the pain words they answer ("hurt like a 6", "back is about a 5").
    tokens: [
      ...usable.flatMap((c) => labelOf(items, c.at)),
      ...items.flatMap((item, i) => (PAIN_WORD.test(item) ? [i] : [])),
    ],
    confidence: sure ? 0.95 : 0.7,
  };
}

/**
 * A score's number and the words right before it in its clause that name what it scores ("knee
 * hug 3", "back 3 hamstring 5", "it's a 4"): at most three, back to the previous number.
 */
function labelOf(items: readonly string[], at: number): number[] {
  const out = [at];
  for (let j = at - 1; j >= Math.max(0, at - 3); j--) {
    if (items[j] === '|' || /^\d/.test(items[j]!)) break;
    out.push(j);
  }
  return out;
}
