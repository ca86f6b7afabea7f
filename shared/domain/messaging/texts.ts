import { findMovement } from '../plan/catalog.ts';
import type { PlanMovement } from '../plan/plan.ts';
import { ERASURE_CONFIRM_MINUTES } from './replies.ts';
import { firstFitting, toGsm7 } from './sms.ts';
import { formatTime, formatTimes, type Clock } from '../scheduling/local-time.ts';
import { RULE } from '../plan/rules.ts';
import { TIMES_KEYWORD } from '../scheduling/times-text.ts';
import { reminderTextIn, timesAsReply, type ReminderTextInput } from './text-parts.ts';

export { MAX_SEGMENTS, type ReminderTextInput } from './text-parts.ts';
export const REPLY_HINT = 'Reply DONE when done, HELP for help, STOP to end.';
const SHORT_REPLY_HINT = 'DONE=done HELP=help STOP=end';

function label(m: PlanMovement, short: boolean): string {
  const name = short ? (findMovement(m.id)?.shortName ?? m.name) : m.name;
  return m.variation ? `${name} (${m.variation})` : name;
}

const movementCount = (n: number) => `${n} movement${n === 1 ? '' : 's'}`;

export const reminderText = reminderTextIn({
  sessionOf: (session, sessionsPerDay) => `session ${session} of ${sessionsPerDay}`,
  timeFor: 'time for',
  movementCount,
  picturesAndDone: 'Pictures and Done button',
  yourPlan: 'Your plan',
  label,
  dose: { perSide: ' each side', lengths: ' lengths', reps: ' reps', set: 'set' },
  doseHeading: 'Reps x sets: ',
  replyHint: REPLY_HINT,
  shortReplyHint: SHORT_REPLY_HINT,
});

/**
 * A push reminder's body (the title is the app name, so it is not repeated): push wording, no
 * "Reply …" (a notification cannot be answered); a tap opens the plan page.
 */
export function pushReminderText(input: Omit<ReminderTextInput, 'appName' | 'link'>): string {
  return (
    `Time for session ${input.session} of ${input.sessionsPerDay}: ${movementCount(input.movements.length)}. ` +
    'Tap to see them with pictures and mark the session done.'
  );
}

export function verificationText(appName: string, code: string, validMinutes: number): string {
  return toGsm7(
    `${appName}: your code is ${code}. It expires in ${validMinutes} minutes. If you did not ask for it, ignore this text.`,
  );
}

/** The help page's path on the form's origin: how to reach a person, and what each reply does. */
export const HELP_PAGE_PATH = '/help';

/** The help page's address for a form URL (its origin + /help). */
export function helpPageUrl(formUrl: string): string {
  return new URL(HELP_PAGE_PATH, formUrl).href;
}

/**
 * HELP: always a way to reach a person — the clinic's contact (the stack requires one whenever it
 * texts from a number of its own: infra/config.ts), else the help page's link, else (the local stack
 * with neither) that the clinic reads the patient's texts — then the replies, in plain words. One
 * segment: the clearest wording that fits (texts.test.ts, the longest name, contact and link).
 */
export function helpText(appName: string, clinicContact?: string, helpUrl?: string): string {
  const person = `To reach a person: ${clinicContact ?? helpUrl ?? 'text us your question, your clinic reads it.'}`;
  return firstFitting(
    [
      `${appName}: reply DONE after a session, PAIN 0-10 for your pain, PAUSE, RESUME, STOP to end, DELETE to erase. ${person}`,
      `${appName}: reply DONE, PAIN 0-10, PAUSE, RESUME, STOP to end, DELETE to erase. ${person}`,
      `${appName}: reply STOP to end. ${person}`,
    ],
    1,
  );
}

/**
 * After the code is confirmed: who writes, what comes and when, that rates may apply, how to get
 * help and stop (what carriers expect of a first message). One segment. Times in the patient's
 * clock: "8am, 1pm, 7pm" where it is 12-hour, "08:00, 13:00, 19:00" where it is 24-hour.
 */
