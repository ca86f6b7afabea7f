/**
 * Every string the assessment form shows that the page itself holds (web/index.html, the red-flag
 * questions, the pain scales, the session and hold names), by language: one typed object per
 * language (form-texts-es.ts), so a language missing a string does not compile, as for the plan page
 * (page-texts.ts). Whole sentences only; a value inside a sentence is a `{name}` placeholder the page
 * fills (a time, a link), never translated pieces joined. The movements' names, how-to and alt texts
 * come from the catalogs (catalog.ts, catalog-es.ts); form-catalog.ts puts them together.
 */
import type { RedFlagId } from './red-flags.ts';

export const FORM_EN = {
  title: '{appName}: back rehab check-in',
  skipLink: 'Skip to the form',
  heading: 'Back rehab check-in',
  errorSummary: 'Please check your answers',
  intro:
    'Four short steps: a few safety questions, then you try some movements and say how much each hurt, then you pick your movements and how we remind you. You get a home plan at once, and a reminder three times a day.',
  notAdvice: 'This is not medical advice.',
  inviteRemove: 'Not from your clinic? Remove it',
  welcomeBack: 'Welcome back.',
  noscript:
    'This form needs JavaScript, which is turned off in this browser. If any of the signs below applies to you, please get medical advice before you start any exercise.',
  careAdviceTitle: 'See a doctor or physiotherapist this week',
  languageLegend: 'Language',
  safetyTitle: 'Step 1 of 4: Safety first',
  redFlagsLegend: 'Do any of these apply to you now?',
  redFlagsHint: 'Tick each one that applies. If none does, tick nothing.',
  redFlagsLabel: 'Safety answers',
  restPainLegend: 'How much does your back hurt when you sit or lie still?',
  painHint: '0 = no pain, 10 = the worst pain.',
  restPainLabel: 'Pain when you sit or lie still',
  continue: 'Continue',
  back: 'Back',
  movementsTitle: 'Step 2 of 4: Try each movement',
  movementsIntro:
    'Try each movement slowly and gently, then pick how much it hurt. Pick "Did not try" for any you cannot or do not want to try.',
  movementsStop: 'Stop any movement that hurts more than a 3.',
  scoresLabel: 'Pain scores',
  didNotTry: 'Did not try',
  noPain: '(no pain)',
  worstPain: '(the worst)',
  legendNoPain: '0 no pain',
  legendWorst: '10 the worst',
  holdLegend: 'Which hold did you try?',
  holdHint: 'Easiest first. Start with the first one; your plan keeps the hold you rate here.',
  holdLabel: 'The kettlebell hold',
  holdName: '{number}. {hold}',
  choiceTitle: 'Step 3 of 4: Your movements',
  chosenLegend: 'Pick the movements for your plan',
  chosenLegendFixed: 'The movements for your plan',
  chosenLabel: 'Your movements',
  remindersTitle: 'Step 4 of 4: Your reminders',
  channelLegend: 'Remind me by',
  channelSms: 'Text message (SMS)',
  channelPush: 'Notification on this phone',
  channelHint: 'Your code always comes by text, to prove the number is yours.',
  channelLabel: 'Reminder channel',
  pushLabel: 'Notification permission',
  phoneLabel: 'Mobile number',
  phoneHint: 'Your mobile number, like (201) 555-0123. From another country, start with + and its code.',
  sessionTimesLegend: 'Session times',
  sessionTimesHint: 'Three times a day, between {earliest} and {latest}, at least 3 hours apart.',
  sessionTimesLabel: 'Session times',
  session1: 'First',
  session2: 'Second',
  session3: 'Third',
  session1Label: 'First session time',
  session2Label: 'Second session time',
  session3Label: 'Third session time',
  useFreeTimes: 'Use these times',
  timeZoneLabel: 'Time zone',
  timeZoneHint: 'Found from this device. Change it if it is wrong.',
  consentTitle: 'Your consent',
  consentAgree: 'I agree to the text above',
  consentLabel: 'Consent',
  consentVersionLabel: 'The consent text',
  submit: 'Get my plan',
  stopTitle: 'Please get medical care now',
  stopTicked: 'You ticked:',
  clinicianChecked: 'A doctor or physiotherapist has checked this back pain',
  clinicianCheckedHint:
    'Tick this only if a clinician has seen you about this back pain since it started. We keep your answer with your plan, and your clinic can see it.',
  clinicianCheckedLabel: "The clinician's check",
  clinicianContinue: 'Go on to the movements',
  resultTitle: 'Your plan',
  resultNoPlan: 'No plan this time',
  sinceLast: 'Since your last plan',
  beforeYouStart: 'Before you start',
  confirmTitle: 'Confirm your number',
  codeLabel: '6-digit code',
  codeErrorLabel: 'The code',
  confirm: 'Confirm and start reminders',
  resend: 'Send a new code',
  restart: 'Start again',
  doneTitle: 'You are all set',
  planPageLink: 'Open your plan page',
  planPageText: "{link}: today's movements with pictures, and a Done button. Every reminder links to it too.",
  stopHelp: 'Reply STOP to a reminder to end them, HELP for help.',
  optIn: 'How you sign up for texts',
  privacy: 'Privacy',
  terms: 'Terms',
};

