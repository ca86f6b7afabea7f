/**
 * Every text of texts.ts in Spanish, with the same names and inputs (text-catalog.ts holds the two
 * to one shape, so a text missing here does not compile). Each is ONE GSM-7 segment like its
 * English twin: the wording avoids á í ó ú where Spanish allows it, and toGsm7 folds what is left
 * to its plain letter (é, ñ, ü, ¿ and ¡ are GSM-7 and stay) — texts only; pages keep the accents
 * (docs/PATIENTS.md#spanish). The keywords are the ones the reply reader knows in Spanish: LISTO,
 * DOLOR, PAUSA, SEGUIR, AYUDA, BORRAR, HORAS (times-text.ts); STOP stays STOP, as carriers read it.
 * Times follow the patient's clock as in English ("8am, 1pm" or "08:00, 13:00").
 */
import { findMovement, type HoldName, type MovementId } from '../plan/catalog.ts';
import { HOLDS_ES, MOVEMENTS_ES, type MovementWords } from '../plan/catalog-es.ts';
import type { PlanMovement } from '../plan/plan.ts';
import { ERASURE_CONFIRM_MINUTES } from './replies.ts';
import { firstFitting, toGsm7 } from './sms.ts';
import type { TimesProblem } from './texts.ts';
import { reminderTextIn, timesAsReply, type ReminderTextInput } from './text-parts.ts';
import { formatTime, formatTimes, type Clock } from '../scheduling/local-time.ts';
import { RULE } from '../plan/rules.ts';
import { TIMES_KEYWORD_ES as HORAS } from '../scheduling/times-text.ts';

export const REPLY_HINT = 'Responde LISTO al terminar, AYUDA si necesitas ayuda, STOP para darte de baja.';
const SHORT_REPLY_HINT = 'LISTO=hecho AYUDA=ayuda STOP=baja';

function label(m: PlanMovement, short: boolean): string {
  const names = MOVEMENTS_ES[m.id as MovementId] as MovementWords | undefined;
  const name = names ? (short ? names.shortName : names.name) : (findMovement(m.id)?.name ?? m.name);
  const hold = HOLDS_ES[m.variation as HoldName] as { name: string } | undefined;
  return m.variation ? `${name} (${hold?.name ?? m.variation})` : name;
}

const movementCount = (n: number) => `${n} ejercicio${n === 1 ? '' : 's'}`;

export const reminderText = reminderTextIn({
  sessionOf: (session, sessionsPerDay) => `sesión ${session} de ${sessionsPerDay}`,
  timeFor: 'es hora de la',
  movementCount,
  picturesAndDone: 'Fotos y botón Listo',
  yourPlan: 'Tu plan',
  label,
  dose: { perSide: ' por lado', lengths: ' largos', reps: ' rep.', set: 'serie' },
  doseHeading: 'Rep. x series: ',
  replyHint: REPLY_HINT,
  shortReplyHint: SHORT_REPLY_HINT,
});

export function pushReminderText(input: Omit<ReminderTextInput, 'appName' | 'link'>): string {
  return (
    `Es hora de la sesión ${input.session} de ${input.sessionsPerDay}: ${movementCount(input.movements.length)}. ` +
    'Toca para verlos con fotos y marcar la sesión como hecha.'
  );
}

export function verificationText(appName: string, code: string, validMinutes: number): string {
  return toGsm7(
    `${appName}: tu clave es ${code}. Vence en ${validMinutes} minutos. Si no la pediste, ignora este mensaje.`,
  );
}

export function helpText(appName: string, clinicContact?: string, helpUrl?: string): string {
  const person = `Para hablar con una persona: ${clinicContact ?? helpUrl ?? 'escribe tu pregunta, tu clínica la lee.'}`;
  return firstFitting(
    [
      `${appName}: responde LISTO tras cada sesión, DOLOR 0-10 para tu dolor, PAUSA, SEGUIR, STOP para terminar, BORRAR para borrar tus datos. ${person}`,
      `${appName}: responde LISTO, DOLOR 0-10, PAUSA, SEGUIR, STOP para terminar, BORRAR para borrar. ${person}`,
      `${appName}: responde STOP para terminar. ${person}`,
      `${appName}: STOP para terminar. Ayuda: ${clinicContact ?? helpUrl ?? 'escribe, tu clínica lo lee.'}`,
    ],
    1,
  );
}

