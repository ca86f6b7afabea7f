/**
 * The shorter wordings of an answer's parts, per language (answers.ts composes them into one
 * segment: the clearest that fits first, then shorter ones). Whole sentences or a sentence with
 * its values — never a sentence built from translated pieces. Spanish avoids á í ó ú where a
 * word allows (toGsm7 folds the rest, texts only).
 */
import type { Language } from '../language.ts';
import type { FlagTier, RedFlagId } from '../plan/rules.ts';
import type { Question } from './reading/read.ts';
import { HEARD } from './reading/symptoms.ts';

export interface AnswerWords {
  /** What each red flag is called when the answer says what it heard. */
  heard: Record<RedFlagId, string>;
  and: string;
  andMore: string;
  youWroteAbout: (heard: string) => string;
  /** What each tier tells the patient to do, longest first. */
  advice: Record<FlagTier, readonly string[]>;
  clinicTold: string;
  pausedMisread: readonly [string, string];
  misreadShort: string;
  optedOut: readonly string[];
  seekCare: string;
  erasePrompt: (code: string) => string;
  donePain: (pain: number) => string[];
  done: readonly string[];
  pain: (pain: number) => string[];
  paused: string;
  resumed: string;
  seeClinicianFirst: string;
  clinicPaused: string;
  noPlan: string;
  help: string;
  kept: string;
  who: (clinicContact?: string) => string[];
  optedIn: (plan: 'active' | 'paused' | 'none', formUrl?: string) => string[];
  misreadResumed: readonly string[];
  misreadKept: readonly string[];
  question: Record<Question, readonly string[]>;
  languageChanged: string;
  languageNotOffered: string;
}

const EN: AnswerWords = {
  heard: HEARD,
  and: 'and',
  andMore: ' and more',
  youWroteAbout: (heard) => `you wrote about ${heard}.`,
  advice: {
    'urgent-now': [
      'This may need urgent care: call your emergency number or go to an emergency department now.',
      'This may need urgent care: call your emergency number now.',
      'This may need urgent care now.',
    ],
    'same-day': [
      'Please see a doctor today, before you exercise again. If it gets much worse, call your emergency number.',
      'Please see a doctor today, before you exercise again.',
      'Please see a doctor today.',
    ],
    'within-24h': [
      'Please speak to a doctor within 24 hours, before you exercise again.',
      'Please speak to a doctor within 24 hours.',
    ],
    'this-week': [
      'Please see a doctor or physiotherapist this week. If it gets much worse, seek care at once.',
      'Please see a doctor or physiotherapist this week.',
      'Please see a clinician this week.',
    ],
  },
  clinicTold: 'Your clinic is told.',
  pausedMisread: [
    'Reminders are paused. If we misread you, reply MISTAKE.',
    'Reminders paused. Misread? Reply MISTAKE.',
  ],
  misreadShort: 'Misread? Reply MISTAKE.',
  optedOut: ['you are unsubscribed: no more texts. Reply START to opt back in.', 'you are unsubscribed.'],
  seekCare: 'pain this high needs a clinician: contact your doctor or clinic today. Reminders paused.',
  erasePrompt: (code) => `to erase all your data, reply DELETE ${code} within 15 minutes.`,
  donePain: (pain) => [
    `session and pain ${pain}/10 logged, well done. Leave out any movement that hurts more than 3 and tell your clinician if it gets worse.`,
    `session and pain ${pain}/10 logged, well done. Leave out any movement that hurts more than 3.`,
    `session and pain ${pain}/10 logged.`,
  ],
  done: ['session logged, well done.', 'session logged.'],
  pain: (pain) => [
    `pain ${pain}/10 logged. Leave out any movement that hurts more than 3.`,
    `pain ${pain}/10 logged.`,
  ],
  paused: 'reminders paused.',
  resumed: 'reminders are back on.',
  seeClinicianFirst: 'please see a clinician before you exercise again. If we misread you, reply MISTAKE.',
  clinicPaused: 'your clinic paused your reminders: ask them to restart.',
  noPlan: 'you have no reminders running.',
  help: 'reply DONE, PAIN 0-10, PAUSE, RESUME, STOP.',
  kept: 'your message is kept for your clinic.',
  who: (clinicContact) => {
    const clinic = clinicContact ? ` Questions: ${clinicContact}.` : '';
    return [
      `these are the back exercise reminders this number signed up for on our form.${clinic} Reply STOP to end them, HELP for help.`,
      `back exercise reminders this number signed up for.${clinic} Reply STOP to end them.`,
      'back exercise reminders you signed up for. Reply STOP to end them.',
      'exercise reminders. Reply STOP to end.',
    ];
  },
  optedIn: (plan, formUrl) => {
    const then =
      plan === 'active'
        ? ['Reminders are back on at your session times.', 'Reminders are back on.']
        : plan === 'paused'
          ? ['Reminders stay paused; reply RESUME when you are ready.', 'Reminders stay paused.']
          : [
              formUrl
                ? `Take the assessment at ${formUrl} to start a plan.`
                : 'Take the assessment again to start a plan.',
              '',
            ];
    return then
      .map((t) => `you are subscribed again.${t ? ` ${t}` : ''} Reply STOP to end.`)
      .concat('you are subscribed again.');
  },
  misreadResumed: [
    'thanks for telling us. Reminders are back on and your clinic will see your note. If anything changes, call your emergency number.',
    'thanks for telling us. Reminders are back on; your clinic will see your note.',
    'thanks, reminders are back on.',
  ],
  misreadKept: ['thanks, your note is kept for your clinic.', 'thanks, noted.'],
  question: {
    'pain-number': [
      'was that your pain out of 10? Reply PAIN and the number, for example PAIN 3.',
      'was that your pain? Reply PAIN and a number 0-10.',
    ],
    'pain-range': [
      'pain goes from 0 (none) to 10 (worst). Reply PAIN and a number, for example PAIN 3.',
      'reply PAIN and a number from 0 to 10.',
    ],
    code: [
      'please type the code into the form on your screen, not in a text.',
      'type the code into the form, not a text.',
    ],
    meaning: [
      'sorry, we did not understand. Reply DONE, PAIN 0-10, PAUSE, HELP, or STOP to end.',
      'sorry, we did not understand. Reply HELP for options.',
    ],
  },
  languageChanged: 'OK, we will text you in English from now on. Reply ESPAÑOL for Spanish.',
  languageNotOffered: 'sorry, texts here are only in English.',
};

