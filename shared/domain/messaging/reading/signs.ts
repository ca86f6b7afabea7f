/**
 * Red-flag signs composed from their parts (pure). Patients describe the cauda equina and
 * neurological signs around the houses — "can't feel the paper when I wipe", "my bottom and the
 * inside of my legs feel numb", "keep tripping over my own foot, it drags behind", "I sit on the
 * toilet and the water will not come", "things don't work in the bedroom" — so a list of whole
 * phrases misses most of them. Here each is two parts found on their own and composed:
 *
 * - a **sensation** (numb, tingling, pins and needles, no feeling, can't feel, feels dead, not mine,
 *   asleep, funny) × the **place** it is felt: the saddle (groin, bottom, down there, where I sit,
 *   the paper when I wipe) → saddle numbness; a sexual organ → saddle numbness and sexual function;
 *   sex (during sex, when intimate) → sexual function; both legs (both, plural legs or feet, from
 *   the waist down) → both legs; one leg, a hand or the back → no flag (sciatica is not one);
 * - a **leg or foot** × a **motor failure** (drags, catches, slaps, flops, gives way, buckles, weak,
 *   won't lift, trips over) → leg weakness;
 * - **passing urine** (pee, wee, pass water, the stream, the water on the toilet) × a **difficulty**
 *   (can't, trouble, have to push, won't come, nothing comes out, only a trickle, takes ages to
 *   start, weak) → urinary retention;
 * - **sex** × a **failure** (don't work, nothing happens, can't perform) → sexual function.
 *
 * Parts compose within a clause; a part that needs a place and has none in its clause takes the
 * nearest clause that has one ("Where I sit, the skin is like not mine. No feeling."): `reach` says
 * how far (strong words anywhere in the text, vague ones — "funny", "asleep", "weak" — only in their
 * own clause). A place someone else's ("my hand", "my back") is a place too, so a sensation there
 * never borrows the legs from another clause. Negation (negation.ts) judges every part: a denied
 * sensation or a denied place composes nothing ("nothing wrong with my legs but my bum is numb" is
 * saddle numbness alone).
 */
import type { RedFlagId } from '../../plan/rules.ts';
import { spanOf, type Span } from './negation.ts';
import { any, matchesOf, words } from './patterns.ts';

/** Where a sensation or a failure is: the part of the body (or the occasion) it is said of. */
export type PlaceKind = 'genital' | 'saddle' | 'sex' | 'both-legs' | 'leg' | 'both' | 'other';
/** What happens there. */
export type ActKind = 'sensory' | 'motor' | 'void' | 'difficulty' | 'flow' | 'toilet' | 'function';
export type PartKind = PlaceKind | ActKind;

export interface Part {
  kind: PartKind;
  /** How many clauses away its place may be (0: its own; 1: the next one either side; 9: any). */
  reach: number;
  span: Span;
  text: string;
  clause: number;
}

const POSS = '(?:my |his |her |the |your |both |both of my |mis |sus |el |la |los |las )?';

