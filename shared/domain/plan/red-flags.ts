/**
 * The one red-flag table (pure): every warning sign a patient can report, in plain words, with how
 * soon it needs a clinician and the guidance it rests on; the combinations that raise the tier; and
 * `screenFlags`, the tier and the advice for any set of flags. The form, the screening API and the
 * reply reader all use it (docs/PLAN-RULE.md, "Red flags" has the decision tables).
 *
 * Sources: NICE NG59 (low back pain and sciatica in over 16s, 2016, updated 2020) and its CKS
 * summaries (back pain without radiculopathy; sciatica); NICE NG234 (spinal metastases and metastatic
 * spinal cord compression, 2023, replacing CG75); the GIRFT national suspected cauda equina syndrome
 * pathway (NHS England, 2023); the AHCPR guideline's red-flag table (Bigos et al., 1994).
 */
import { API_EN } from './api-texts.ts';

/**
 * How soon a warning sign needs a clinician, most urgent first: `urgent-now` — call the emergency
 * number or go to an emergency department now; `same-day` — be seen by a doctor today; `within-24h`
 * — speak to a doctor within 24 hours; `this-week` — see a doctor or physiotherapist this week.
 */
export const CARE_TIERS = ['urgent-now', 'same-day', 'within-24h', 'this-week'] as const;
export type CareTier = (typeof CARE_TIERS)[number];
/** A set of flags may need no care at all: none ticked. */
export type ScreenTier = CareTier | 'none';

/**
 * The flags. `weak`: a risk factor rather than a sign — alone (any number of them, nothing else
 * ticked) it allows a plan once a clinician has checked this back pain (`screenFlags`); `because`
 * names it in the advice ("because you …").
 */
export const RED_FLAGS = [
  {
    id: 'saddle-numbness',
    label: 'Numbness in the groin, buttocks or inner thighs (the "saddle" area)',
    tier: 'urgent-now',
    source: 'NICE NG59 / CKS; GIRFT CES pathway: suspected cauda equina syndrome — emergency referral',
  },
  {
    id: 'bladder-bowel-control',
    label: 'New trouble controlling your bladder or bowels',
    tier: 'urgent-now',
    source: 'NICE NG59 / CKS; GIRFT CES pathway: suspected cauda equina syndrome — emergency referral',
  },
  {
    id: 'urinary-retention',
    label: 'New trouble passing urine, or not being able to tell when your bladder is full',
    tier: 'urgent-now',
    source:
      'NICE CKS; GIRFT CES pathway: difficulty passing urine or loss of bladder filling sensation is an early cauda equina sign — emergency referral',
  },
  {
    id: 'sexual-dysfunction',
    label: 'New numbness or loss of feeling during sex, or new trouble getting an erection',
    tier: 'urgent-now',
    source: 'GIRFT CES pathway; NICE CKS: new sexual dysfunction is a cauda equina sign — emergency referral',
  },
  {
    id: 'both-legs',
    label: 'Pain, numbness or pins and needles in both legs',
    tier: 'urgent-now',
    source: 'NICE CKS (sciatica); GIRFT CES pathway: bilateral leg symptoms warn of cauda equina syndrome',
  },
  {
    id: 'leg-weakness',
    label: 'Weakness in a leg or foot that is getting worse',
    tier: 'urgent-now',
    source: 'NICE CKS (sciatica); AHCPR 1994: progressive neurological deficit — emergency referral',
  },
  {
    id: 'tearing-pain',
    label: 'Sudden, severe tearing or ripping pain in your back or belly',
    tier: 'urgent-now',
    source:
      'NICE CKS (back pain without radiculopathy): possible abdominal aortic aneurysm — emergency admission',
  },
  {
    id: 'fever',
    label: 'Fever, or feeling generally unwell, with the back pain',
    tier: 'same-day',
    source: 'NICE CKS; AHCPR 1994: possible spinal infection — same-day assessment',
  },
  {
    id: 'recent-trauma',
    label: 'The pain started after a bad fall, an accident or a blow',
    tier: 'same-day',
    source: 'NICE CKS; AHCPR 1994: possible fracture after significant trauma — same-day assessment',
  },
  {
    id: 'recent-spinal-procedure',
    label: 'You had back surgery or an injection in your spine in the last few weeks',
    tier: 'within-24h',
    source:
      'NICE CKS: a recent spinal procedure is a risk of spinal infection or a complication — the team that did it should hear within 24 h',
  },
  {
    id: 'thoracic-pain',
    label: 'The pain is in your upper or middle back (between the shoulder blades), not the lower back',
    tier: 'this-week',
    source:
      'NICE CKS; AHCPR 1994: thoracic pain suggests a cause other than simple low back pain (fracture, malignancy, infection) — prompt assessment',
  },
  {
    id: 'weight-loss',
    label: 'You have lost weight without trying',
    tier: 'this-week',
    source: 'NICE CKS; AHCPR 1994: possible malignancy — prompt assessment',
  },
  {
    id: 'night-pain',
    label: 'Pain at night or at rest that does not ease when you change position',
    tier: 'this-week',
    source: 'NICE CKS; AHCPR 1994: non-mechanical pain (malignancy, infection) — prompt assessment',
  },
  {
    id: 'immune-drugs',
    label: 'Your immune system is weakened (by illness or medicines), or you have injected drugs',
    tier: 'this-week',
    source: 'NICE CKS; AHCPR 1994: a risk of spinal infection — prompt assessment',
  },
  {
    id: 'cancer-history',
    label: 'You have had cancer',
    tier: 'this-week',
    weak: true,
    because: 'you have had cancer',
    source:
      'NICE NG234; CKS: a past cancer alone is a risk factor; with thoracic, night or worsening pain it needs the MSCC team within 24 h',
  },
  {
    id: 'steroids-osteoporosis',
    label: 'You have taken steroid tablets for a long time, or you have osteoporosis',
    tier: 'this-week',
    weak: true,
    because: 'you have taken steroids for a long time or have osteoporosis',
    source: 'NICE CKS; AHCPR 1994: a risk of osteoporotic fracture — a clinician checks the pain first',
  },
  {
    id: 'new-pain-age',
    label: 'This is new back pain and you are under 20 or over 50',
    tier: 'this-week',
    weak: true,
    because: 'this is new back pain at your age',
    source: 'AHCPR 1994; NICE CKS: age under 20 or over 50 with new pain — a clinician checks the pain first',
  },
] as const satisfies readonly {
  id: string;
  label: string;
  tier: CareTier;
  source: string;
  weak?: true;
  because?: string;
}[];

