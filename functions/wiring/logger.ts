import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { Log } from '../../shared/ports.ts';

/** Powertools Logger (JSON, sampling, Lambda context) for a function; satisfies the Log port. */
export function createLogger(serviceName: string): Logger & Log {
  return new Logger({ serviceName });
}

/**
 * The handler, with each invocation's Lambda context (request id, function name, cold start) on
 * every line the logger writes during it: what Powertools' injectLambdaContext does for middy,
 * for handlers of any shape.
 */
export function withRequestContext<Event, Result>(
  logger: Logger,
  handler: (event: Event, context: Context) => Promise<Result>,
): (event: Event, context: Context) => Promise<Result> {
  return (event, context) => {
    logger.addContext(context);
    return handler(event, context);
  };
}
