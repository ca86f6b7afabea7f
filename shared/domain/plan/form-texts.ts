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