/** The places, most specific first: a longer or more specific place wins an overlap. */
const PLACES: readonly [PlaceKind, string][] = [
  ['genital', any('penis', 'vagina', 'clitoris', 'clit', 'dick', 'cock', 'pene')],
  [
    'saddle',
    any(
      'groin',
      'genital\\w*',
      'privates?',
      'private (?:parts?|area|bits|region)',
      'down (?:below|there|under)',
      'bum',
      'butt(?: cheeks?)?',
      'buttocks?',
      'bottom(?! of)',
      'backside',
      'rear end',
      'saddle(?: area| region)?',
      'inner thighs?',
      `insides? of ${POSS}(?:legs|thighs?)`,
      `inside ${POSS}(?:legs|thighs?)`,
      'crotch',
      'perineum',
      'taint',
      'back passage',
      'anus',
      'bits',
      'nether regions',
      'undercarriage',
      'vulva',
      'labia',
      'scrotum',
      'testicles',
      'balls',
      'where (?:i|you|he|she) sits?',
      '(?:sitting|seat) area',
      'sit (?:bones|area)',
      `between ${POSS}(?:legs|thighs|cheeks)`,
      // Wiping, the paper, the seat: felt where one sits.
      '(?:when|while|after) (?:i |he |she )?(?:wipe|wiping|clean (?:myself|himself|herself|up))',
      'wip(?:e|ing)',
      'clean(?:ing)? (?:myself|himself|herself) after',
      'toilet (?:paper|seat|roll)',
      '(?<=feel (?:the )?)(?:paper|seat)',
      'partes? intimas?',
      `(?:mis|las|sus|tus) partes(?: ${any('intimas', 'nobles', 'privadas', 'de abajo')})?`,
      'partes (?:nobles|privadas)',
      // "la parte de abajo": down below, not the lower back ("la parte de abajo de la espalda").
      '(?:la )?(?:parte|zona) de abajo(?! de (?:la |mi |su )?espalda)',
      '(?:cuando|al) (?:me |se )?limpi\\w*',
      `(?:la )?parte (?:de adentro|de dentro|interna|interior) de ${POSS}(?:piernas|muslos)`,
      'zona (?:intima|genital)',
      'entrepierna',
      'nalgas?',
      'genitales',
      '(?:ahi|alla) abajo',
      // Felt where one sits: "no siento nada al sentarme en el inodoro".
      'al sentarme',
      'inodoro',
      'trasero',
      'culo',
      'cola',
      'pompis',
      `entre ${POSS}piernas`,
      'cara interna de (?:los |mis )?muslos',
      'donde me siento',
      'ano',
      'perine',
      'testiculos',
      'al limpiarme',
      'papel(?: higienico)?',
    ),
  ],
  [
    'sex',
    any(
      '(?:during|in|having|after|with) sex',
      'sex(?:ually)?',
      'intimate(?: with \\w+)?',
      'intimacy',
      'making love',
      'in bed with (?:my |her |him )?\\w+',
      'in the bedroom',
      'orgasm\\w*',
      'climax\\w*',
      '(?:durante|en) el sexo',
      'sexo',
      'relaciones',
      'con mi (?:pareja|esposo|esposa|marido|mujer)',
      'haciendo el amor',
      'en la cama',
    ),
  ],
  [
    'both-legs',
    any(
      `both (?:of )?(?:my |his |her |the )?(?:legs|feet|thighs|calves|shins|knees|ankles)`,
      `${POSS}(?:two |2 )?(?:legs|feet|thighs|calves|shins)`,
      '(?:from|below) the waist(?: down)?',
      'waist down',
      '(?:las dos|ambas|mis|las|sus) piernas',
      '(?:los dos|ambos|mis|los|sus) pies',
      'piernas',
      'pies',
      'de la cintura (?:para|hacia) abajo',
    ),
  ],
  [
    'leg',
    any(
      `${POSS}(?:(?:right|left|other|one|bad) )?(?:leg|foot|knee|calf|thigh|ankle|shin|heel|toes?|big toe|sole)`,
      'one leg',
      '(?:the |my )?(?:right|left|other) one',
      '(?:the )?(?:floor|ground)',
      '(?:la |el |mi )?(?:pierna|pie|rodilla|tobillo|muslo|pantorrilla|talon)(?: (?:derech|izquierd)[oa])?',
      'dedos? del pie',
    ),
  ],
  ['both', any('both(?: of (?:them|em))?', 'both sides', 'ambos', 'ambas', 'las dos', 'los dos')],
  [
    'other',
    any(
      `${POSS}(?:lower |upper |middle )?(?:back|spine|neck|shoulders?|arms?|hands?|fingers?|thumbs?|wrists?|elbows?|face|lips?|tongue|head|chest|stomach|belly|tummy|hips?|ribs?|side)`,
      '(?:la |el |mi |mis )?(?:espalda|brazos?|manos?|dedos de la mano|cara|cuello|hombros?|cadera|cabeza|pecho|barriga)',
    ),
  ],
];

