/**
 * The reply reader (pure, no AWS): a patient's text → what they mean, as a list of intents, each
 * with the words it rests on and a confidence. Several intents may come in one text ("Done, pain
 * 2"); a red flag or an opt-out is never lost to another reading; when a reading is unsure the
 * intent is `unclear` with the question to ask back. docs/PATIENTS.md describes it and gives its
 * accuracy on the held-out corpus.
 */
import { type RedFlagId } from '../../plan/rules.ts';
import { RED_FLAG_IDS } from '../../plan/red-flags.ts';
import { parseTimesText } from '../../scheduling/times-text.ts';
import { LEXICON, PER_SE_ANYWHERE, PER_SE_FIRST, type LexiconEntry, type LexiconIntent } from './lexicon.ts';
import { Negation, spanOf, type Span } from './negation.ts';
import { readPain } from './numbers.ts';
import { matchesOf, words } from './patterns.ts';
import { HEARD, MEANT_TO_LOSE, NIGHT, NO_RELIEF, SYMPTOM_PATTERNS, SYMPTOM_WORDS } from './symptoms.ts';
import { composeSigns, partsOf } from './signs.ts';
import { fold, toReplyText } from './text.ts';
import { correctWord } from './typos.ts';

/** Which of our texts the reply answers (the last one the patient got), as far as the service knows. */
export type RepliedTo = 'reminder' | 'code' | 'welcome' | 'urgent' | 'stopped' | 'none';

export interface ReplyContext {
  after?: RepliedTo;
  /** The service's name as texts give it ("what is Rehab reminders?" asks who is texting). */
  appName?: string;
}

/** The question asked back when a reading is unsure. */
export type Question = 'pain-number' | 'pain-range' | 'code' | 'meaning';

interface Base {
  /** The words of the text it rests on. */
  words: string;
  /** 0–1: 1 for a command word, less for a phrase, a fuzzy word or a number read from context. */
  confidence: number;
}
export type Intent =
  | (Base & { kind: 'pain'; score: number })
  | (Base & { kind: 'pause'; until?: string })
  | (Base & { kind: 'red-flag'; flags: RedFlagId[]; heard: string[] })
  | (Base & { kind: 'erase-confirm'; code: string })
  | (Base & { kind: 'unclear'; ask: Question })
  | (Base & {
      kind:
        | 'done'
        | 'resume'
        | 'help'
        | 'who'
        | 'opt-out'
        | 'opt-in'
        | 'erase'
        | 'mistake'
        | 'reaction'
        | 'ack'
        | 'message';
    });
export type IntentKind = Intent['kind'];

export interface Reading {
  intents: Intent[];
  language: 'en' | 'es';
}

/** iPhone and Android reactions arrive as texts of their own, quoting ours. */
const REACTION = new RegExp(
  '^\\s*(?:(?:liked|loved|disliked|laughed\\s+at|emphasi[sz]ed|questioned|reacted\\s+(?:with\\s+)?\\S{1,12}\\s+to|removed\\s+an?\\s+\\S+\\s+from|(?:no\\s+)?le\\s+(?:ha\\s+)?(?:gustado|gusto|encantado|encanto|hecho\\s+gracia|hizo\\s+gracia|divertido|divirtio|dio\\s+risa|dado\\s+risa|parecio\\s+gracioso)|(?:ha\\s+)?(?:enfatizado|enfatizo|destacado|destaco|cuestionado|cuestiono|preguntado\\s+por|pregunto\\s+por|reaccionado|reacciono)(?:\\s+con\\s+\\S{1,12}\\s+a)?|(?:ha\\s+)?(?:quitado|quito|eliminado|elimino)\\s+(?:un|una|el|la)\\s+\\S+\\s+(?:de|a))\\s+["\'«]' +
    '|(?:liked|loved|disliked|laughed\\s+at|emphasi[sz]ed|questioned)\\s+an?\\s+(?:image|photo|picture|message|video|attachment|gif|sticker)\\s*$)',
  'u',
);

