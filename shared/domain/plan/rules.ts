import type { Language } from '../language.ts';

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
 * The red flags, their tiers and their combinations live in one table (red-flags.ts); their types
 * are re-exported here, where the rule's other numbers are. Values are imported from red-flags.ts
 * itself: a value re-exported here would put the red-flag table and its advice texts in every
 * function that reads RULE (schedule-sync carried 22 kB of page and API texts that way).
 */
export type {
  CareTier,
  /** The name before the four tiers (the reply reader may use either). */
  CareTier as FlagTier,
  RedFlagId,
  ScreenTier,
} from './red-flags.ts';

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

/**
 * The consent in Spanish: a translation of CONSENT, its own version (the English one's id with
 * `-es`), so a stored record says which text the patient accepted. Offered only where the
 * deployment offers Spanish; the operator should have it reviewed before offering Spanish
 * (docs/PATIENTS.md#spanish). STOP and HELP stay as the carrier knows them.
 */
export const CONSENT_ES = {
  version: `${CONSENT.version}-es`,
  text:
    'Acepto recibir hasta 3 mensajes de texto de recordatorio al día en este número mientras dure mi plan, además de un código de un solo uso, ' +
    'un mensaje de bienvenida y un mensaje el último día. ' +
    'Pueden aplicarse tarifas por mensajes y datos. Responde STOP para cancelar, HELP para pedir ayuda. ' +
    'Esto no es consejo médico; deja cualquier ejercicio que te duela más de 3 de 10.',
} as const;

export interface ConsentText {
  readonly version: string;
  readonly text: string;
}

/** The consent each language shows (its own version id): the form shows it, the API stores it. */
export const CONSENTS: Readonly<Record<Language, ConsentText>> = { en: CONSENT, es: CONSENT_ES };

/** A known consent version and the language it is written in; undefined for any other id. */
export function consentOfVersion(version: string): { language: Language; consent: ConsentText } | undefined {
  const entry = Object.entries(CONSENTS).find(([, c]) => c.version === version);
  return entry ? { language: entry[0] as Language, consent: entry[1] } : undefined;
}
