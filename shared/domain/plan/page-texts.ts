/**
 * Every string of the plan page (functions/intake/plan-page.ts, web/plan.html, its chart and table),
 * by language: a typed object per language, so a language missing a string does not compile
 * (page-catalog.ts holds them together). A typed catalog rather than ICU MessageFormat, as for the
 * texts (messaging/text-catalog.ts): a sentence with values is a function of them that returns the
 * whole sentence — never pieces joined — and counts choose their form by the language's plural rule
 * (`plural`, Intl.PluralRules). Strings whose name ends in `Html` return markup: their values come
 * in escaped, and only the markup in them is the catalog's own (<strong>).
 *
 * English here; Spanish in page-texts-es.ts (pages keep the accents: only texts are folded).
 */
import type { Language } from '../language.ts';
import type { PlanMovement } from './types.ts';

/** The weak flags (red-flags.ts: risk factors a clinician checks first). */
export type WeakFlagId = 'cancer-history' | 'steroids-osteoporosis' | 'new-pain-age';

/** The forms of a word by count (the plural categories a language uses: English and Spanish one/other). */
export interface PluralForms {
  one: string;
  other: string;
}

const RULES = new Map<string, Intl.PluralRules>();

/** The form of `forms` the language's plural rule picks for `n`. */
export function plural(language: Language, n: number, forms: PluralForms): string {
  let rules = RULES.get(language);
  if (!rules) RULES.set(language, (rules = new Intl.PluralRules(language)));
  return rules.select(n) === 'one' ? forms.one : forms.other;
}

/** The notes a page shows after a change made without JavaScript (the ?note= of its redirect). */
export type PageNoteTexts = Record<
  | 'done'
  | 'paused'
  | 'resumed'
  | 'stopped'
  | 'skipped'
  | 'snoozed'
  | 'times'
  | 'times-refused'
  | 'times-full'
  | 'not-running'
  | 'nothing'
  | 'language',
  string
>;

export interface PageTexts {
  /** The BCP 47 tag on <html lang>. */
  lang: Language;
  /** Dates on the page's table ("Mon, Mar 9"). */
  dateLocale: string;
  title: (appName: string) => string;
  skipLink: string;
  heading: { ended: string; finished: string; ahead: string; today: string };
  sessionHeading: { today: string; all: string };
  /** The session card's first paragraph: values escaped, <strong> the catalog's own. */
  sessionIntroHtml: (perDay: number, times: string, zone: string) => string;
  safetyTitle: string;
  safety: readonly string[];
  aboutTitle: string;
  caveats: readonly string[];
  dayOf: (day: number, of: number) => string;
  sessionOf: (n: number, of: number) => string;
  beforeStart: string;
  lastDay: string;
  paused: string;
  pausedReplyResume: string;
  advice: { seekCare: string; urgent: string };
  /**
   * A plan made once a clinician checked the pain (weak flags alone): the advice stays in view.
   * `because`: the weak flags ticked, as a list of `weakBecause` (listInWords).
   */
  clinicianChecked: (by: 'clinic' | 'patient', because: string) => string;
  /** Each weak flag as the reason in that advice ("you have had cancer"). */
  weakBecause: Record<WeakFlagId, string>;
  resume: string;
  pause: string;
  noSessionLeft: string;
  finished: (n: number, of: number) => string;
  logged: (n: number, of: number) => string;
  doneHint: string;
  done: string;
  nextTitle: (time: string, snoozedFrom?: string) => string;
  nextBusy: string;
  skip: string;
  remindAt: (time: string) => string;
  sessionNames: readonly [string, string, string];
  changeTimes: string;
  timesHaveRoom: (times: string) => string;
  timesWindow: (from: string, to: string) => string;
  timeZone: string;
  zoneOther: string;
  zoneOtherHint: string;
  saveTimes: string;
  /** "Or text TIMES and three times, like TIMES 9am 2pm 8pm." (the keyword the texts name). */
  orText: (example: string) => string;
  remindersTitle: string;
  remindersAt: (times: string, zone: string) => string;
  remindersPausedAt: (times: string, zone: string) => string;
  remindersEnded: string;
  addToCalendar: string;
  stopLink: string;
  eraseLink: string;
  confirmStop: { title: string; words: string; button: string };
  confirmErase: { title: string; words: string; button: string };
  goBack: string;
  checkInTitle: string;
  checkInHint: string;
  scaleNoPain: string;
  scaleWorst: string;
  legendNoPain: string;
  legendWorst: string;
  todaySoFar: (pain: number) => string;
  checkInNoScript: string;
  progressTitle: { summary: string; today: string };
  todayNone: string;
  todaySessions: (done: number, of: number) => string;
  nothingLogged: string;
  noSessionsYet: string;
  noPainYet: string;
  sessionsSoFar: (done: number, of: number) => string;
  chartCaption: string;
  painLineHint: string;
  seeTable: string;
  /** Day 1 against now: "Your back: 6 on day 1, 3 now (3 points better)." */
  painInWords: (p: {
    first: { pain: number; day: number };
    latest: { pain: number; day: number };
    /** Only one day has a score. */
    one: boolean;
    firstToday: boolean;
    latestToday: boolean;
  }) => string;
  chartTitle: string;
  chartPainAxis: string;
  chartNoPain: string;
  chartSessions: (perDay: number) => string;
  chartDay: (day: number) => string;
  chartToday: string;
  chartSummary: (p: {
    first?: { pain: number; day: number };
    latest?: { pain: number; day: number };
    one: boolean;
    done: number;
    soFar: number;
    planned: number;
  }) => string;
  tableCaption: string;
  tableDay: string;
  tableSessions: string;
  tablePain: string;
  tableDayRow: (day: number, today: boolean) => string;
  tableSessionsOf: (done: number, of: number) => string;
  tableNoScore: string;
  summaryTitle: string;
  summarySessionsHtml: (done: number, planned: number) => string;
  summaryNoPain: string;
  nextStepTitle: string;
  /** The summary's next step (progress.ts `nextStep`). */
  nextStep: Record<'reassess' | 'see-clinician' | 'newer-plan', string>;
  takeCheckIn: string;
  notes: PageNoteTexts;
  painCheckIn: (pain: number, seekCare: boolean, maxPain: number) => string;
  dose: (m: Pick<PlanMovement, 'reps' | 'sets' | 'repUnit'>) => string;
  lengthMeaning: string;
  /** The language switch: its heading, and the button in the language it switches to. */
  languageTitle: string;
  switchTo: string;
  /** What web/plan.js says when a request fails (the page gives it these). */
  failed: string;
  offline: string;
  otherTimesHaveRoom: string;
}