/** The keys every language has (a language without one of them does not compile). */
export type FormTextKey = keyof typeof FORM_EN;
export type FormTexts = Readonly<Record<FormTextKey, string>>;

/** The red-flag questions in words (English: red-flags.ts's labels, the one source of the clinic's wording). */
export type RedFlagTexts = Readonly<Record<RedFlagId, string>>;

/**
 * A plural rule's category (Intl.PluralRules): a sentence with a count has one entry per category
 * the language's rules name (English: one, other; Spanish: one, many, other), each a whole sentence.
 */
export type PluralCategory = Intl.LDMLPluralRule;
export type Plural<C extends PluralCategory> = Readonly<Record<C, string>>;

/**
 * Every message web/app.js writes after the page has loaded (announcements, the choice step's notes,
 * the result's lines, its own error messages), by key; the script fills `{name}` placeholders with
 * values (a count, a time, a movement's name in the page's language) and picks a count's sentence
 * with Intl.PluralRules. Whole sentences only: a line of two sentences is two entries (each ends
 * with its full stop), never a translated piece inside another. The doses' reps are 5 or more
 * (progression.ts DOSE_LADDER), so only the sets have plural forms. They travel to the script as
 * JSON in `<meta name="form-messages">` (every offered language, also when only one is offered).
 */