export function welcomeText(
  appName: string,
  sessionTimes: readonly string[],
  lengthDays: number,
  clock: Clock = 'h23',
): string {
  const times = formatTimes(sessionTimes, clock, 'short');
  return firstFitting(
    [
      `${appName}: todo listo. Avisos a las ${times} durante ${lengthDays} días. Pueden aplicarse tarifas. Responde AYUDA para ayuda, STOP para terminar.`,
      `${appName}: listo. Avisos a las ${times}, ${lengthDays} días. Pueden aplicarse tarifas. AYUDA para ayuda, STOP para terminar.`,
      `${appName}: avisos a las ${times}, ${lengthDays} días. Pueden aplicarse tarifas. AYUDA, o STOP para terminar.`,
    ],
    1,
  );
}

export function seeClinicianFirstText(appName: string, formUrl?: string): string {
  return firstFitting(
    [
      `${appName}: antes de volver a hacer los ejercicios, consulta con un profesional de salud y luego haz la evaluación${formUrl ? ` en ${formUrl}` : ' de nuevo'}.`,
      `${appName}: consulta a un profesional antes de seguir.${formUrl ? ` Luego: ${formUrl}` : ''}`,
      `${appName}: consulta con un profesional antes de volver a los ejercicios.`,
    ],
    1,
  );
}

export function clinicPausedText(appName: string, clinicContact?: string): string {
  return toGsm7(
    `${appName}: tu clínica pausó tus avisos. Habla con ellos${clinicContact ? ` (${clinicContact})` : ''} para volver a empezar.`,
  );
}

export function messageKeptText(appName: string): string {
  return toGsm7(
    `${appName}: gracias, guardamos tu mensaje para tu clínica. Responde AYUDA para ver opciones.`,
  );
}

export function reassessmentText(appName: string, formUrl: string): string {
  return firstFitting(
    [
      `${appName}: último día de tu plan, ¡muy bien! Vuelve a puntuar los ejercicios en ${formUrl} para tu siguiente plan. Los avisos terminan hoy.`,
      `${appName}: último día de tu plan; los avisos terminan hoy. Para el siguiente: ${formUrl}`,
      `${appName}: último día de tu plan. Siguiente: ${formUrl}`,
    ],
    1,
  );
}

export function planEndText(appName: string, planPageLink: string): string {
  return firstFitting(
    [
      `${appName}: último día de tu plan, ¡muy bien! Los avisos terminan hoy. Mira cómo te fue y qué sigue: ${planPageLink}`,
      `${appName}: último día de tu plan, ¡muy bien! Mira cómo te fue: ${planPageLink}`,
      `${appName}: último día de tu plan. Tu progreso: ${planPageLink}`,
      `${appName}: último día. Progreso: ${planPageLink}`,
    ],
    1,
  );
}

export function doneText(appName: string): string {
  return toGsm7(`${appName}: sesión anotada, ¡muy bien! ¡Sigue así!`);
}

export function pausedText(appName: string): string {
  return toGsm7(`${appName}: avisos en pausa. Responde SEGUIR para volver a recibirlos.`);
}

export function resumedText(appName: string): string {
  return toGsm7(`${appName}: los avisos vuelven a tus horas de sesión. Responde PAUSA para pausarlos.`);
}

export function painLoggedText(appName: string, score: number): string {
  return toGsm7(
    `${appName}: dolor ${score}/10 anotado. Deja fuera los ejercicios que duelan más de 3 y avisa a tu profesional si empeora.`,
  );
}

export function seekCareText(appName: string): string {
  return toGsm7(
    `${appName}: con tanto dolor necesitas consejo profesional: llama hoy a tu médico o clínica. Avisos en pausa.`,
  );
}

export function noActivePlanText(appName: string, formUrl?: string): string {
  return formUrl
    ? firstFitting(
        [
          `${appName}: no tienes avisos activos. Haz la evaluación en ${formUrl} para empezar un plan.`,
          `${appName}: no hay avisos activos. Empieza un plan en ${formUrl}`,
        ],
        1,
      )
    : toGsm7(`${appName}: no tienes avisos activos. Haz la evaluación de nuevo para empezar un plan.`);
}

