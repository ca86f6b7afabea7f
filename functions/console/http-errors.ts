/**
 * The console's typed errors (errors.ts), and those of the intake's resend it calls, mapped to the
 * API's answers: the one place the console chooses a status code.
 */
import { toHttpError as intakeHttpError } from '../intake/http-errors.ts';
import { HttpError } from '../intake/http.ts';
import { InvalidCursorError } from '../../shared/domain/model.ts';
import {
  ActionConflictError,
  AlertNotFoundError,
  ConfirmationError,
  ForbiddenError,
  InvalidInputError,
  InviteNotFoundError,
  NotSignedInError,
  PatientNotFoundError,
} from './errors.ts';

export function toConsoleHttpError(error: unknown): HttpError | undefined {
  if (error instanceof NotSignedInError) {
    return new HttpError(401, 'unauthorized', 'Sign in to the clinic console.', [], {
      'www-authenticate': 'Bearer',
    });
  }
  if (error instanceof ForbiddenError) {
    return new HttpError(403, 'forbidden', `Your role does not allow this: ${error.message}.`);
  }
  if (error instanceof PatientNotFoundError) {
    return new HttpError(404, 'patient_not_found', 'There is no such patient (erased, or never enrolled).');
  }
  if (error instanceof AlertNotFoundError) {
    return new HttpError(
      404,
      'alert_not_found',
      'There is no such alert (its patient may have been erased).',
    );
  }
  if (error instanceof ActionConflictError) return new HttpError(409, error.code, error.message);
  if (error instanceof InvalidInputError) {
    return new HttpError(400, 'invalid_request', 'The request needs a fix: each issue names its field.', [
      { path: error.path, message: error.message },
    ]);
  }
  if (error instanceof InvalidCursorError) {
    return new HttpError(400, 'invalid_request', 'The request needs a fix: each issue names its field.', [
      { path: 'cursor', message: 'cursor is not one this list gave: start again from the first page' },
    ]);
  }
  if (error instanceof InviteNotFoundError) {
    return new HttpError(404, 'invite_not_found', 'There is no such invite waiting to be used.');
  }
  if (error instanceof ConfirmationError) {
    return new HttpError(400, 'confirmation_mismatch', `Nothing was erased: ${error.message}.`, [
      { path: 'confirm', message: `confirm must be the patient's id` },
    ]);
  }
  return intakeHttpError(error);
}
