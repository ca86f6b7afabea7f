/**
 * Red-flag symptoms in patients' words (English and Spanish), each mapped to the domain's one flag
 * table (shared/domain/plan/rules.ts RED_FLAGS): the reply reader reports the flag ids, and the
 * tiers stay the table's. Only what a patient can newly notice and text is here (saddle numbness,
 * trouble passing urine, loss of control, sexual function, both legs, weakness or foot drop, fever,
 * a fall or injury, tearing pain, pain at night that no position eases, weight loss); history
 * (cancer, steroids, age, a past procedure) is the form's screening, not a reply's.
 *
 * Safety before convenience: a false alarm costs one text and a clinician's look, a missed sign much
 * more; but a denied sign ("no numbness", "never fell") or a figure of speech ("fell asleep",
 * "fell behind") is not a sign. Numbness or tingling in one leg is sciatica, not a flag
 * (test/fixtures/replies/README.md).
 */
import type { RedFlagId } from '../../plan/rules.ts';
import { any, gap, words } from './patterns.ts';

export interface SymptomPattern {
  flag: RedFlagId;
  pattern: RegExp;
}

const SENSORY = any(
  'numb(?!er)\\w*',
  'tingl\\w*',
  'pins and needles',
  'no feeling',
  'no sensation',
  'lost (?:all )?(?:the )?(?:feeling|sensation)',
  'cant feel',
  'cannot feel',
  'can not feel',
  'couldnt feel',
  'entumec\\w*',
  'adormec\\w*',
  'dormid[oa]s?',
  'hormigue\\w*',
  'no siento',
  'sin sensibilidad',
  'sin sensacion',
  'feels? dead',
  'dead feeling',
);
const SADDLE = any(
  'groin',
  'genital\\w*',
  'private(?: parts| area)?',
  'privates',
  'down below',
  'down there',
  'bum',
  'butt',
  'buttocks?',
  'bottom',
  'backside',
  'saddle(?: area)?',
  'inner thighs?',
  'crotch',
  'perineum',
  'vagina',
  'penis',
  'testicles',
  'partes intimas',
  'zona intima',
  'entrepierna',
  'nalgas?',
  'genitales',
  'ahi abajo',
  'alla abajo',
  'between (?:my |his |her |the )?legs',
  'bits',
  'nether regions',
  'undercarriage',
  'back passage',
  'anus',
  'vulva',
  'scrotum',
  'balls',
  'where i sit',
  'sitting area',
  'seat area',
  'trasero',
  'culo',
  'cola',
  'pompis',
  'entre las piernas',
);
const PAIRED = any(
  'both (?:of )?(?:my |his |her )?(?:legs|feet|thighs|calves|sides)',
  '(?:my |his |her |the )?(?:legs|feet)',
  'las dos piernas',
  'ambas piernas',
  'los dos pies',
  'ambos pies',
  'las piernas',
  'los pies',
);
const EXPLICITLY_BOTH = any(
  'both (?:of )?(?:my |his |her )?(?:legs|feet|thighs|calves|sides)',
  'las dos piernas',
  'ambas piernas',
  'los dos pies',
  'ambos pies',
);
const ACHE = any(
  'pain\\w*',
  'shooting',
  'burning',
  'sciatica',
  'hurt\\w*',
  'ach\\w*',
  'dolor\\w*',
  'duele\\w*',
);
const CANT = any(
  'cant',
  'cannot',
  'can not',
  'couldnt',
  'unable to',
  'not able to',
  'struggl\\w* to',
  'hard to',
  'difficult to',
  'havent been able to',
);
const TROUBLE = any('trouble', 'difficulty', 'problems?', 'issues?', 'straining', 'strain', 'struggl\\w*');
const PEE = any(
  'pee\\w*',
  'wee\\w*',
  'urinat\\w*',
  'pass(?:ing)? (?:urine|water)',
  'empty (?:my |his |her )?bladder',
  'go to the (?:toilet|bathroom|loo)',
);
const LEG = any('legs?', 'foot', 'feet', 'toes?', 'knees?');

