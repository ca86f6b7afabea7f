/**
 * A fall, an accident or a blow in patients' words (pure), for the `recent-trauma` flag: the event
 * (fell, slipped, tripped, had a fall, took a tumble, went flying; a car crash, rear-ended, hit by,
 * came off the bike; something or someone landed on, hit or kicked the back or head), and what
 * only looks like one:
 *
 * - figures of speech: fell asleep, fell behind, fell off the wagon, slipped my mind, a slipped
 *   disc, tripped the breaker, a fall in my savings, crashed on the couch, a crash diet;
 * - a thing that falls or crashes: my phone fell, prices fell, the laptop crashed;
 * - a fall that did not happen: nearly fell, almost went down (negation.ts handles "didn't fall");
 * - someone else's fall told by the patient: "wife fell at the shops so I'm looking after her".
 *   Someone else is the patient when the text is written for them ("my husband fell, he can't
 *   feel his legs"), and a fall with no word of the writer's own is taken as the patient's (a carer
 *   may text from the patient's phone): safety first.
 */
import { any, gap, words, type SymptomPattern } from './patterns.ts';

/** Things, not people: "my phone fell", "prices fell", "the laptop crashed", "it slipped". */
const THING = any(
  'it',
  'phone',
  'laptop',
  'computer',
  'pc',
  'app',
  'site',
  'website',
  'system',
  'server',
  'screen',
  'tablet',
  'ipad',
  'link',
  'that',
  'which',
  'this',
  'something',
  'thing',
  'stuff',
  'book',
  'cup',
  'glass',
  'plate',
  'box',
  'tv',
  'picture',
  'ladder',
  'prices?',
  'rain',
  'snow',
  'night',
  'sales',
  'market',
  'shares',
  'stocks',
  'temperature',
  'temp',
  'fever',
  'pain',
  'swelling',
  'numbers?',
  'score',
  'plan',
  'deal',
  'signal',
  'wifi',
  'internet',
  'connection',
  'tooth',
  'hair',
  'leaves',
  'weight',
  'pressure',
  'sugar',
  'level',
);
/** Someone else as the one who fell ("wife fell at the shops"). */
const SOMEONE_ELSE = any(
  'wife',
  'husband',
  'partner',
  'mum',
  'mom',
  'mother',
  'dad',
  'father',
  'son',
  'daughter',
  'grandson',
  'granddaughter',
  'grandma',
  'grandpa',
  'nan',
  'nana',
  'kid',
  'kids',
  'child',
  'baby',
  'dog',
  'cat',
  'friend',
  'neighbou?r',
  'brother',
  'sister',
  'boss',
  'colleague',
  'he',
  'she',
  'they',
  'someone',
  'somebody',
);
/** The same in Spanish ("mi madre se cayó"): the fall is hers unless written for her. */
const SOMEONE_ELSE_ES = `(?:mi |su |el |la )?${any('madre', 'mama', 'padre', 'papa', 'marido', 'esposo', 'esposa', 'mujer', 'hij[oa]', 'niet[oa]', 'abuel[oa]', 'herman[oa]', 'amig[oa]', 'vecin[oa]', 'perro', 'el', 'ella')}`;
/** What after "me caí" makes it a figure of speech: asleep, laughing, realising. */
const FIGURATIVE_ES = any(
  'de sueno',
  'de (?:la )?risa',
  'en cuenta',
  'rendid[oa]',
  'dormid[oa]',
  'de cansancio',
);
/** Words of the toilet: an "accidente" with them is a loss of control, not an injury. */
const TOILET_ES = words(
  any(
    'orina\\w*',
    'pis',
    'pipi',
    'caca',
    'popo',
    'bano',
    'pantalones',
    'calzones',
    'chones',
    'en la cama',
    '(?:me |se )?hi(?:ce|zo) encima',
    'panal\\w*',
  ),
);
/** A fall that did not happen. */
const NEARLY = any('nearly', 'almost', 'near', 'close to', 'casi');
/** What after "fell", "slipped", "tripped" makes it a figure of speech. */
const FIGURATIVE = any(
  'asleep',
  'behind',
  'apart',
  'for',
  'short',
  'through',
  'silent',
  'ill',
  'sick',
  'pregnant',
  'in love',
  'off (?:the|my) (?:wagon|plan|schedule|radar|map|track|routine)',
  '(?:my|his|her) mind',
  'disc',
  'disk',
  'out with',
  'into (?:a|the|my) (?:habit|routine)',
  'back into',
  'on (?:hard times|deaf ears)',
  'flat',
  'into place',
  'in line',
  'under',
  'within',
  'victim',
  'prey',
  'to pieces',
  'in with',
  'up',
  'out',
  'away',
  'the (?:breaker|switch|alarm|fuse)',
);
/** What makes "a fall" a figure of speech ("a fall in my savings"). */
const FIGURATIVE_FALL = any(
  '(?:\\| )?in (?:my |the )?(?:savings|stocks|shares|prices|grades|love|numbers|temperature|pressure|sugar)',
  'asleep',
  'behind',
  'off',
  'out',
  'colou?rs',
  'season',
  'semester',
  'term',
);
const BODY = any(
  'back',
  'spine',
  'head',
  'tailbone',
  'coccyx',
  'neck',
  'hips?',
  'ribs',
  'side',
  'bum',
  'bottom',
);
const VEHICLE = any(
  'car',
  'bike',
  'road',
  'traffic',
  'motorbike',
  'motorcycle',
  'cycling',
  'bicycle',
  'bus',
  'train',
  'ski',
  'skiing',
  'riding',
  'horse',
  'work',
);