export function welcomeText(
  appName: string,
  sessionTimes: readonly string[],
  lengthDays: number,
  clock: Clock = 'h23',
): string {
  const times = formatTimes(sessionTimes, clock, 'short');
  return firstFitting(
    [
      `${appName}: you are all set. Reminders at ${times} for ${lengthDays} days. Msg & data rates may apply. Reply HELP for help, STOP to end.`,
      `${appName}: all set. Reminders at ${times} for ${lengthDays} days. Msg & data rates may apply. HELP for help, STOP to end.`,
      `${appName}: reminders at ${times}, ${lengthDays} days. Msg & data rates may apply. HELP for help, STOP to end.`,
    ],
    1,
  );
}

/** RESUME after words that may mean a red flag: not before a clinician has seen the patient. */
export function seeClinicianFirstText(appName: string, formUrl?: string): string {
  return firstFitting(
    [
      `${appName}: please see a clinician before you exercise again, then take the assessment${formUrl ? ` at ${formUrl}` : ' again'}.`,
      `${appName}: please see a clinician before you exercise again.${formUrl ? ` Then: ${formUrl}` : ''}`,
      `${appName}: please see a clinician before you exercise again.`,
    ],
    1,
  );
}

/** RESUME while the clinic paused the reminders: only the clinic restarts them. */
export function clinicPausedText(appName: string, clinicContact?: string): string {
  return toGsm7(
    `${appName}: your clinic paused your reminders. Please contact them${clinicContact ? ` (${clinicContact})` : ''} to start again.`,
  );
}

/** A text the service did not understand: kept for the clinic, answered at most every few hours. */
export function messageKeptText(appName: string): string {
  return toGsm7(`${appName}: thanks, your message is kept for your clinic. Reply HELP for options.`);
}

/**
 * The plan's one text on its last day besides the reminders (the consent names it): well done, and
 * where the next assessment is. The plan completes after the day's last session. The sender sends
 * `planEndText` instead when it can make the plan page's link; this is the form's link without it.
 */
export function reassessmentText(appName: string, formUrl: string): string {
  return firstFitting(
    [
      `${appName}: last day of your plan, well done! Rate the movements again at ${formUrl} for your next plan. Reminders stop after today.`,
      `${appName}: last day of your plan; reminders stop after today. Check in again for the next: ${formUrl}`,
      `${appName}: last day of your plan. Check in again: ${formUrl}`,
    ],
    1,
  );
}

/**
 * The plan's one text on its last day, when the sender can make the patient's plan page link: the
 * page shows the progress, and from the next day the summary with the next step (the check-in
 * again). One segment, the clearest wording that fits (texts.test.ts: the longest app name with the
 * longest link, from a `formUrl` of the longest length, still fits the last).
 */
export function planEndText(appName: string, planPageLink: string): string {
  return firstFitting(
    [
      `${appName}: last day of your plan, well done! Reminders stop after today. See how you did and what is next: ${planPageLink}`,
      `${appName}: last day of your plan, well done! See how you did: ${planPageLink}`,
      `${appName}: last day of your plan. Your progress: ${planPageLink}`,
      `${appName}: last day. Progress: ${planPageLink}`,
    ],
    1,
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
  return formUrl
    ? firstFitting(
        [
          `${appName}: you have no reminders running. Take the assessment at ${formUrl} to start a plan.`,
          `${appName}: no reminders running. Start a plan at ${formUrl}`,
        ],
        1,
      )
    : toGsm7(`${appName}: you have no reminders running. Take the assessment again to start a plan.`);
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
 * The one confirmation of an opt-out (FCC 47 CFR 64.1200(a)(12): one text, no marketing): End User
 * Messaging's own answer to STOP on a number the stack requests, and the inbound function's answer
 * to every other opt-out wording. It says how to opt back in (START).
 */
export function stopText(appName: string): string {
  return toGsm7(
    `${appName}: you are unsubscribed and will get no more texts from us. Reply START to opt back in.`,
  );
}

/** "between 8am and 9pm" / "between 08:00 and 21:00": the sending hours in the patient's clock. */
export function sendingHoursInWords(clock: Clock, style: 'page' | 'short' = 'short'): string {
  return `between ${formatTime(RULE.quietHoursEnd, clock, style)} and ${formatTime(RULE.quietHoursStart, clock, style)}`;
}

/**
 * The session times (or the zone) changed, from the plan page or a TIMES text: the new times, in
 * the patient's clock, and how to change them again by text. One segment.
 */
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
      `${appName}: your reminders are now at ${times}${zone}. To change them, reply ${TIMES_KEYWORD} and 3 times, like ${TIMES_KEYWORD} ${timesAsReply(sessionTimes, clock)}.`,
      `${appName}: your reminders are now at ${times}${zone}. Reply ${TIMES_KEYWORD} and 3 times to change them.`,
      `${appName}: reminders now at ${times}${zone}.`,
      `${appName}: reminders now at ${times}.`,
    ],
    1,
  );
}