export function erasePromptText(appName: string, code: string): string {
  return toGsm7(
    `${appName}: para borrar todos tus datos y terminar los avisos, responde BORRAR ${code} en ${ERASURE_CONFIRM_MINUTES} minutos. No se puede deshacer.`,
  );
}

export function erasureRefusedText(appName: string): string {
  return toGsm7(
    `${appName}: esa clave está mal o ya venció, así que no se borró nada. Responde BORRAR para una clave nueva.`,
  );
}

export function erasedText(appName: string): string {
  return toGsm7(`${appName}: estamos borrando todos tus datos. No recibirás más mensajes nuestros.`);
}

export function stopText(appName: string): string {
  return toGsm7(
    `${appName}: te diste de baja y no recibirás más mensajes nuestros. Responde START para volver a darte de alta.`,
  );
}

export function timesChangedText(
  appName: string,
  sessionTimes: readonly string[],
  clock: Clock,
  zoneChanged?: string,
): string {
  const times = formatTimes(sessionTimes, clock, 'short');
  const zone = zoneChanged ? ` (${zoneChanged})` : '';
  return firstFitting(
    [
      `${appName}: tus avisos ahora son a las ${times}${zone}. Para cambiarlos, responde ${HORAS} y 3 horas, como ${HORAS} ${timesAsReply(sessionTimes, clock)}.`,
      `${appName}: tus avisos ahora son a las ${times}${zone}. Responde ${HORAS} y 3 horas para cambiarlos.`,
      `${appName}: avisos ahora a las ${times}${zone}.`,
      `${appName}: avisos ahora a las ${times}.`,
    ],
    1,
  );
}

export function timesFullText(appName: string, clock: Clock, free?: readonly string[]): string {
  const offer = free ? `${HORAS} ${timesAsReply(free, clock)}` : '';
  return firstFitting(
    free
      ? [
          `${appName}: esas horas están llenas. Responde ${offer} para tomar las libres más cercanas. Tus avisos no cambiaron.`,
          `${appName}: esas horas están llenas, responde ${offer}. Tus avisos no cambiaron.`,
          `${appName}: esas horas están llenas, responde ${offer}.`,
        ]
      : [
          `${appName}: esas horas están llenas. Responde ${HORAS} y otras 3 horas. Tus avisos no cambiaron.`,
          `${appName}: esas horas están llenas. Responde ${HORAS} y otras 3 horas.`,
        ],
    1,
  );
}

function problemInWords(problem: TimesProblem, clock: Clock): string {
  const time = (t: string) => formatTime(t, clock, 'short');
  switch (problem.kind) {
    case 'unreadable':
      return `no entiendo "${problem.word.slice(0, 12)}" como hora`;
    case 'count':
      return `encontré ${problem.count} hora${problem.count === 1 ? '' : 's'}`;
    case 'outside':
      return `${time(problem.time)} queda fuera del horario`;
    case 'too-soon':
      return `${time(problem.time)} queda muy cerca de ${time(problem.after)}`;
  }
}

export function timesRefusedText(appName: string, clock: Clock, problem?: TimesProblem): string {
  const example = timesAsReply(RULE.defaultSessionTimes, clock);
  const hours = `entre las ${formatTime(RULE.quietHoursEnd, clock, 'short')} y las ${formatTime(RULE.quietHoursStart, clock, 'short')}`;
  const rule = `3 horas ${hours}, con 3 horas o más entre ellas`;
  const what = problem ? `${problemInWords(problem, clock)}. ` : '';
  const first = what ? what.charAt(0).toUpperCase() + what.slice(1) : '';
  return firstFitting(
    [
      `${appName}: ${first}Responde ${HORAS} y ${rule}, como ${HORAS} ${example}. Tus avisos no cambiaron.`,
      `${appName}: ${first}Responde ${HORAS} y ${rule}, como ${HORAS} ${example}.`,
      `${appName}: responde ${HORAS} y ${rule}, como ${HORAS} ${example}.`,
    ],
    1,
  );
}