/** The writer speaks of themself. */
const FIRST_PERSON = words('i|im|ive|id|ill|me|my|mine|myself|yo|mi|me');
/** Written for someone else, who is the patient ("writing for my husband", "his back", "she can't"). */
const FOR_SOMEONE = words(
  `${any('escribo', 'le escribo')} por|de parte de|${any('su', 'sus')} ${any('espalda', 'piernas?', 'dolor', 'ejercicios', 'cadera')}|no ${any('puede', 'siente')}|(?:ya |no )?hizo ${any('los', 'sus', 'la', 'el')} ${any('ejercicios', 'sesion', 'movimientos')}|soy su ${any('hij[oa]', 'espos[oa]', 'marido', 'mujer', 'nieto', 'nieta', 'herman[oa]')}|dice que|se queja|${any('writing', 'texting', 'messaging', 'replying')} for|on behalf|${any('his', 'her', 'their')} ${any('back', 'legs?', 'pain', 'exercises', 'plan', 'bladder', 'hip', 'spine', 'head', 'reminders')}|${any('he', 'she', 'they')} ${any('cant', 'can not', 'cannot', 'has', 'is', 'hurt', 'hit', 'says', 'said', 'wont')}`,
);

export const INJURY_PATTERNS: readonly SymptomPattern[] = [
  // Falls: the patient's (or with no word of the writer's own).
  {
    flag: 'recent-trauma',
    pattern: words(
      `(?<!(?:${THING}|${SOMEONE_ELSE}|${NEARLY}) )${any('fell', 'fallen', 'slipped', 'tripped', 'stumbled', 'collapsed', 'tumbled', 'toppled', 'keeled over')}(?! ${FIGURATIVE})`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `(?<=${SOMEONE_ELSE} )${any('fell', 'fallen', 'slipped', 'tripped', 'collapsed', 'tumbled', 'toppled', 'keeled over')}(?! ${FIGURATIVE})|(?<=${SOMEONE_ELSE_ES} )se (?:ha )?(?:cayo|caido|resbalo|tropezo)`,
    ),
    when: (clean) => FOR_SOMEONE.test(clean) || !FIRST_PERSON.test(clean),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `${any('had', 'have had', 'took', 'taken', 'after', 'did', 'from', 'since')} (?:a |another |my |the )?(?:bad |nasty |big |hard |little |small |silly )?fall(?! ${FIGURATIVE_FALL})`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `(?<!${NEARLY} )${any('fall', 'falling', 'falls')} ${any('off (?:a|the|my|his|her) (?!wagon|plan|schedule|radar|map|track)\\w+', 'down (?:the |some |a )?(?:stairs|steps|step)', 'over (?:in|at|on) the')}|${any('keep', 'keeps', 'kept')} ${any('falling', 'falling over', 'falling down')}(?! ${FIGURATIVE})`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `${any('took', 'had', 'taken')} a (?:bad |nasty |big )?${any('tumble', 'spill')}|(?<!${NEARLY} )${any('went', 'go', 'gone')} ${any('flying', 'down hard', 'head over heels')}|${any('hit', 'hitting')} the ${any('ground', 'floor', 'deck')}|lost my ${any('footing', 'balance')} and|${any('missed', 'miss')} ${any('a', 'the', 'my')} ${any('step', 'footing')}`,
    ),
  },
  // A blow: something or someone on or against the back, the head.
  {
    flag: 'recent-trauma',
    pattern: words(
      `${any('hit', 'banged', 'bumped', 'smacked', 'whacked', 'knocked', 'struck', 'kicked', 'punched', 'jumped', 'landed', 'dropped', 'fell', 'came down')} (?:hard |right |straight )?(?:on |onto |into |in |against |on top of )?${any('me', '(?:my|his|her) (?:lower |upper )?' + BODY, 'me (?:in|on) the ' + BODY)}(?! ${any('exercises', 'stretches', 'muscles')})`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `hit by (?:a |the )?\\w+|${any('drove', 'driven', 'crashed', 'ran', 'went', 'ploughed', 'plowed', 'smashed', 'slammed', 'backed')} into (?:the (?:back|side|front) of )?${any('my', 'our', 'his', 'her', 'the', 'us', 'me')}(?: ${any('car', 'van', 'bike', 'motorbike', 'scooter')})?(?! ${any('plan', 'routine', 'exercises')})|${any('hit', 'rammed', 'clipped')} ${any('my', 'our')} ${any('car', 'van', 'bike')}|knocked (?:down|over|off)|run over|came off ${any('my', 'the', 'a', 'his', 'her')} ${any('bike', 'horse', 'ladder', 'motorbike', 'scooter', 'bicycle', 'skateboard', 'board', 'roof')}|whiplash`,
    ),
  },
  // Accidents and crashes; not a laptop's, nor crashing on the couch.
  {
    flag: 'recent-trauma',
    pattern: words(
      `${VEHICLE} ${any('accident', 'crash', 'collision', 'smash', 'wreck', 'pile ?up')}|${any('in', 'had', 'have had', 'was in', 'been in', 'got in', 'involved in')} (?:a|an) (?:\\w+ )?${any('crash', 'collision', 'wreck', 'pile ?up', 'fender bender')}|rear ended|t boned`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `(?:${any('i', 'we', 'he', 'she', 'they', 'car', 'bike')} (?:was |got |were |have been |has been )?)${any('hit', 'rear ended', 'crashed', 'smashed', 'totaled', 'totalled', 'run over')}(?! ${any('on', 'out', 'in')}(?: the| my)? ${any('couch', 'sofa', 'bed')})(?! ${any('out', 'the (?:gym|books)', 'a (?:wall|plateau)', 'my (?:goal|target)', 'it', 'them', 'the \\d+')})|crashed ${any('into', 'my (?:car|bike|motorbike)', 'the (?:car|bike|motorbike)', 'off')}`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `${any('was in', 'had', 'been in', 'got in', 'involved in')} an accident(?! ${gap(5)}${any('pants', 'trousers', 'underwear', 'knickers', 'bed', 'toilet', 'loo', 'bathroom', 'restroom', 'myself')})`,
    ),
  },
  // Spanish.
  {
    flag: 'recent-trauma',
    pattern: words(
      `(?<!casi )me (?:he )?(?:cai|caido)(?! ${FIGURATIVE_ES})|(?<!(?:${SOMEONE_ELSE_ES}|casi) )se cayo(?! ${any('el', 'la', 'mi')} ${any('telefono', 'movil', 'celular', 'internet', 'sistema')})|(?:una|tuve una|tras una|despues de una) caida|me atropell\\w*|me ${any('chocaron', 'atropellaron')}|${any('choque', 'chocamos', 'me estrelle', 'nos estrellamos', 'volque', 'nos volcamos')} ${gap(2)}${any('carro', 'coche', 'auto', 'moto', 'camioneta', 'bici', 'bicicleta', 'camion')}|me ${any('pego', 'pegaron', 'choco', 'arrollo', 'tumbo', 'tiro', 'golpeo')} ${any('un', 'una', 'el', 'la')} ${any('carro', 'coche', 'auto', 'camion', 'camioneta', 'moto', 'bici', 'bicicleta', 'taxi', 'bus', 'autobus', 'caballo')}|un choque|choque (?:de|en) (?:coche|carro|auto)|me (?:di|dieron) un golpe|golpe en la ${any('espalda', 'cabeza', 'cadera')}|me golpee|(?<!casi )(?:me )?${any('resbale', 'tropece', 'tropeze')}|me fui al suelo`,
    ),
  },
  {
    // "Tuve un accidente": an injury, unless the text is about the toilet ("se me salió la popó").
    flag: 'recent-trauma',
    pattern: words(`accidente(?! en (?:los|mis) pantalones)`),
    when: (clean) => !TOILET_ES.test(clean),
  },
];
