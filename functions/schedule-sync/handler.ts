import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import {
  scheduleAction,
  snoozeAction,
  type ScheduleAction,
} from '../../shared/domain/scheduling/schedule.ts';
import { silentLog, systemClock } from '../../shared/adapters/defaults.ts';
import { type PlanRecord } from '../../shared/domain/model.ts';
import { slotsToRelease } from '../../shared/domain/scheduling/session-slots.ts';
import { type Clock, type Log, type ReminderScheduler, type SessionSlots } from '../../shared/ports.ts';
import { namedError } from '../../shared/domain/named-error.ts';

export interface ScheduleSyncDeps {
  scheduler: ReminderScheduler;
  /** Gives a plan's session places back when it ends (shared/domain/scheduling/session-slots.ts). */
  slots: Pick<SessionSlots, 'release'>;
  clock?: Clock;
  log?: Log;
}

/** A record was not applied because an earlier record of the same item failed in this batch. */
export class BlockedByEarlierFailureError extends namedError('BlockedByEarlierFailureError') {}

type Image = Record<string, AttributeValue> | undefined;

function planOf(image: Image): PlanRecord | undefined {
  if (!image || image.sk?.S !== 'PLAN') return undefined;
  return unmarshall(image) as PlanRecord;
}

/** The session places a stream record gives back (none for anything but a plan that ended). */
export function releaseFor(record: DynamoDBRecord): { planId: string; slots: number[] } | undefined {
  const image = record.dynamodb;
  if (image?.Keys?.sk?.S !== 'PLAN') return undefined;
  const before = planOf(image.OldImage as Image);
  const slots = slotsToRelease(before, planOf(image.NewImage as Image));
  return before && slots.length ? { planId: before.planId, slots } : undefined;
}

/** A snoozed session's one-off reminder a stream record asks for (a new snooze of an active plan). */
export function snoozeFor(record: DynamoDBRecord): ReturnType<typeof snoozeAction> {
  const image = record.dynamodb;
  if (image?.Keys?.sk?.S !== 'PLAN') return undefined;
  return snoozeAction(planOf(image.OldImage as Image), planOf(image.NewImage as Image));
}

/** What a stream record asks for: only plan items, only changes into or out of `active` (or of its times). */
export function actionFor(record: DynamoDBRecord): ScheduleAction<PlanRecord> {
  const image = record.dynamodb;
  if (image?.Keys?.sk?.S !== 'PLAN') return { kind: 'none' };
  return scheduleAction(planOf(image.OldImage as Image), planOf(image.NewImage as Image));
}

/**
 * DynamoDB stream → EventBridge Scheduler. Records of different items are applied in parallel;
 * records of one item in stream order, and once one of them fails the later ones are not applied
 * (they are reported as failed too), so a plan's "delete" never overtakes its failed "create".
 * Lambda then retries from the lowest failed sequence number (ReportBatchItemFailures).
 */
export function createScheduleSyncHandler(deps: ScheduleSyncDeps) {
  const log = deps.log ?? silentLog;
  const clock = deps.clock ?? systemClock;

  async function apply(record: DynamoDBRecord): Promise<string> {
    const action = actionFor(record);
    await releasePlaces(record);
    if (action.kind === 'put') {
      await deps.scheduler.putPlanSchedules(action.plan.planId, action.plan.plan, clock.now());
      log.info('schedules put', { planId: action.plan.planId, eventId: record.eventID });
    } else if (action.kind === 'delete') {
      await deps.scheduler.deletePlanSchedules(action.planId);
      log.info('schedules deleted', { planId: action.planId, eventId: record.eventID });
    }
    const snooze = snoozeFor(record);
    if (snooze) {
      await deps.scheduler.putSnoozeSchedule(snooze.planId, snooze, clock.now());
      log.info('snooze scheduled', { planId: snooze.planId, slot: snooze.slot, eventId: record.eventID });
    }
    return action.kind;
  }

  /** Once per plan, however often the record comes (the release writes a marker with it). */
  async function releasePlaces(record: DynamoDBRecord): Promise<void> {
    const release = releaseFor(record);
    if (!release) return;
    const released = await deps.slots.release(release.planId, release.slots, clock.now());
    log.info('session places given back', { planId: release.planId, slots: release.slots, released });
  }

  return async (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> => {
    const processor = new BatchProcessor(EventType.DynamoDBStreams, { logger: log });
    // The previous record's work per item; Powertools starts every record in order, at once.
    const chains = new Map<string, Promise<unknown>>();
    const recordHandler = (record: DynamoDBRecord): Promise<string> => {
      const item = JSON.stringify(record.dynamodb?.Keys ?? record.eventID);
      const previous = chains.get(item) ?? Promise.resolve();
      const next = previous.then(
        () => apply(record),
        () => {
          throw new BlockedByEarlierFailureError(`an earlier change of ${item} failed`);
        },
      );
      chains.set(item, next);
      return next;
    };
    return processPartialResponse(event, recordHandler, processor, { ...(context ? { context } : {}) });
  };
}
