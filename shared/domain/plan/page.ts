/**
 * The patient's private plan page (pure): its link, the token in it, what the page says about
 * today, and the session a Done (page button or DONE text) records.
 *
 * The token. Every reminder carries it, but the table never holds it:
 *   - when a plan is activated, a random 128-bit `pageNonce` is stored on the plan item;
 *   - the token is HMAC(hash key, "plan-page:" planId nonce), cut to 128 bits, base64url: 22
 *     characters, so the link fits a one-segment reminder. Only a function holding the hash key
 *     (intake, send-reminder) can make it from the plan item; a table dump cannot;
 *   - the page item of its own (`PAGE#<tokenHash>`, shared/table.ts) is found by another HMAC of
 *     the token, expires with the plan's data (TTL = the plan's retention) and is deleted with the
 *     patient (it sits on the patient's index). Deleting it revokes the link.
 * A guessed token finds no item: 404, after the same one read as any token of the right shape.
 *
 * What the page shows follows `pageMode`: today's session (with Done, the pain check-in and the
 * progress), the plan ahead before it starts, or the completion summary once it is over (docs/PATIENTS.md,
 * "The plan page").
 */
import { hashLinkToken, LINK_TOKEN_PATTERN, linkToken, newLinkNonce } from '../security/link-tokens.ts';
import { findMovement, type MovementId } from './catalog.ts';
import { MOVEMENTS_ES } from './catalog-es.ts';
import type { Language } from '../language.ts';
import { pageTextsFor } from './page-catalog.ts';
import { PAGE_EN, type PageTexts } from './page-texts.ts';
import type { PlanMovement, Plan } from './plan.ts';
import { parseReason, RUNNING_STATUSES, type PlanStatus } from './lifecycle.ts';
import { sessionAt } from '../scheduling/reminders.ts';
import { RULE } from './rules.ts';
import { addDays, zonedInstant } from '../time.ts';
import * as z from '../zod.ts';

/** 16 random bytes (128 bits): the nonce stored on the plan item. */
export const newPageNonce = newLinkNonce;

/** The token in the link (security/link-tokens.ts). */
export const pageToken = (planId: string, nonce: string, key: string): string =>
  linkToken('plan-page', planId, nonce, key);

/** What the table keeps of a token: its keyed hash (the page item's key). */
export const hashPageToken = (token: string, key: string): string => hashLinkToken('plan-page', token, key);

/** A token as the links carry it; anything else is answered 404 without a read. */
export const PAGE_TOKEN_PATTERN = LINK_TOKEN_PATTERN;

/** The page's path: short, so a reminder with its link stays one SMS segment. */
export const PLAN_PAGE_PREFIX = '/p/';

/** The link on the API's own domain (or the operator's custom domain: `formUrl`'s origin). */
export function planPageUrl(baseUrl: string, token: string): string {
  return new URL(`${PLAN_PAGE_PREFIX}${token}`, baseUrl).href;
}

/** What "a length" is, as the page says it (lengths are counted in walks and crawls). */
export const LENGTH_MEANING = PAGE_EN.lengthMeaning;

/** The dose in plain words: "10 reps on each side, 2 sets" (the clinic's console and FHIR: English). */
export function doseInWords(m: Pick<PlanMovement, 'reps' | 'sets' | 'repUnit'>): string {
  return PAGE_EN.dose(m);
}

/** The movement's how-to from the catalog, in a language (the plan stores only its id and dose). */
export function howToOf(m: Pick<PlanMovement, 'id'>, language: Language = 'en'): string {
  if (language === 'es') return MOVEMENTS_ES[m.id as MovementId]?.howTo ?? '';
  return findMovement(m.id)?.howTo ?? '';
}

/** The movement's name in a language ("Hip Bridges", "Puente de cadera"). */
export function movementNameOf(m: Pick<PlanMovement, 'id' | 'name'>, language: Language = 'en'): string {
  if (language === 'es') return MOVEMENTS_ES[m.id as MovementId]?.name ?? m.name;
  return m.name;
}

/** Today on the plan: which day of how many, which session, and whether the plan runs today. */
export interface PlanToday {
  localDate: string;
  /** 1-based day of the plan; 0 before it starts, lengthDays + 1 after it ends. */
  day: number;
  lengthDays: number;
  /** 1-based session the page offers to mark done (the latest reached today, else the first). */
  session: number;
  sessionsPerDay: number;
  /** The instant that session is due: the Done event's key, so a second press is the same event. */
  sessionDueAt: string;
  withinPlan: boolean;
}