/** Words that carry no meaning of their own here. */
const FILLER = new Set(
  'a an the i im ive id me my mine you your u ur we our us he she his her it its they them their this that these those is are was were be been being am do does did have has had will would can could should shall may might must to of in on at for with and or so but just also too very really bit lol haha ha lmao omg ngl tho though btw oh um hi hello hey dear please pls plz thanks thank x xx today now again then there here some all any as if about up out off from by one still yet well ok okay yes yeah yep no not more much many get got go going went hmm anyway sorry tonight tomorrow morning afternoon evening night day days week weeks month months hour hours mins minutes few couple time it thing things el la los las un una unos unas de del y o que en por para con mi mis me se lo le les es esta estoy ya muy pero al su sus te tu hoy bien eso esto aqui ahi si como mas'.split(
    ' ',
  ),
);
/** What the clinic should read even when the text also did something else. */
const FOR_THE_CLINIC = words(
  `better|worse|worsen\\w*|improv\\w*|killing|hurts?|hurting|sciatica|cant (?:move|do|bend|get)|couldnt|unable|had to stop|tingl\\w*|ibuprofen|paracetamol|tylenol|advil|naproxen|meds|medication|medicine|pills|surgery|operation|hospital|doctor|dr|gp|physio|emergency|er|urgent care|scan|mri|x ray|xray|appointment|cita|medico|doctora|knee|neck|shoulder|hips?|arm|hand|rodilla|cuello|hombro|doesnt (?:open|work|load)|didnt load|not (?:working|loading)|wont (?:open|load)|broken|too small|cant see|duele|me duele|spasm|pregnant|embarazada|care home|moved|no pude|numb(?!er)\\w*|struggl\\w*|barely|easier|harder|getting (?:easier|harder)|me cuesta\\w*|cuesta mucho|(?:mas|muy) (?:facil|dificil)|forgot(?! to (?:reply|text|answer|respond|say))|missed|skipped|didnt do|couldnt do|no (?:lo |los |la |las )?(?:hice|pude)|olvide|(?:mas )?(?:peor|mejor)|empeor\\w*|ciatic[oa]|(?:me )?(?:dolio|dolia|dolieron|duelen)|(?:entumec|adormec|hormigue)\\w*|no (?:me )?(?:abre|carga|funciona|sirve|jala|aparece|deja)`,
);
/** A text about pain with no number: the question back asks for it. */
const PAIN_ONLY = /^(?:pain\w*|sore\w*|hurts?|hurting|ache\w*|aching|dolor\w*|duele|me duele|achy|ouch|ow)$/;
/**
 * Words only one of the two languages uses (folded), to tell which one a text is in when no plan
 * says it: more Spanish words than English ones is Spanish ("ya hice los exercises" is Spanish,
 * "ya done lol" English). Words both use ("no", "me", "a", "ok", numbers) count for neither.
 */
const SPANISH = new Set(
  (
    'el la los las lo le les un una unos unas de del al que y o en por para con sin mi mis tu su sus se te ya hoy ' +
    'muy pero esta este esto eso estoy esta estan es son soy fue era hay tengo tiene tuve hice hizo hago hace ' +
    'puedo puede pude quiero quiere manden mande envien mandar mensajes mensaje recordatorios favor porfa gracias ' +
    'listo lista hecho hecha termine dolor duele duelen dolio ayuda pausa seguir quien que como cuando donde porque ' +
    'nada nunca tampoco bien mal mas menos todo todos semana manana noche tarde ayer ahora ahorita piernas pierna ' +
    'pie pies espalda fiebre calentura orinar cai caido ejercicios sesion vale dale sale bueno claro si senor ' +
    'senora dios jaja vez otra otro mucho poco estaba basta cancelar borrar borren ella usted hasta uno dos ' +
    'tres cuatro cinco seis siete ocho nueve diez reanudar interesa equivocado numero entendido perfecto ' +
    'conozco ningun ninguna pedi codigo aguanto alto ando adolorida adolorido'
  ).split(' '),
);
const ENGLISH = new Set(
  (
    'the i im ive id my mine is are was were to and it its you your of for with this that these what who how why ' +
    'please pls thanks thank thx done did do does dont doesnt didnt cant pain stop help pause resume today ' +
    'tonight yesterday have has had be been not can just back legs leg feel feeling got get so but in on at will ' +
    'would should could wrong number sorry yes yeah hurts hurt numb fell sessions session exercises exercise ' +
    'reminders reminder texts text messages message all after before now again still better worse'
  ).split(' '),
);
const UNTIL =
  /(?:until|till|til|hasta|through|thru|unt)\s([^|]{1,40}?)(?=\s\||$)|\b(for (?:a|an|the|\d+|one|two|three|four|a few|a couple of) (?:days?|weeks?|months?|weekend))\b|\b((?:this|next|the) (?:week|weekend)|after christmas)\b|\b(esta semana|(?:la )?proxima semana|(?:el )?fin de semana)\b/;