const ES: AnswerWords = {
  heard: {
    'saddle-numbness': 'adormecimiento en la zona genital',
    'bladder-bowel-control': 'control de la orina o las heces',
    'urinary-retention': 'dificultad para orinar',
    'sexual-dysfunction': 'un cambio en la función sexual',
    'both-legs': 'síntomas en las dos piernas',
    'leg-weakness': 'debilidad en la pierna o el pie',
    fever: 'fiebre o escalofríos',
    'recent-trauma': 'una caída o un golpe',
    'tearing-pain': 'dolor desgarrador',
    'thoracic-pain': 'dolor en la parte alta de la espalda',
    'recent-spinal-procedure': 'una intervención reciente en la columna',
    'cancer-history': 'cáncer',
    'weight-loss': 'pérdida de peso',
    'night-pain': 'dolor por la noche',
    'steroids-osteoporosis': 'corticoides u osteoporosis',
    'immune-drugs': 'defensas bajas',
    'new-pain-age': 'dolor de espalda nuevo',
  },
  and: 'y',
  andMore: ' y más',
  youWroteAbout: (heard) => `nos escribiste sobre ${heard}.`,
  advice: {
    'urgent-now': [
      'Esto puede ser urgente: llama a tu número de emergencias o ve a urgencias ahora.',
      'Esto puede ser urgente: llama a emergencias ahora.',
      'Esto puede ser urgente.',
    ],
    'same-day': [
      'Ve a un médico hoy, antes de volver a los ejercicios. Si empeora mucho, llama a emergencias.',
      'Ve a un médico hoy, antes de volver a los ejercicios.',
      'Ve a un médico hoy.',
    ],
    'within-24h': [
      'Habla con un médico en las próximas 24 horas, antes de volver a los ejercicios.',
      'Habla con un médico en las próximas 24 horas.',
    ],
    'this-week': [
      'Ve a un médico o fisioterapeuta esta semana. Si empeora mucho, busca ayuda enseguida.',
      'Ve a un médico o fisioterapeuta esta semana.',
      'Consulta a un profesional esta semana.',
    ],
  },
  clinicTold: 'Avisamos a tu clínica.',
  pausedMisread: [
    'Avisos en pausa. Si te entendimos mal, responde ERROR.',
    'Avisos en pausa. ¿Error? Responde ERROR.',
  ],
  misreadShort: '¿Error? Responde ERROR.',
  optedOut: ['te diste de baja: no más mensajes. Responde START para volver.', 'te diste de baja.'],
  seekCare: 'con tanto dolor necesitas un profesional: llama hoy a tu médico o clínica. Avisos en pausa.',
  erasePrompt: (code) => `para borrar tus datos, responde BORRAR ${code} en 15 minutos.`,
  donePain: (pain) => [
    `sesión y dolor ${pain}/10 anotados, ¡muy bien! Deja fuera los ejercicios que duelan más de 3 y avisa a tu profesional si empeora.`,
    `sesión y dolor ${pain}/10 anotados, ¡muy bien! Deja fuera los ejercicios que duelan más de 3.`,
    `sesión y dolor ${pain}/10 anotados.`,
  ],
  done: ['sesión anotada, ¡muy bien!', 'sesión anotada.'],
  pain: (pain) => [
    `dolor ${pain}/10 anotado. Deja fuera los ejercicios que duelan más de 3.`,
    `dolor ${pain}/10 anotado.`,
  ],
  paused: 'avisos en pausa.',
  resumed: 'los avisos vuelven.',
  seeClinicianFirst:
    'consulta a un profesional antes de volver a los ejercicios. Si te entendimos mal, responde ERROR.',
  clinicPaused: 'tu clínica pausó tus avisos: pídeles que los reanuden.',
  noPlan: 'no tienes avisos activos.',
  help: 'responde LISTO, DOLOR 0-10, PAUSA, SEGUIR, STOP.',
  kept: 'guardamos tu mensaje para tu clínica.',
  who: (clinicContact) => {
    const clinic = clinicContact ? ` Preguntas: ${clinicContact}.` : '';
    return [
      `son los avisos de ejercicios para la espalda que pidieron para este número en nuestro formulario.${clinic} Responde STOP para terminar, AYUDA para ayuda.`,
      `avisos de ejercicios para la espalda pedidos para este número.${clinic} Responde STOP para terminar.`,
      'avisos de ejercicios que pediste. Responde STOP para terminar.',
      'avisos de ejercicios. STOP para terminar.',
    ];
  },
  optedIn: (plan, formUrl) => {
    const then =
      plan === 'active'
        ? ['Los avisos vuelven a tus horas de sesión.', 'Los avisos vuelven.']
        : plan === 'paused'
          ? ['Los avisos siguen en pausa; responde SEGUIR cuando quieras.', 'Los avisos siguen en pausa.']
          : [
              formUrl
                ? `Haz la evaluación en ${formUrl} para empezar un plan.`
                : 'Haz la evaluación de nuevo para empezar un plan.',
              '',
            ];
    return then
      .map((t) => `te diste de alta otra vez.${t ? ` ${t}` : ''} Responde STOP para terminar.`)
      .concat('te diste de alta otra vez.');
  },
  misreadResumed: [
    'gracias por avisarnos. Los avisos vuelven y tu clínica verá tu nota. Si algo cambia, llama a emergencias.',
    'gracias por avisarnos. Los avisos vuelven; tu clínica verá tu nota.',
    'gracias, los avisos vuelven.',
  ],
  misreadKept: ['gracias, guardamos tu nota para tu clínica.', 'gracias, anotado.'],
  question: {
    'pain-number': [
      '¿era tu dolor de 0 a 10? Responde DOLOR y el número, por ejemplo DOLOR 3.',
      '¿era tu dolor? Responde DOLOR y un número de 0 a 10.',
    ],
    'pain-range': [
      'el dolor va de 0 (nada) a 10 (el peor). Responde DOLOR y un número, por ejemplo DOLOR 3.',
      'responde DOLOR y un número de 0 a 10.',
    ],
    code: [
      'escribe la clave en el formulario de tu pantalla, no en un mensaje.',
      'escribe la clave en el formulario.',
    ],
    meaning: [
      'perdona, no entendimos. Responde LISTO, DOLOR 0-10, PAUSA, AYUDA, o STOP para terminar.',
      'perdona, no entendimos. Responde AYUDA para ver opciones.',
    ],
  },
  languageChanged: 'de acuerdo, desde ahora te escribimos en español. Responde ENGLISH para inglés.',
  languageNotOffered: 'perdona, aquí los mensajes son solo en inglés.',
};

export const ANSWER_WORDS: Record<Language, AnswerWords> = { en: EN, es: ES };
