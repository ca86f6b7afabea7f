/**
 * Session slots in the table: one counter item per booking week and UTC minute of the day
 * (`SLOT#<week × 1440 + minute>`, `booked`; gone a week after its week by TTL). A plan takes its places in the same transaction that stores it, each counter update
 * conditional on room (bookingItems); the stream's end of the plan gives them back once
 * (release: a marker item written in the same transaction, so a repeated stream record releases
 * nothing). Transactions on one busy minute conflict with each other: they are retried.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SlotsFullError, type SlotBooking } from '../../domain/model.ts';
import { weekEnd, weekOfSlot } from '../../domain/scheduling/session-slots.ts';
import type { SessionSlots } from '../../ports.ts';
import { keys } from '../../table.ts';

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** How long the release marker stays: longer than a stream keeps records (24 h). */
const RELEASE_MARKER_DAYS = 7;
/** BatchGetItem reads at most 100 keys a call. */
const BATCH_GET_MAX = 100;
/** Retries of a transaction that met another one on the same minute. */
const CONFLICT_RETRIES = 12;

/** A week's counters are kept a week after it ends (TTL), then go. */
const COUNTER_KEPT_DAYS = 7;

/** The TTL of a slot's counter: a week after its booking week; none for week 0 (plans before weeks). */
export function counterExpiry(slot: number): number | undefined {
  const week = weekOfSlot(slot);
  if (week === 0) return undefined;
  return Math.floor(weekEnd(week).getTime() / 1000) + COUNTER_KEPT_DAYS * 86_400;
}

/** The counter updates that take one place in each slot, only where the slot has room. */
export function bookingItems(tableName: string, booking: SlotBooking): TransactItem[] {
  return booking.slots.map((slot) => {
    const ttl = counterExpiry(slot);
    return {
      Update: {
        TableName: tableName,
        Key: keys.slot(slot),
        UpdateExpression: ttl
          ? 'SET expiresAt = if_not_exists(expiresAt, :ttl) ADD booked :one'
          : 'ADD booked :one',
        ConditionExpression: 'attribute_not_exists(booked) OR booked < :capacity',
        ExpressionAttributeValues: {
          ':one': 1,
          ':capacity': booking.capacity,
          ...(ttl ? { ':ttl': ttl } : {}),
        },
      },
    };
  });
}

/** The counter updates that give one place back in each slot (never below zero). */
export function releaseItems(tableName: string, slots: readonly number[]): TransactItem[] {
  return slots.map((slot) => ({
    Update: {
      TableName: tableName,
      Key: keys.slot(slot),
      UpdateExpression: 'ADD booked :minusOne',
      // Never below zero (a count lost to an old bug, or a counter past its TTL, must not go negative).
      ConditionExpression: 'booked > :zero',
      ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
    },
  }));
}

const reasonsOf = (error: TransactionCanceledException) =>
  (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a transaction, retrying while it only met other transactions (TransactionConflict): a
 * busy minute at enrolment is many patients booking the same counter at once.
 */
export async function transactWithRetry(
  db: DynamoDBDocumentClient,
  items: TransactItem[],
  random: () => number = Math.random,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const conflict =
        error instanceof TransactionCanceledException &&
        reasonsOf(error).some((code) => code === 'TransactionConflict') &&
        !reasonsOf(error).includes('ConditionalCheckFailed');
      if (!conflict || attempt >= CONFLICT_RETRIES) throw error;
      // Full jitter, growing: the retries of many writers spread out instead of meeting again.
      await sleep(random() * Math.min(1000, 10 * 2 ** attempt));
    }
  }
}

/**
 * The slots a cancelled booking transaction found full: the indexes of `bookingAt` onwards whose
 * condition failed. Undefined when the cancellation was not about room.
 */
export function fullSlotsOf(error: unknown, booking: SlotBooking, bookingAt: number): number[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = reasonsOf(error);
  const full = booking.slots.filter((_, i) => reasons[bookingAt + i] === 'ConditionalCheckFailed');
  return full.length ? full : undefined;
}

/** A booking transaction's failure, as the use case reads it. */
export function bookingError(error: unknown, booking: SlotBooking, bookingAt: number): unknown {
  const full = fullSlotsOf(error, booking, bookingAt);
  return full ? new SlotsFullError(full, { cause: error }) : error;
}

export class DynamoSessionSlots implements SessionSlots {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async counts(slots: readonly number[]): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    const unique = [...new Set(slots)];
    for (let i = 0; i < unique.length; i += BATCH_GET_MAX) {
      let request:
        | Record<
            string,
            {
              Keys: Record<string, unknown>[];
              ProjectionExpression: string;
              ExpressionAttributeNames: Record<string, string>;
            }
          >
        | undefined = {
        [this.tableName]: {
          Keys: unique.slice(i, i + BATCH_GET_MAX).map((m) => keys.slot(m)),
          ProjectionExpression: '#pk, booked',
          ExpressionAttributeNames: { '#pk': 'pk' },
        },
      };
      // Keys DynamoDB left unprocessed (throttling) are asked again.
      while (request && Object.keys(request).length) {
        const { Responses, UnprocessedKeys } = await this.db.send(
          new BatchGetCommand({ RequestItems: request }),
        );
        for (const item of Responses?.[this.tableName] ?? [])
          counts.set(Number(String(item.pk).slice('SLOT#'.length)), Number(item.booked ?? 0));
        request = UnprocessedKeys as typeof request;
      }
    }
    return counts;
  }

  async release(planId: string, slots: readonly number[], at: Date): Promise<boolean> {
    const marker: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.slotRelease(planId),
          slots: [...slots],
          releasedAt: at.toISOString(),
          expiresAt: Math.floor(at.getTime() / 1000) + RELEASE_MARKER_DAYS * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    let giveBack: TransactItem[] = releaseItems(this.tableName, slots);
    for (;;) {
      try {
        await transactWithRetry(this.db, [marker, ...giveBack]);
        return true;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = reasonsOf(error);
        if (reasons[0] === 'ConditionalCheckFailed') return false; // released before
        // A counter already at zero has nothing to give back: release the others.
        const atZero = new Set(
          reasons.flatMap((code, i) => (i > 0 && code === 'ConditionalCheckFailed' ? [i - 1] : [])),
        );
        if (!atZero.size) throw error;
        giveBack = giveBack.filter((_, i) => !atZero.has(i));
      }
    }
  }
}
