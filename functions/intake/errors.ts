/**
 * What the intake service refuses, as typed errors. The handler alone turns them into HTTP answers
 * (functions/intake/handler.ts, `toHttpError`).
 */
import type { Language } from '../../shared/domain/language.ts';
import type { LimitName, OutsideReason } from '../../shared/domain/plan/api-texts.ts';
import { namedError } from '../../shared/domain/named-error.ts';

/** A limit is full for now. `issues` name the field to show it at (the phone for per-phone limits). */
export class RateLimitedError extends namedError('RateLimitedError') {
  constructor(
    /** The limit's rule (its words: api-texts.ts `limits`) and how many it allows. */
    readonly rule: LimitName,
    readonly limit: number,
    readonly retryAfterSeconds: number,
    /** The request's phone field, named by a per-phone limit's issue (none: no issue). */
    readonly phoneField?: 'phone',
  ) {
    super(`rate limited: ${rule}`);
  }
}

export class PlanNotFoundError extends namedError('PlanNotFoundError') {}

export class WrongCodeError extends namedError('WrongCodeError') {
  constructor(readonly attemptsLeft: number | undefined) {
    super(
      attemptsLeft === undefined
        ? 'is not the one we sent'
        : `is not the one we sent: ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left`,
    );
  }
}

export class CodeExpiredError extends namedError('CodeExpiredError') {}

/** Too many wrong codes: the plan's verification is locked for good. */
export class CodeLockedError extends namedError('CodeLockedError') {}

export class ResendTooSoonError extends namedError('ResendTooSoonError') {
  constructor(readonly retryAfterSeconds: number) {
    super(`wait ${retryAfterSeconds} seconds before asking for a new code`);
  }
}

/** The plan no longer waits for a code (it was confirmed, replaced or stopped). */
export class NotPendingError extends namedError('NotPendingError') {}

/** The service-wide codes-per-hour breaker is open: no code texts to anyone until the hour ends. */
export class CodesPausedError extends namedError('CodesPausedError') {
  constructor(readonly retryAfterSeconds: number) {
    super('the service has sent all the codes it may send this hour');
  }
}

/** The plan was verified already: codes are no longer judged for it. */
export class AlreadyVerifiedError extends namedError('AlreadyVerifiedError') {}

/** The plan changed under a request more than once in a row; the client may simply try again. */
export class BusyError extends namedError('BusyError') {}

/** No plan page for this token: never issued, revoked or expired (one answer for all three). */
export class PlanPageNotFoundError extends namedError('PlanPageNotFoundError') {}

/**
 * Done, a skip or a pause on a day outside the plan's dates (or a plan not running): nothing is
 * recorded. `language`: the plan's, so the answer speaks it.
 */
export class OutsidePlanError extends namedError('OutsidePlanError') {
  constructor(
    readonly reason: OutsideReason,
    readonly language?: Language,
  ) {
    super(`outside the plan: ${reason}`);
  }
}

/** No route for this path (404), or not this method on it (405, with the methods it takes). */
export class RouteNotFoundError extends namedError('RouteNotFoundError') {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly allowed: readonly string[] = [],
  ) {
    super(`no route for ${method} ${path}`);
  }
}

/**
 * The session times fall in minutes whose sending capacity is booked. `indexes`: which of them;
 * `suggested`: the nearest times that have room (none within reach: undefined).
 */
export class SessionTimesFullError extends namedError('SessionTimesFullError') {
  constructor(
    readonly indexes: number[],
    readonly suggested: string[] | undefined,
    options?: ErrorOptions,
  ) {
    super('these session times are fully booked', options);
  }
}

/** A re-assessment names a last plan that is not this phone number's (or no longer kept). */
export class PreviousPlanNotFoundError extends namedError('PreviousPlanNotFoundError') {
  constructor() {
    super('previousPlan is not a plan of this phone number, or it is no longer kept');
  }
}

/** A re-assessment names a kettlebell hold more than one rung harder than the last plan's. */
export class HoldTooHardError extends namedError('HoldTooHardError') {}

/**
 * The number is on the stack's opt-out list: a code texted to it would be dropped. The patient
 * texts START to `startTo` first (End User Messaging takes a number off once every 30 days).
 */
export class NumberOptedOutError extends namedError('NumberOptedOutError') {
  constructor(readonly startTo: string | undefined) {
    super('the number opted out of our texts');
  }
}