/** Nouns that are not a place: "can't feel the stretch" is not numbness. */
const FELT_THINGS = `(?:the|a|an|any|that|this|like|much of a) (?!thing\\b|${PLACES.filter(
  ([k]) => k !== 'other' && k !== 'both' && k !== 'sex',
)
  .map(([, p]) => p)
  .join('|')})`;

/** What happens there: [kind, reach, pattern]. */
const ACTS: readonly [ActKind, number, string][] = [
  // Sensations: strong words borrow a place from any clause, vaguer ones from the next one or none.
  [
    'sensory',
    9,
    any(
      'numb(?!er)\\w*',
      'tingl\\w*',
      'pins (?:and|n|&) needles',
      'no (?:feeling|sensation)',
      // "I don't have any feeling in my bum": the no is the sign's, not a denial of it.
      '(?:dont|do not|doesnt|does not|didnt|did not|havent|hasnt|cant|cannot) (?:have |has |get |got )?(?:any |much )?(?:feeling|sensation)',
      '(?:lost|lose|losing|loss of) (?:all )?(?:the |my )?(?:feeling|sensation)',
      `(?:cant|cannot|can not|couldnt|could not|unable to) feel(?! ${FELT_THINGS})`,
      '(?:dont|do not|didnt|did not) feel (?:anything|a thing)',
      'feel nothing',
      'nothing there',
      // "Ya no siento adormecida la pierna", "no siento nada raro": a sensation denied, not none felt.
      `(?:no|ya no|tampoco) (?:siento|siente|sentia|senti|sintio|noto|nota)(?! (?:nada )?${any('raro', 'malo', 'extrano', 'diferente', 'adormec\\w*', 'entumec\\w*', 'entumid\\w*', 'dormid\\w*', 'hormigue\\w*', 'cosquill\\w*', 'ardor', 'dolor', 'molestia\\w*')})(?: nada)?(?! ${any('el', 'la', 'los', 'las', 'un', 'una')} (?!${any('zona', 'parte', 'partes', 'pierna', 'piernas', 'pie', 'pies', 'nalgas?', 'entrepierna', 'papel')}))`,
      'sin (?:sensibilidad|sensacion)',
      '(?:perdi|he perdido|perdiendo) (?:la |toda la )?(?:sensibilidad|sensacion)',
      'entumec\\w*',
      'entumid[oa]s?',
      'anestesiad[oa]s?',
      'adormec\\w*',
      'acorchad[oa]s?',
      'hormigue\\w*',
      'cosquille\\w*',
    ),
  ],
  [
    'sensory',
    1,
    any(
      '(?:feels?|felt|feeling|is|are|gone|went|goes|go) (?:kind of |sort of |a bit |all |really |so |completely |totally |like )?dead(?! (?:tired|easy|good|on|set|sure|serious|slow|beat|bored|heavy))',
      'dead feeling',
      '(?:is |are |feels? |felt )?like (?:it is |its |they are |theyre |it was )?not (?:mine|my own|part of me)',
      '(?:doesnt|dont|does not|do not) feel like (?:mine|my own|its mine|part of me|they are mine)',
      'como si no (?:fuera|fueran) mi[oa]s?',
      '(?:like|as if) (?:it (?:is|was|belongs to) |its |they are |theyre )?(?:someone|somebody|some one) elses',
      'como (?:dormid[oa]s?|muert[oa]s?)',
      'like ants(?: crawling)?',
      'ants crawling',
    ),
  ],
  [
    'sensory',
    0,
    any(
      'dormid[oa]s?',
      // "Se me duermen las piernas": dormirse, in any person or tense, is going numb.
      'se (?:me|le|nos|les) (?:han |ha )?(?:duerme|duermen|durmio|durmieron|dormido|dormia|dormian)',
      'buzzing',
      'fizzing',
      'crawling',
      'prickl\\w*',
      '(?:feels?|felt|feeling) (?:kind of |sort of |a bit |really |so |all )?(?:funny|weird|strange|odd|wrong)',
      '(?:fell|falling|falls|gone|goes|went|going|keeps? falling|keeps? going) (?:to )?(?:a)?sleep',
      'asleep',
    ),
  ],
  // Motor failures of a leg or foot.
  [
    'motor',
    1,
    any(
      // Not the idiom ("dragging my feet on the exercises") nor oneself ("dragged myself out").
      'drag(?:s|ged|ging)?(?! (?:my|his|her|our|their) feet)(?! (?:myself|himself|herself))',
      'arrastr\\w*',
      '(?:foot|feet|toes?) (?:keeps? |is |are )?drop(?:s|ped|ping)?',
      'drop ?foot',
      'foot ?drop',
      'catch(?:es|ing)? on',
      'caught on',
      'slap(?:s|ped|ping)?',
      'flop(?:s|ped|ping|py)?',
      '(?:gave|give|gives|giving|keeps? giving) (?:way|out)(?! of)',
      '(?:knees?|legs?) (?:went|goes|keeps? going)(?: out| from under me|(?= \\||$))',
      'buckl\\w*',
      'collaps\\w*',
      '(?:goes|went|go|going) (?:out )?from under me',
      '(?:trip\\w*|stumbl\\w*) (?:over|on) (?:my |his |her )?(?:own )?(?:(?:left|right|bad|weak) )?(?:foot|feet|toes?)',
      '(?:wont|doesnt|does not|will not|cant|cannot|can not|couldnt|wouldnt|unable to|not able to|struggl\\w* to|trouble) (?:lift\\w*|rais\\w*|mov\\w*|bend\\w*|hold me|take my weight|go up|point|pick (?:it |them )?up|flex\\w*|stand on)',
      '(?:wont|doesnt|dont|does not|do not|will not|wouldnt) work',
      'no (?:strength|power)',
      '(?:lost|losing|lose) (?:the |all |my )?(?:strength|power)',
      'se me (?:dobla|doblan|falla|fallan|va|van|cae)',
      '(?:me )?(?:tropiezo|tropece|tropezando|tropiezan) con (?:mi |el |los |mis )?(?:propio |propios )?(?:pies?|punta)',
      '(?:no|ya no|tampoco) (?:puedo|puede|pude) (?:ni )?(?:levantar|mover|doblar)',
      '(?:sin|no tengo|no tiene) fuerza',
      'no (?:me )?responde\\w*',
    ),
  ],
  [
    'motor',
    0,
    any(
      'weak\\w*',
      'heavy',
      'like jelly',
      'jelly',
      'wobbly',
      'floppy',
      'debil\\w*',
      'floj[oa]s?',
      'pesad[oa]s?',
    ),
  ],
  // Passing urine, and what makes it hard.
  [
    'void',
    0,
    any(
      'pee(?:s|d|ing)?',
      'wee(?:s|d|ing)?(?! (?:bit|while|one|ones|hours|lad|lass|bairn|drop))',
      'urinat\\w*',
      'urine',
      'pass(?:ing)? (?:urine|water)',
      'empty(?:ing)? (?:my |his |her |the )?bladder',
      '(?:the |my |his |her )?(?:urine |pee )?(?:flow|stream)',
      'go to the (?:toilet|bathroom|loo)',
      'orinar',
      'orino',
      '(?:la )?orina',
      'hacer (?:pis|pipi)',
      'mear',
      'hacer del uno',
    ),
  ],
  [
    'toilet',
    0,
    any('toilet', 'loo', 'bathroom', 'restroom', 'bladder', 'water works', 'waterworks', 'bano', 'vejiga'),
  ],
  [
    'difficulty',
    0,
    any(
      '(?:cant|cannot|can not|couldnt|could not|unable to|not able to|havent been able to|hard to|difficult to|struggl\\w*(?: to)?|trouble|difficulty|problems?|issues?)(?! (?:stop|hold|control))',
      '(?:no|ya no|tampoco) (?:puedo|puede|pude|pudo|podia|he podido|ha podido|logro|logra)',
      'sin poder',
      'me cuesta',
      'dificultad para',
      '(?:is|its|are|was|gets|getting|has been|have been|been) (?:so |really |very |quite )?(?:hard|difficult|a struggle|an effort)',
      '(?:takes?|took|taking) (?:ages|forever|a long time|so long|a while) to (?:get|start)',
    ),
  ],
  ['flow', 0, any('weak(?:er)?', 'slow(?:er)?', 'thin', 'debil', 'lent[oa]')],
  [
    'flow',
    1,
    any(
      '(?:wont|will not|doesnt|does not|didnt|did not|wouldnt|would not) (?:come|come out|start|flow|go|empty)',
      'nothing (?:comes?|came|coming)(?: out)?',
      'only (?:a )?(?:trickle|dribble|few drops|drops?)',
      'trickl\\w*',
      'dribbl\\w*',
      '(?:takes?|took|taking) (?:ages|forever|a long time|so long|a while) to (?:start|come|go|get going)',
      'stops? and starts?',
      '(?:have|had|has) to (?:really )?(?:push|strain)(?: and (?:push|strain))?',
      'push(?:ing)? and push\\w*',
      'strain\\w* to',
      'no (?:me )?sale(?: nada)?',
      'gota a gota',
      'tengo que (?:empujar|apretar|hacer fuerza|pujar)',
      '(?:sale|salen|sale solo) (?:muy )?(?:poquit[oa]|poco|gotitas|unas gotas|un chorrito)',
    ),
  ],
  // Sex, and what no longer works.
  [
    'function',
    0,
    any(
      '(?:things?|it|nothing|everything) (?:dont|doesnt|wont|isnt|arent|do not|does not|will not) (?:work|working|happen|happening)',
      'nothing (?:happens|works|happening|working)',
      '(?:not|no longer) (?:working|functioning)',
      '(?:cant|cannot|couldnt|unable to) (?:perform|get aroused|finish|manage|do anything|get hard)',
      'no funciona\\w*',
      'no (?:puedo|pude) (?:hacer nada|cumplir)',
    ),
  ],
];

