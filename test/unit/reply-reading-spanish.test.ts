/**
 * The reply reader in Spanish, each rule with examples of our own (none is a line of a corpus):
 * opting out however it is said and only when it is meant, the Spanish negations and their scope
 * (NegEx in negation.ts), figures of speech that are no sign, the red flags in everyday Spanish,
 * the commands said the Spanish way, reactions as Spanish phones send them, and which language a
 * text is in. The Spanish corpus's figures are test/unit/reply-corpus.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { asMeaning } from '../support/reply-corpus.ts';
import { readReply, type RepliedTo } from '../../shared/domain/messaging/reading/read.ts';

const read = (text: string, after: RepliedTo = 'reminder') =>
  asMeaning(readReply(text, { after, appName: 'Rehab reminders' }));
const flagsOf = (text: string, after: RepliedTo = 'reminder') => read(text, after).flags ?? [];
const kinds = (text: string, after: RepliedTo = 'reminder') => read(text, after).intents;

describe('opting out in Spanish: always when meant, never when not', () => {
  it('the per se words in their Spanish forms, and asking for the texts to stop', () => {
    for (const text of [
      'CANCELEN',
      'cancelen todo por favor',
      'Alto por favor',
      'PARAR',
      'ALTO hasta nuevo aviso',
      'paren los mensajes ya',
      '¿me pueden quitar los recordatorios?',
      'quiero que detengan los mensajes',
      'sáquenme de su lista',
      'no más, gracias',
      'ya no quiero recibir nada',
      'no quiero continuar con el programa',
      'no me vuelvan a contactar',
      'favor de no mandar nada más',
      'no soy esa persona',
      'quítenme de aquí por favor',
      'Cancelar suscripción',
    ])
      expect(kinds(text), text).toContain('opt-out');
  });

  it('"no más" after a word is "only"; a quoted BASTA is no request; "no paren" asks for more', () => {
    expect(kinds('solo pude hacer uno no más')).not.toContain('opt-out');
    expect(kinds('puse BASTA sin querer, perdón', 'stopped')).not.toContain('opt-out');
    expect(kinds('no paren los mensajes, me sirven mucho')).not.toContain('opt-out');
    expect(kinds('cancelen mi cita del jueves')).not.toContain('opt-out');
    expect(kinds('no quiero seguir con los ejercicios, me duele mucho')).not.toContain('opt-out');
    // "Baja" at a clause's start is the pain going down the leg, not "dar de baja".
    expect(kinds('baja por la pierna hasta el tobillo')).not.toContain('opt-out');
  });

  it('a no with a day or a stretch of days is a pause, before or after it', () => {
    expect(kinds('el sábado no me manden, tengo boda')).toContain('pause');
    expect(kinds('no me envíen nada el domingo')).toContain('pause');
    expect(kinds('salgo de viaje, los retomo cuando vuelva')).toEqual(['pause']);
    expect(kinds('no me manden nada nunca más')).toEqual(['opt-out']);
  });
});

describe('Spanish negation and its scope', () => {
  it('sin, nunca, ni, tampoco, ya no, no he: the sign after them is denied', () => {
    for (const text of [
      'sin hormigueo en ninguna pierna hoy',
      'nunca he tenido calentura con esto',
      'ni escalofríos ni debilidad',
      'tampoco se me duermen los pies',
      'ya no siento adormecida la entrepierna',
      'no he tenido fiebre',
      'no he sentido las piernas débiles',
    ])
      expect(flagsOf(text), text).toEqual([]);
  });

  it('gone, said before the sign or after it, without a pronoun', () => {
    for (const text of [
      'se me quitó el hormigueo de las dos piernas',
      'ya se fue la calentura',
      'tuve escalofríos el lunes pero ya se me pasaron',
      'el adormecimiento entre las piernas ya desapareció',
    ])
      expect(flagsOf(text), text).toEqual([]);
    // "Se me fue la pierna" is the leg giving way, not something gone.
    expect(flagsOf('se me va la pierna derecha al caminar')).toEqual(['leg-weakness']);
  });

  it('the scope ends at "pero", a new clause, or a sign said of someone else', () => {
    expect(flagsOf('no tengo fiebre pero se me doblan las piernas')).toEqual(['leg-weakness']);
    expect(flagsOf('sin dolor de espalda. tengo escalofríos desde anoche')).toEqual(['fever']);
    expect(flagsOf('la calentura es de mi nieto, yo nada')).toEqual([]);
  });
});

describe('figures of speech are no sign', () => {
  it('falling asleep, laughing, realising; Saturday night fever; a diet', () => {
    for (const text of [
      'me caí de sueño en el sillón',
      'me caí de la risa con mi nieta',
      'me caí en cuenta tarde de la sesión',
      'ando con fiebre del sábado jaja',
      'me dio fiebre de comprar plantas',
      'he bajado 4 kilos con una dieta de la nutricionista',
    ])
      expect(flagsOf(text), text).toEqual([]);
    // The real ones still are.
    expect(flagsOf('me caí en la regadera')).toEqual(['recent-trauma']);
    expect(flagsOf('bajé de peso sin hacer nada')).toEqual(['weight-loss']);
  });

  it('an "accidente" with the toilet is a loss of control, not an injury', () => {
    expect(flagsOf('tuve un accidente en la cama anoche')).toEqual(['bladder-bowel-control']);
    expect(flagsOf('tuve un accidente de moto')).toEqual(['recent-trauma']);
  });
});

describe('red flags in everyday Spanish', () => {
  it('down below, however it is called', () => {
    for (const text of [
      'tengo entumida la parte de abajo',
      'no siento mis partes desde ayer',
      'hormigueo entre las piernas al sentarme',
      'tengo dormida la parte de adentro de los muslos',
    ])
      expect(flagsOf(text), text).toEqual(['saddle-numbness']);
    // The lower back is not down below.
    expect(flagsOf('me duele la parte de abajo de la espalda, 5')).toEqual([]);
  });

  it('passing urine, control, both legs, weakness, fever, a blow, tearing, nights', () => {
    const cases: [string, string][] = [
      ['sigo sin poder orinar', 'urinary-retention'],
      ['no siento las ganas de ir al baño a orinar', 'urinary-retention'],
      ['se me escapan unas gotas de pipí', 'bladder-bowel-control'],
      ['mi papá se hizo encima anoche, le escribo por él', 'bladder-bowel-control'],
      ['el dolor se me corre a ambas piernas', 'both-legs'],
      ['no puedo levantar la punta del pie', 'leg-weakness'],
      ['no puedo caminar desde esta mañana', 'leg-weakness'],
      ['ando afiebrado y destemplado', 'fever'],
      ['me pegó una moto al cruzar', 'recent-trauma'],
      ['siento como si se me desgarrara algo en la espalda', 'tearing-pain'],
      ['cada noche me despierta y no hay postura que me alivie', 'night-pain'],
      ['no he orinado desde la mañana', 'urinary-retention'],
      ['tengo que pujar para orinar y sale poquito', 'urinary-retention'],
      ['no siento nada cuando me limpio', 'saddle-numbness'],
      ['me arden las dos piernas', 'both-legs'],
      ['me tropiezo con mi propio pie', 'leg-weakness'],
      ['choqué la camioneta el domingo', 'recent-trauma'],
    ];
    for (const [text, flag] of cases) expect(flagsOf(text), text).toEqual([flag]);
  });
});

describe('the commands said the Spanish way', () => {
  it('done, with the pronoun before the verb, in the third person, or a bare "ya" after a reminder', () => {
    for (const text of ['las hice temprano', 'ya los hizo mi esposo', 'ya. dolor cuatro', 'echo'])
      expect(kinds(text), text).toContain('done');
    expect(kinds('ya mero termino')).not.toContain('done');
    expect(kinds('de dónde sale este número?', 'none')).not.toContain('done');
  });

  it('resume, opt-in, erase, who, help and thanks', () => {
    expect(kinds('quiten la pausa', 'none')).toEqual(['resume']);
    expect(kinds('ya pueden volver a enviarme los recordatorios', 'none')).toEqual(['resume']);
    expect(kinds('quiero volver a recibirlos', 'stopped')).toEqual(['opt-in']);
    expect(kinds('quiero regresar', 'stopped')).toEqual(['opt-in']);
    expect(kinds('¿qué contesto?', 'none')).toEqual(['help']);
    expect(kinds('ya quedaron')).toEqual(['done']);
    // News for the clinic, not too little to tell.
    for (const text of ['no los hice hoy', 'estoy peor hoy']) expect(kinds(text), text).toEqual(['message']);
    expect(kinds('eliminen mi historial por favor', 'none')).toEqual(['erase']);
    expect(kinds('esos son mis datos, bórrenlos', 'none')).toEqual(['erase']);
    expect(kinds('¿esto es de la clínica?', 'none')).toEqual(['who']);
    expect(kinds('¿para qué es este mensaje?', 'none')).toEqual(['who']);
    expect(kinds('¿cómo le hago para decir que ya terminé?')).toEqual(['help']);
    for (const text of ['sale', 'va pues', 'órale', 'que Dios le bendiga', 'ok gracias ya voy'])
      expect(kinds(text), text).toEqual(['ack']);
    // "Va" inside a sentence is not a thanks.
    expect(kinds('me va mejor con los ejercicios')).not.toEqual(['ack']);
  });

  it('pain scores with "y medio", "ahorita", a "y" that is "and", and dates that are not scores', () => {
    expect(read('un 5 y medio').pain).toBe(6);
    expect(read('anoche 8 ahorita 4').pain).toBe(4);
    expect(read('dolor 6 y me cuesta dormir').pain).toBe(6);
    expect(kinds('me voy de viaje del 12 al 20, los retomo al regreso')).toEqual(['pause']);
  });

  it('reactions as Spanish phones send them', () => {
    for (const text of [
      'Le gustó “Rehab reminders: hora de la sesión”',
      'Le ha gustado «Rehab reminders: hora de la sesión»',
      'Le dio risa "Rehab reminders: hora de la sesión"',
      'Reaccionó con 🙏 a “Rehab reminders: hora de la sesión”',
      'Ha reaccionado con 😂 a «Rehab reminders: hora de la sesión»',
    ])
      expect(kinds(text), text).toEqual(['reaction']);
  });
});

describe('the language a text is in (when no plan says it)', () => {
  const language = (text: string) => readReply(text, { after: 'reminder' }).language;

  it('more Spanish words than English ones is Spanish, Spanglish included', () => {
    for (const text of ['ya hice los exercises', 'dolor siete', 'no me manden más', 'Le gustó "Done"'])
      expect(language(text), text).toBe('es');
    for (const text of ['no pain today', 'ya done lol', 'please stop texting me', 'Liked "Hecho"'])
      expect(language(text), text).toBe('en');
  });
});

describe('misses of the second Spanish held-out set, mended after its one clean run (examples of our own)', () => {
  it('"textos" stays Spanish (typo correction made it "texts" and lost the opt-out)', () => {
    for (const text of ['no quiero más textos', 'ya no quiero sus textos por favor'])
      expect(kinds(text), text).toContain('opt-out');
  });

  it('someone who will not use it any more opts out; "borrar lo que tienen" asks for erasure', () => {
    expect(kinds('mi papá ya no va a usar esto')).toContain('opt-out');
    expect(kinds('borren todo lo que tienen de mí')).toContain('erase');
    expect(kinds('ya no va a llover, hice los ejercicios')).not.toContain('opt-out');
  });

  it('a sign that was, "pero … ya no", is denied; "pero ya no puedo caminar" is not', () => {
    expect(flagsOf('antes me ardían las dos piernas pero con los ejercicios ya no')).toEqual([]);
    expect(flagsOf('my legs both went numb before but not anymore')).toEqual([]);
    expect(flagsOf('se me duermen las dos piernas pero ya no puedo caminar')).toContain('both-legs');
  });

  it('red flags said with their own no or a digit: the no is the sign, not a denial', () => {
    const cases: [string, string][] = [
      ['mi mamá no siente nada cuando se limpia', 'saddle-numbness'],
      ['ya no noto cuando tengo la vejiga llena', 'urinary-retention'],
      ['cosquilleo en las 2 piernas desde ayer', 'both-legs'],
      ['no puede ni levantar el pie izquierdo', 'leg-weakness'],
      ['el dolor no me deja dormir aunque me voltee de lado', 'night-pain'],
      ['no puedo dormir de noche, en ninguna posicion se me quita', 'night-pain'],
      ['mi esposo ha bajado de peso sin hacer nada', 'weight-loss'],
      ['siento como si se me rasgara algo en la panza', 'tearing-pain'],
    ];
    for (const [text, flag] of cases) expect(flagsOf(text), text).toContain(flag);
    for (const text of [
      'no tengo dolor en la noche aunque me cambie de lado',
      'se me rasgó la camisa',
      'bajé de peso con la dieta',
    ])
      expect(flagsOf(text), text).toEqual([]);
  });

  it("third Spanish held-out set, after its clean run: Spain's and formal opt-outs, signs said plainly", () => {
    for (const text of [
      'dejad de enviarme recordatorios',
      'dadme de baja ya',
      'solicito cesar el envío de mensajes',
    ])
      expect(kinds(text), text).toContain('opt-out');
    expect(kinds('estoy de baja en el trabajo, hoy hice los ejercicios')).not.toContain('opt-out');
    expect(flagsOf('no noto nada en el inodoro')).toContain('saddle-numbness');
    expect(flagsOf('mi madre no se da cuenta cuando orina')).toContain('bladder-bowel-control');
    expect(flagsOf('se le ensució encima anoche')).toContain('bladder-bowel-control');
    expect(flagsOf('se le ensució la camisa con sopa')).toEqual([]);
  });
});