interface Found {
  intent: LexiconIntent;
  span: Span;
  text: string;
  negatable: boolean;
  onlyAfter?: LexiconEntry['onlyAfter'];
}

export function readReply(text: string, context: ReplyContext = {}): Reading {
  const after = context.after ?? 'none';
  const folded = fold(text).trim();
  // A reaction's language is its phone's ("Le gustó"), not the quoted text's.
  if (REACTION.test(folded))
    return reading([{ kind: 'reaction', words: text.slice(0, 40), confidence: 1 }], folded.split('"')[0]!);
  const reply = toReplyText(text, correctWord);
  const { clean } = reply;
  if (!clean) return reading([{ kind: 'unclear', ask: 'meaning', words: text, confidence: 0.3 }], folded);

  const code = /^(?:delete|borrar) ?(\d{4})$/.exec(clean);
  if (code) return reading([{ kind: 'erase-confirm', code: code[1]!, words: clean, confidence: 1 }], folded);

  // Every phrase of every intent and symptom, before negation is judged.
  const found: Found[] = [];
  for (const entry of LEXICON) {
    if (entry.when && !entry.when(clean)) continue;
    for (const m of matchesOf(entry.pattern, clean)) {
      found.push({
        intent: entry.intent,
        span: spanOf(clean, m.index, m.text),
        text: m.text,
        negatable: entry.negatable ?? true,
        ...(entry.onlyAfter ? { onlyAfter: entry.onlyAfter } : {}),
      });
    }
  }
  // "TIMES 8 1 7 STOP", "STOP TIMES 8 1 7": a TIMES text (scheduling/times-text.ts) that also says
  // a per se opt-out word opts out (FCC: any reasonable request is honoured), and its times are
  // not taken (functions/inbound/use-cases/times.ts gives way to an opt-out).
  if (isTimesText(text, clean))
    for (const m of matchesOf(PER_SE_ANYWHERE, clean))
      found.push({ intent: 'opt-out', span: spanOf(clean, m.index, m.text), text: m.text, negatable: true });
  const byName = whoByName(clean, context.appName);
  if (byName) found.push(byName);
  const symptoms: { flag: RedFlagId; span: Span; text: string }[] = [];
  for (const { flag, pattern, when } of SYMPTOM_PATTERNS) {
    if (when && !when(clean)) continue;
    for (const m of matchesOf(pattern, clean))
      symptoms.push({ flag, span: spanOf(clean, m.index, m.text), text: m.text });
  }
  const noRelief = matchesOf(NO_RELIEF, clean).map((m) => ({ ...m, span: spanOf(clean, m.index, m.text) }));
  const night = matchesOf(NIGHT, clean);
  if (night.length && noRelief.length) {
    // From the night words on when they come first: the no of "no me deja dormir … aunque me
    // cambie de lado" is the sign's own, not a denial of what follows it.
    const nightSpan = spanOf(clean, night[0]!.index, night[0]!.text);
    const relief = noRelief[0]!.span;
    symptoms.push({
      flag: 'night-pain',
      span: nightSpan.start < relief.start ? { start: nightSpan.start, end: relief.end } : relief,
      text: `${night[0]!.text} … ${noRelief[0]!.text}`,
    });
  }
  const parts = partsOf(clean);
  const acts = parts.filter((p) => ACTS.has(p.kind));
  const spans = [
    ...found.map((f) => f.span),
    ...symptoms.map((s) => s.span),
    ...noRelief.map((n) => n.span),
    ...parts.map((p) => p.span),
  ];
  const findings = new Set<number>();
  for (const m of [
    ...symptoms.map((s) => s.span),
    ...acts.map((p) => p.span),
    ...matchesOf(SYMPTOM_WORDS, clean).map((m) => spanOf(clean, m.index, m.text)),
  ])
    for (let i = m.start; i < m.end; i++) findings.add(i);
  const negation = new Negation(clean, spans, findings, reply.questions);
  symptoms.push(...composeSigns(parts, (span) => negation.notNow(span)));

  // Red flags: a symptom counts unless negated; a weight loss meant (a diet) does not.
  const meantToLose = matchesOf(MEANT_TO_LOSE, clean).some(
    (m) => !negation.negated(spanOf(clean, m.index, m.text)),
  );
  const heard = symptoms.filter(
    (s) => !negation.notNow(s.span) && !(s.flag === 'weight-loss' && meantToLose),
  );
  const flags = RED_FLAG_IDS.filter((id) => heard.some((s) => s.flag === id));
  const symptomWords = [
    ...matchesOf(SYMPTOM_WORDS, clean).map((m) => spanOf(clean, m.index, m.text)),
    ...acts.filter((p) => p.kind === 'sensory' || p.kind === 'motor').map((p) => p.span),
  ];
  const denied =
    symptoms.some((s) => negation.notNow(s.span)) || symptomWords.some((span) => negation.notNow(span));
  /** Denied outright (a misread's answer after an urgent text), not only supposed or long ago. */
  const deniedOutright =
    symptoms.some((s) => negation.negated(s.span)) || symptomWords.some((span) => negation.negated(span));
  /** A symptom word not denied: never a question back, the clinic reads it. */
  const symptomSaid = symptomWords.some((span) => !negation.notNow(span));

  // "How do I pause it?", "what does the Done button do?": asking how the texts work is HELP, and
  // the command named in the question is not given (an opt-out still is: never lost).
  const allItems = clean.split(' ');
  const clauseAt = clauseNumbers(allItems);
  const howTo = new Set([...new Set(clauseAt)].filter((c) => HOW_TO.test(clauseText(allItems, clauseAt, c))));
  const inHowTo = (f: Found) => howTo.has(clauseAt[f.span.start]!) && ASKED_ABOUT.has(f.intent);
  const kept = found.filter(
    (f) =>
      (!f.negatable || !negation.negated(f.span)) && (!f.onlyAfter || f.onlyAfter === after) && !inHowTo(f),
  );
  if (howTo.size && !kept.some((f) => f.intent === 'help')) {
    const c = [...howTo][0]!;
    const start = clauseAt.indexOf(c);
    const end = clauseAt.lastIndexOf(c) + 1;
    kept.push({
      intent: 'help',
      span: { start, end },
      text: clauseText(allItems, clauseAt, c),
      negatable: false,
    });
  }
  const has = (intent: LexiconIntent) => kept.find((f) => f.intent === intent);
  const intents: Intent[] = [];
  const add = (
    kind: Exclude<IntentKind, 'pain' | 'pause' | 'red-flag' | 'erase-confirm' | 'unclear'>,
    f: Found | undefined,
    confidence = 0.9,
  ) => {
    if (f)
      intents.push({
        kind,
        words: f.text,
        confidence: f.span.end - f.span.start === clean.split(' ').length ? 1 : confidence,
      });
  };

  const optOut = has('opt-out');
  const resume = has('resume');
  const optIn = has('opt-in') ?? (after === 'stopped' ? resume : undefined);
  add('opt-out', optOut);
  add('opt-in', optOut ? undefined : optIn);
  add('erase', has('erase'));
  if (flags.length) {
    intents.push({
      kind: 'red-flag',
      flags,
      heard: flags.map((f) => HEARD[f]),
      words: heard.map((s) => s.text).join('; '),
      confidence: 0.9,
    });
  }
  const mistake =
    has('mistake') ??
    (after === 'urgent' && deniedOutright && !flags.length
      ? { text: 'denied', span: { start: 0, end: 0 } }
      : undefined);
  if (mistake) intents.push({ kind: 'mistake', words: mistake.text, confidence: 0.8 });
  add('done', has('done'));
  const pain = readPain(clean, after === 'reminder', codeTokens(clean));
  if (pain?.score !== undefined)
    intents.push({ kind: 'pain', score: pain.score, words: pain.words, confidence: pain.confidence });
  const pause = has('pause');
  if (pause && !optOut) {
    const until = UNTIL.exec(clean);
    const when = until?.slice(1).find(Boolean);
    intents.push({ kind: 'pause', words: pause.text, confidence: 0.9, ...(when ? { until: when } : {}) });
  }
  if (!pause && !optOut && !optIn) add('resume', resume);
  add('help', has('help'));
  const who = has('who');
  if (!optOut) add('who', who);

  // What is left: for the clinic to read, or too little to tell.
  const used = new Set<number>();
  const use = (span: Span) => {
    for (let i = span.start; i < span.end; i++) used.add(i);
  };
  kept.filter((f) => f.intent !== 'ack').forEach((f) => use(f.span));
  symptoms.forEach((s) => use(s.span));
  for (const i of pain?.tokens ?? []) used.add(i);
  const items = clean.split(' ');
  const clauseOf = clauseNumbers(items);
  const rest = items.filter((item, i) => !used.has(i) && item !== '|' && item !== '-' && item !== ':');
  const thanks = new Set(kept.filter((f) => f.intent === 'ack').flatMap((f) => f.text.split(' ')));
  const content = rest.filter(
    (w) => !FILLER.has(w) && !thanks.has(w) && !/^\d/.test(w) && !/^:\w+:$/.test(w),
  );
  // A question whose clause no intent answered ("is that normal?", "can I do them at night?").
  const intentClauses = new Set([...used].map((i) => clauseOf[i]));
  const askedIn = new Set(
    items
      .map((w, i) => {
        const clause = clauseOf[i]!;
        const said = clauseText(items, clauseOf, clause);
        const question =
          reply.questions.has(clause) || (QUESTION_START.test(said) && !SUBORDINATE.test(said));
        return said.split(' ').length >= 2 &&
          !used.has(i) &&
          !FILLER.has(w) &&
          !/^[|\d:-]/.test(w) &&
          !intentClauses.has(clause) &&
          question
          ? clause
          : -1;
      })
      .filter((c) => c >= 0),
  );
  const asked = askedIn.size > 0;
  /** Beside a red flag, "is that normal?" asks about the sign: the flag's answer is the answer. */
  const askedBeyondTheSign = [...askedIn].some(
    (clause) => !ABOUT_THE_SIGN.test(clauseText(items, clauseOf, clause)),
  );
  const forClinic =
    matchesOf(FOR_THE_CLINIC, clean).some((m) => {
      const span = spanOf(clean, m.index, m.text);
      for (let i = span.start; i < span.end; i++) if (used.has(i)) return false;
      return !negation.negated(span);
    }) ||
    // "Did it without any tingling this time!", "free of fever now": a sign gone is news too,
    // unless a pain score goes with it (the clinic reads the score with its words).
    (deniedOutright && CHANGED.test(clean) && pain?.score === undefined);

  if (intents.length === 0) {
    const one = (intent: Intent) => reading([intent], folded);
    if (pain?.unsure) return one({ kind: 'unclear', ask: 'pain-range', words: pain.words, confidence: 0.4 });
    // "Yes" to the urgent text: yes, it is so, or yes, understood? The question back asks.
    if (content.length === 0 && has('ack') && after === 'urgent' && YES_ONLY.test(clean))
      return one({ kind: 'unclear', ask: 'meaning', words: clean, confidence: 0.3 });
    if (content.length === 0 && has('ack')) return one({ kind: 'ack', words: clean, confidence: 0.9 });
    const number = items.find((w) => /^\d+(?:\.\d+)?$/.test(w));
    if (number && content.length === 0) {
      // Six digits are a code typed back, never a pain score.
      const ask: Question = /^\d{6}$/.test(number) ? 'code' : 'pain-number';
      return one({ kind: 'unclear', ask, words: clean, confidence: 0.3 });
    }
    if (content.length > 0 && content.length <= 2 && content.every((w) => PAIN_ONLY.test(w)))
      return one({ kind: 'unclear', ask: 'pain-number', words: clean, confidence: 0.3 });
    // One word of a symptom ("numb", "weak"): where, since when? The question back asks, and the
    // clinic reads the word as it reads every unclear text.
    if (items.length === 1 && symptomSaid)
      return one({ kind: 'unclear', ask: 'meaning', words: clean, confidence: 0.3 });
    if (forClinic || asked || denied || symptomSaid || PLANS.test(clean) || content.length >= 2)
      return one({ kind: 'message', words: clean, confidence: 0.6 });
    return one({ kind: 'unclear', ask: 'meaning', words: clean, confidence: 0.3 });
  }
  // Beside other intents the clinic reads a question left unanswered or what bears on the
  // patient's care. Not after an opt-out (the conversation ends) nor in a misread's explanation;
  // beside a red flag only a question or going for care (the flag's words go to the clinic anyway).
  const flagged = intents.some((i) => i.kind === 'red-flag');
  const worth = flagged ? askedBeyondTheSign || GOING_FOR_CARE.test(clean) : asked || forClinic;
  // Beside a misreading only a question of its own ("It was a mistake. What time is the next one?").
  if (!optOut && (mistake ? askedBeyondTheSign && !MISREAD_ASKED.test(clean) : worth))
    intents.push({ kind: 'message', words: rest.join(' '), confidence: 0.6 });
  // "What should I do?" beside a red flag is a question for the clinic, not about the texts.
  if (flagged) {
    const help = intents.findIndex((i) => i.kind === 'help');
    if (help >= 0) {
      intents.splice(help, 1);
      if (!intents.some((i) => i.kind === 'message'))
        intents.push({ kind: 'message', words: clean, confidence: 0.6 });
    }
  }
  return reading(intents, folded);
}

