/** The numbers of the rule. The source's numbers are fixed; the rest are this project's decisions (see README). */
export const RULE = {
  /** Source: choose movements "that didn't cause pain higher than a 3". */
  maxQualifyingPain: 3,
  /** Source: "Choose 4-5 movements". */
  minMovements: 4,
  maxMovements: 5,
  /** Source: "5-10 reps each in 1-2 sets". */
  minReps: 5,
  maxReps: 10,
  minSets: 1,
  maxSets: 2,
  /** Source: "Do this 3 times a day". */
  sessionsPerDay: 3,
  /** Decision: any score this high means no plan and "seek medical care now". */
  seekCarePain: 8,
  /** Decision: reminders only inside these local hours (carrier and courtesy norms). */
  quietHoursEnd: '08:00',
  quietHoursStart: '21:00',
  /** Decision: sessions at least this far apart, so three sessions spread over the day. */
  minSessionGapMinutes: 180,
  /** Decision: a plan lasts this many days unless the operator configures otherwise. */
  defaultPlanLengthDays: 14,
  defaultSessionTimes: ['08:00', '13:00', '19:00'] as const,
} as const;

/** Red flags a patient can report. Any one means no plan and advice to seek medical care now. */
export const RED_FLAGS = [
  { id: 'saddle-numbness', label: 'Numbness in the groin, buttocks or inner thighs (the "saddle" area)' },
  { id: 'bladder-bowel-control', label: 'New trouble controlling your bladder or bowels' },
  { id: 'fever', label: 'Fever, or feeling generally unwell, with the back pain' },
  { id: 'recent-trauma', label: 'The pain started after a fall, an accident or a blow' },
  { id: 'leg-weakness', label: 'Weakness in a leg or foot that is getting worse' },
] as const;

export type RedFlagId = (typeof RED_FLAGS)[number]['id'];
export const RED_FLAG_IDS = RED_FLAGS.map((f) => f.id) as [RedFlagId, ...RedFlagId[]];

/** The consent the form shows. Stored verbatim with its version when a patient agrees. */
export const CONSENT = {
  // 2026-11-30: names the welcome and the end-of-plan text, so no day brings more than it says.
  version: '2026-11-30',
  text:
    'I agree to receive up to 3 reminder texts a day at this number for the length of my plan, plus a one-time code, ' +
    'a welcome text and one text on the last day. ' +
    'Message and data rates may apply. Reply STOP to cancel, HELP for help. ' +
    'This is not medical advice; stop any movement that hurts more than a 3 out of 10.',
} as const;