export const FORM_MESSAGES_EN = {
  errorCount: { one: '{count} problem: {first}', other: '{count} problems: {first}' },
  somethingWrong: 'Something went wrong. Please try again.',
  offline: 'Could not reach the service. Check your connection and try again.',
  fieldProblem: '{field}: {problem}',
  stepSaid: '{title}.',
  stepSaidWithAdvice: '{title}. {advice}',
  careUrgentNow: 'Please get medical care now',
  careSameDay: 'Please see a doctor today',
  careWithin24h: 'Please speak to a doctor within 24 hours',
  careThisWeek: 'Please see a doctor or physiotherapist this week',
  careClinicianChecked: 'A clinician has checked your back',
  checkClinicianFirst: 'Check with your clinician first',
  noHomePlan: 'No home plan this time',
  tickedByMistake: 'I ticked something by mistake: go back',
  changeAnswers: 'Go back and change my answers',
  answersBack: 'Your answers so far are back.',
  pushOn: 'Notifications are on for this browser.',
  pushFailedSummary: 'Notifications could not be turned on.',
  pushFailed: 'Notifications could not be turned on in this browser: allow them, or choose text messages.',
  channelPushUnavailable: 'Notification on this phone (not available in this browser)',
  restPainMissing: 'Please pick how much your back hurts when you sit or lie still, from 0 to 10.',
  clinicianCheckSummary: 'Tick the box if a clinician has checked this back pain.',
  clinicianCheckMissing:
    'Please tick the box only if a doctor or physiotherapist has checked this back pain. If not, please see one first.',
  lastTimeScore: 'Last time: {score} out of 10.',
  welcomeBackText: {
    one: 'You did {done} of {count} session. Your last scores are filled in: try each movement again and change what is different today.',
    other:
      'You did {done} of {count} sessions. Your last scores are filled in: try each movement again and change what is different today.',
  },
  holdLimitNext:
    'Last time you walked with "{hold}". Keep to it, or try the next one, "{next}", and rate that. The others come one step at a time.',
  holdLimitLast: 'Last time you walked with "{hold}", the last of the holds.',
  invitedBy: 'Invited by {clinic}.',
  invitedText: 'Your plan will be shared with them once you confirm your phone number.',
  inviteRemoved: 'The invite was removed. Your plan stays private to you.',
  sinceSessions: {
    one: 'You did {done} of {count} session of your last plan.',
    other: 'You did {done} of {count} sessions of your last plan.',
  },
  sinceBetter: '{movement}: better.',
  sinceSame: '{movement}: the same.',
  sinceWorse: '{movement}: worse.',
  sinceNew: '{movement}: new this time.',
  stepUp: 'In your plan: a step up.',
  stepBack: 'In your plan: a step back, to go easier.',
  stepSame: 'In your plan: the same as before.',
  stepNew: 'New in your plan.',
  pickNoPain: 'No pain',
  pickHurt: 'It hurt {score} out of 10',
  movementWithHold: '{movement} ({hold})',
  fixedAllTried: {
    one: 'You tried this one movement and it hurt 3 or less, so your plan has just this one.',
    other: 'You tried these {count} movements and each hurt 3 or less, so your plan has all of them.',
  },
  fixedSomeTried: {
    one: 'Only this one of the {tried} movements you tried hurt 3 or less, so your plan has just this one.',
    other:
      'Only these {count} of the {tried} movements you tried hurt 3 or less, so your plan has all of them.',
  },
  choiceHintQualify: {
    one: 'This one movement hurt 3 or less.',
    other: 'These {count} movements hurt 3 or less.',
  },
  choiceHintSuggested: {
    one: 'We ticked the one we suggest: you can swap it for another.',
    other: 'We ticked the {count} we suggest: you can swap any of them.',
  },
  pickExact: 'Pick {min}.',
  pickAll: 'Pick all {min}.',
  pickEither: 'Pick {min} or {max}.',
  pickRange: 'Pick {min} to {max}.',
  pickedCount: { one: 'You have picked {count}.', other: 'You have picked {count}.' },
  pleasePickExact: 'Please pick {min}.',
  pleasePickAll: 'Please pick all {min}.',
  pleasePickEither: 'Please pick {min} or {max}.',
  pleasePickRange: 'Please pick {min} to {max}.',
  pickMovementsExact: { one: 'Please pick {count} movement.', other: 'Please pick {count} movements.' },
  pickMovementsAll: 'Please pick all {min} movements.',
  pickMovementsEither: 'Please pick {min} or {max} movements.',
  pickMovementsRange: 'Please pick {min} to {max} movements.',
  doseReps: { one: '{reps} reps × {count} set', other: '{reps} reps × {count} sets' },
  doseRepsSide: { one: '{reps} reps each side × {count} set', other: '{reps} reps each side × {count} sets' },
  doseLengths: { one: '{reps} lengths × {count} set', other: '{reps} lengths × {count} sets' },
  planSummary: {
    one: 'Do this movement {perDay} times a day, at {times} ({zone}).',
    other: 'Do these {count} movements {perDay} times a day, at {times} ({zone}).',
  },
  planDates: 'From {start} to {end}. On the last day we ask you to check in again.',
  codeSent:
    'We sent a 6-digit code by text to {to}. It is valid until {time}. Enter it to start your reminders.',
  planReady: 'Your plan is ready. Enter the code we sent to confirm.',
  freeTimesText: 'These times have room: {times}.',
  useFreeTimesButton: 'Use {times} and get my plan',
  timesChanged: 'Session times changed to {times}.',
  remindersOn: 'Your reminders are on: {perDay} a day at {times} ({zone}), from {start} to {end}.',
  confirmed: 'Confirmed. Your reminders are on.',
  newCode: 'A new code is on its way to {to}.',
} as const;

/** The script's messages in a language whose plural rules name the categories `C`. */
export type FormMessages<C extends PluralCategory> = {
  readonly [K in keyof typeof FORM_MESSAGES_EN]: (typeof FORM_MESSAGES_EN)[K] extends string
    ? string
    : Plural<C>;
};
export type FormMessageKey = keyof typeof FORM_MESSAGES_EN;