export type RedFlagId = (typeof RED_FLAGS)[number]['id'];
export const RED_FLAG_IDS = RED_FLAGS.map((f) => f.id) as [RedFlagId, ...RedFlagId[]];
type RedFlag = (typeof RED_FLAGS)[number];

const byId = new Map<RedFlagId, RedFlag>(RED_FLAGS.map((f) => [f.id, f]));
const rank = (tier: ScreenTier) => (tier === 'none' ? CARE_TIERS.length : CARE_TIERS.indexOf(tier));
const moreUrgent = (a: CareTier, b: CareTier): CareTier => (rank(a) <= rank(b) ? a : b);
/** One step more urgent (urgent-now stays). */
const raised = (tier: CareTier): CareTier => CARE_TIERS[Math.max(0, CARE_TIERS.indexOf(tier) - 1)]!;

/** The tier of one flag alone. */
export function flagTier(id: RedFlagId): CareTier {
  return byId.get(id)!.tier;
}

/** Whether a flag is weak: a risk factor that alone allows a plan once a clinician has checked the pain. */
export function isWeakFlag(id: RedFlagId): boolean {
  return 'weak' in byId.get(id)!;
}

/**
 * Named combinations that raise the tier beyond the general rule (`screenFlags`): a flag of `all`
 * with any flag of `any`.
 */
export const FLAG_COMBINATIONS = [
  {
    id: 'cancer-with-spinal-pain',
    all: ['cancer-history'],
    any: ['thoracic-pain', 'night-pain', 'weight-loss'],
    tier: 'within-24h',
    source:
      'NICE NG234 (CG75 1.1): a person with cancer and thoracic, night or progressive spinal pain — contact the MSCC team urgently, within 24 hours',
  },
  {
    id: 'fever-with-infection-risk',
    all: ['fever'],
    any: ['immune-drugs', 'recent-spinal-procedure'],
    tier: 'urgent-now',
    source:
      'NICE CKS: suspected spinal infection (epidural abscess) with a risk factor — immune suppression, injected drugs or a recent spinal procedure — emergency assessment',
  },
] as const satisfies readonly {
  id: string;
  all: readonly RedFlagId[];
  any: readonly RedFlagId[];
  tier: CareTier;
  source: string;
}[];