/** Each flag's phrases; a flag is heard when one matches and is not negated. */
export const SYMPTOM_PATTERNS: readonly SymptomPattern[] = [
  // Numbness in the saddle area (cauda equina).
  { flag: 'saddle-numbness', pattern: words(`${SENSORY} ${gap(4)}${SADDLE}`) },
  {
    flag: 'saddle-numbness',
    pattern: words(`${SENSORY} ${gap(3)}${any('when', 'while', 'after')} (?:i )?wip\\w*`),
  },
  {
    flag: 'saddle-numbness',
    pattern: words(
      `${SADDLE} ${gap(3)}${any('is', 'are', 'feels?', 'went', 'gone', 'going', 'has gone', 'esta', 'estan')}? ?${SENSORY}`,
    ),
  },
  // Retention: trouble passing urine, not feeling a full bladder.
  { flag: 'urinary-retention', pattern: words(`${any(CANT, TROUBLE)} (?!hold )${gap(2)}${PEE}`) },
  {
    flag: 'urinary-retention',
    pattern: words(
      `${any('cant', 'cannot', 'dont', 'doesnt', 'couldnt')} ${any('tell', 'feel', 'know', 'sense')} ${any('when', 'if')} ${gap(2)}${any('bladder is full', 'need to (?:pee|wee|go)', 'needs? to (?:pee|wee|go)')}`,
    ),
  },
  {
    flag: 'urinary-retention',
    pattern: words(
      `${any('havent', 'have not', 'hasnt', 'has not', 'not')} ${any('peed', 'weed', 'urinated', 'passed (?:urine|water)', 'been able to (?:pee|wee|urinate|go)')}(?! ${any('myself', 'himself', 'herself', 'my', 'his', 'her', 'the bed')})|no urge to ${any('pee', 'wee', 'urinate', 'go')}`,
    ),
  },
  {
    flag: 'urinary-retention',
    pattern: words(
      `weak(?:er)? (?:urine |pee )?stream|have to (?:really )?strain|urinary retention|retencion de orina`,
    ),
  },
  {
    flag: 'urinary-retention',
    pattern: words(
      `${any('no puedo', 'no he podido', 'me cuesta', 'dificultad para', 'no logro')} ${any('orinar', 'hacer pis', 'mear', 'hacer del uno')}`,
    ),
  },
  // Loss of bladder or bowel control.
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `${any('couldnt', 'didnt', 'cant', 'cannot', 'did not', 'could not')} make it to the ${any('toilet', 'bathroom', 'loo', 'restroom')}|${any('cant', 'cannot', 'couldnt', 'unable to', 'trouble', 'problems?', 'difficulty')} control(?:ling)? (?:my |his |her )?${any('bladder', 'bowels?', 'pee', 'urine', 'wee', 'poo')}`,
    ),
  },
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `${any('wet', 'peed', 'pissed', 'weed', 'pee d', 'soiled', 'pooed', 'pooped', 'messed', 'leaked')} ${any('myself', 'my self', 'himself', 'herself', 'the bed', '(?:my|his|her) (?:pants|bed|trousers|underwear|knickers)')}`,
    ),
  },
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `${any('lost', 'losing', 'lose', 'loss of', 'no', 'cant', 'cannot')} control ${any('of', 'over')} ${gap(1)}${any('bladder', 'bowels?', 'pee', 'urine', 'poo', 'toilet')}`,
    ),
  },
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `${any('accident', 'accidents')} in ${any('my', 'his', 'her')} ${any('pants', 'trousers', 'underwear', 'knickers', 'bed')}`,
    ),
  },
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `${any('cant', 'cannot', 'couldnt', 'could not')} hold ${any('my (?:wee|pee|urine|water|bladder|bowels?|poo)', 'it in')}`,
    ),
  },
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `leaking (?:urine|pee|wee)|incontinen\\w*|${any('trouble', 'problems?', 'issues?')} ${any('with', 'controlling')} (?:my |his |her )?${any('bladder', 'bowels?')}`,
    ),
  },
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `${any('se me (?:salio|escapo|escapa|sale)', 'me (?:hice|hago|orine|orino)')} ${gap(2)}${any('orina', 'pis', 'caca', 'encima', 'en los pantalones')}`,
    ),
  },
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `${any('no (?:controlo|puedo controlar|aguanto)')} ${gap(1)}${any('orina', 'vejiga', 'esfinter', 'intestino', 'pis')}`,
    ),
  },
  // Sexual function (cauda equina).
  {
    flag: 'sexual-dysfunction',
    pattern: words(
      `${any(CANT, TROUBLE)} ${gap(2)}${any('get', 'getting', 'keep', 'keeping', 'maintain')} ${any('an erection', 'erections?', 'it up', 'hard')}`,
    ),
  },
  {
    flag: 'sexual-dysfunction',
    pattern: words(
      `erecti\\w*(?: problems?| dysfunction| issues?)|impoten\\w*|cant perform|disfuncion erectil|no se me (?:para|levanta)`,
    ),
  },
  {
    flag: 'sexual-dysfunction',
    pattern: words(
      `${any('no feeling', 'no sensation', 'numb(?!er)\\w*', 'cant feel anything', 'no siento nada')} ${gap(2)}${any('during sex', 'in sex', 'when (?:we are|having|we have|im) (?:intimate|sex)', 'durante el sexo', 'en el sexo')}`,
    ),
  },
  // Both legs.
  { flag: 'both-legs', pattern: words(`${SENSORY} ${gap(4)}(?<!between (?:my |his |her |the )?)${PAIRED}`) },
  {
    flag: 'both-legs',
    pattern: words(
      `${PAIRED} ${gap(3)}${any('are', 'is', 'feel', 'feels', 'went', 'gone', 'going', 'keep', 'estan', 'se me')}? ?${SENSORY}`,
    ),
  },
  { flag: 'both-legs', pattern: words(`${ACHE} ${gap(4)}${EXPLICITLY_BOTH}`) },
  { flag: 'both-legs', pattern: words(`${EXPLICITLY_BOTH} ${gap(3)}${ACHE}`) },
  // Weakness getting worse, foot drop, legs giving way.
  {
    flag: 'leg-weakness',
    pattern: words(
      `${any('foot', 'feet', 'toes?', 'pie', 'pies')} ${gap(2)}${any('drag\\w*', 'drop\\w*', 'slap\\w*', 'catch\\w* on', 'arrastr\\w*')}`,
    ),
  },
  {
    flag: 'leg-weakness',
    pattern: words(`drop ?foot|foot ?drop|se me arrastra (?:el|la) ${any('pie', 'pierna')}`),
  },
  {
    flag: 'leg-weakness',
    pattern: words(
      `${any(CANT, 'trouble', 'struggling to')} ${any('lift', 'lifting', 'raise', 'move', 'pick up', 'bend')} ${gap(2)}${LEG}`,
    ),
  },
  {
    flag: 'leg-weakness',
    pattern: words(
      `${any('legs?', 'knees?')} ${gap(2)}${any('gave', 'give', 'giving', 'gives', 'went', 'keep giving', 'keeps giving')} ${any('way', 'out')}|${any('legs?', 'knees?')} ${gap(1)}buckl\\w*`,
    ),
  },
  {
    flag: 'leg-weakness',
    pattern: words(
      `${any('legs?', 'foot', 'feet')} ${gap(3)}${any('weak', 'weaker', 'weakness', 'getting weak', 'floja?s?', 'debil\\w*')}`,
    ),
  },
  {
    flag: 'leg-weakness',
    pattern: words(
      `${any('weak', 'weaker', 'weakness', 'debilidad')} ${gap(3)}${any('legs?', 'foot', 'feet', 'piernas?', 'pies?')}`,
    ),
  },
  {
    flag: 'leg-weakness',
    pattern: words(
      `${any('cant', 'cannot', 'can not', 'unable to')} ${any('walk', 'stand')}(?! ${any('far', 'long', 'for long', 'much', 'very far', 'without', 'for more', 'more than', 'properly because')})`,
    ),
  },
  {
    flag: 'leg-weakness',
    pattern: words(
      `${any('no puedo (?:levantar|mover)', 'se me (?:doblan|dobla|fallan|falla)')} ${gap(1)}${any('pie', 'pies', 'pierna', 'piernas', 'rodillas?')}`,
    ),
  },
  // Fever or feeling unwell (possible infection).
  {
    flag: 'fever',
    pattern: words(
      `fever\\w*|febrile|chills|chilly and|shiver\\w*|night sweats|high temp\\w*|generally unwell|running a (?:temp|temperature|fever)|hot and cold|sweat\\w* at night|temp(?:erature)? (?:of )?(?:3[89]|4[0-2]|10[0-9])(?:\\.\\d)?|fiebre|escalofrio\\w*|calentura|tiritando|temperatura alta`,
    ),
  },
  // A fall, an accident, a blow.
  {
    flag: 'recent-trauma',
    pattern: words(
      `(?<!${any('it', 'phone', 'that', 'which', 'this', 'something', 'thing', 'stuff', 'book', 'cup', 'glass', 'plate', 'box', 'tv', 'picture', 'ladder', 'price', 'prices', 'rain', 'snow', 'night', 'sales')} )${any('fell', 'fallen', 'slipped', 'tripped', 'collapsed')}(?! ${any('asleep', 'behind', 'apart', 'for', 'short', 'through', 'silent', 'ill', 'pregnant', 'in love', 'off the wagon', 'my mind', 'disc', 'disk', 'out with', 'into (?:a|the) habit', 'back into')})`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `${any('had', 'have had', 'took', 'taken', 'after')} (?:a |another )?(?:bad |nasty |big |hard )?fall(?! ${any('in (?:my )?(?:savings|stocks|shares|prices|grades|love)', '\\| in (?:my )?(?:savings|stocks|shares|prices|grades)', 'asleep', 'behind', 'off')})`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `${any('car', 'bike', 'road', 'traffic', 'motorbike', 'motorcycle')} ${any('accident', 'crash', 'collision')}|crash\\w*|rear ended|hit by (?:a )?${any('car', 'bike', 'bus', 'truck', 'van')}|knocked (?:down|over)|landed (?:hard )?on (?:my |his |her )?${any('back', 'bum', 'bottom', 'tailbone', 'side', 'spine')}`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `${any('car', 'i', 'we', 'he', 'she')} (?:was |got |were )?${any('hit', 'rear ended', 'crashed', 'smashed', 'totaled', 'totalled', 'run over')}`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `${any('was in', 'had', 'been in')} an accident(?! in ${any('my', 'his', 'her')} ${any('pants', 'trousers', 'underwear', 'knickers', 'bed')})`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(`${any('took', 'had', 'taken')} a (?:bad |nasty |big )?${any('tumble', 'spill')}`),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `me (?:he )?(?:cai|caido)|se cayo|(?:una|tuve una) caida|accidente|me atropell\\w*|un choque|me golpee`,
    ),
  },
  // Tearing or ripping pain (aortic).
  {
    flag: 'tearing-pain',
    pattern: words(
      `${any('tearing', 'ripping', 'tear like', 'desgarr\\w*')} ${gap(2)}${any('pain', 'sensation', 'feeling', 'dolor', 'ache')}`,
    ),
  },
  {
    flag: 'tearing-pain',
    pattern: words(`${any('pain', 'dolor')} ${gap(3)}${any('tearing', 'ripping', 'desgarr\\w*')}`),
  },
  {
    flag: 'tearing-pain',
    pattern: words(
      `${any('like', 'as if', 'as though', 'como si')} ${gap(2)}${any('tore', 'torn', 'ripped', 'tearing', 'ripping', 'ripped open', 'desgarr\\w*')}`,
    ),
  },
  {
    flag: 'tearing-pain',
    pattern: words(
      `${any('tearing', 'ripping', 'desgarro')} ${gap(3)}${any('back', 'belly', 'stomach', 'abdomen', 'tummy', 'chest', 'espalda', 'barriga', 'abdomen', 'vientre')}`,
    ),
  },
  // Weight loss without trying.
  {
    flag: 'weight-loss',
    pattern: words(
      `${any('lost', 'losing', 'lose', 'dropped', 'dropping', 'shed')} ${gap(3)}${any('weight', 'pounds', 'lbs', 'kilos?', 'kgs?', 'stone')}`,
    ),
  },
  {
    flag: 'weight-loss',
    pattern: words(
      `weight ${gap(2)}${any('dropping', 'falling', 'coming off', 'dropping off')}|weight loss|${any('baje', 'perdi', 'perdiendo', 'bajando', 'adelgace', 'adelgazando', 'adelgazado', 'he perdido', 'he bajado')} ${gap(2)}${any('peso', 'kilos?', 'libras')}`,
    ),
  },

  // More ways to say the same signs (README of the corpus, clinical wording patients use).
  {
    flag: 'urinary-retention',
    pattern: words(
      `${any('pee', 'wee', 'urine', 'it')} ${any('wont', 'doesnt', 'will not')} ${any('come', 'come out', 'start', 'flow')}|nothing comes out|only ${any('dribbles', 'trickles')}|${any('hard', 'ages', 'forever')} to ${any('start', 'get going')} ${any('peeing', 'weeing', 'the flow')}|bladder ${gap(2)}full ${gap(2)}${any('cant', 'cannot', 'but cant', 'but nothing')}|retaining urine|${any('dont', 'cant', 'cannot')} feel (?:the )?${any('need', 'urge')} to ${any('pee', 'wee', 'urinate', 'go')}`,
    ),
  },
  {
    flag: 'urinary-retention',
    pattern: words(
      `no me sale (?:la )?orina|no puedo hacer (?:pipi|pis)|no tengo ganas de orinar|me cuesta (?:hacer )?(?:pipi|pis)`,
    ),
  },
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `${any('wetting', 'peeing', 'pissing', 'weeing', 'soiling', 'pooing', 'pooping')} ${any('myself', 'my self', 'himself', 'herself', 'the bed', '(?:my|his|her) (?:pants|bed|trousers|underwear|knickers)')}|${any('bowel', 'bladder')} accidents?|(?:wear|wearing|need) ${any('pads', 'nappies', 'diapers', 'incontinence pads')}|me ${any('orino', 'meo', 'hago pipi')} encima`,
    ),
  },
  {
    flag: 'sexual-dysfunction',
    pattern: words(
      `${any('cant', 'cannot', 'unable to', 'trouble', 'problems?')} ${any('climax', 'orgasm', 'ejaculat\\w*', 'get aroused')}|problems? in the bedroom|no tengo ereccion|problemas? de ereccion`,
    ),
  },
  {
    flag: 'both-legs',
    pattern: words(
      `${any('shooting', 'sciatica', 'radiat\\w*', 'electric\\w*', 'burning', 'nerve pain', 'pain (?:going |running |shooting )?down')} ${gap(3)}(?<!between (?:my |his |her |the )?)${any('(?:my |his |her |the )?(?:legs|feet)', 'las piernas')}`,
    ),
  },
  {
    flag: 'leg-weakness',
    pattern: words(
      `arrastr\\w* (?:el|la|los) ${any('pie', 'pierna', 'pies')}|se me cae el pie|${any('trip\\w*', 'catch\\w*', 'stub\\w*')} ${any('over', 'on')} (?:my )?${any('foot', 'feet', 'toes?', 'own feet')}|${any('lost', 'losing', 'no')} (?:the |all )?strength ${any('in', 'of')} (?:my |his |her )?(?:right |left )?${LEG}|${LEG} ${gap(2)}${any('like jelly', 'heavy', 'floppy', 'flopp\\w*', 'wont hold me', 'wont take my weight')}|${any('cant', 'cannot')} ${any('stand', 'walk')} on my ${any('heels?', 'toes')}|no tengo fuerza en ${any('la pierna', 'las piernas', 'el pie')}`,
    ),
  },
  {
    flag: 'fever',
    pattern: words(
      `feel\\w* ${any('really ', 'very ', 'so ', 'quite ', 'a bit ')}?${any('unwell', 'poorly', 'feverish', 'hot and shivery')}|flu ?like|the flu|rigors|(?:3[89]|4[0-2])(?:\\.\\d)? ?${any('degrees', 'c', 'celsius')}|10[0-5](?:\\.\\d)? ?${any('degrees', 'f', 'fahrenheit')}|tengo temperatura|sudores nocturnos|tiritona|malestar general`,
    ),
  },
  {
    flag: 'recent-trauma',
    pattern: words(
      `${any('hit', 'banged', 'bumped', 'smacked', 'whacked', 'knocked')} (?:my |his |her )?${any('back', 'head', 'spine', 'tailbone', 'coccyx')} ${any('on', 'against', 'in', 'when', 'falling')}|came off ${any('my', 'the', 'a', 'his', 'her')} ${any('bike', 'horse', 'ladder', 'motorbike', 'scooter', 'bicycle')}|missed a step|whiplash|(?:me )?${any('resbale', 'tropece', 'tropeze')}|me ${any('chocaron', 'atropellaron')}|choque (?:de|en) (?:coche|carro|auto)|me di un golpe|golpe en la espalda`,
    ),
  },
  {
    flag: 'tearing-pain',
    pattern: words(
      `${any('like', 'as if', 'as though')} ${gap(2)}${any('burst', 'split open')}|something ${any('tore', 'ripped', 'burst')}`,
    ),
  },
  {
    flag: 'weight-loss',
    pattern: words(
      `clothes ${gap(2)}${any('loose', 'baggy', 'falling off', 'hanging off')}|dropped a (?:dress |jeans |trouser )?size|getting ${any('thinner', 'skinny', 'skinnier')}|la ropa me queda (?:grande|floja)`,
    ),
  },

  // Still more, from the reader's own cases (each a class of wording, not one text).
  {
    flag: 'saddle-numbness',
    pattern: words(
      `${any('cant', 'cannot', 'couldnt')} feel (?:the )?(?:toilet )?seat|${any('sit', 'sitting')} ${gap(3)}${SENSORY}`,
    ),
  },
  {
    flag: 'urinary-retention',
    pattern: words(
      `${any('need', 'want', 'urge')} to ${any('pee', 'wee', 'go')} ${gap(3)}${any('nothing', 'cant', 'cannot', 'wont', 'doesnt')}|only a ${any('trickle', 'dribble')}|${any('dont', 'cant', 'cannot', 'no longer')} ${any('get', 'have', 'feel')} (?:the )?${any('feeling', 'urge', 'sensation')} (?:that )?(?:i )?${any('need', 'have')} to ${any('pee', 'wee', 'go', 'urinate')}`,
    ),
  },
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `${any('having', 'have', 'keep having', 'been having', 'had')} (?:little |some |more )?accidents(?! ${any('on', 'at', 'in the car', 'on the road', 'at work')})|me ${any('orino', 'hago pis', 'hago pipi', 'meo')} sin ${any('querer', 'darme cuenta')}|${any('didnt', 'did not', 'dont', 'cant', 'cannot')} feel (?:myself |me )?${any('pee', 'wee', 'go', 'leak')}`,
    ),
  },
  {
    flag: 'leg-weakness',
    pattern: words(
      `${any('la pierna', 'las piernas', 'la rodilla', 'las rodillas')} se me ${any('dobla', 'doblan', 'falla', 'fallan', 'va', 'van')}|${any('pierna', 'piernas', 'pie', 'pies')} (?:muy |mas )?${any('debil', 'debiles', 'floja', 'flojas', 'flojo')}|${LEG} ${any('wont', 'doesnt', 'will not', 'cant', 'wouldnt')} ${any('lift', 'move', 'work', 'hold me', 'go up')}|drag\\w* (?:my |his |her )?${any('leg', 'legs', 'foot', 'feet')}(?! ${any('on', 'about', 'with', 'over', 'doing', 'a bit', 'a little')})`,
    ),
  },
  {
    flag: 'fever',
    pattern: words(
      `${any('have', 'got', 'running', 'with', 'has')} a (?:high )?temp(?:erature)?(?! ${any('job', 'agency', 'worker', 'position')})|burning up|${any('ill', 'sick', 'unwell', 'poorly')} and ${any('hot', 'shivery', 'sweaty', 'shaking')}`,
    ),
  },
  {
    flag: 'tearing-pain',
    pattern: words(
      `${any('back', 'stomach', 'belly', 'tummy', 'abdomen', 'chest')} ${gap(2)}${any('tearing', 'ripping', 'tearing apart', 'ripping apart')}(?! ${any('me', 'him', 'her', 'them')} up)`,
    ),
  },
];

