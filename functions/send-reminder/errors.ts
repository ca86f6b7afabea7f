/** The sender's typed errors: what the handler maps to a batch item failure. */
import { namedError } from '../../shared/domain/named-error.ts';

/** The message must come back later: the batch reports it as failed and SQS redelivers it. */
export class RetryLaterError extends namedError('RetryLaterError') {
  constructor(
    readonly reason: 'throttled' | 'in-flight' | 'send-error',
    options?: ErrorOptions,
  ) {
    super(`reminder to retry later: ${reason}`, options);
  }
}