/** Lower is better: the change from the first score to the latest, in plain words. */
export function painChange(first: number, latest: number): string {
  const by = Math.abs(latest - first);
  if (by === 0) return 'the same';
  const points = `${by} ${plural('en', by, { one: 'point', other: 'points' })}`;
  return latest < first ? `${points} better` : `${points} worse`;
}

export const PAGE_EN: PageTexts = {
  lang: 'en',
  dateLocale: 'en-US',
  title: (appName) => `${appName}: your plan`,
  skipLink: 'Skip to your plan',
  heading: {
    ended: 'This plan has ended',
    finished: 'Your plan is finished',
    ahead: 'Your plan',
    today: 'Your plan for today',
  },
  sessionHeading: { today: "Today's session", all: 'The movements of your plan' },
  sessionIntroHtml: (perDay, times, zone) =>
    `Do these movements slowly and gently, ${perDay} times a day at ${times} (${zone}). ` +
    '<strong>Stop any movement that hurts more than 3</strong> out of 10.',
  safetyTitle: 'Stay safe',
  safety: [
    'Stop any movement that hurts more than 3 out of 10, and leave it out next time.',
    'Call your emergency number if you get numbness around the groin or buttocks, trouble passing urine or controlling your bladder or bowels, weakness in a leg that gets worse, or sudden tearing pain in your back or belly.',
    'See a doctor today if you get a fever or feel unwell, or if the pain follows a fall.',
    'See a clinician this week if the pain is getting worse or keeps you awake at night.',
    'This plan gives general exercise reminders. It is not medical advice.',
  ],
  aboutTitle: 'About this plan',
  caveats: [
    'This plan is for a common back pull or spasm. If your pain feels different, or you are not sure, ask a doctor or physiotherapist first.',
    'Finding out why you got hurt matters as much as healing: think about what you were doing when it started (lifting, twisting, sitting for long), and ask a movement specialist or physiotherapist to look at it, so it does not happen again.',
  ],
  dayOf: (day, of) => `Day ${day} of ${of}`,
  sessionOf: (n, of) => `Session ${n} of ${of}`,
  beforeStart: 'Your plan starts on a later day. Here is what it holds.',
  lastDay:
    'Today is the last day of your plan. From tomorrow this page shows how you did, ' +
    'and you can take the check-in again for your next plan.',
  paused: 'Your reminders are paused.',
  pausedReplyResume: 'Your reminders are paused. Reply RESUME to a reminder to restart them.',
  advice: {
    seekCare:
      "Pain this high needs a clinician's advice: please contact your doctor or clinic today. " +
      'Your reminders are paused.',
    urgent:
      'This may need urgent care. Call your emergency number or go to an emergency department now. ' +
      'Your reminders are paused.',
  },
  clinicianChecked: (by, because) =>
    `${by === 'clinic' ? 'Your clinic says' : 'You told us'} a clinician has checked this back pain. ` +
    `Because ${because}, stop the exercises and contact them if the pain gets worse, ` +
    'if it wakes you at night, or if you feel unwell or notice new numbness or weakness.',
  weakBecause: {
    'cancer-history': 'you have had cancer',
    'steroids-osteoporosis': 'you have taken steroids for a long time or have osteoporosis',
    'new-pain-age': 'this is new back pain at your age',
  },
  resume: 'Resume my reminders',
  pause: 'Pause my reminders',
  noSessionLeft: 'No session left today',
  finished: (n, of) => `Finished session ${n} of ${of}?`,
  logged: (n, of) => `Session ${n} of ${of} is logged. Well done!`,
  doneHint: 'Tap Done when you have finished it.',
  done: 'Done',
  nextTitle: (time, from) =>
    from ? `Your next session: ${time} (snoozed from ${from})` : `Your next session: ${time}`,
  nextBusy: 'Busy then? Skip it today, or have its reminder come later.',
  skip: 'Skip it today',
  remindAt: (time) => `Remind me at ${time}`,
  sessionNames: ['First', 'Second', 'Third'],
  changeTimes: 'Change times or time zone',
  timesHaveRoom: (times) => `These times have room: ${times}. Save to take them.`,
  timesWindow: (from, to) => `Between ${from} and ${to}, at least 3 hours apart.`,
  timeZone: 'Time zone',
  zoneOther: 'Somewhere else? Type its time zone',
  zoneOtherHint: 'A region and a city, like Europe/Paris. Leave it empty to use the list.',
  saveTimes: 'Save times',
  orText: (example) => `Or text TIMES and three times, like TIMES ${example}.`,
  remindersTitle: 'Your reminders',
  remindersAt: (times, zone) => `They come at ${times}, ${zone}.`,
  remindersPausedAt: (times, zone) => `Paused. When on, they come at ${times}, ${zone}.`,
  remindersEnded: 'Your reminders have ended.',
  addToCalendar: 'Add to calendar',
  stopLink: 'Stop my reminders',
  eraseLink: 'Erase my data',
  confirmStop: {
    title: 'Stop your reminders?',
    words:
      'You will get no more reminders or texts about this plan. You can still open this page. To start again later, take the check-in.',
    button: 'Yes, stop my reminders',
  },
  confirmErase: {
    title: 'Erase all your data?',
    words:
      'Your plan, answers, phone number and progress will be erased, your reminders will stop, and this page will no longer open. This cannot be undone.',
    button: 'Yes, erase everything',
  },
  goBack: 'No, go back',
  checkInTitle: 'How is your back today?',
  checkInHint: 'Tap one number: 0 is no pain, 10 is the worst pain you can imagine.',
  scaleNoPain: ' (no pain)',
  scaleWorst: ' (the worst)',
  legendNoPain: '0 no pain',
  legendWorst: '10 the worst',
  todaySoFar: (pain) => `Today's score so far: ${pain} out of 10.`,
  checkInNoScript: 'Or reply PAIN and a number to a reminder text, like PAIN 3.',
  progressTitle: { summary: 'Day by day', today: 'Your progress' },
  todayNone: 'Today: no sessions to do.',
  todaySessions: (done, of) =>
    `Today: ${done} of ${of} ${plural('en', of, { one: 'session', other: 'sessions' })} done.`,
  nothingLogged: 'Nothing was logged during this plan.',
  noSessionsYet: 'No sessions logged yet — tap Done after each session.',
  noPainYet: 'No back pain scores yet.',
  sessionsSoFar: (done, of) => `Sessions done so far: ${done} of ${of}.`,
  chartCaption:
    'The line is your back pain each day (0 no pain, 10 the worst). Each filled block is a session done.',
  painLineHint: 'Tell us how your back is each day to see a line here.',
  seeTable: 'See each day as a table',
  painInWords: ({ first, latest, one, firstToday, latestToday }) =>
    one
      ? `Your back: ${first.pain} out of 10 ${firstToday ? 'today' : `on day ${first.day}`}.`
      : `Your back: ${first.pain} on day ${first.day}, ${latest.pain} ${latestToday ? 'now' : `on day ${latest.day}`}` +
        ` (${painChange(first.pain, latest.pain)}).`,
  chartTitle: 'Your progress, day by day',
  chartPainAxis: 'Back pain (0 to 10)',
  chartNoPain: 'No pain scores yet',
  chartSessions: (perDay) => `Sessions done (${perDay} a day)`,
  chartDay: (day) => `Day ${day}`,
  chartToday: 'Today',
  chartSummary: ({ first, latest, one, done, soFar, planned }) =>
    `${
      !first || !latest
        ? 'No back pain scores yet.'
        : one
          ? `Back pain ${first.pain} out of 10 on day ${first.day}.`
          : `Back pain ${first.pain} out of 10 on day ${first.day} and ${latest.pain} on day ${latest.day}` +
            ` (${painChange(first.pain, latest.pain)}).`
    } Sessions done: ${done} of ${soFar} so far, of ${planned} in the whole plan.`,
  tableCaption: 'Sessions done and back pain, day by day',
  tableDay: 'Day',
  tableSessions: 'Sessions done',
  tablePain: 'Back pain (0 to 10)',
  tableDayRow: (day, today) => (today ? `Day ${day} (today)` : `Day ${day}`),
  tableSessionsOf: (done, of) => `${done} of ${of}`,
  tableNoScore: 'no score',
  summaryTitle: 'How you did',
  summarySessionsHtml: (done, planned) => `<strong>${done} of ${planned}</strong> sessions done.`,
  summaryNoPain: 'No back pain scores were logged.',
  nextStepTitle: 'Next step',
  nextStep: {
    reassess: 'Take the check-in again: rate the same movements, and get your next plan.',
    'see-clinician':
      'Please see a clinician before you exercise again. Then take the check-in for a new plan.',
    'newer-plan': 'You have a newer plan. Open the link in your newest reminder text.',
  },
  takeCheckIn: 'Take the check-in',
  notes: {
    done: 'Logged. Well done!',
    paused: 'Your reminders are paused. Resume them here whenever you are ready.',
    resumed: 'Your reminders are back on at your session times.',
    stopped: 'Your reminders are stopped. You will get no more reminders.',
    skipped: 'Skipped: no reminder for that session today.',
    snoozed: 'Snoozed: the reminder comes later today, at the time below.',
    times: 'Saved: your reminders come at the times below.',
    'times-refused':
      'Those times cannot be used: pick three times, at least 3 hours apart, in the hours below.',
    'times-full': 'Those times are fully booked. Please pick others.',
    'not-running': 'Nothing changed: this plan is not running.',
    nothing: 'Nothing changed.',
    language: 'This page, your texts and your reminders are now in English.',
  },
  painCheckIn: (pain, seekCare, maxPain) =>
    seekCare
      ? `Logged: your back is ${pain} out of 10 today.`
      : `Thank you: your back is ${pain} out of 10 today. ` +
        `Leave out any movement that hurts more than ${maxPain}, and tell your clinician if it gets worse.`,
  dose: (m) => {
    const count =
      m.repUnit === 'reps/side'
        ? `${m.reps} reps on each side`
        : m.repUnit === 'lengths'
          ? `${m.reps} lengths`
          : `${m.reps} reps`;
    return `${count}, ${m.sets} ${plural('en', m.sets, { one: 'set', other: 'sets' })}`;
  },
  lengthMeaning: 'A length is about 10 steps one way, at a slow, steady pace.',
  languageTitle: 'Language',
  switchTo: 'Show this page and my texts in English',
  failed: 'That did not work. Please try again.',
  offline: 'Could not reach the service. Check your connection and try again.',
  otherTimesHaveRoom: 'Other times have room: pick new ones.',
};