/** Night pain needs both: at night, and no position eases it. */
const NIGHT = words(
  `at rest|lying (?:down|in bed|still)|when i (?:lie|rest|sit still)|at night|every night|all night|in the night|overnight|wakes? (?:me|him|her)|woke (?:me|him|her)|waking (?:me|up)|cant sleep|cannot sleep|can not sleep|keeps me (?:up|awake)|por la noche|en la noche|de noche|toda la noche|me despierta|no puedo dormir|no me deja dormir`,
);
const NO_RELIEF = words(
  `${any('doesnt', 'does not', 'dont', 'nothing', 'no')} ${any('matter', 'help\\w*', 'ease\\w*', 'change\\w*', 'relie\\w*', 'make any difference', 'go away', 'get better')}|whatever position|any position|no matter ${any('how', 'what')}|${any('changing', 'change', 'moving')} ${gap(1)}position ${gap(1)}${any('does nothing', 'doesnt help', 'makes no difference', 'dont help')}|does nothing|wont (?:go away|ease)|no se (?:me )?quita|no me alivia|aunque cambie|da igual|nada (?:me )?${any('ayuda', 'alivia', 'sirve')}|ninguna posicion|ninguna postura|no encuentro postura|no position|${any('cant', 'cannot')} get comfortable|${any('whichever', 'whatever', 'any')} way i ${any('lie', 'lay', 'turn', 'move')}|however i ${any('lie', 'lay', 'turn')}|every position|wont settle|${any('constant', 'relentless')}`,
);