/** The parts of a sign that say what happens (signs.ts), as opposed to where. */
const ACTS = new Set(['sensory', 'motor', 'void', 'difficulty', 'flow', 'function']);

const QUESTION_START =
  /^(?:(?:can|could|may|should|shall|is|are|am|do|does|did|will|would)\s(?:i|you|u|we|it|this|that|he|she|they|my|the|there)\b|why|when|where|which|what|how|puedo|puede|debo|por que|cuando|donde|cual|como)\b/;
/** A question about how to use the texts. */
const HOW_TO =
  /^(?:(?:so|and|but|ok|hi|hello) )*(?:how (?:do|can|should|would|will|shall) (?:i|we) (?:\w+ )?(?:pause|stop|tell|send|say|mark|log|record|report|reply|answer|text|give|let|see|resume|restart|start|turn|change|skip|get|use)|what (?:does|do) (?:the |a |this |that )?(?:\w+ )?(?:button|link|code|number|word|command|text|reminder|message|app|score|scale|done|pause|stop|help|resume|mistake|start)s? (?:do|mean)|(?:which|what) (?:number|word|button|letter|code)s? (?:do|should|would|can|must) (?:i|we)|can i (?:reply|answer|text|write|use|respond|send)|is there a way to (?:see|check|change|get|stop|pause|turn|set|move|switch|view|skip|reply|send|track)|what happens (?:after|when|at the end|once|if i)|como (?:hago|puedo|le hago) para|como (?:le )?(?:hace|hacemos|hago|puede|se hace) para|que (?:pasa|hace) (?:despues|cuando|el boton))\b/;
