/**
 * The words the intake API answers with, by language: the advice of /screenings, /proposals and
 * /assessments, the `message` of every error (and of each issue, for a language whose words are
 * not the schemas' own), the plan page's action answers and the calendar file. A typed catalog, as
 * the page's (page-texts.ts): `API_EN`'s shape is the type, so a language missing a sentence does
 * not compile; a sentence with values is one function returning the whole sentence; counts take
 * their form from the language's plural rule (`plural`). Codes and paths never change with the
 * language: only the words do (docs/API.md, "Language of messages").
 *
 * English here; Spanish in api-texts-es.ts; `apiTextsFor` (api-catalog.ts) picks one.
 */
import { PAGE_EN, plural, type WeakFlagId } from './page-texts.ts';

/** The tiers of the red flags (red-flags.ts `CareTier`). */
export type AdviceTier = 'urgent-now' | 'same-day' | 'within-24h' | 'this-week';

/** Why Done, a skip or a pause could not be recorded (errors.ts `OutsidePlanError`). */
export type OutsideReason = 'plan-ended' | 'your-plan-ended' | 'not-started' | 'no-session' | 'not-on';

/**
 * The fields a request may name, as their issues say what each wants (a language whose words are
 * not the schemas' own: assessment.ts `toFieldIssues`). The first segment of an issue's path picks its rule.
 */
export type FieldName =
  | 'phone'
  | 'channel'
  | 'timeZone'
  | 'otherTimeZone'
  | 'sessionTimes'
  | 'locale'
  | 'consent'
  | 'consentVersion'
  | 'scores'
  | 'redFlags'
  | 'restPain'
  | 'clinicianChecked'
  | 'kettlebellHold'
  | 'previousPlan'
  | 'chosen'
  | 'pushSubscription'
  | 'language'
  | 'planId'
  | 'code'
  | 'pain'
  | 'action'
  | 'minutes'
  | 'lang';

export interface AdviceTexts {
  /** The red flags' tiers (no plan: see a clinician, how soon). */
  tier: Record<AdviceTier, string>;
  /** Weak flags alone, no clinician's check yet; `because`: `weakBecause` in a list. */
  checkWithClinician: (because: string) => string;
  /** Weak flags alone after a clinician's check (the plan page says it too). */
  clinicianChecked: (by: 'clinic' | 'patient', because: string) => string;
  weakBecause: Record<WeakFlagId, string>;
  /** A movement hurt 8 or more: no plan. */
  severePain: string;
  /** Pain at rest of 4+: a plan, and a clinician this week. */
  seeClinicianWithPlan: string;
  /** No movement stayed at 3 or less. */
  noneQualify: string;
  /** Fewer than 4 movements, all those tried. */
  reducedAllTried: (count: number) => string;
  /** Fewer than 4 movements: `count` of the `tried` qualified. */
  reducedSomeQualified: (count: number, tried: number) => string;
}

/** The limits a request may meet (functions/intake/use-cases/context.ts, resend.ts), by rule name. */
export type LimitName =
  | 'assessments-client-hour'
  | 'assessments-phone-day'
  | 'codes-phone-hour'
  | 'codes-phone-day'
  | 'codes-client-hour'
  | 'code-checks-client-hour'
  | 'plan-page-client-hour'
  | 'form-requests-client-hour'
  | 'resends-client-hour'
  | 'codes-plan';

/** A limit's refusal as a sentence, and for a per-phone limit what the phone field shows. */
export type LimitWords = (limit: number) => { message: string; phone?: string };

export interface ErrorTexts {
  /** `429 rate_limited`: each limit's refusal (`limit`: how many it allows). */
  limits: Record<LimitName, LimitWords>;
  invalidRequest: string;
  invalidJson: string;
  /** `bytes`: the body's size, when it was measured. */
  payloadTooLarge: (maxBytes: number, bytes?: number) => string;
  unsupportedMediaType: string;
  notFound: (method: string, path: string) => string;
  methodNotAllowed: (method: string, path: string) => string;
  planNotFound: string;
  planNotFoundIssue: string;
  pageNotFound: string;
  optedOut: (startTo: string | undefined) => string;
  optedOutIssue: (startTo: string | undefined) => string;
  outsidePlan: (reason: OutsideReason) => string;
  wrongCode: (attemptsLeft: number | undefined) => string;
  wrongCodeIssue: (attemptsLeft: number | undefined) => string;
  codeExpired: string;
  codeExpiredIssue: string;
  codeLocked: string;
  codeLockedIssue: string;
  resendTooSoon: (seconds: number) => string;
  alreadyVerified: string;
  notPending: string;
  conflict: string;
  phoneUnreachable: string;
  phoneUnreachableIssue: string;
  previousPlanNotFound: string;
  previousPlanIssue: string;
  /** `problem`: the rule's own words (English); a language may say it plainly without them. */
  holdTooHardIssue: (problem: string) => string;
  /** Chosen session times whose minutes are full; `suggested`: the nearest free ones. */
  timesFull: (suggested: readonly string[] | undefined) => string;
  timesFullIssue: (index: number, suggestion: string | undefined) => string;
  codesPaused: string;
  smsBusy: string;
  /** A plan page's POST from elsewhere; `problem`: what the check found (technical, English). */
  crossOrigin: (problem: string) => string;
}

