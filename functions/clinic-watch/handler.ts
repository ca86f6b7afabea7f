import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { silentLog } from '../../shared/adapters/defaults.ts';
import type { PlanRecord } from '../../shared/domain/model.ts';
import type { Log } from '../../shared/ports.ts';
import { createClinicWatch, type ClinicWatchDeps, type StreamedEvent } from './service.ts';

type Image = Record<string, AttributeValue> | undefined;

/** The hourly sweep's invocation (an EventBridge schedule rule). */
export interface SweepEvent {
  source?: string;
  'detail-type'?: string;
}

/** What one stream record asks of the clinic: enrol (at a confirmed code), alert, or nothing (the filters let little else through). */
export async function applyRecord(
  watch: ReturnType<typeof createClinicWatch>,
  record: DynamoDBRecord,
): Promise<string> {
  const image = record.dynamodb?.NewImage as Image;
  if (!image) return 'none';
  const item = unmarshall(image);
  if (item.sk === 'PLAN') {
    const plan = item as PlanRecord & { expiresAt?: number };
    const old = record.dynamodb?.OldImage
      ? unmarshall(record.dynamodb.OldImage as Image & object)
      : undefined;
    if (old?.status === 'pending_verification' && plan.status === 'active')
      return (await watch.planActivated(plan), 'activated');
    if (plan.status === 'stopped' && plan.statusReason === 'opted-out' && old?.status !== 'stopped')
      return (await watch.optedOut(plan), 'opted-out');
    return 'none';
  }
  if (item.type === 'event' && record.eventName === 'INSERT') {
    const event: StreamedEvent = {
      type: item.eventType,
      at: item.at,
      localDate: item.localDate,
      slot: item.slot,
      ...(item.pain !== undefined ? { pain: item.pain } : {}),
      ...(item.text !== undefined ? { text: item.text } : {}),
      planId: item.planId,
      phoneHash: String(item.gsi1pk).replace(/^PATIENT#/, ''),
      expiresAt: item.expiresAt,
    };
    if (event.type === 'misread') return `misread:${(await watch.misread(event)) ?? 'none'}`;
    return `alerts:${await watch.eventRecorded(event)}`;
  }
  return 'none';
}

/**
 * The table's stream (enrolments and alerts) and the hourly sweep, in one function. Stream records
 * are applied one by one in stream order (a patient's enrolment before their first alert); at the
 * first failure that record and every later one are reported failed, and Lambda retries from it
 * (ReportBatchItemFailures): what went through is never applied twice, and nothing is skipped.
 */
export function createClinicWatchHandler(deps: ClinicWatchDeps & { log?: Log }) {
  const log = deps.log ?? silentLog;
  const watch = createClinicWatch({ ...deps, log });
  return async (
    event: DynamoDBStreamEvent | SweepEvent,
  ): Promise<DynamoDBBatchResponse | { swept: number }> => {
    if (!('Records' in event)) return { swept: (await watch.sweep()).patients };
    for (const record of event.Records) {
      try {
        await applyRecord(watch, record);
      } catch (error) {
        log.error('stream record failed: retried from here', {
          eventId: record.eventID,
          errorName: (error as Error)?.name,
        });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
}