/** What a set of flags means (`screenFlags`). */
export interface FlagScreening {
  /** How soon a clinician is needed; `none` when nothing was ticked. */
  tier: ScreenTier;
  /** The advice for that tier, in plain words (the form and the plan page show it). */
  advice?: FlagAdvice;
  /**
   * Only weak flags were ticked (age with new pain, osteoporosis or steroids, a past cancer): a plan
   * may follow once a clinician has checked this back pain (the patient says so, or the clinic
   * cleared them).
   */
  weakOnly: boolean;
  /** Why the tier is what it is: the flags at the tier, and the combinations or the rule that raised it. */
  reasons: string[];
}

export type FlagAdviceCode =
  | 'seek-medical-care'
  | 'seek-care-today'
  | 'see-clinician-within-24h'
  | 'see-clinician-this-week'
  | 'check-with-clinician';

export interface FlagAdvice {
  code: FlagAdviceCode;
  message: string;
}

/** The advice for each tier (plain words, no medical terms; the words: api-texts.ts, English). */
export const FLAG_ADVICE: Readonly<Record<CareTier, FlagAdvice>> = {
  'urgent-now': { code: 'seek-medical-care', message: API_EN.advice.tier['urgent-now'] },
  'same-day': { code: 'seek-care-today', message: API_EN.advice.tier['same-day'] },
  'within-24h': { code: 'see-clinician-within-24h', message: API_EN.advice.tier['within-24h'] },
  'this-week': { code: 'see-clinician-this-week', message: API_EN.advice.tier['this-week'] },
};

/** "you have had cancer and this is new back pain at your age" — the weak flags ticked, in words. */
export function weakFlagWords(ids: readonly RedFlagId[]): string {
  const words = RED_FLAGS.filter((f) => 'weak' in f && ids.includes(f.id)).map((f) =>
    'because' in f ? f.because : f.label,
  );
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Weak flags alone: check with a clinician first, with the way forward. */
export function checkWithClinicianAdvice(ids: readonly RedFlagId[]): FlagAdvice {
  return {
    code: 'check-with-clinician',
    message: API_EN.advice.checkWithClinician(weakFlagWords(ids)),
  };
}

/**
 * The tier and advice for a set of flags (order and repeats do not matter):
 *  1. the most urgent tier of the flags ticked;
 *  2. two or more flags at that tier raise it one step (this week → within 24 h → same day → urgent
 *     now) — except weak flags together, which stay "check with your clinician";
 *  3. a named combination (FLAG_COMBINATIONS) raises it to at least its own tier.
 * Only weak flags → this week, `weakOnly`, with the "check with your clinician" advice.
 */
export function screenFlags(ids: readonly RedFlagId[]): FlagScreening {
  // In the table's order, so the same set always reads the same.
  const flags = RED_FLAG_IDS.filter((id) => ids.includes(id));
  if (flags.length === 0) return { tier: 'none', weakOnly: false, reasons: [] };
  const weakOnly = flags.every(isWeakFlag);
  if (weakOnly) {
    return {
      tier: 'this-week',
      advice: checkWithClinicianAdvice(flags),
      weakOnly: true,
      reasons: flags.map((id) => `${id} (weak alone)`),
    };
  }
  let tier: CareTier = flags.map(flagTier).reduce(moreUrgent);
  const atTier = flags.filter((id) => flagTier(id) === tier);
  const reasons = atTier.map((id) => `${id} (${tier})`);
  if (atTier.length >= 2) {
    tier = raised(tier);
    reasons.push(`${atTier.length} signs at one tier: one step up`);
  }
  for (const combo of FLAG_COMBINATIONS) {
    const matches = combo.all.every((id) => flags.includes(id)) && combo.any.some((id) => flags.includes(id));
    if (matches && rank(combo.tier) < rank(tier)) {
      tier = combo.tier;
      reasons.push(combo.id);
    }
  }
  return { tier, advice: FLAG_ADVICE[tier], weakOnly: false, reasons };
}