/** Each issue's sentence, for a language whose words are not the schemas' own (`toFieldIssues`). */
export interface IssueTexts {
  /** The body itself is not what the request takes (not an object, say). */
  notAnObject: string;
  /** A field the request does not have. */
  notAField: (path: string) => string;
  /** A field left out. */
  required: (path: string) => string;
  /** What each field takes, as the end of a sentence that names it (`wants`). */
  rules: Record<FieldName, string>;
  /** A field whose value the rule refuses: the sentence names it and says what it takes (`rule`). */
  wants: (path: string, rule: string) => string;
  /** A field not in `FieldName` (a nested or future one). */
  invalid: (path: string) => string;
  /** A movement id that is not one of the assessment's. */
  notAMovement: (path: string, id: string) => string;
  /** A chosen movement the rule does not allow (`id` quoted first: the form names it). */
  notChoosable: (path: string, id: string) => string;
}

/** The plan page's action answers (JSON `message`). */
export interface ActionTexts {
  pausedAlready: string;
  paused: string;
  onAlready: string;
  seeClinician: string;
  clinicPaused: string;
  resumed: string;
  stopped: string;
  erased: string;
  noSessionLeft: string;
  skipped: (time: string) => string;
  tooLate: string;
  snoozed: (until: string) => string;
  /** `times`: the session times in a list, `zone`: the zone in words. */
  timesAre: (times: string, zone: string) => string;
  timesChanged: (times: string, zone: string) => string;
  timesFull: (free: string | undefined) => string;
  timesEnded: string;
  /** The times refused: not three, or not HH:MM (the issues name the field). */
  timesCount: (path: string, count: number) => string;
  timesFormat: (path: string) => string;
  /** A session time outside the sending hours or too near the one before. */
  timeWindow: (path: string, from: string, to: string) => string;
  timeGap: (path: string, hours: number) => string;
  unknownZone: (path: string, zone: string) => string;
}

/** The .ics file's events. */
export interface CalendarTexts {
  summary: (appName: string, session: number, of: number) => string;
  description: (link: string) => string;
}

export interface ApiTexts {
  lang: string;
  advice: AdviceTexts;
  errors: ErrorTexts;
  issues: IssueTexts;
  actions: ActionTexts;
  calendar: CalendarTexts;
}

const startTo = (to: string | undefined) => (to ? ` to ${to}` : ' to our number');

