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
 */
import { createHmac, randomBytes } from 'node:crypto';
import { findMovement } from './catalog.ts';
import type { PlanMovement, Plan } from './plan.ts';
import { sessionAt } from './reminders.ts';
import { addDays, zonedInstant } from './time.ts';

/** 16 random bytes (128 bits): the nonce stored on the plan item. */
export function newPageNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The token in the link: 128 bits of HMAC, 22 base64url characters. */
export function pageToken(planId: string, nonce: string, key: string): string {
  return createHmac('sha256', key)
    .update(`plan-page:${planId}:${nonce}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** What the table keeps of a token: its keyed hash (the page item's key). */
export function hashPageToken(token: string, key: string): string {
  return createHmac('sha256', key).update(`plan-page-token:${token}`).digest('base64url');
}

/** A token as the links carry it; anything else is answered 404 without a read. */
export const PAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The page's path: short, so a reminder with its link stays one SMS segment. */
export const PLAN_PAGE_PREFIX = '/p/';

/** The link on the API's own domain (or the operator's custom domain: `formUrl`'s origin). */
export function planPageUrl(baseUrl: string, token: string): string {
  return new URL(`${PLAN_PAGE_PREFIX}${token}`, baseUrl).href;
}

/** What "a length" is, as the page says it (lengths are counted in walks and crawls). */
export const LENGTH_MEANING = 'A length is about 10 steps one way, at a slow, steady pace.';

/** The dose in plain words: "10 reps on each side, 2 sets". */
export function doseInWords(m: Pick<PlanMovement, 'reps' | 'sets' | 'repUnit'>): string {
  const count =
    m.repUnit === 'reps/side'
      ? `${m.reps} reps on each side`
      : m.repUnit === 'lengths'
        ? `${m.reps} lengths`
        : `${m.reps} reps`;
  return `${count}, ${m.sets} ${m.sets === 1 ? 'set' : 'sets'}`;
}

/** The movement's how-to from the catalog (the plan stores only its id and dose). */
export function howToOf(m: Pick<PlanMovement, 'id'>): string {
  return findMovement(m.id)?.howTo ?? '';
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