/** A weight loss meant (a diet) is not a sign. */
const MEANT_TO_LOSE = words(
  `trying to lose|want(?:ed)? to lose|on a diet|(?<!not )dieting|slimming|a dieta|haciendo dieta|quiero bajar`,
);

export { MEANT_TO_LOSE, NIGHT, NO_RELIEF };

/**
 * Any word of a symptom the urgent answer may have been about, flag or not: a patient who denies
 * one after that answer ("no I said NO numbness") is telling us we misread them.
 */
export const SYMPTOM_WORDS = words(
  `numb(?!er)\\w*|tingl\\w*|pins and needles|pee\\w*|wee\\w*|urin\\w*|bladder|bowels?|fever\\w*|chills|fell|fall|weak\\w*|drag\\w*|erection|accident|wet myself|incontinen\\w*|orin\\w*|fiebre|hormigue\\w*|caido|cai|vejiga|problems?|issues?|nada`,
);

/** How the answer names what it heard ("You wrote about …"): short, plain, GSM-7. */
export const HEARD: Record<RedFlagId, string> = {
  'saddle-numbness': 'numbness down below',
  'bladder-bowel-control': 'bladder or bowel control',
  'urinary-retention': 'trouble passing urine',
  'sexual-dysfunction': 'a change in sexual function',
  'both-legs': 'symptoms in both legs',
  'leg-weakness': 'leg or foot weakness',
  fever: 'fever or chills',
  'recent-trauma': 'a fall or injury',
  'tearing-pain': 'tearing pain',
  'thoracic-pain': 'upper back pain',
  'recent-spinal-procedure': 'a recent spinal procedure',
  'cancer-history': 'cancer',
  'weight-loss': 'weight loss',
  'night-pain': 'pain at night',
  'steroids-osteoporosis': 'steroids or osteoporosis',
  'immune-drugs': 'a weak immune system',
  'new-pain-age': 'new back pain',
};
