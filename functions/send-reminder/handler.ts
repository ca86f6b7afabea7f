import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { noMetrics, silentLog } from '../../shared/adapters/defaults.ts';
import { METRIC } from '../../shared/metrics.ts';
import { RetryLaterError } from './errors.ts';
import {
  createReminderSender,
  LEASE_MARGIN_MS,
  type ReminderResult,
  type SendReminderDeps,
} from './service.ts';

export type { SendReminderDeps } from './service.ts';

/** SQS → send-reminder, with partial batch failures (ReportBatchItemFailures). */
export function createSendReminderHandler(deps: SendReminderDeps) {
  const sender = createReminderSender(deps);
  const log = deps.log ?? silentLog;
  const metrics = deps.metrics ?? noMetrics;
  const defaultLeaseMs = deps.defaultLeaseMs ?? 60_000;
  const count = (result: ReminderResult['result']) => {
    if (result === 'sent') metrics.count(METRIC.remindersSent);
    else if (result === 'skipped') metrics.count(METRIC.remindersSkipped);
    else if (result === 'failed') metrics.count(METRIC.remindersFailed);
  };

  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const processor = new BatchProcessor(EventType.SQS);
    const recordHandler = async (record: SQSRecord): Promise<ReminderResult> => {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        log.error('reminder message is not JSON: dropped', { messageId: record.messageId });
        return { result: 'dropped', reason: 'invalid-message' };
      }
      const remaining = context?.getRemainingTimeInMillis?.() ?? defaultLeaseMs;
      try {
        const outcome = await sender.deliver(body, remaining + LEASE_MARGIN_MS);
        count(outcome.result);
        return outcome;
      } catch (error) {
        if (error instanceof RetryLaterError && error.reason === 'throttled')
          metrics.count(METRIC.textsThrottled);
        throw error;
      }
    };
    // One record at a time: the number of texts in flight is the queue's bounded concurrency.
    return processPartialResponse(event, recordHandler, processor, {
      ...(context ? { context } : {}),
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
  };
}
