import { findMovement } from './catalog.ts';
import type { PlanMovement } from './plan.ts';
import { ERASURE_CONFIRM_MINUTES } from './inbound.ts';
import { smsSegments, toGsm7 } from './sms.ts';

export const MAX_SEGMENTS = 2;
export const REPLY_HINT = 'Reply DONE when done, HELP for help, STOP to end.';
const SHORT_REPLY_HINT = 'DONE=done HELP=help STOP=end';

export interface ReminderTextInput {
  appName: string;
  movements: readonly PlanMovement[];
  /** 1-based session of the day. */
  session: number;
  sessionsPerDay: number;
}

function dose(m: PlanMovement, verbose: boolean): string {
  const unit = m.repUnit === 'reps/side' ? ' each side' : m.repUnit === 'lengths' ? ' lengths' : '';
  return verbose
    ? `${m.reps}${unit || ' reps'} x ${m.sets} set${m.sets === 1 ? '' : 's'}`
    : `${m.reps}x${m.sets}${unit}`;
}

function label(m: PlanMovement, short: boolean): string {
  const name = short ? (findMovement(m.id)?.shortName ?? m.name) : m.name;
  return m.variation ? `${name} (${m.variation})` : name;
}

/**
 * What to do this session, each movement with reps × sets, and how to reply. Tries the clearest
 * wording first and falls back to shorter ones until the text fits two GSM-7 segments.
 */
export function reminderText(input: ReminderTextInput): string {
  const candidates: string[] = [];
  for (const [verbose, short, hint] of [
    [true, false, REPLY_HINT],
    [false, false, REPLY_HINT],
    [false, true, REPLY_HINT],
    [false, true, SHORT_REPLY_HINT],
  ] as const) {
    const list = input.movements.map((m) => `${label(m, short)} ${dose(m, verbose)}`).join('; ');
    const head = `${input.appName}: session ${input.session} of ${input.sessionsPerDay}. ${verbose ? '' : 'Reps x sets: '}`;
    candidates.push(toGsm7(`${head}${list}. ${hint}`));
  }
  return (
    candidates.find((t) => smsSegments(t).segments <= MAX_SEGMENTS) ?? candidates[candidates.length - 1]!
  );
}

export function verificationText(appName: string, code: string, validMinutes: number): string {
  return toGsm7(
    `${appName}: your code is ${code}. It expires in ${validMinutes} minutes. If you did not ask for it, ignore this text.`,
  );
}

/** HELP: the commands, and the clinic's contact when the operator set one (one segment). */
export function helpText(appName: string, clinicContact?: string): string {
  const contact = clinicContact ? ` Help: ${clinicContact}` : '';
  return toGsm7(
    `${appName} back rehab: reply DONE, PAUSE, RESUME, PAIN 0-10, STOP to end, DELETE to erase.${contact}`,
  );
}

/**
 * After the code is confirmed: who writes, what comes and when, how to stop (what carriers expect of
 * a first message).
 */
export function welcomeText(appName: string, sessionTimes: readonly string[], lengthDays: number): string {
  return toGsm7(
    `${appName}: you are all set. Reminders at ${sessionTimes.join(', ')} for ${lengthDays} days. Reply HELP for help, STOP to end.`,
  );
}

/**
 * Words that may mean a red flag ("my legs went numb"): the urgent tier of advice. Reminders are
 * paused and the clinic is told; RESUME is not offered in the same breath.
 */
export function urgentCareText(appName: string, remindersPaused: boolean): string {
  return toGsm7(
    `${appName}: this may need urgent care. Call your emergency number or go to an emergency department now.` +
      (remindersPaused ? ' Reminders are paused.' : ''),
  );
}

/** RESUME after words that may mean a red flag: not before a clinician has seen the patient. */
export function seeClinicianFirstText(appName: string, formUrl?: string): string {
  return toGsm7(
    `${appName}: please see a clinician before you exercise again, then take the assessment${formUrl ? ` at ${formUrl}` : ' again'}.`,
  );
}

/** A text the service did not understand: kept for the clinic, answered at most every few hours. */
export function messageKeptText(appName: string): string {
  return toGsm7(`${appName}: thanks, your message is kept for your clinic. Reply HELP for options.`);
}

/**
 * The plan's one text on its last day besides the reminders (the consent names it): well done, and
 * where the next assessment is. The plan completes after the day's last session.
 */
export function reassessmentText(appName: string, formUrl: string): string {
  return toGsm7(
    `${appName}: last day of your plan, well done! Rate the movements again at ${formUrl} for your next plan. Reminders stop after today.`,
  );
}

/** Reply to DONE: short, one segment. */
export function doneText(appName: string): string {
  return toGsm7(`${appName}: session logged, well done. Keep going!`);
}

/** Reply to PAUSE. */
export function pausedText(appName: string): string {
  return toGsm7(`${appName}: reminders paused. Reply RESUME to restart them.`);
}

/** Reply to RESUME. */
export function resumedText(appName: string): string {
  return toGsm7(`${appName}: reminders are back on at your session times. Reply PAUSE to pause.`);
}

/** Reply to PAIN n below the seek-care level. */
export function painLoggedText(appName: string, score: number): string {
  return toGsm7(
    `${appName}: pain ${score}/10 logged. Leave out any movement that hurts more than 3 and tell your clinician if it gets worse.`,
  );
}

/**
 * Reply to PAIN n at or above the seek-care level: the "see a clinician" tier. Reminders are paused;
 * RESUME is not offered in the same text (the patient may still send it).
 */
export function seekCareText(appName: string): string {
  return toGsm7(
    `${appName}: pain this high needs a clinician's advice: please contact your doctor or clinic today. Reminders are paused.`,
  );
}

/** Reply to PAUSE or RESUME when no plan is running or paused. */
export function noActivePlanText(appName: string, formUrl?: string): string {
  return toGsm7(
    formUrl
      ? `${appName}: you have no reminders running. Take the assessment at ${formUrl} to start a plan.`
      : `${appName}: you have no reminders running. Take the assessment again to start a plan.`,
  );
}

/** Reply to DELETE: erasure needs a confirmation with the code, within a short window. */
export function erasePromptText(appName: string, code: string): string {
  return toGsm7(
    `${appName}: to erase all your data and end your reminders, reply DELETE ${code} within ${ERASURE_CONFIRM_MINUTES} minutes. This cannot be undone.`,
  );
}

/** Reply to DELETE <code> with a wrong or expired code. */
export function erasureRefusedText(appName: string): string {
  return toGsm7(
    `${appName}: that code is wrong or has expired, so nothing was erased. Reply DELETE for a new code.`,
  );
}

/** Reply to DELETE <code>: the last text the patient gets from the service. */
export function erasedText(appName: string): string {
  return toGsm7(`${appName}: we are erasing all your data now. You will get no more texts from us.`);
}

/**
 * End User Messaging's own answer to STOP (and the other opt-out words) on a number the stack
 * requests: the number opts the patient out and answers; the inbound function stops the plan.
 */
export function stopText(appName: string): string {
  return toGsm7(`${appName}: you are unsubscribed and will get no more texts from us.`);
}
