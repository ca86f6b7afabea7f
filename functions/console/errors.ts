/**
 * What the console's use case refuses, as typed errors; the handler alone turns them into HTTP
 * answers (http-errors.ts).
 */
import { namedError } from '../../shared/domain/named-error.ts';

/** No staff identity on the request (no token reached the function): 401. */
export class NotSignedInError extends namedError('NotSignedInError') {}

/** Signed in, but the role does not allow it: 403. */
export class ForbiddenError extends namedError('ForbiddenError') {}

export class PatientNotFoundError extends namedError('PatientNotFoundError') {}

export class AlertNotFoundError extends namedError('AlertNotFoundError') {}

/** The plan is not in a state the action applies to (409 with `code`). */
export class ActionConflictError extends namedError('ActionConflictError') {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** An erasure without the typed confirmation that names the patient: 400 at `confirm`. */
export class ConfirmationError extends namedError('ConfirmationError') {}

/** A query or body value the use case refused (400 at `path`). */
export class InvalidInputError extends namedError('InvalidInputError') {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** An invite that is not there to revoke (used, revoked, expired, or never made). */
export class InviteNotFoundError extends namedError('InviteNotFoundError') {}
