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
import { INJURY_PATTERNS } from './injury.ts';
import { any, gap, words, type SymptomPattern } from './patterns.ts';

export type { SymptomPattern };

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
  'entumid[oa]s?',
  'adormec\\w*',
  'dormid[oa]s?',
  'hormigue\\w*',
  'cosquille\\w*',
  'no siento',
  'sin sensibilidad',
  'sin sensacion',
  'feels? dead',
  'dead feeling',
);
const EXPLICITLY_BOTH = any(
  'both (?:of )?(?:my |his |her )?(?:legs|feet|thighs|calves|sides)',
  'las (?:dos|2) piernas',
  'ambas piernas',
  'los (?:dos|2) pies',
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
  'arde\\w*',
  'ardor',
  'queman?',
  'calambres?',
  'punzadas?',
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

/** Each flag's phrases; a flag is heard when one matches and is not negated. */
export const SYMPTOM_PATTERNS: readonly SymptomPattern[] = [
  // Retention: trouble passing urine, not feeling a full bladder.
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
      `se (?:me |le )?${any('salio', 'salen', 'sale', 'salieron', 'salia', 'escapo', 'escapa', 'escapan', 'escaparon')} ${gap(3)}${any('orina', 'pis', 'pipi', 'caca', 'popo', 'gotas', 'gotitas', 'encima', 'en (?:los|mis|sus) (?:pantalones|calzones|chones)')}|${any('me', 'se')} ${any('hice', 'hizo', 'hago', 'hace', 'ha hecho', 'he hecho', 'orine', 'orino', 'meo', 'meaba', 'hacia')} ${gap(1)}${any('pipi', 'pis', 'popo', 'caca', 'del bano', 'del uno', 'del dos', 'encima', 'en la cama', 'en (?:los|mis|sus) (?:pantalones|calzones|chones)', 'en la ropa')}`,
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
      `erecti\\w*(?: problems?| dysfunction| issues?)|impoten\\w*|cant perform|disfuncion erectil|no se me (?:para|levanta)|${any('no', 'ya no', 'nunca')} ${any('tengo', 'tiene', 'consigo', 'logro', 'se me pone')} (?:una )?ereccion\\w*|${any('no', 'no more', 'lost (?:my|his)', 'havent had (?:an|any)', 'hasnt had (?:an|any)')} erections?(?! ${any('problems?', 'issues?', 'trouble', 'dysfunction')})`,
    ),
  },
  { flag: 'both-legs', pattern: words(`${ACHE} ${gap(4)}${EXPLICITLY_BOTH}`) },
  { flag: 'both-legs', pattern: words(`${EXPLICITLY_BOTH} ${gap(3)}${ACHE}`) },
  {
    // "Me baja a las dos piernas", "se me corre a ambas piernas": pain that goes down both legs.
    flag: 'both-legs',
    pattern: words(
      `${any('(?:me |se me |se )?(?:baja|bajaba|bajando|corre|va|iba|llega|llegaba|pasa|irradia\\w*)', 'calambres?', 'ardor', 'toques')} ${gap(2)}${any('(?:a|hasta|por|en|hacia) (?:las dos|ambas) piernas', '(?:a|hasta|por|en|hacia) (?:los dos|ambos) pies')}`,
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
      `${any('no', 'ya no')} ${any('puedo', 'puede', 'pude', 'pudo', 'podia')} ${any('caminar', 'andar', 'pararme', 'pararse', 'ponerme de pie', 'ponerse de pie', 'estar de pie', 'sostenerme', 'sostenerse')}(?! ${any('mucho', 'lejos', 'tanto', 'rato', 'mas', 'por mucho', 'sin (?:dolor|bastón|baston)', 'bien porque')})`,
    ),
  },
  // Fever or feeling unwell (possible infection).
  {
    flag: 'fever',
    pattern: words(
      `(?<!${any('cabin', 'spring', 'football', 'election', 'dance', 'disco', 'gold', 'world cup')} )fever\\w*|febrile|chills|chilly and|shiver\\w*|night sweats|high temp\\w*|generally unwell|running a (?:temp|temperature|fever)|hot and cold|sweat\\w* at night|temp(?:erature)? (?:of )?(?:3[89]|4[0-2]|10[0-9])(?:\\.\\d)?|fiebre(?! ${any('del sabado', 'de (?:sabado|compras|futbol|oro|viaje|primavera|\\w+(?:ar|er|ir))(?![^\\s|])')})|escalofrio\\w*|calentura|tiritando|temperatura alta|afiebrad[oa]s?|febril|destemplad[oa]s?|(?:con )?el cuerpo cortado`,
    ),
  },
  // A fall, an accident, a blow (injury.ts).
  ...INJURY_PATTERNS,
  // Tearing or ripping pain (aortic).
  {
    flag: 'tearing-pain',
    pattern: words(
      `${any('tearing', 'ripping', 'tear like', 'desgarr\\w*', 'rasgad\\w*', 'rasgante')} ${gap(2)}${any('pain', 'sensation', 'feeling', 'dolor', 'ache')}`,
    ),
  },
  {
    flag: 'tearing-pain',
    pattern: words(
      `${any('pain', 'dolor')} ${gap(3)}${any('tearing', 'ripping', 'desgarr\\w*', 'rasg\\w*')}`,
    ),
  },
  {
    flag: 'tearing-pain',
    pattern: words(
      `${any('like', 'as if', 'as though', 'como si')} ${gap(2)}${any('tore', 'torn', 'ripped', 'tearing', 'ripping', 'ripped open', 'desgarr\\w*', 'rasg\\w*', 'partieran', 'arrancaran', 'abrieran')}`,
    ),
  },
  {
    flag: 'tearing-pain',
    pattern: words(
      `${any('tearing', 'ripping', 'desgarr\\w*', 'rasg\\w*')} ${gap(3)}${any('back', 'belly', 'stomach', 'abdomen', 'tummy', 'chest', 'espalda', 'barriga', 'abdomen', 'vientre', 'panza', 'pecho')}`,
    ),
  },
  {
    // "Como que se me desgarra algo": something (unnamed, so inside) tearing; a named thing
    // ("se me rasgó el pantalón") is not.
    flag: 'tearing-pain',
    pattern: words(
      `se (?:me |le )${any('desgarr\\w*', 'rasg\\w*')} algo|como (?:que|si) se (?:me |le )${any('desgarr\\w*', 'rasg\\w*', 'rompi\\w*', 'rompe')} algo`,
    ),
  },
  {
    // "Sentí como que se me rompía por dentro": something tearing inside, the phone's breaking not.
    flag: 'tearing-pain',
    pattern: words(
      `(?:algo )?(?:se (?:me |le )?|me |le )${any('rompi\\w*', 'rompe', 'desgarr\\w*', 'rasg\\w*', 'parti\\w*', 'parte', 'abri\\w*', 'abre', 'reventa\\w*', 'revento', 'arranca\\w*')} ${gap(1)}${any('por dentro', 'adentro', 'dentro', 'en la espalda', 'en la panza', 'en la barriga', 'en el pecho', 'la espalda', 'la panza')}`,
    ),
  },
  {
    // Something felt to tear or rip inside the back or belly ("felt something tear in my back").
    flag: 'tearing-pain',
    pattern: words(
      `${any('felt', 'feel', 'feels', 'feeling')} ${any('something', 'it', 'a thing')} ${any('tear', 'tearing', 'rip', 'ripping', 'tore', 'ripped')} ${gap(3)}${any('back', 'belly', 'stomach', 'abdomen', 'tummy', 'chest', 'spine')}`,
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
      `weight ${gap(2)}${any('dropping', 'falling', 'coming off', 'dropping off')}|weight loss|${any('baje', 'bajo', 'bajado', 'perdi', 'perdio', 'perdido', 'perdiendo', 'bajando', 'adelgace', 'adelgazo', 'adelgazando', 'adelgazado')} ${gap(2)}${any('peso', 'kilos?', 'libras')}`,
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
      `no (?:siento|siente|noto|nota) cuando (?:tengo|tiene) la vejiga llena|no (?:me |le )?sale (?:la )?orina|no (?:he|ha|hemos) ${any('orinado', 'hecho pipi', 'hecho pis', 'podido orinar')}|${any('llevo', 'lleva', 'paso', 'estoy', 'esta')} ${gap(3)}sin (?:poder )?${any('orinar', 'hacer pipi', 'hacer pis')}|no (?:puedo|puede) hacer (?:pipi|pis)|no tengo ganas de orinar|me cuesta (?:hacer )?(?:pipi|pis)|${any('no', 'ya no')} ${any('siento', 'siente', 'noto', 'nota', 'se', 'sabe')} ${gap(3)}${any('ganas de', 'necesidad de')} ${any('orinar', 'hacer pipi', 'hacer pis', 'ir al bano', 'hacer del uno')}|no (?:me |se )?(?:doy|da) cuenta ${gap(3)}${any('orinar', 'hacer pipi', 'hacer pis', 'ir al bano', 'vejiga')}`,
    ),
  },
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `${any('wetting', 'peeing', 'pissing', 'weeing', 'soiling', 'pooing', 'pooping')} ${any('myself', 'my self', 'himself', 'herself', 'the bed', '(?:my|his|her) (?:pants|bed|trousers|underwear|knickers)')}|${any('bowel', 'bladder')} accidents?|(?:wear|wearing|need) ${any('pads', 'nappies', 'diapers', 'incontinence pads')}|me ${any('orino', 'meo', 'hago pipi')} encima|no (?:me |se )${any('doy', 'di', 'da', 'dio')} cuenta ${any('cuando', 'de que', 'si')} (?:me )?${any('orino', 'orina', 'hago', 'hace', 'sale', 'salio')}|se (?:me |le )?ensuci\\w* ${any('en la cama', 'encima', 'en (?:los|el) pantalon(?:es)?', 'en la ropa interior')}`,
    ),
  },
  {
    // "Tuve un accidente en la cama": a loss of control (injury.ts leaves it alone).
    flag: 'bladder-bowel-control',
    pattern: words(
      `accidentes? ${gap(2)}${any('en la cama', 'en (?:los|mis|sus) (?:pantalones|calzones|chones)', 'de (?:pipi|pis|popo|caca|orina)', 'con (?:la )?(?:orina|vejiga|pipi|popo)', 'antes de llegar al bano')}`,
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
    flag: 'fever',
    pattern: words(
      `feel\\w* ${any('really ', 'very ', 'so ', 'quite ', 'a bit ')}?${any('unwell', 'poorly', 'feverish', 'hot and shivery')}|flu ?like|the flu(?! ${any('shot', 'jab', 'vaccine', 'vaccination', 'injection', 'clinic')})|rigors|(?:3[89]|4[0-2])(?:\\.\\d)? ?${any('degrees', 'c', 'celsius')}|10[0-5](?:\\.\\d)? ?${any('degrees', 'f', 'fahrenheit')}|tengo temperatura|sudores nocturnos|tiritona|malestar general`,
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

  // Illness said as how the body feels: soaked in sweat, rotten all over, the flu (not its jab).
  {
    flag: 'fever',
    pattern: words(
      `teeth ${any('chattering', 'were chattering', 'are chattering')}|shaking ${any('all over', 'uncontrollabl\\w*', 'with cold')}|${any('drenched', 'soaked', 'dripping', 'wet through', 'pouring', 'bathed')} ${any('in', 'with')} (?:a )?sweat|woke (?:up )?${any('drenched', 'soaked', 'sweating', 'in a sweat', 'sweaty')}|${any('cold', 'hot', 'night')} sweats|sweats|sweating ${any('buckets', 'at night', 'all night', 'in bed', 'through')}|${any('feel\\w*', 'am', 'im')} ${any('really ', 'so ', 'just ', 'generally ')}?${any('rotten', 'awful', 'terrible', 'lousy', 'rough', 'crap', 'dreadful', 'horrible', 'ill', 'sick', 'achy', 'grotty', 'rubbish', 'like death')} ${any('all over', 'in myself', 'generally')}|${any('achy', 'aching', 'ache', 'aches')} all over|flu(?:ey| ish)?(?! ${any('shot', 'jab', 'vaccine', 'vaccination', 'injection', 'clinic')})|${any('sudores', 'sudando (?:por la noche|toda la noche|mucho)', 'empapad[oa] en sudor')}|me siento ${any('mal', 'fatal', 'muy mal')} de todo el cuerpo|gripe(?! ${any('vacuna', 'de la vacuna')})|temblores`,
    ),
  },
  // Loss of control said around the houses: leaking, things coming out, not making it in time.
  {
    flag: 'bladder-bowel-control',
    pattern: words(
      `(?<!${any('roof', 'tap', 'pipe', 'boiler', 'radiator', 'car', 'tyre', 'tire', 'battery', 'pen', 'bottle', 'boat', 'phone', 'window', 'ceiling', 'sink', 'toilet', 'machine', 'dishwasher', 'fridge', 'kettle', 'hose', 'shower', 'bag', 'cup', 'nose', 'eyes?', 'wound', 'news', 'story', 'it')} (?:(?:is|are|was|were|has|have|been|keeps?|started|still|always|again) )*)(?:(?:is|am|im|are|been|keep|keeps|started|start|still) )?leak(?:s|ed|ing|y)?(?! ${any('the', 'news', 'info', 'data', 'story', 'details', 'out to', 'it to', 'oil', 'air', 'gas', 'water from the')})|(?:comes?|came|coming|leaks?|slips?|escapes?|gets?) out ${gap(2)}${any('when (?:they|it|i) (?:shouldnt|should not|dont|didnt|do not|dont want)', 'without (?:me |my )?(?:knowing|noticing|feeling|realising|realizing|wanting|meaning)', 'before i (?:can|could|get|got|make it)', 'on (?:its|their) own', 'by (?:itself|themselves)')}|${any('didnt', 'couldnt', 'dont', 'cant', 'did not', 'could not', 'never', 'not')} ${any('make it', 'made it', 'get', 'got', 'reach', 'always make it', 'always get')} ${any('to the (?:toilet|bathroom|loo|restroom)(?: in time)?', 'in time')}|accidents? ${gap(5)}${any('toilet', 'loo', 'bathroom', 'restroom', 'wc')}|${any('a little', 'a small', 'another little', 'little', 'small')} accidents?|${any('didnt', 'did not', 'dont', 'do not', 'couldnt', 'cant', 'never')} ${any('feel', 'know', 'realise', 'realize', 'notice', 'sense')} (?:that )?i ${any('needed', 'need', 'had', 'have')} to go`,
    ),
  },
];

/** Night pain needs both: at night, and no position eases it. */
const NIGHT = words(
  `(?:[1-5]|one|two|three|four|five) ?am|${any('in the (?:early|small|wee) hours', 'middle of the night', 'nights', 'nightly', 'in bed', 'lying (?:flat|on my (?:side|back))', 'when i lie down', 'madrugada', 'de madrugada')}|at rest|lying (?:down|in bed|still)|when i (?:lie|rest|sit still)|at night|every night|all night|in the night|overnight|wakes? (?:me|him|her)|woke (?:me|him|her)|waking (?:me|up)|cant sleep|cannot sleep|can not sleep|keeps me (?:up|awake)|por la noche|en la noche|de noche|toda la noche|${any('todas las', 'cada', 'en las', 'por las')} noches?|me despierta|no puedo dormir|no me deja dormir|acostad[oa] (?:en la cama|boca arriba|de lado)|en reposo`,
);
const NO_RELIEF = words(
  `${any('makes?', 'made', 'making')} no difference|no difference|${any('doesnt', 'does not', 'dont', 'do not', 'didnt')} ${any('care', 'matter')} ${any('if', 'whether', 'how', 'what', 'which', 'where')}|nothing ${any('eases', 'helps', 'works', 'shifts', 'touches', 'settles')} it|${any('cant', 'cannot', 'never')} get ${any('comfy', 'comfortable')}|${any('doesnt', 'does not', 'dont', 'nothing', 'no')} ${any('matter', 'help\\w*', 'ease\\w*', 'change\\w*', 'relie\\w*', 'make any difference', 'go away', 'get better')}|whatever position|any position|no matter ${any('how', 'what')}|${any('changing', 'change', 'moving')} ${gap(1)}position ${gap(1)}${any('does nothing', 'doesnt help', 'makes no difference', 'dont help')}|does nothing|wont (?:go away|ease)|no se (?:me )?quita|no (?:me|le) alivia|aunque (?:me )?(?:cambie|mueva|voltee|acomode|ponga)|(?:en )?ninguna posicion|da igual|nada (?:me |le )?${any('ayuda', 'alivia', 'sirve', 'calma', 'quita')}|${any('ninguna', 'no hay', 'en ninguna', 'ni una')} ${any('posicion', 'postura', 'forma', 'manera')}|no encuentro (?:ninguna )?${any('postura', 'posicion', 'acomodo')}|no se calma|no position|${any('cant', 'cannot')} get comfortable|${any('whichever', 'whatever', 'any')} way i ${any('lie', 'lay', 'turn', 'move')}|however i ${any('lie', 'lay', 'turn')}|every position|wont settle|${any('constant', 'relentless')}`,
);

/** A weight loss meant (a diet) is not a sign. */
const MEANT_TO_LOSE = words(
  `trying to lose|want(?:ed)? to lose|on a diet|(?<!not )dieting|slimming|a dieta|haciendo dieta|quiero bajar|${any('con', 'por', 'de', 'en')} ${any('la', 'una', 'mi')} dieta|nutriolog[oa]|nutricionista|a proposito|queriendo bajar`,
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
