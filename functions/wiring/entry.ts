import type { Context } from 'aws-lambda';
import { createLogger, withRequestContext } from './logger.ts';
import { createMetrics, flushingMetrics, type FlushedMetrics } from './metrics.ts';

/**
 * A function's Lambda entry with its logger and metrics, both named for it: every log line of an
 * invocation carries its request id, and the invocation's counts are flushed after it. `create`
 * builds the handler with them (the handler factory the tests and the local stack call too).
 */
export function instrumentedEntry<Event, Result>(
  serviceName: string,
  create: (tools: {
    log: ReturnType<typeof createLogger>;
    metrics: FlushedMetrics;
  }) => (event: Event, context: Context) => Promise<Result>,
): (event: Event, context: Context) => Promise<Result> {
  const log = createLogger(serviceName);
  const metrics = createMetrics(serviceName);
  return withRequestContext(log, flushingMetrics(metrics, create({ log, metrics })));
}
