/**
 * The reader's words for each intent, in English and Spanish, as patterns on `ReplyText.clean`.
 * The app's commands keep their meaning (DONE, PAIN n, PAUSE, RESUME, HELP, STOP, DELETE) and the
 * new words never collide with AWS's opt-out keywords (replies.ts OPT_OUT_KEYWORDS): MISTAKE,
 * START, UNSTOP, and the Spanish LISTO, DOLOR n, PAUSA, SEGUIR, AYUDA, ALTA, BORRAR.
 *
 * Opting out follows the FCC rule (47 CFR 64.1200(a)(10)): stop, quit, end, revoke, opt out,
 * cancel and unsubscribe used as a request about the texts always opt out ("stop pls", "Stop.",
 * "cancel this", "stop for a week"), and so do other words a reasonable person means that way
 * ("wrong number", "leave me alone", "no más", "basta"); the same words about something else do
 * not ("the pain stopped", "cancel my appointment", "at the end of the day", "I quit smoking").
 */
import { any, gap, words } from './patterns.ts';

export type LexiconIntent =
  'done' | 'pause' | 'resume' | 'help' | 'who' | 'opt-out' | 'opt-in' | 'erase' | 'mistake' | 'ack';

export interface LexiconEntry {
  intent: LexiconIntent;
  pattern: RegExp;
  /** A negation before it turns it off ("didn't do it", "don't stop"). @default true */
  negatable?: boolean;
  /** Counts only after this text of ours (MISTAKE's other words only after an urgent answer). */
  onlyAfter?: 'urgent' | 'reminder' | 'stopped';
  /** Counts only in a text this holds for ("no reminders pls" is a pause only with a time). */
  when?: (clean: string) => boolean;
}

/** What may come before a command word at the start of a clause ("ok stop", "hi, sorry but STOP"). */
const LEAD = `(?:${any('hi', 'hello', 'hey', 'ok', 'okay', 'sorry', 'but', 'so', 'just', 'please', 'pls', 'plz', 'now', 'yes', 'look', 'listen', 'honestly', 'seriously', 'guys', 'and', 'thanks', 'thank you', 'no thanks', 'oh', 'ugh', 'hola', 'oye', 'perdon', 'disculpe', 'ya', 'bueno', 'gracias', 'por favor', 'porfa', 'oigan', 'oiga', 'mire', ':\\w+:')} )*`;
/** A day or a stretch of days in Spanish ("mañana", "este fin de semana", "el lunes"): a no with one is a pause. */
const TIME_ES = any(
  'hoy',
  'manana',
  'esta (?:semana|noche|tarde)',
  'este (?:fin(?: de semana)?|mes)',
  'el fin(?: de semana)?',
  'estos dias',
  '(?:el |este )?(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)',
  'por (?:unos|unas|una|un|dos|tres|cuatro|cinco|\\d+) (?:dias|semanas?|tiempo)',
  'unos dias',
  'hasta',
  'mientras',
  'durante',
  'del \\d+',
  'la (?:proxima|otra) semana',
);
/** Taking them up again later ("los retomo al regreso", "cuando vuelva"). */
const BACK_LATER_ES = words(
  any(
    '(?:los )?retomo',
    'al regreso',
    'a (?:mi|la) (?:regreso|vuelta)',
    'cuando (?:regrese|vuelva)',
    'al volver',
    'al regresar',
    'del \\d+ al \\d+',
    'hasta (?:el|que)',
  ),
);
/** What a patient's data is called in Spanish (an erase said with a pronoun needs one of them). */
const DATA_ES = words(any('datos', 'informacion', 'historial', 'registros?', 'expediente'));
/** Words before a command word that quote it instead of saying it ("me equivoqué al poner BASTA"). */
const QUOTED_ES = any(
  'al poner',
  'puse',
  'poner',
  'escribi',
  'escribir',
  'mande',
  'dije',
  'decir',
  'la palabra',
);
/** A stretch of time ("for 5 days", "until Monday", "this week"): what makes a no a pause. */
const DURATION = words(
  `(?:for (?:a|an|the|\\d+|one|two|three|four|five|six|seven|a few|a couple of|the next) (?:\\w+ )?(?:days?|weeks?|nights?|weekend|while)|until|till|this week|next week|over (?:the )?(?:weekend|holidays|christmas|easter)|por (?:unos|una|un|\\d+) (?:dias|semanas?)|hasta)`,
);
/** The per se words (FCC) and AWS's keywords, as a whole clause. */
const PER_SE = any(
  'stop',
  'stp',
  'quit',
  'end',
  'cancel',
  'unsubscribe',
  'unsub',
  'optout',
  'opt out',
  'revoke',
  'remove',
  'arret',
  'td',
  'stopall',
  'stop all',
  'alto',
  'basta',
  'cancelar',
  'cancelen',
  'cancela',
  'cancele',
  'parar',
  'paren',
  'detener',
  'detengan',
  'desuscribir',
  'baja',
);
const POLITE = any(
  'please',
  'pls',
  'plz',
  'plse',
  'now',
  'already',
  'thanks',
  'thank you',
  'thx',
  'ty',
  'asap',
  'immediately',
  'por favor',
  'porfa',
  'ya',
  'gracias',
  ':\\w+:',
);
const TEXTS = any(
  '(?:the |these |those |your |my |all |all the |all these |all of these |any more |any |his |her |their |our )?(?:\\w+ )?(?:texts?|txts?|messages?|msgs?|reminders?|sms|notifications?|alerts?)',
  'these',
  'this',
  'them',
  'it',
  'that',
  'everything',
  'all',
  'me',
  'texting',
  'sending',
  'messaging',
);
/** What "stop", "quit", "end", "cancel" may be about when they are a request about the texts. */
const STOP_OBJECT = any(
  TEXTS,
  `${any('texting', 'sending', 'messaging', 'contacting', 'calling', 'bothering', 'emailing', 'spamming', 'harassing', 'pestering', 'reminding', 'txting')}(?: ${any('me', 'us', 'him', 'her', 'these', 'this', 'them', 'the', 'my', 'his')})?`,
  'for (?:a|the|now|today|good|ever|\\d+|one|two|a few|a while|a bit|some)\\b',
  POLITE,
);
/** Words before "stop" that make it not a request ("had to stop halfway", "pressed stop"). */
const NOT_A_REQUEST_BEFORE = any(
  'had to',
  'have to',
  'has to',
  'cant',
  'cannot',
  'couldnt',
  'wont',
  'mean to',
  'meant to',
  'pressed',
  'hit',
  'press',
  'typed',
  'texted',
  'sent',
  'the pain',
  'pain',
  'it',
  'they',
  'doesnt',
  'didnt',
  'will it',
  'to',
  'al poner',
  'puse',
  'escribi',
  'mande',
  'le di',
  'le di a',
  'al escribir',
  'poner',
);