/**
 * The times a TIMES text (or the page) asked for are fully booked: the nearest free ones to reply
 * with, in the patient's clock, when there are any. One segment.
 */
export function timesFullText(appName: string, clock: Clock, free?: readonly string[]): string {
  const offer = free ? `${TIMES_KEYWORD} ${timesAsReply(free, clock)}` : '';
  return firstFitting(
    free
      ? [
          `${appName}: those times are full. Reply ${offer} to take the nearest free ones. Your reminders have not changed.`,
          `${appName}: those times are full, reply ${offer}. Your reminders have not changed.`,
          `${appName}: those times are full, reply ${offer}.`,
        ]
      : [
          `${appName}: those times are full. Reply ${TIMES_KEYWORD} and 3 other times. Your reminders have not changed.`,
          `${appName}: those times are full. Reply ${TIMES_KEYWORD} and 3 other times.`,
        ],
    1,
  );
}

/**
 * What is wrong with the times a TIMES text asked for (functions/inbound/use-cases/times.ts), as
 * data, so each language says it in its own words: a word that is not a time, the wrong count, a
 * time outside the sending hours, or one too soon after the one before ("HH:MM").
 */
export type TimesProblem =
  | { kind: 'unreadable'; word: string }
  | { kind: 'count'; count: number }
  | { kind: 'outside'; time: string }
  | { kind: 'too-soon'; time: string; after: string };

function problemInWords(problem: TimesProblem, clock: Clock): string {
  const time = (t: string) => formatTime(t, clock, 'short');
  switch (problem.kind) {
    case 'unreadable':
      return `"${problem.word.slice(0, 12)}" is not a time I can read`;
    case 'count':
      return `I read ${problem.count} time${problem.count === 1 ? '' : 's'}`;
    case 'outside':
      return `${time(problem.time)} is outside the hours`;
    case 'too-soon':
      return `${time(problem.time)} is too soon after ${time(problem.after)}`;
  }
}

/**
 * A TIMES text that cannot be taken: what is wrong in a few words (`problem`), the allowed window
 * in the patient's clock, and an example. One segment.
 */
export function timesRefusedText(appName: string, clock: Clock, problem?: TimesProblem): string {
  const example = timesAsReply(RULE.defaultSessionTimes, clock);
  const rule = `3 times ${sendingHoursInWords(clock)}, at least 3 hours apart`;
  const what = problem ? `${problemInWords(problem, clock)}. ` : '';
  return firstFitting(
    [
      `${appName}: ${what}Reply ${TIMES_KEYWORD} and ${rule}, like ${TIMES_KEYWORD} ${example}. Your reminders have not changed.`,
      `${appName}: ${what}Reply ${TIMES_KEYWORD} and ${rule}, like ${TIMES_KEYWORD} ${example}.`,
      `${appName}: reply ${TIMES_KEYWORD} and ${rule}, like ${TIMES_KEYWORD} ${example}.`,
    ],
    1,
  );
}