export const API_EN: ApiTexts = {
  lang: 'en',
  advice: {
    tier: {
      'urgent-now':
        'Your answers include a warning sign that needs care now. Do not start these exercises: ' +
        'call your local emergency number or go to an emergency department now.',
      'same-day':
        'Your answers include a sign that a doctor should check today. Do not start these exercises: ' +
        'contact your doctor or an urgent care service today. If it gets much worse, or numbness or ' +
        'weakness starts, call your emergency number.',
      'within-24h':
        'Your answers include signs that a doctor should check soon. Do not start these exercises: ' +
        'speak to your doctor within 24 hours (today, or first thing tomorrow). If it gets much worse, ' +
        'or numbness or weakness starts, call your emergency number.',
      'this-week':
        'Your answers include a sign that a clinician should check. Please see a doctor or physiotherapist ' +
        'this week. If it gets much worse, or new numbness or weakness starts, seek care at once.',
    },
    checkWithClinician: (because) =>
      `Because ${because}, a doctor or physiotherapist should check this back pain before you ` +
      'start these exercises. If one has already checked it, you can go on.',
    clinicianChecked: PAGE_EN.clinicianChecked,
    weakBecause: PAGE_EN.weakBecause,
    severePain:
      'A movement hurt 8 or more out of 10. Pain this high needs a clinician: please see a doctor or ' +
      'physiotherapist this week, and do not do these exercises until then. If it gets much worse, or ' +
      'new numbness or weakness starts, seek care at once.',
    seeClinicianWithPlan:
      'Your back hurts even at rest, so please see a doctor or physiotherapist this week. Until then, ' +
      'only do the movements below, and stop any that hurts more than 3.',
    noneQualify:
      'None of the movements you tried stayed at a pain of 3 or less, so there is no safe home plan from this ' +
      'assessment. Please see a movement specialist or physiotherapist.',
    reducedAllTried: (count) =>
      `Your plan has the ${plural('en', count, { one: 'one movement', other: `${count} movements` })} you tried, fewer than the ` +
      'usual 4 to 5. Next time, try more of the movements if you can. A movement specialist or ' +
      'physiotherapist can also help.',
    reducedSomeQualified: (count, tried) =>
      `Only ${count} of the ${tried} movements you tried stayed at a pain of 3 or less, so your plan is ` +
      'shorter than the usual 4 to 5. Please also see a movement specialist or physiotherapist.',
  },
  errors: {
    limits: {
      'assessments-client-hour': (n) => ({
        message: `Too many assessments from this device: at most ${n} an hour.`,
      }),
      'assessments-phone-day': (n) => ({
        message: `This number has had ${n} assessments today, the most it may have in a day.`,
        phone: `phone has had ${n} assessments today, the most a number may have in a day`,
      }),
      'codes-phone-hour': (n) => ({
        message: `This number has been sent ${n} codes this hour, the most it may get in an hour.`,
        phone: `phone has been sent ${n} codes this hour, the most a number may get in an hour`,
      }),
      'codes-phone-day': () => ({
        message: 'This number has been sent the most codes it may get in 24 hours.',
        phone: 'phone has been sent the most codes a number may get in 24 hours',
      }),
      'codes-client-hour': (n) => ({
        message: `Too many codes asked for from this device: at most ${n} an hour.`,
      }),
      'code-checks-client-hour': (n) => ({
        message: `Too many codes tried from this device: at most ${n} an hour.`,
      }),
      'plan-page-client-hour': (n) => ({
        message: `Too many plan pages opened from this device: at most ${n} an hour.`,
      }),
      'form-requests-client-hour': (n) => ({
        message: `Too many answers sent from this device: at most ${n} an hour. Please try again later.`,
      }),
      'resends-client-hour': (n) => ({
        message: `Too many new codes asked for from this device: at most ${n} an hour.`,
      }),
      'codes-plan': (n) => ({
        message: `This plan has been sent ${n} codes, the most a plan may get: use the last code, or send the form again.`,
      }),
    },
    invalidRequest: 'Some answers need a fix: each issue names its field.',
    invalidJson: 'The body is not valid JSON.',
    payloadTooLarge: (max, bytes) =>
      bytes === undefined
        ? `The body is too long; this API takes at most ${max} bytes.`
        : `The body is ${bytes} bytes; this API takes at most ${max} bytes.`,
    unsupportedMediaType: 'Send the body as JSON with content-type: application/json.',
    notFound: (method, path) => `No route for ${method} ${path}`,
    methodNotAllowed: (method, path) => `${method} is not allowed on ${path}`,
    planNotFound: 'There is no plan waiting for a code with this id.',
    planNotFoundIssue: 'planId is not a plan waiting for a code',
    pageNotFound: 'This plan page does not exist or has expired.',
    optedOut: (to) =>
      `This number opted out of our texts, so a code would not reach it. Text START${startTo(to)} to turn texts back on, then send the form again. A number can be turned back on once every 30 days.`,
    optedOutIssue: (to) =>
      `phone is on our opt-out list, so a code would not reach it: text START${startTo(to)} first, then send the form again (a number can be turned back on once every 30 days)`,
    outsidePlan: (reason) =>
      `Nothing was recorded: ${
        {
          'plan-ended': 'this plan has ended',
          'your-plan-ended': 'your plan has ended',
          'not-started': 'your plan starts on a later day',
          'no-session': 'there is no session to log today',
          'not-on': 'your reminders are not on',
        }[reason]
      }.`,
    wrongCode: (left) =>
      left === undefined
        ? 'The code is not the one we sent.'
        : `The code is not the one we sent: ${left} ${plural('en', left, { one: 'try', other: 'tries' })} left.`,
    wrongCodeIssue: (left) =>
      left === undefined
        ? 'code is not the one we sent'
        : `code is not the one we sent: ${left} ${plural('en', left, { one: 'try', other: 'tries' })} left`,
    codeExpired: 'The code has expired: ask for a new one.',
    codeExpiredIssue: 'code has expired: ask for a new one',
    codeLocked: 'Too many wrong codes: this plan is locked. Send the form again to get a new code.',
    codeLockedIssue: 'code was wrong too many times: this plan is locked; send the form again',
    resendTooSoon: (seconds) => `Please wait ${seconds} seconds before asking for a new code.`,
    alreadyVerified: 'This plan is confirmed already: its reminders are on.',
    notPending: 'This plan is not waiting for a code any more.',
    conflict: 'The plan changed meanwhile. Please try again.',
    phoneUnreachable: 'We cannot send texts to this number.',
    phoneUnreachableIssue: 'phone cannot receive our texts: check the number',
    previousPlanNotFound: 'Your last plan was not found for this number.',
    previousPlanIssue: 'previousPlan is not a plan of this phone number, or it is no longer kept',
    holdTooHardIssue: (problem) => `kettlebellHold ${problem}`,
    timesFull: (suggested) =>
      `Reminders at these times are fully booked.${suggested ? ` The nearest free times are ${suggested.join(', ')}.` : ''}`,
    timesFullIssue: (index, suggestion) =>
      `sessionTimes.${index} is fully booked${suggestion ? `: try ${suggestion}` : ''}`,
    codesPaused: 'We cannot send codes right now. Please try again later.',
    smsBusy: 'Texts are busy right now. Please try again in a minute.',
    crossOrigin: (problem) =>
      `This can only be done from the plan page itself: ${problem}. Nothing was recorded.`,
  },
  issues: {
    notAnObject: 'The body must be a JSON object with the fields of this request.',
    notAField: (path) => `${path} is not a field of this request`,
    required: (path) => `${path} is required`,
    rules: {
      phone: 'must be your mobile number, with its country code if it is not from here',
      channel: 'must be "sms" or "push"',
      timeZone: 'must be a known time zone, like America/New_York',
      otherTimeZone: 'must be a known time zone, like America/New_York',
      sessionTimes: 'must be times of day as HH:MM, one a session, in the day and apart',
      locale: 'must be a language tag, like en-US',
      consent: 'must be accepted: tick the box to agree to the reminders',
      consentVersion: 'is out of date: reload the page and agree to the current text',
      scores: 'must be a pain score from 0 to 10 for each movement you tried',
      redFlags: 'must be warning signs of the list',
      restPain: 'must be a whole number from 0 to 10',
      clinicianChecked: 'must be true or false',
      kettlebellHold: 'must be one of the kettlebell holds',
      previousPlan: 'must be the link of your last plan',
      chosen: 'must be movements that hurt 3 or less',
      pushSubscription: "must be the browser's push subscription",
      language: 'must be one of the languages offered here',
      planId: 'must be the id of a plan waiting for a code',
      code: 'must be the code we texted you',
      pain: 'must be a whole number from 0 to 10',
      action: 'must be "skip" or "snooze"',
      minutes: 'must be 30, 60 or 120',
      lang: 'must be one of the languages offered here',
    },
    wants: (path, rule) => `${path} ${rule}`,
    invalid: (path) => `${path} is not valid: check this answer`,
    notAMovement: (path, id) => `${path} "${id}" is not a movement of the assessment`,
    notChoosable: (path, id) =>
      `${path} "${id}" cannot be chosen: choose movements that hurt 3 or less, each once`,
  },
  actions: {
    pausedAlready: 'Your reminders are paused already.',
    paused: 'Your reminders are paused. Resume them here whenever you are ready.',
    onAlready: 'Your reminders are on already.',
    seeClinician: 'Please see a clinician before you exercise again.',
    clinicPaused: 'Your clinic paused your reminders: please contact them to start again.',
    resumed: 'Your reminders are back on at your session times.',
    stopped: 'Your reminders are stopped. You will get no more reminders.',
    erased: 'Everything we kept about you is erased. You will get no more texts from us.',
    noSessionLeft: 'There is no session left to skip or snooze today.',
    skipped: (time) => `Skipped: no reminder for the ${time} session today.`,
    tooLate: 'That is too late today: pick a shorter snooze, or skip it.',
    snoozed: (until) => `Snoozed: we will remind you at ${until}.`,
    timesAre: (times, zone) => `Your reminders are at ${times} (${zone}).`,
    timesChanged: (times, zone) => `Done: your reminders are now at ${times} (${zone}).`,
    timesFull: (free) => `Those times are fully booked.${free ? ` These have room: ${free}.` : ''}`,
    timesEnded: 'This plan has ended: its times cannot change.',
    timesCount: (path, count) => `${path} must be exactly ${count} times`,
    timesFormat: (path) => `${path} must be times of day as HH:MM, like 08:00`,
    timeWindow: (path, from, to) => `${path} must be between ${from} and ${to}: no reminders at night`,
    timeGap: (path, hours) => `${path} must be at least ${hours} hours after the session before it`,
    unknownZone: (path, zone) => `${path} "${zone}" is not a known time zone`,
  },
  calendar: {
    summary: (appName, n, of) => `${appName}: back exercises, session ${n} of ${of}`,
    description: (link) => `Your movements with pictures, and the Done button: ${link}`,
  },
};