/** What a how-to question names without asking for it. */
const ASKED_ABOUT = new Set<LexiconIntent>(['done', 'pause', 'resume', 'ack', 'opt-in']);
/** Words that tell a change ("this time", "now", "anymore"): a denied sign is then news. */
const CHANGED = words(
  `this time|for once|(?:for )?the first time|now|anymore|any more|no longer|finally|at last|ya no|ahora|por fin|esta vez`,
);
/** A question about the misreading itself ("did you think I meant numb?"). */
const MISREAD_ASKED = words(
  `(?:did|do) (?:you|u) (?:think|read|get)|why did (?:you|u)|(?:que|por que) (?:entendieron|entendiste)`,
);
/** A bare yes, which answers nothing on its own after an urgent text. */
const YES_ONLY = /^(?:(?:yes|yeah|yep|yup|ya|si|y|ok yes|yes yes|si si)(?: \| )?)+$/;
/** "Which is new", "where I sit", "when I walk" with no question mark: part of a statement. */
const SUBORDINATE =
  /^(?:which|where|when|while|whenever)\s(?:i|im|we|he|she|they|my|his|her|its|it|is|was|has|had|makes|made)\b/;
/** A question about the sign just told ("is that normal?", "is it from the back?", "¿es grave?"). */
const ABOUT_THE_SIGN =
  /^(?:(?:and|so|but|y|pero) )?(?:(?:is|could|can|would|might|should) )?(?:(?:it|that|this|thats|its|they|these|those) )?(?:be |really |all )?(?:normal|ok|okay|alright|serious|bad|dangerous|important|worrying|a (?:worry|problem|concern|bad sign)|(?:related|linked|connected) to (?:the|my) (?:back|pain)|(?:from|because of|due to|to do with|caused by|the) (?:the |my )?(?:back|spine)|something (?:serious|to worry about)|anything to worry about)$|^should i (?:be )?(?:worr\w*|concerned)$|^(?:eso |esto )?(?:es |sera |puede ser |podria ser )?(?:normal|grave|malo|serio|preocupante|(?:de|por) (?:lo de )?(?:la|mi) espalda)$|^(?:me )?debo preocupar\w*$/;