const PLACE_PATTERNS = PLACES.map(([kind, source]) => ({ kind, pattern: words(source) }));
const ACT_PATTERNS = ACTS.map(([kind, reach, source]) => ({ kind, reach, pattern: words(source) }));

/** Every part of `clean`: places without overlaps (the more specific first), and every act. */
export function partsOf(clean: string): Part[] {
  const items = clean ? clean.split(' ') : [];
  const clauseOf: number[] = [];
  let clause = 0;
  for (const item of items) {
    if (item === '|') clause++;
    clauseOf.push(clause);
  }
  const parts: Part[] = [];
  const taken = new Set<number>();
  for (const { kind, pattern } of PLACE_PATTERNS) {
    for (const m of matchesOf(pattern, clean)) {
      const span = spanOf(clean, m.index, m.text);
      const cover = range(span);
      if (cover.some((i) => taken.has(i))) continue;
      cover.forEach((i) => taken.add(i));
      parts.push({ kind, reach: 0, span, text: m.text, clause: clauseOf[span.start] ?? 0 });
    }
  }
  for (const { kind, reach, pattern } of ACT_PATTERNS) {
    for (const m of matchesOf(pattern, clean)) {
      const span = spanOf(clean, m.index, m.text);
      parts.push({ kind, reach, span, text: m.text, clause: clauseOf[span.start] ?? 0 });
    }
  }
  return parts;
}

