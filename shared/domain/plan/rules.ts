/** The numbers of the rule. The source's numbers are fixed; the rest are this project's decisions (docs/PLAN-RULE.md). */
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
  /** Decision: any score this high means no plan and "see a clinician this week". */
  seekCarePain: 8,
  /** Decision: pain this high sitting or lying still means "see a clinician this week" (a plan only where movements qualify). */
  clinicianRestPain: 4,
  /** Decision: reminders only inside these local hours (carrier and courtesy norms). */
  quietHoursEnd: '08:00',
  quietHoursStart: '21:00',
  /** Decision: sessions at least this far apart, so three sessions spread over the day. */
  minSessionGapMinutes: 180,
  /** Decision: a plan lasts this many days unless the operator configures otherwise. */
  defaultPlanLengthDays: 14,
  defaultSessionTimes: ['08:00', '13:00', '19:00'] as const,
} as const;

/**
 * How soon a warning sign needs a clinician: `urgent` — care now (call the emergency number or go to
 * an emergency department); `soon` — see a clinician this week. Either way there is no home plan.
 */
export type FlagTier = 'urgent' | 'soon';

/**
 * Red flags a patient can report, in plain words, each with its tier and the guidance it rests on:
 * NICE NG59 (low back pain and sciatica in over 16s, 2016, updated 2020) and its CKS summary; the
 * AHCPR guideline's red-flag table (Bigos et al., 1994); NICE's suspected cauda equina guidance.
 * docs/PLAN-RULE.md has the table.
 */
export const RED_FLAGS = [
  {
    id: 'saddle-numbness',
    label: 'Numbness in the groin, buttocks or inner thighs (the "saddle" area)',
    tier: 'urgent',
    source: 'NICE NG59 / CKS: suspected cauda equina syndrome — emergency referral',
  },
  {
    id: 'bladder-bowel-control',
    label: 'New trouble controlling your bladder or bowels',
    tier: 'urgent',
    source: 'NICE NG59 / CKS: suspected cauda equina syndrome — emergency referral',
  },
  {
    id: 'urinary-retention',
    label: 'New trouble passing urine, or not being able to tell when your bladder is full',
    tier: 'urgent',
    source:
      'NICE CKS / GIRFT national CES pathway: urinary retention is a cauda equina sign — emergency referral',
  },
  {
    id: 'sexual-dysfunction',
    label: 'New numbness or loss of feeling during sex, or new trouble getting an erection',
    tier: 'urgent',
    source:
      'NICE CKS / GIRFT national CES pathway: new sexual dysfunction is a cauda equina sign — emergency referral',
  },
  {
    id: 'both-legs',
    label: 'Pain, numbness or pins and needles in both legs',
    tier: 'urgent',
    source: 'NICE CKS: bilateral sciatica is a cauda equina warning sign — emergency referral',
  },
  {
    id: 'leg-weakness',
    label: 'Weakness in a leg or foot that is getting worse',
    tier: 'urgent',
    source: 'AHCPR 1994; NICE CKS: progressive neurological deficit — emergency referral',
  },
  {
    id: 'fever',
    label: 'Fever, or feeling generally unwell, with the back pain',
    tier: 'urgent',
    source: 'AHCPR 1994; NICE CKS: possible spinal infection — same-day assessment',
  },
  {
    id: 'recent-trauma',
    label: 'The pain started after a bad fall, an accident or a blow',
    tier: 'urgent',
    source: 'AHCPR 1994; NICE CKS: possible fracture after significant trauma — same-day assessment',
  },
  {
    id: 'tearing-pain',
    label: 'Sudden, severe tearing or ripping pain in your back or belly',
    tier: 'urgent',
    source: 'NICE CKS (back pain without radiculopathy): abdominal aortic aneurysm — emergency admission',
  },
  {
    id: 'thoracic-pain',
    label: 'The pain is in your upper or middle back (between the shoulder blades), not the lower back',
    tier: 'soon',
    source: 'AHCPR 1994; NICE CKS: thoracic pain is a warning sign (fracture, malignancy, infection)',
  },
  {
    id: 'recent-spinal-procedure',
    label: 'You had back surgery or an injection in your spine in the last few weeks',
    tier: 'soon',
    source: 'NICE CKS: recent spinal surgery or procedure — possible infection or complication',
  },
  {
    id: 'cancer-history',
    label: 'You have had cancer',
    tier: 'soon',
    source: 'AHCPR 1994; NICE CKS: possible spinal metastasis — prompt assessment',
  },
  {
    id: 'weight-loss',
    label: 'You have lost weight without trying',
    tier: 'soon',
    source: 'AHCPR 1994; NICE CKS: possible malignancy — prompt assessment',
  },
  {
    id: 'night-pain',
    label: 'Pain at night or at rest that does not ease when you change position',
    tier: 'soon',
    source: 'AHCPR 1994; NICE CKS: non-mechanical pain (malignancy, infection) — prompt assessment',
  },
  {
    id: 'steroids-osteoporosis',
    label: 'You have taken steroid tablets for a long time, or you have osteoporosis',
    tier: 'soon',
    source: 'AHCPR 1994; NICE CKS: possible osteoporotic fracture — prompt assessment',
  },
  {
    id: 'immune-drugs',
    label: 'Your immune system is weakened (by illness or medicines), or you have injected drugs',
    tier: 'soon',
    source: 'AHCPR 1994; NICE CKS: possible spinal infection — prompt assessment',
  },
  {
    id: 'new-pain-age',
    label: 'This is new back pain and you are under 20 or over 50',
    tier: 'soon',
    source: 'AHCPR 1994: age under 20 or over 50 with new pain — prompt assessment',
  },
] as const satisfies readonly { id: string; label: string; tier: FlagTier; source: string }[];

/** The tier of a reported flag. */
export function flagTier(id: RedFlagId): FlagTier {
  return RED_FLAGS.find((f) => f.id === id)!.tier;
}

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