/** Plans about a session ("will do it at 8pm"): the clinic's to read. */
const PLANS = words(
  `will do (?:it |them )?later|will do (?:it|them|the \\w+|my \\w+)|(?:gonna|going to) do|do (?:it|them) later|lo hago|los hago|lo hare|los hare`,
);
/** Going for care, beside a red flag. */
const GOING_FOR_CARE = words(
  `(?:going|gone|go|went|heading|on my way) to (?:the )?(?:emergency|er|hospital|doctor|gp|urgent care|a e)|(?:at|in) (?:the )?(?:emergency|er|hospital|urgent care)|(?:voy|fui|estoy) (?:a|en) (?:urgencias|el hospital|emergencias)`,
);

/** Each token's clause number. */
function clauseNumbers(items: readonly string[]): number[] {
  let n = 0;
  return items.map((item) => (item === '|' ? n++ : n));
}

function clauseText(items: readonly string[], clauseOf: readonly number[], clause: number): string {
  return items.filter((item, i) => clauseOf[i] === clause && item !== '|').join(' ');
}

function reading(intents: Intent[], folded: string): Reading {
  const tokens = folded.split(/[^\p{L}]+/u);
  const count = (words: ReadonlySet<string>) => tokens.filter((t) => words.has(t)).length;
  return { intents, language: count(SPANISH) > count(ENGLISH) ? 'es' : 'en' };
}

/** A TIMES text as the patient wrote it, or one after opt-out words ("stop, times 8 1 7"). */
function isTimesText(text: string, clean: string): boolean {
  if (parseTimesText(text)) return true;
  const first = PER_SE_FIRST.exec(clean);
  return first !== null && parseTimesText(clean.slice(first[0].length)) !== undefined;
}

/** "What is Back Rehab?": asking what the service that texts them is. */
function whoByName(clean: string, appName: string | undefined): Found | undefined {
  if (!appName) return undefined;
  const name = toReplyText(appName).clean;
  const m = words(
    `(?:what|who|que|quien) (?:is|are|es|son) ${name.replace(/[.*+?^${}()[\]\\]/g, '\\$&')}`,
  ).exec(clean);
  return m ? { intent: 'who', span: spanOf(clean, m.index, m[0]), text: m[0], negatable: false } : undefined;
}

/** Token positions of a 4- or 6-digit code (never a score). */
function codeTokens(clean: string): Set<number> {
  return new Set(
    clean
      .split(' ')
      .map((t, i) => (/^\d{4,}$/.test(t) ? i : -1))
      .filter((i) => i >= 0),
  );
}