const range = (span: Span) => Array.from({ length: span.end - span.start }, (_, k) => span.start + k);

export interface ComposedSign {
  flag: RedFlagId;
  /** The act's span (what negation judged) and the words of act and place. */
  span: Span;
  text: string;
}

const isPlace = (kind: PartKind): kind is PlaceKind =>
  ['genital', 'saddle', 'sex', 'both-legs', 'leg', 'both', 'other'].includes(kind);

/**
 * The signs the parts compose. `negated` is the text's negation (negation.ts): a denied act or
 * place takes no part.
 */
export function composeSigns(parts: readonly Part[], negated: (span: Span) => boolean): ComposedSign[] {
  const live = parts.filter((p) => !negated(p.span));
  const places = live.filter((p) => isPlace(p.kind));
  const signs: ComposedSign[] = [];
  const sign = (flag: RedFlagId, act: Part, with_: readonly Part[]) =>
    signs.push({ flag, span: act.span, text: [act.text, ...with_.map((p) => p.text)].join(' … ') });

  /** The places an act is said of: its clause's, else the nearest clause's within its reach. */
  const placesFor = (act: Part, kinds: readonly PlaceKind[]): Part[] => {
    const wanted = places.filter((p) => kinds.includes(p.kind as PlaceKind) || p.kind === 'other');
    for (let d = 0; d <= act.reach; d++) {
      const near = wanted.filter((p) => Math.abs(p.clause - act.clause) === d);
      // "Both" alone is no place; it only tells how many legs.
      if (near.some((p) => p.kind !== 'both')) return near;
    }
    return [];
  };
  const has = (found: readonly Part[], ...kinds: PlaceKind[]) =>
    found.filter((p) => kinds.includes(p.kind as PlaceKind));

  for (const act of live) {
    if (act.kind === 'sensory') {
      const at = placesFor(act, ['genital', 'saddle', 'sex', 'both-legs', 'leg', 'both']);
      const saddle = has(at, 'saddle', 'genital');
      if (saddle.length) sign('saddle-numbness', act, saddle);
      const sexual = has(at, 'sex', 'genital');
      if (sexual.length) sign('sexual-dysfunction', act, sexual);
      const legs = has(at, 'both-legs');
      const oneLeg = has(at, 'leg');
      const both = places.filter((p) => p.kind === 'both' && Math.abs(p.clause - act.clause) <= 1);
      // "My left leg and now the right one": two sides are both legs.
      const sides = new Set(oneLeg.map((p) => SIDE.exec(p.text)?.[0]).filter(Boolean));
      if (legs.length) sign('both-legs', act, legs);
      else if (oneLeg.length && (both.length || sides.size >= 2))
        sign('both-legs', act, [...oneLeg, ...both]);
    } else if (act.kind === 'motor') {
      const legs = has(placesFor(act, ['both-legs', 'leg']), 'both-legs', 'leg');
      if (legs.length) sign('leg-weakness', act, legs);
    } else if (act.kind === 'difficulty' || act.kind === 'flow') {
      // "Can't" or "trouble" right before passing urine ("trouble peeing", "no puedo orinar"); a
      // flow that fails anywhere in its clause, or the next one's ("stream is weak, takes ages to
      // start"), with passing urine or the toilet.
      // A difficulty said of it after it ("weeing is hard") counts as one said before it.
      const predicate = /^(?:is|its|are|was|gets|getting|has been|have been|been) /.test(act.text);
      const voiding = live.filter((p) =>
        act.kind === 'difficulty'
          ? p.kind === 'void' &&
            p.clause === act.clause &&
            (predicate
              ? p.span.end <= act.span.start && act.span.start - p.span.end <= 2
              : p.span.start >= act.span.end && p.span.start - act.span.end <= 3)
          : (p.kind === 'void' || (p.kind === 'toilet' && act.reach > 0)) &&
            Math.abs(p.clause - act.clause) <= act.reach &&
            !overlaps(p.span, act.span),
      );
      if (voiding.length) sign('urinary-retention', act, voiding);
    } else if (act.kind === 'function') {
      const sex = has(placesFor(act, ['sex']), 'sex');
      if (sex.length) sign('sexual-dysfunction', act, sex);
    }
  }
  return signs;
}

const SIDE = /\b(?:right|left|other|derech[oa]|izquierd[oa])\b/;
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
