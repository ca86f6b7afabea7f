/**
 * Drives the send-reminder handler the way Lambda's SQS event source does: the reminders cut into
 * batches of the stack's batch size, `concurrency` invocations at a time, each handling its batch
 * one record after the other, and each "execution environment" keeping its own state (its pacer)
 * from one batch to the next. Used for throughput and for the SMS-rate test; the local stack's own
 * queue (local/queue.ts, another issue) was not on main when this was written.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sqsRecord } from '../../test/support/sqs.ts';

export type BatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

/** Cuts the messages into SQS events of `batchSize` records. */
export function batches(bodies: readonly unknown[], batchSize: number): SQSEvent[] {
  const events: SQSEvent[] = [];
  for (let i = 0; i < bodies.length; i += batchSize) {
    events.push({ Records: bodies.slice(i, i + batchSize).map((body) => sqsRecord(body)) });
  }
  return events;
}

export interface DrainResult {
  /** Records the handler reported as failed (they would come back from SQS). */
  failures: number;
  elapsedMs: number;
}

/**
 * Runs every event through `concurrency` workers; `handlerFor(worker)` gives each worker (an
 * execution environment) its handler, built once and reused for all the batches it takes.
 */
export async function drain(
  events: readonly SQSEvent[],
  concurrency: number,
  handlerFor: (worker: number) => BatchHandler,
): Promise<DrainResult> {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const worker = async (index: number) => {
    const handler = handlerFor(index);
    while (next < events.length) {
      const event = events[next++]!;
      const response = await handler(event);
      failures += response?.batchItemFailures?.length ?? 0;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, (_, i) => worker(i)));
  return { failures, elapsedMs: performance.now() - started };
}
