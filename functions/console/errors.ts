/**
 * What the console's use case refuses, as typed errors; the handler alone turns them into HTTP
 * answers (http-errors.ts).
 */

/** No staff identity on the request (no token reached the function): 401. */
export class NotSignedInError extends Error {
  override name = 'NotSignedInError';
}

/** Signed in, but the role does not allow it: 403. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

export class PatientNotFoundError extends Error {
  override name = 'PatientNotFoundError';
}

export class AlertNotFoundError extends Error {
  override name = 'AlertNotFoundError';
}

/** The plan is not in a state the action applies to (409 with `code`). */
export class ActionConflictError extends Error {
  override name = 'ActionConflictError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** An erasure without the typed confirmation that names the patient: 400 at `confirm`. */
export class ConfirmationError extends Error {
  override name = 'ConfirmationError';
}

/** A query or body value the use case refused (400 at `path`). */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** An invite that is not there to revoke (used, revoked, expired, or never made). */
export class InviteNotFoundError extends Error {
  override name = 'InviteNotFoundError';
}