/**
 * A per se opt-out word anywhere in a text that is also another command ("TIMES 8 1 7 STOP"): the
 * reader (read.ts) counts it there, where the word can only be about the texts. "End of …" is not one.
 */
export const PER_SE_ANYWHERE = words(`(?<!${NOT_A_REQUEST_BEFORE} )${PER_SE}(?! of\\b)`);
/** Per se opt-out words that open a text ("STOP TIMES 8 1 7", "ok stop, times 8 1 7"). */
export const PER_SE_FIRST = new RegExp(`^(?:${LEAD}${PER_SE}(?: ${POLITE})*(?: \\|)? )+`);

export const LEXICON: readonly LexiconEntry[] = [
  // ---- Opting out (per se words as a request; then reasonable phrases).
  {
    intent: 'opt-out',
    pattern: words(
      `(?:^|(?<=\\| ))${LEAD}${PER_SE}(?: ${any(POLITE, PER_SE)})*(?= \\||$| :\\w+:| and | y | but | pero | &| (?:i|im|ive|we|he|she|you|this|who|what|why|how|done|pain|please)\\b|(?<!baja) (?:por|hasta|que|porque|ya|me|yo|todo|todos|esto|los|estos|las|dolor|gracias)\\b)`,
    ),
  },
  {
    intent: 'opt-out',
    pattern: words(
      `(?:^|(?<=\\| ))${LEAD}no ${any('thanks', 'thank you', 'thankyou', 'thx', 'gracias')}(?= \\||$| :\\w+:)`,
    ),
    negatable: false,
  },
  {
    intent: 'opt-out',
    pattern: words(`(?<!${NOT_A_REQUEST_BEFORE} )${any('stop', 'quit', 'cease')} ${STOP_OBJECT}`),
  },
  {
    intent: 'opt-out',
    pattern: words(
      `${any('please', 'pls', 'plz', 'just', 'i said', 'can you', 'could you', 'would you', 'will you', 'i want to', 'id like to', 'i would like to', 'want to', 'wanna', 'how do i', 'how can i', 'how to', 'i wish to', 'i need you to', 'i want you to', 'make it', 'you can', 'you may')} ${any('stop', 'quit', 'end', 'cancel')}(?! ${any('my appointment', 'the appointment', 'the session', 'the exercise', 'the exercises', 'exercising', 'doing', 'halfway', 'laughing', 'taking', 'smoking', 'early', 'the pain')})`,
    ),
  },
  {
    intent: 'opt-out',
    pattern: words(
      `(?<!(?:the|at|of|to) )end ${any('these', 'this', 'the (?:texts|messages|reminders|subscription|service|program)', 'my (?:texts|messages|reminders|subscription)', 'it', 'them', 'all this')}(?! ${any('of', 'day', 'week')})`,
    ),
  },
  {
    intent: 'opt-out',
    pattern: words(
      `cancel(?:ar|en|a|e)? ${any('this', 'these', 'that', 'it', 'them', 'everything', 'all', 'me', 'please', 'pls', 'now', '(?:mi |la )?suscripcion', 'los mensajes', 'todo', 'todos', 'esto', 'los recordatorios', 'los textos', 'la suscripcion', 'mi cuenta', 'el servicio', 'el programa', '(?:my|the|his|her|their) (?:\\w+ )?(?:reminders|texts|messages|subscription|account|plan|program|service|sms)')}`,
    ),
  },
  {
    intent: 'opt-out',
    pattern: words(
      `${any('unsubscri\\w*', 'unsuscri\\w*', 'unsub', 'desuscrib\\w*', 'dar(?:me|nos|la|le)? de baja', 'opt (?:me |him |her )?out', 'optout', 'opting out', 'revok\\w*', 'revoc\\w*', 'withdraw (?:my )?consent', 'retiro (?:mi )?consentimiento')}`,
    ),
  },
  {
    intent: 'opt-out',
    pattern: words(
      `${any('remove', 'take', 'get', 'delete')} ${any('me', 'us', 'her', 'him', 'my number', 'this number', 'my phone', 'them')} ${any('off', 'from')}`,
    ),
  },
  {
    intent: 'opt-out',
    pattern: words(
      `remove (?:me|us)$|(?:take|get) ${any('me', 'us', 'her', 'him', 'my number', 'this number')} off`,
    ),
  },
  {
    intent: 'opt-out',
    pattern: words(
      `wrong ${any('number', 'person', 'phone', 'no', 'numero')}|${any('not', 'isnt')} ${any('my', 'the right')} ${any('number', 'phone')}|leave (?:me|us) alone|not interested|no (?:longer )?interested|numero equivocado|se equivocaron de numero`,
    ),
    negatable: false,
  },
  {
    intent: 'opt-out',
    pattern: words(
      `${any('dont', 'do not', 'pls dont', 'please dont', 'please do not', 'no')} ${any('text\\w*', 'txt', 'message\\w*', 'msg', 'contact', 'send', 'sms', 'call')} ${any('me', 'us', 'this number', 'more', 'any more', 'anymore', 'again', 'him', 'her', 'them')}(?! ${gap(2)}${any('this week', 'for', 'until', 'till', 'til', 'today', 'tomorrow', 'next week', 'this weekend', 'the weekend', 'on')})`,
    ),
    negatable: false,
  },
  {
    intent: 'opt-out',
    pattern: words(
      `no more ${any('texts?', 'txts?', 'messages?', 'msgs?', 'reminders?', 'of this', 'of these', 'please', 'pls')}|(?:please )?no send more|${any('dont', 'do not', 'no longer', 'no')} ${any('want', 'need', 'wish')} ${any('these', 'this', 'the', 'your', 'any', 'more', 'them')}(?: ${TEXTS})?`,
    ),
    negatable: false,
  },
  {
    intent: 'opt-out',
    pattern: words(
      `(?:im |i am )?done with ${any('this', 'these', 'the (?:program|texts|messages|reminders|service)', 'you', 'your', 'it all')}`,
    ),
    negatable: false,
  },
  {
    intent: 'opt-out',
    pattern: words(
      `(?:^|(?<=\\| ))${LEAD}no mas(?: ${any('mensajes', 'textos', 'recordatorios', 'por favor', 'gracias')})?(?= \\||$| :\\w+:)|no mas mensajes|(?<!${QUOTED_ES} )basta(?: ya)?|ya basta|ya no quiero ${any('recibir', 'mas', 'los', 'estos', 'sus', 'mensajes')}|no quiero (?:recibir )?(?:mas )?${any('mensajes', 'estos mensajes', 'recordatorios')}|${any('dejen', 'deja', 'dejar', 'dejad', 'paren', 'para', 'parad')} de ${any('mandar\\w*', 'enviar\\w*', 'escribir\\w*', 'mensajear\\w*')}|para ya|paren ya|${any('para', 'paren')} (?:ya )?con (?:los|estos) mensajes|no (?:me )?${any('manden', 'envien', 'escriban', 'mandes', 'envies')} mas|(?<!${TIME_ES} )(?:ya )?no (?:me |le |nos )?${any('manden', 'envien', 'escriban', 'mandes', 'envies', 'mande', 'envie')}(?: ${any('mas', 'mensajes', 'nada', 'textos', 'recordatorios')})*(?! ${gap(2)}${any(TIME_ES, 'por(?! favor)')})`,
    ),
    negatable: false,
  },
  {
    // Spanish ways to say "stop texting me" that carry their own "no": wanting out of the program,
    // "don't write to me again", the wrong person, "take me off".
    intent: 'opt-out',
    pattern: words(
      `${any('denme', 'dadme', 'dame', 'darme', 'dar')} de baja(?! (?:en|del?) (?:el |mi )?trabajo)|${any('cesar', 'cese', 'cesen')} ${any('el envio de', 'los', 'sus', 'estos', 'de enviar', 'de mandar')} ${any('mensajes', 'recordatorios', 'textos', 'sms')}|ya no ${any('voy', 'va', 'vamos', 'van')} a ${any('usar', 'necesitar', 'ocupar')} ${any('esto', 'este servicio', 'el programa', 'los mensajes', 'los recordatorios')}|(?:ya )?no ${any('quiero', 'deseo')} ${any('participar', 'estar en (?:el programa|esto)', `(?:seguir|continuar) (?:con|en) ${any('el programa', 'esto', 'los mensajes', 'los recordatorios', 'el servicio')}`)}|(?:ya )?no ${any('quiero', 'deseo', 'necesito', 'ocupo')} (?:recibir )?(?:mas )?${any('los', 'estos', 'sus', 'mas')}? ?${any('mensajes', 'recordatorios', 'textos', 'avisos')}|(?:quiero |me quiero )?${any('salir', 'salirme', 'salgan', 'sacarme')} ${any('del programa', 'de esto', 'de la lista', 'del servicio')}|no (?:me )?vuelvan a ${any('escribir', 'mandar', 'enviar', 'contactar', 'llamar', 'molestar')}\\w*|${any('favor de', 'por favor')} no ${any('enviar', 'mandar')}\\w* (?:mas )?${any('mensajes', 'recordatorios', 'textos', 'nada')}|no soy ${any('la persona', 'quien', 'el paciente', 'la paciente', 'esa persona')}|se equivocaron de persona|persona equivocada|(?:^|(?<=\\| ))${LEAD}${any('quitenme', 'quitame', 'saquenme', 'sacame', 'borrenme', 'denme de baja', 'dame de baja')}(?: ${any('de esto', 'de aqui', 'de ahi', 'de la lista', 'ya', 'por favor', 'porfa', 'gracias')})*(?= \\||$| :\\w+:)`,
    ),
    negatable: false,
  },
  {
    // "¿Pueden parar los recordatorios?", "quiten los mensajes"; "no paren los mensajes" is not one.
    intent: 'opt-out',
    pattern: words(
      `${any('pueden', 'puede', 'podrian', 'podria', 'quiero que', 'favor de', 'necesito que')}? ?${any('parar', 'paren', 'detener', 'detengan', 'quitar', 'quiten')} ${any('los', 'estos', 'sus', 'mis', 'todos los', 'el envio de')} ${any('mensajes', 'recordatorios', 'textos', 'avisos', 'sms', 'notificaciones')}`,
    ),
  },
  {
    intent: 'opt-out',
    pattern: words(`(?<!is )(?<!is this )(?:this is )?spam(?! \\?)|block (?:this|your) number|stfu`),
  },
  // ---- Opting back in.
  {
    intent: 'opt-in',
    pattern: words(
      `(?:^|(?<=\\| ))${LEAD}${any('start', 'unstop', 'subscribe', 'resubscribe', 'alta', 'volver', 'reactivar', 'comenzar', 'empezar')}(?: ${POLITE})*(?= \\||$| :\\w+:)`,
    ),
  },
  {
    intent: 'opt-in',
    pattern: words(`resubscri\\w*|re subscribe|opt (?:me |her |him )?(?:back )?in|darme de alta|de alta`),
  },
  {
    intent: 'opt-in',
    pattern: words(
      `subscribe (?:me|again)|sign ${any('me', 'her', 'him', 'us')} (?:back )?up|${any('put', 'add', 'have')} ${any('me', 'her', 'him', 'us', 'my number')} back|back on (?:the )?${any('list', 'reminders', 'texts', 'program')}|start (?:texting|sending|messaging) (?:me )?again|${any('get', 'receive', 'have')} (?:the )?${any('texts', 'reminders', 'messages')} again|${any('volver', 'vuelvan', 'quiero volver')} a ${any('recibir\\w*', 'mandar\\w*', 'enviar\\w*')}`,
    ),
    onlyAfter: 'stopped',
  },
  // ---- Erasure.
  {
    intent: 'erase',
    pattern: words(
      `(?:^|(?<=\\| ))${LEAD}${any('delete', 'erase', 'borrar', 'eliminar')}(?: ${any('yes', 'me', 'everything', 'all', 'please', 'pls', 'si', 'todo')})*(?= \\||$| :\\w+:)`,
    ),
  },
  {
    intent: 'erase',
    pattern: words(
      `${any('delete', 'erase', 'remove', 'wipe', 'destroy', 'purge')} ${gap(2)}${any('data', 'information', 'info', 'details', 'records?', 'everything', 'account', 'number', 'history', 'profile')}|${any('data', 'information', 'info', 'details', 'records?')} ${any('erased', 'deleted', 'removed', 'wiped')}|forget (?:me|about me|my \\w+)|${any('borr\\w+', 'elimin\\w+')} (?:todo )?lo que ${any('tienen', 'tengan', 'guardan', 'guardaron', 'saben')}|${any('borr\\w+', 'elimin\\w+')} ${gap(2)}${any('mis datos', 'sus datos', 'datos', 'informacion', 'todo', 'numero', 'historial', 'registros?', 'expediente', 'cuenta', 'perfil')}|no quiero que ${any('guarden', 'tengan', 'conserven', 'almacenen', 'se quede con', 'quede guardad[oa]')} ${gap(2)}${any('datos', 'informacion', 'historial', 'numero', 'registros?')}`,
    ),
  },
  {
    // "Bórrenla", "elimínenlos": the data said before and its pronoun on the verb.
    intent: 'erase',
    pattern: words(`${any('borr', 'elimin')}(?:en|ar|e|a)(?:la|lo|las|los)`),
    when: (clean) => DATA_ES.test(clean),
  },
  {
    intent: 'erase',
    pattern: words(
      `no quiero que ${gap(1)}(?:quede|quedo|siga) ${any('guardad[oa]', 'registrad[oa]', 'en (?:su|el) sistema')}`,
    ),
    when: (clean) => DATA_ES.test(clean),
  },
  // ---- Misread (after an urgent answer; the word MISTAKE anywhere).
  {
    intent: 'mistake',
    pattern: words(
      `(?:^|(?<=\\| ))${LEAD}${any('mistake', 'misread', 'error', 'equivocacion')}(?= \\||$| :\\w+:)`,
    ),
  },
  // After an urgent text, "not that", "that's not it" as the whole reply answers it: a misreading.
  // Not a bare "no" (no to what? the question back asks), nor "no, it's worse now".
  {
    intent: 'mistake',
    pattern: words(
      `^(?:${any('no', 'nope', 'nah', 'no no', 'no no no')} (?:\\| )?)?${any('not that', 'thats not it', 'thats not right', 'thats not what i (?:said|meant)', 'eso no', 'nada de eso', 'no es eso')}$`,
    ),
    onlyAfter: 'urgent',
  },
  {
    intent: 'mistake',
    pattern: words(
      `(?:^|(?<=\\| ))${any('wrong', 'equivocado', 'equivocada', 'incorrect')}(?! ${any('number', 'person', 'phone', 'numero')})`,
    ),
    onlyAfter: 'urgent',
  },
  {
    intent: 'mistake',
    pattern: words(
      `mistake|misread|misunderst\\w*|typo|my bad|false alarm|(?:you|u) got (?:it|that|me) wrong|(?:that|it) was wrong|not what i meant|i meant|ignore ${any('that', 'my last', 'the last', 'it')}|${any('im', 'i am', 'he is', 'she is', 'hes', 'shes')} ${any('ok', 'okay', 'fine', 'alright', 'all right', 'good')}|all good|fue un error|un error|me equivoque|estoy bien|esta bien|no tengo nada|no pasa nada|falsa alarma|se equivocaron|(?:just |only )?(?:a )?joke|joking|kidding|era broma|es broma`,
    ),
    onlyAfter: 'urgent',
  },
  // ---- Done.
  {
    intent: 'done',
    pattern: words(
      `(?<!${any('will', 'be', 'gonna', 'going to', 'need to', 'have to', 'has to', 'want to', 'wanna', 'try to', 'to', 'get it', 'get them', 'when', 'when i', 'once i', 'after i', 'before i', 'if i', 'until i', 'till i', 'cuando', 'cuando lo')} )${any('done', 'finished', 'finish', 'completed', 'complete', 'dun', 'accomplished', 'listo', '(?<!(?:la|una|mi|su|esta|de la|en la) )lista', 'listos', 'hecho', 'hecha', 'hechos', 'terminado', 'terminada', 'termine', 'acabe', 'complete', 'ya quedo', 'quedo', ':check:')}(?! ${any('with (?:this|these|the|you|your|it all)', 'the 14', 'the \\d+', 'yet')})`,
    ),
  },
  {
    intent: 'done',
    pattern: words(
      `(?<!${any('will', 'to', 'gonna', 'going to', 'when')} )(?:just |i |we |she |he |mum |dad )?did ${any('it', 'them', 'that', 'this', 'those', 'these', 'my', 'the', 'all', 'a', 'each', 'every', 'both', 'everything', 'session', 'sessions', 'one', 'two', 'three', 'four', 'five', 'her', 'his', 'em', 'mine', '\\d+')}`,
    ),
  },
  {
    intent: 'done',
    pattern: words(
      `${any('smashed', 'nailed', 'crushed', 'knocked out', 'aced', 'got through')} ${any('it', 'them', 'em', 'those', 'the \\w+')}|knocked ${any('it', 'them', 'em')} out|ya esta(?= \\||$| :\\w+:)|(?:^|(?<=\\| ))(?:ya )?echo(?= \\||$| :\\w+:)`,
    ),
  },
  {
    intent: 'done',
    pattern: words(
      `${any('exercises?', 'session', 'sessions', 'movements?', 'workout', 'stretches', 'it', 'them', 'ejercicios', 'sesion(?:es)?', '(?:\\d+|one|two|three|uno|una|dos|tres) (?:of|de) (?:\\d+|three|tres|the \\d+|las \\d+|los \\d+)')} (?:are |is |all |was |were |estan |ya )?${any('done', 'finished', 'completed', 'complete', 'list[oa]s?', 'hech[oa]s?', 'terminad[oa]s?', 'completad[oa]s?')}`,
    ),
  },
  {
    intent: 'done',
    pattern: words(
      `end of (?:the |my )?(?:session|workout)|${any('ya', 'ta', 'esta', 'estan')} ${any('listo', 'lista', 'listos', 'listas', 'hecho', 'hechos', 'quedo', 'quedaron')}|ya (?:lo |los |la |las )?${any('hice', 'ise', 'hise', 'termine', 'acabe', 'complete', 'hizo', 'termino', 'acabo', 'completo', 'hicimos', 'hicieron')}|${any('lo', 'los', 'la', 'las')} ${any('hice', 'ise', 'hise', 'hizo', 'hicimos', 'hicieron', 'termine', 'acabe', 'realice')}|${any('hice', 'hizo', 'hicimos')} ${any('la', 'las', 'los', 'el', 'mis', 'sus', 'todo', 'todos', '\\d+')}|(?<!${any('mero', 'casi', 'cuando', 'si')} )(?:ya )?${any('termine', 'acabe')}|ademas de (?:hacer )?${any('los', 'mis', 'sus')} ejercicios`,
    ),
  },
  {
    intent: 'done',
    pattern: words(
      `(?:^|(?<=\\| ))${any(':thumbsup:', ':muscle:', ':cheer:')}(?: ${any(':thumbsup:', ':muscle:', ':cheer:')})*(?= \\||$| :\\w+:)`,
    ),
    onlyAfter: 'reminder',
  },
  {
    // "Ya." alone after a reminder: already (done). "Ya mero" (almost) is not alone.
    intent: 'done',
    pattern: words(`(?:^|(?<=\\| ))ya(?= \\||$| :\\w+:)`),
    onlyAfter: 'reminder',
  },
  // ---- Pause (optional until).
  {
    intent: 'pause',
    pattern: words(
      `(?<!${any('quit\\w*', 'saque\\w*', 'saca\\w*', 'levant\\w*', 'remove', 'end', 'lift', 'undo', 'sin', 'cancel\\w*')} (?:la |el |the |my |mi )?)(?:paus\\w*|paws)|snooze\\w*|hold off|on hold|put (?:them|it|these|the \\w+) on hold|hold (?:the |my |his |her )?(?:texts|reminders|messages)|take a break|taking a break|a break from|break from (?:the )?${any('texts', 'reminders', 'messages')}|suspend\\w*|suspender|en pausa`,
    ),
  },
  {
    intent: 'pause',
    pattern: words(`(?:^|(?<=\\| ))${LEAD}(?:hold|(?:a )?break|mute)(?: ${POLITE})*(?= \\||$| :\\w+:)`),
  },
  {
    intent: 'pause',
    pattern: words(
      `no ${any('reminders?', 'texts?', 'messages?')} ${any('this', 'next', 'for', 'until', 'till', 'today', 'tomorrow', 'over', 'on')}|${any('mute', 'silence')} ${any('the (?:texts|reminders|messages)', 'them', 'it', 'for')}|skip ${any('the (?:texts|reminders|messages)', '(?:tomorrow|today|this week|the weekend)(?= \\||$| please| pls)')}`,
    ),
  },
  {
    intent: 'pause',
    pattern: words(
      `${any('dont', 'do not', 'no')} (?:me |le |les )?${any('text\\w*', 'send\\w*', 'message\\w*', 'manden', 'envien', 'mandes', 'mandar', 'enviar')} ${gap(3)}${any('this week', 'this weekend', 'the weekend', 'for (?:a|the|\\d+|one|two|a few)', 'until', 'till', 'til', 'today', 'tomorrow', 'next week', TIME_ES)}|${TIME_ES} no (?:me |le |les |nos )?${any('manden', 'envien', 'mandes', 'envies', 'escriban', 'mande', 'envie')}`,
    ),
    negatable: false,
  },
  // ---- Resume.
  {
    intent: 'resume',
    pattern: words(
      `resum\\w*|unpause|un pause|restart\\w*|start ${any('again', 'back', 'up again', 'them again', 'it again')}|start (?:the |my |his |her )?${any('texts', 'reminders', 'messages')} (?:again|back up)|${any('turn', 'switch', 'put')} ${any('the', 'my', 'his', 'her')}? ?${any('texts', 'reminders', 'messages', 'them', 'it')} (?:back )?on|${any('texts', 'reminders', 'messages')} ${any('back on', 'on again')}|send ${any('them', 'it', 'the texts', 'the reminders', 'the messages')} again|start ${any('them', 'it', 'the \\w+')} (?:up )?again|carry on|${any('seguir', 'sigan', 'reanudar', 'reanuden', 'reanuda', 'continuar', 'continuen', 'reactivar')}|${any('pueden', 'puede')} seguir|volver a (?:empezar|mandar\\w*|enviar\\w*)|${any('quit\\w*', 'saque\\w*', 'levant\\w*')} (?:la )?pausa|reactiv\\w*|${any('activ\\w*', 'prend\\w*', 'encien\\w*')} ${any('otra vez', 'de nuevo', 'nuevamente')}|${any('mandenme', 'envienme', 'mandame', 'enviame', 'escribanme', 'manden', 'envien', 'mandar', 'enviar', 'mandarme', 'enviarme')} ${gap(2)}${any('otra vez', 'de nuevo', 'nuevamente')}`,
    ),
  },
  // ---- Help.
  {
    intent: 'help',
    pattern: words(
      `(?:^|(?<=\\| ))${LEAD}(?:${any('help', 'ayuda', 'info', 'information', 'instructions', 'instrucciones', 'menu', 'commands', 'options')})(?= \\||$| :\\w+:| (?:me|please|pls|us|with|how|what|i|por favor|porfa|no|con|que|como)\\b)`,
    ),
  },
  {
    intent: 'help',
    pattern: words(
      `how ${any('does', 'do', 'can', 'should', 'would')} ${any('this', 'it', 'i', 'we', 'you', 'these')} ${any('work', 'tell', 'send', 'reply', 'respond', 'text', 'log', 'record', 'see', 'use', 'answer', 'mark', 'report', 'give', 'let', 'do this', 'get the', 'open', 'enter', 'put in', 'type')}|what ${any('am i', 'do i', 'should i', 'must i', 'do we', 'are we')} ${any('supposed to', 'meant to', 'need to', 'have to')}? ?${any('reply', 'respond', 'text', 'send', 'answer', 'do', 'say', 'write', 'type')}|do i ${any('need to', 'have to', 'just')}? ?${any('reply', 'respond', 'text', 'answer', 'press', 'click', 'tap')}|(?:^|(?<=\\| ))(?:im |i am |so |bit |a bit |very )?confus\\w*(?= \\||$| :\\w+:)|confusing|no entiendo(?= \\||$| ${any('que', 'como', 'los mensajes', 'esto', 'nada', 'bien')})|${any('dont', 'do not')} understand ${any('what', 'how', 'these', 'this', 'the texts', 'the messages')}|que ${any('tengo', 'debo', 'hay')} que ${any('contestar', 'responder', 'hacer', 'poner', 'escribir')}|como funciona|que ${any('respondo', 'contesto', 'pongo', 'escribo', 'le pongo', 'le contesto', 'les contesto', 'debo poner', 'debo responder')}|help me|what are (?:the|my) options|(?:^|(?<=\\| ))options(?= \\||$| :\\w+:)`,
    ),
  },
  // ---- Who is this.
  {
    intent: 'who',
    pattern: words(
      `who ${any('is this', 'is it', 'is texting', 'sent this', 'sends', 'are you', 'r u', 'dis', 'is that', 'this', 'texted')}|whos ${any('this', 'texting', 'that')}|who is$|what ${any('is this', 'are these', 'are you', 'is this message', 'is this text', 'is this about', 'is that')}|whats this|what (?:are )?${any('these', 'this', 'the')} ${any('texts', 'messages')} (?:are |is )?for|${any('dont', 'do not', 'cant')} ${any('remember', 'recall')} ${any('signing', 'sign', 'subscribing', 'agreeing', 'joining')}|${any('didnt', 'never', 'did not')} ${any('sign', 'signed', 'subscribe', 'subscribed', 'ask', 'asked', 'request', 'requested', 'agree')}|is this ${any('my', 'the', 'from')} ${gap(1)}${any('physio\\w*', 'doctor\\w*', 'clinic', 'hospital', 'dr', 'gp', 'practice', 'surgery', 'office')}|${any('quien', 'kien')} ${any('es', 'eres', 'me manda', 'manda', 'envia', 'sos', 'habla', 'me escribe')}|que es esto|de donde|no conozco este numero|(?:^|(?<=\\| ))(?:y )?(?:esto|este mensaje|estos mensajes|este numero) es ${any('del?', 'de la')} ${any('doctor', 'doctora', 'dr', 'dra', 'clinica', 'consultorio', 'hospital', 'fisio\\w*', 'terapeuta', 'medico')}|(?:^|(?<=\\| ))(?:y )?(?:este|esta|esto|estos|el) ${any('codigo', 'mensaje', 'mensajes', 'numero', 'texto')}? ?(?:para que|de que|de quien) ${any('es', 'son', 'sirve')}|(?:^|(?<=\\| ))para que (?:es|son|sirve) ${any('este', 'esto', 'el', 'estos')}(?: ${any('codigo', 'mensaje', 'mensajes', 'numero', 'texto')})?|signed me up|do i know you|${any('how', 'where')} did you get ${any('my', 'this')} number|what ${any('company', 'business', 'service', 'app', 'organi[sz]ation', 'clinic', 'program')} is ${any('this', 'that', 'it')}|is this (?:a )?${any('spam', 'scam')}`,
    ),
    negatable: false,
  },
  // ---- Thanks, ok, got it.
  {
    intent: 'ack',
    pattern: words(
      `ok|okay|okey|oki|k|kk|thanks|thank you|thankyou|thx|ty|tks|cheers|got it|gotcha|will do|sure|great|cool|perfect|sounds good|noted|understood|roger|alright|all right|fine|good|nice|awesome|lovely|brilliant|dear|love|xx|x|yes|yep|yeah|ya|yup|gracias|muchas gracias|mil gracias|vale|dale|bueno|perfecto|entendido|de acuerdo|ahorita|claro|si|ok i will|i will|for the reminder|for the reminders|okie dokie|okey dokey|okie|see you(?: then| tomorrow| later| soon)?|talk soon|bye|have a (?:good|nice|great) (?:day|one|evening)|:thumbsup:|:thanks:|:heart:|:smile:|:cheer:|:muscle:`,
    ),
  },
  // ---- More ways of saying the same (general classes of wording).
  {
    intent: 'opt-out',
    pattern: words(
      `(?:^|(?<=\\| ))${LEAD}${any('enough', 'enough already', 'thats enough', 'go away', 'get lost', 'piss off', 'f off', 'fuck off', 'leave me be', 'im out', 'count me out', 'no mas', 'ya no')}(?: ${POLITE})*(?= \\||$| :\\w+:)|remove ${any('my', 'this')} number|${any('dont', 'do not')} want (?:to do )?${any('this', 'these', 'it', 'the program', 'them')} ${any('anymore', 'any more', 'no more')}|${any('dejenme', 'dejame', 'dejeme')} en paz|no me interesa|${any('saque\\w*', 'saca\\w*', 'quit\\w*', 'borr\\w*', 'elimin\\w*')} (?:mi numero |me |a mi )?de (?:la|su|sus|esta|esa) ${any('lista', 'listas', 'programa')}|no (?:me )?molest\\w*`,
    ),
    negatable: false,
  },
  { intent: 'opt-in', pattern: words(`rejoin|re join|reactivat\\w*`) },
  {
    intent: 'opt-in',
    pattern: words(
      `changed my mind|cambie de opinion|me arrepenti|(?:^|(?<=\\| ))${LEAD}quiero ${any('volver', 'regresar', 'seguir', 'continuar')}(?= \\||$| :\\w+:)`,
    ),
    onlyAfter: 'stopped',
  },
  {
    intent: 'resume',
    pattern: words(`(?<!to )continue(?! to)|start (?:sending|texting) (?:them |it |me )?again`),
  },
  {
    intent: 'who',
    pattern: words(
      `who ${any('sent me', 'sends', 'sending', 'texts', 'texted me', 'is sending')}|whos ${any('sending', 'texting me')}|what (?:is|s) this ${any('number', 'for', 'about')}|whose number|${any('dont', 'do not')} ${any('know', 'recognize', 'recognise')} ${any('this', 'your', 'the')} number|(?:^|(?<=\\| ))${any('is this', 'is that', 'are you', 'am i texting', 'am i talking to', 'es este', 'es esta', 'es el', 'es la')} (?:the |a |my |el |la |mi )?(?:\\w+ ){0,3}${any('office', 'clinic', 'surgery', 'practice', 'physio', 'physiotherapist', 'doctor', 'dentist', 'pharmacy', 'hospital', 'clinica', 'consultorio', 'consulta', 'oficina', 'medico', 'doctora')}s?$`,
    ),
    negatable: false,
  },
  {
    intent: 'mistake',
    pattern: words(
      `(?:i )?feel ${any('fine', 'ok', 'okay', 'good', 'alright')}|no emergency|not an emergency|nothing wrong|all fine|all is well|everything is ${any('fine', 'ok', 'okay', 'good')}|autocorrect|auto correct|(?:el )?(?:auto)?corrector|typed (?:it )?wrong|no es urgente|not urgent|(?:nothing|nada) (?:urgent|urgente)|todo bien|todo esta bien|me confundi|no es nada|nada grave|talking about my ${any('hand', 'arm', 'finger', 'wrist', 'neck', 'face', 'shoulder')}`,
    ),
    onlyAfter: 'urgent',
  },
  {
    intent: 'pause',
    pattern: words(
      `postpone\\w*|${any('delay', 'put off')} ${any('the', 'my', 'them', 'it')}|no ${any('reminders?', 'texts?', 'messages?')} while`,
    ),
  },
  // A time-bounded no: "going away for 5 days, no reminders pls", "not this week please". Without
  // a time ("no reminders pls") it stays for the clinic; "not today" asks back (skip or pause?).
  {
    intent: 'pause',
    pattern: words(
      `(?:^|(?<=\\| ))${LEAD}no ${any('reminders?', 'texts?', 'messages?', 'recordatorios', 'mensajes')}(?: ${POLITE})*(?= \\||$)`,
    ),
    when: (clean) => DURATION.test(clean),
  },
  {
    intent: 'pause',
    pattern: words(
      `(?:^|(?<=\\| ))${LEAD}not ${any('this week', 'this weekend', 'next week', 'this month', 'for a (?:while|bit|few days)', 'for now', 'for the next (?:few|couple of) days')}(?: ${POLITE})*(?= \\||$)|(?:^|(?<=\\| ))(?:esta semana no(?= \\||$| (?:me|por favor|porfa|gracias|manden|envien|mensajes|recordatorios)(?: |$))|no (?:por|durante) (?:esta semana|ahora|un tiempo))`,
    ),
  },
  {
    // "Me voy de vacaciones del 3 al 10, los retomo al regreso": away, and back to them after.
    intent: 'pause',
    pattern: words(
      `${any('me voy', 'salgo', 'estare', 'voy a estar', 'ando', 'estoy')} de ${any('vacaciones', 'viaje')}`,
    ),
    when: (clean) => BACK_LATER_ES.test(clean),
  },
  {
    intent: 'done',
    pattern: words(
      `went through ${any('them', 'it', 'all', 'my', 'the')}|ticked (?:it |them )?off|realic\\w*|realizado|completado|(?:^|(?<=\\| ))check(?:ed)?(?= \\||$| :\\w+:)`,
    ),
  },
  {
    intent: 'ack',
    pattern: words(
      `(?:^|(?<=\\| ))${any('sale', 'va', 'sale pues', 'va pues', 'orale', 'andale', 'simon', 'okas', 'ta bien', 'esta bien', 'enterad[oa]')}(?= \\||$| :\\w+:)|${any('ya voy', 'ahi voy')}(?= \\||$| :\\w+:)|(?:que )?dios (?:lo |la |los |las |le |les |te )?${any('bendiga', 'bendice', 'cuide', 'pague')}|bendiciones|${any('ill', 'i will', 'will')} ${any('do', 'try')} my best|ta|tyvm|received|recieved|appreciate\\w*(?: it)?|excellent|wonderful|amazing|grand|super|fab|sure thing|muy bien|de nada`,
    ),
  },
];
