/**
 * The use case's typed errors (errors.ts) and the model's, mapped to the API's answers: the one
 * place a status code is chosen. Anything not here is a 500 without details.
 */
import {
  NotifierThrottledError,
  RecipientUnreachableError,
  StateConflictError,
} from '../../shared/domain/model.ts';
import {
  AlreadyVerifiedError,
  BusyError,
  CodeExpiredError,
  CodeLockedError,
  CodesPausedError,
  HoldTooHardError,
  NotPendingError,
  NumberOptedOutError,
  OutsidePlanError,
  PlanNotFoundError,
  PlanPageNotFoundError,
  RateLimitedError,
  PreviousPlanNotFoundError,
  ResendTooSoonError,
  SessionTimesFullError,
  WrongCodeError,
} from './errors.ts';
import { HttpError } from './http.ts';

function retryAfter(seconds: number): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil(seconds))) };
}

/** Known errors → the API's answer; undefined for anything unexpected (a 500 without details). */
export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof RateLimitedError) {
    return new HttpError(
      429,
      'rate_limited',
      error.message,
      error.issues,
      retryAfter(error.retryAfterSeconds),
    );
  }
  if (error instanceof PlanNotFoundError) {
    return new HttpError(404, 'plan_not_found', 'There is no plan waiting for a code with this id.', [
      { path: 'planId', message: 'planId is not a plan waiting for a code' },
    ]);
  }
  if (error instanceof PlanPageNotFoundError) {
    // The same answer for a guessed, revoked or expired link: nothing tells them apart.
    return new HttpError(404, 'page_not_found', 'This plan page does not exist or has expired.');
  }
  if (error instanceof NumberOptedOutError) {
    const to = error.startTo ? ` to ${error.startTo}` : ' to our number';
    return new HttpError(
      409,
      'number_opted_out',
      `This number opted out of our texts, so a code would not reach it. Text START${to} to turn texts back on, then send the form again. A number can be turned back on once every 30 days.`,
      [
        {
          path: 'phone',
          message: `phone is on our opt-out list, so a code would not reach it: text START${to} first, then send the form again (a number can be turned back on once every 30 days)`,
        },
      ],
    );
  }
  if (error instanceof OutsidePlanError) {
    return new HttpError(409, 'outside_plan', `Nothing was recorded: ${error.message}.`);
  }
  if (error instanceof WrongCodeError) {
    return new HttpError(400, 'wrong_code', `The code ${error.message}.`, [
      { path: 'code', message: `code ${error.message}` },
    ]);
  }
  if (error instanceof CodeExpiredError) {
    return new HttpError(400, 'code_expired', 'The code has expired: ask for a new one.', [
      { path: 'code', message: 'code has expired: ask for a new one' },
    ]);
  }
  if (error instanceof CodeLockedError) {
    return new HttpError(
      423,
      'code_locked',
      'Too many wrong codes: this plan is locked. Send the form again to get a new code.',
      [{ path: 'code', message: 'code was wrong too many times: this plan is locked; send the form again' }],
    );
  }
  if (error instanceof ResendTooSoonError) {
    return new HttpError(
      429,
      'resend_too_soon',
      `Please ${error.message}.`,
      [],
      retryAfter(error.retryAfterSeconds),
    );
  }
  if (error instanceof AlreadyVerifiedError) {
    return new HttpError(409, 'already_verified', 'This plan is confirmed already: its reminders are on.');
  }
  if (error instanceof NotPendingError) {
    return new HttpError(409, 'not_pending', 'This plan is not waiting for a code any more.');
  }
  if (error instanceof BusyError || error instanceof StateConflictError) {
    return new HttpError(409, 'conflict', 'The plan changed meanwhile. Please try again.');
  }
  if (error instanceof RecipientUnreachableError) {
    return new HttpError(400, 'phone_unreachable', 'We cannot send texts to this number.', [
      { path: 'phone', message: 'phone cannot receive our texts: check the number' },
    ]);
  }
  if (error instanceof PreviousPlanNotFoundError) {
    return new HttpError(400, 'previous_plan_not_found', 'Your last plan was not found for this number.', [
      { path: 'previousPlan', message: error.message },
    ]);
  }
  if (error instanceof HoldTooHardError) {
    return new HttpError(400, 'invalid_request', 'Some answers need a fix: each issue names its field.', [
      { path: 'kettlebellHold', message: `kettlebellHold ${error.message}` },
    ]);
  }
  if (error instanceof SessionTimesFullError) {
    const offer = error.suggested ? ` The nearest free times are ${error.suggested.join(', ')}.` : '';
    return new HttpError(
      409,
      'session_times_full',
      `Reminders at these times are fully booked.${offer}`,
      error.indexes.map((index) => ({
        path: `sessionTimes.${index}`,
        message: `sessionTimes.${index} is fully booked${error.suggested ? `: try ${error.suggested[index]}` : ''}`,
      })),
      {},
      undefined,
      error.suggested ? { suggestedSessionTimes: error.suggested } : {},
    );
  }
  if (error instanceof CodesPausedError) {
    return new HttpError(
      503,
      'codes_paused',
      'We cannot send codes right now. Please try again later.',
      [],
      retryAfter(error.retryAfterSeconds),
    );
  }
  if (error instanceof NotifierThrottledError) {
    return new HttpError(
      503,
      'sms_busy',
      'Texts are busy right now. Please try again in a minute.',
      [],
      retryAfter(60),
    );
  }
  return undefined;
}
