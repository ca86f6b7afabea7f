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
  RouteNotFoundError,
  ResendTooSoonError,
  SessionTimesFullError,
  WrongCodeError,
} from './errors.ts';
import { API_EN, type ApiTexts } from '../../shared/domain/plan/api-texts.ts';
import { apiTextsFor } from '../../shared/domain/plan/api-catalog.ts';
import { HttpError } from './http.ts';

function retryAfter(seconds: number): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil(seconds))) };
}

/**
 * Known errors → the API's answer, its words in `texts`' language (the request's: handler.ts; an
 * error that knows its plan's language speaks that); undefined for anything unexpected (a 500
 * without details). Codes, paths and statuses are the same in every language.
 */
export function toHttpError(error: unknown, texts: ApiTexts = API_EN): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const t = texts.errors;
  if (error instanceof RateLimitedError) {
    // A rule without words of its own (none today) says what the form's requests limit says.
    const words = t.limits[error.rule] ?? t.limits['form-requests-client-hour'];
    const { message, phone } = words(error.limit);
    return new HttpError(
      429,
      'rate_limited',
      message,
      phone && error.phoneField ? [{ path: error.phoneField, message: phone }] : [],
      retryAfter(error.retryAfterSeconds),
    );
  }
  if (error instanceof RouteNotFoundError) {
    return error.allowed.length
      ? new HttpError(405, 'method_not_allowed', t.methodNotAllowed(error.method, error.path), [], {
          allow: error.allowed.join(', '),
        })
      : new HttpError(404, 'not_found', t.notFound(error.method, error.path));
  }
  if (error instanceof PlanNotFoundError) {
    return new HttpError(404, 'plan_not_found', t.planNotFound, [
      { path: 'planId', message: t.planNotFoundIssue },
    ]);
  }
  if (error instanceof PlanPageNotFoundError) {
    // The same answer for a guessed, revoked or expired link: nothing tells them apart.
    return new HttpError(404, 'page_not_found', t.pageNotFound);
  }
  if (error instanceof NumberOptedOutError) {
    return new HttpError(409, 'number_opted_out', t.optedOut(error.startTo), [
      { path: 'phone', message: t.optedOutIssue(error.startTo) },
    ]);
  }
  if (error instanceof OutsidePlanError) {
    const words = error.language ? apiTextsFor(error.language).errors : t;
    return new HttpError(409, 'outside_plan', words.outsidePlan(error.reason));
  }
  if (error instanceof WrongCodeError) {
    return new HttpError(400, 'wrong_code', t.wrongCode(error.attemptsLeft), [
      { path: 'code', message: t.wrongCodeIssue(error.attemptsLeft) },
    ]);
  }
  if (error instanceof CodeExpiredError) {
    return new HttpError(400, 'code_expired', t.codeExpired, [{ path: 'code', message: t.codeExpiredIssue }]);
  }
  if (error instanceof CodeLockedError) {
    return new HttpError(423, 'code_locked', t.codeLocked, [{ path: 'code', message: t.codeLockedIssue }]);
  }
  if (error instanceof ResendTooSoonError) {
    return new HttpError(
      429,
      'resend_too_soon',
      t.resendTooSoon(error.retryAfterSeconds),
      [],
      retryAfter(error.retryAfterSeconds),
    );
  }
  if (error instanceof AlreadyVerifiedError) {
    return new HttpError(409, 'already_verified', t.alreadyVerified);
  }
  if (error instanceof NotPendingError) {
    return new HttpError(409, 'not_pending', t.notPending);
  }
  if (error instanceof BusyError || error instanceof StateConflictError) {
    return new HttpError(409, 'conflict', t.conflict);
  }
  if (error instanceof RecipientUnreachableError) {
    return new HttpError(400, 'phone_unreachable', t.phoneUnreachable, [
      { path: 'phone', message: t.phoneUnreachableIssue },
    ]);
  }
  if (error instanceof PreviousPlanNotFoundError) {
    return new HttpError(400, 'previous_plan_not_found', t.previousPlanNotFound, [
      { path: 'previousPlan', message: t.previousPlanIssue },
    ]);
  }
  if (error instanceof HoldTooHardError) {
    return new HttpError(400, 'invalid_request', t.invalidRequest, [
      { path: 'kettlebellHold', message: t.holdTooHardIssue(error.message) },
    ]);
  }
  if (error instanceof SessionTimesFullError) {
    return new HttpError(
      409,
      'session_times_full',
      t.timesFull(error.suggested),
      error.indexes.map((index) => ({
        path: `sessionTimes.${index}`,
        message: t.timesFullIssue(index, error.suggested?.[index]),
      })),
      {},
      undefined,
      error.suggested ? { suggestedSessionTimes: error.suggested } : {},
    );
  }
  if (error instanceof CodesPausedError) {
    return new HttpError(503, 'codes_paused', t.codesPaused, [], retryAfter(error.retryAfterSeconds));
  }
  if (error instanceof NotifierThrottledError) {
    return new HttpError(503, 'sms_busy', t.smsBusy, [], retryAfter(60));
  }
  return undefined;
}