export function planToday(plan: Plan, now: Date): PlanToday {
  const { localDate, slot } = sessionAt(plan, now);
  let day = 1;
  while (day <= plan.lengthDays && addDays(plan.startDate, day - 1) < localDate) day++;
  if (localDate < plan.startDate) day = 0;
  return {
    localDate,
    day,
    lengthDays: plan.lengthDays,
    session: slot,
    sessionsPerDay: plan.sessionsPerDay,
    sessionDueAt: zonedInstant(localDate, plan.sessionTimes[slot - 1]!, plan.timeZone).toISOString(),
    withinPlan: localDate >= plan.startDate && localDate <= plan.endDate,
  };
}

/**
 * What the page is about: `today` (a day of the plan, running or paused), `before` (it starts on a
 * later day) or `summary` (it is over: its last day passed, or it completed, stopped or was replaced).
 */
export type PageMode = 'before' | 'today' | 'summary';

export function pageMode(status: PlanStatus, today: Pick<PlanToday, 'day' | 'lengthDays'>): PageMode {
  if (!RUNNING_STATUSES.includes(status) || today.day > today.lengthDays) return 'summary';
  return today.day === 0 ? 'before' : 'today';
}

const PAIN_ERROR = { error: 'must be a whole number from 0 to 10' };

/** POST /p/{token}/pain: "How is your back today?", one tap of 0–10. */
export const painCheckInBodySchema = z.strictObject(
  {
    pain: z.number(PAIN_ERROR).check(z.int(PAIN_ERROR), z.gte(0, PAIN_ERROR), z.lte(10, PAIN_ERROR)),
  },
  { error: 'must be a JSON object' },
);

/** What the page says once a pain of 8 or more paused the plan, and after words that may mean a red flag. */
export const PAGE_ADVICE = PAGE_EN.advice;

/**
 * Why a plan that still runs is paused, as the page says it: the advice itself after a pain of 8 or
 * more or words that may mean a red flag (RESUME is not offered then, as the texts do not offer it).
 */
export function pausedNotice(
  statusReason: string | undefined,
  t: PageTexts = PAGE_EN,
): {
  text: string;
  tone: 'urgent' | 'advice' | 'notice';
} {
  switch (parseReason(statusReason)?.kind) {
    case 'pain-reported':
      return { text: t.advice.seekCare, tone: 'advice' };
    case 'red-flag-reported':
      return { text: t.advice.urgent, tone: 'urgent' };
    default:
      return { text: t.pausedReplyResume, tone: 'notice' };
  }
}

/** The page's answer to a check-in, in words, in the plan's language. */
export function painCheckInWords(pain: number, seekCare: boolean, language?: Language): string {
  return pageTextsFor(language).painCheckIn(pain, seekCare, RULE.maxQualifyingPain);
}

/** POST /p/{token}/session: skip today's next session, or snooze it 30, 60 or 120 minutes. */
export const sessionActionBodySchema = z.union(
  [
    z.strictObject({ action: z.literal('skip') }),
    z.strictObject({
      action: z.literal('snooze'),
      minutes: z.union([z.literal(30), z.literal(60), z.literal(120)], {
        error: 'must be 30, 60 or 120 (minutes)',
      }),
    }),
  ],
  { error: 'must be { "action": "skip" } or { "action": "snooze", "minutes": 30, 60 or 120 }' },
);

/** POST /p/{token}/times: new session times (three "HH:MM"), a new zone, or both. */
export const timesBodySchema = z.strictObject(
  {
    sessionTimes: z.optional(
      z
        .array(z.string({ error: 'must be times of day as HH:MM' }).check(z.maxLength(5)), {
          error: 'must be three times of day as HH:MM',
        })
        .check(z.maxLength(3, { error: 'must be exactly 3 times' })),
    ),
    timeZone: z.optional(
      z.string({ error: 'must be a time zone, like America/New_York' }).check(z.maxLength(64)),
    ),
    /** A zone typed in (the page's list has the deployment's countries' zones only); it wins when given. */
    otherTimeZone: z.optional(
      z.string({ error: 'must be a time zone, like Europe/Paris' }).check(z.maxLength(64)),
    ),
  },
  { error: 'must be a JSON object' },
);

/** What the page says after a change made without JavaScript (the ?note= of its redirect). */
export const PAGE_NOTES = PAGE_EN.notes;
export type PageNote = keyof typeof PAGE_NOTES;

/**
 * POST /p/{token}/language: the language the page, the texts and the reminders use from now on,
 * one of those the deployment offers (config `languages`).
 */
export function languageBodySchema(offered: readonly Language[]) {
  return z.strictObject(
    {
      language: z.enum(offered as [Language, ...Language[]], {
        error: `must be one of the languages offered here: ${offered.join(', ')}`,
      }),
    },
    { error: 'must be a JSON object' },
  );
}
