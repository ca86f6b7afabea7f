import { DynamoSessionSlots } from '../../shared/adapters/dynamodb/session-slots.ts';
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_SYNC_FILTER_PATTERNS } from '../../functions/schedule-sync/event-filter.ts';
import { createScheduleSyncHandler } from '../../functions/schedule-sync/handler.ts';
import { LocalReminderScheduler } from '../../local/scheduler.ts';
import { StreamFeeder, type StreamFeederOptions } from '../../local/stream.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { ensureTable } from '../../shared/adapters/dynamodb/table-admin.ts';
import type { Log } from '../../shared/ports.ts';
import { localClientConfig, useTestTable } from '../support/dynamodb.ts';
import { planRecord } from '../support/fixtures.ts';
import { asFunction } from '../../local/aws-calls.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';

/**
 * The table's real stream in DynamoDB Local feeding a function as Lambda's event source mapping
 * does: the filter patterns, the event shape, batches, retries from the lowest failure, bisection,
 * the on-failure destination, and schedule-sync into the local scheduler.
 */
const table = useTestTable();
let streams: DynamoDBStreamsClient;
let streamArn: string;
beforeAll(async () => {
  streams = new DynamoDBStreamsClient(localClientConfig());
  const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
  streamArn = Table!.LatestStreamArn!;
});
afterAll(() => streams.destroy());

// Dated in the future: DynamoDB Local deletes items whose TTL has passed.
const MADE_AT = new Date('2030-03-05T12:00:00Z');
const repo = () => new DynamoPlanRepository(table.db, table.tableName);

/** A feeder that reads only what is written from now on (each test its own records). */
async function feeder(handler: StreamFeederOptions['handler'], options: Partial<StreamFeederOptions> = {}) {
  const feed = new StreamFeeder({
    client: streams,
    streamArn,
    handler,
    startingPosition: 'LATEST',
    ...options,
  });
  await feed.drain();
  return feed;
}

/** Records each event; `answer` decides each invocation's response. */
function recording(
  answer: (event: DynamoDBStreamEvent, call: number) => DynamoDBBatchResponse | void = () => {},
) {
  const events: DynamoDBRecord[][] = [];
  const handler = async (event: DynamoDBStreamEvent) => {
    events.push(event.Records);
    return answer(event, events.length);
  };
  return { events, handler, ids: () => events.map((records) => records.map((r) => r.dynamodb?.Keys?.pk?.S)) };
}

/** Plan-shaped items the filters let through, written one by one: stream order is write order. */
async function activeItems(...names: string[]) {
  for (const name of names) {
    await table.db.send(
      new PutCommand({ TableName: table.tableName, Item: { pk: name, sk: 'PLAN', status: 'active' } }),
    );
  }
}

const failing = (pk: string) => (event: DynamoDBStreamEvent) => ({
  batchItemFailures: event.Records.filter((r) => r.dynamodb?.Keys?.pk?.S === pk).map((r) => ({
    itemIdentifier: r.dynamodb!.SequenceNumber!,
  })),
});

describe('the stream feeder (DynamoDB Local stream → a function, as Lambda)', () => {
  it("hands over only what schedule-sync's filter patterns let through, in Lambda's event shape", async () => {
    const rec = recording();
    const feed = await feeder(rec.handler, { filters: SCHEDULE_SYNC_FILTER_PATTERNS });
    const plan = planRecord({ now: MADE_AT });
    await repo().createPendingPlan(plan, 30); // pending plan: filtered out
    await new DynamoRateLimiter(table.db, table.tableName).hit(
      { name: 'test', windowSeconds: 3600, limit: 5 },
      'client',
      MADE_AT,
    ); // counter: filtered out
    await repo().activatePlan(plan.planId, MADE_AT, 30); // plan becomes active: passes (patient: out)
    await new DynamoReminderLedger(table.db, table.tableName).claim(plan.planId, '2030-03-05T13:00Z', {
      token: 't',
      at: MADE_AT,
      leaseUntil: new Date(MADE_AT.getTime() + 60_000),
    }); // an active plan's claim: passes (the function ignores it)

    await feed.drain();

    const records = rec.events.flat();
    expect(
      records.map((r) => [r.eventName, r.dynamodb?.OldImage?.status?.S, r.dynamodb?.NewImage?.status?.S]),
    ).toEqual([
      ['MODIFY', 'pending_verification', 'active'],
      ['MODIFY', 'active', 'active'],
    ]);
    expect(records[0]).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventSourceARN: streamArn,
      dynamodb: {
        Keys: { pk: { S: `PLAN#${plan.planId}` }, sk: { S: 'PLAN' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        ApproximateCreationDateTime: expect.any(Number),
        SequenceNumber: expect.any(String),
      },
    });
    expect(feed.stats()).toMatchObject({ read: 5, filteredOut: 3, invocations: 1, retries: 0 });

    // Nothing new: no invocation.
    await feed.drain();
    expect(rec.events).toHaveLength(1);
  });

  it('retries from the lowest reported failure, never redelivering what went through', async () => {
    let failedOnce = false;
    const rec = recording((event) => {
      if (failedOnce) return;
      failedOnce = true;
      return failing('R2')(event);
    });
    const feed = await feeder(rec.handler);
    await activeItems('R1', 'R2', 'R3');
    await feed.drain();
    expect(rec.ids()).toEqual([
      ['R1', 'R2', 'R3'],
      ['R2', 'R3'],
    ]);
    expect(feed.stats()).toMatchObject({ invocations: 2, retries: 1, sentToOnFailure: 0 });
  });

  it('bisects a batch whose invocation throws, then goes on with full batches', async () => {
    const rec = recording((_event, call) => {
      if (call === 1) throw new Error('function crashed');
    });
    const feed = await feeder(rec.handler, { batchSize: 3 });
    await activeItems('B1', 'B2', 'B3', 'B4');
    await feed.drain();
    expect(rec.ids()).toEqual([
      ['B1', 'B2', 'B3'],
      ['B1', 'B2'],
      ['B3', 'B4'],
    ]);
  });

  it('gives a batch up to the on-failure destination after the retries, logs it, and carries on', async () => {
    const errors: Record<string, unknown>[] = [];
    const log: Log = {
      debug() {},
      info() {},
      warn() {},
      error: (message, ...extra) => errors.push({ message, ...Object.assign({}, ...extra) }),
    };
    const rec = recording(failing('F2'));
    const feed = await feeder(rec.handler, { retryAttempts: 2, log });
    await activeItems('F1', 'F2', 'F3');
    await feed.drain();
    expect(rec.ids()).toEqual([
      ['F1', 'F2', 'F3'],
      ['F2', 'F3'],
      ['F2', 'F3'],
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        message: 'stream records failed every retry: sent to the on-failure destination',
        count: 2,
      }),
    ]);
    expect(feed.stats()).toMatchObject({ sentToOnFailure: 2, retries: 2 });

    await activeItems('F4');
    await feed.drain();
    expect(rec.ids().at(-1)).toEqual(['F4']);
  });

  it('misses nothing on a table that stays empty while other tables of the same DynamoDB Local are written', async () => {
    const name = `empty-${randomUUID().slice(0, 8)}`;
    const emptyArn = (await ensureTable(table.client, name))!;
    try {
      for (const start of ['TRIM_HORIZON', 'LATEST'] as const) {
        const rec = recording();
        const feed = await feeder(rec.handler, { streamArn: emptyArn, startingPosition: start });
        await feed.drain();
        for (let round = 0; round < 3; round++) {
          // Other tables move the engine's sequence numbers on while this shard has nothing new.
          await activeItems(`OTHER-${start}-${round}`);
          await feed.drain();
          await table.db.send(
            new PutCommand({
              TableName: name,
              Item: { pk: `E-${start}-${round}`, sk: 'PLAN', status: 'active' },
            }),
          );
          await feed.drain();
        }
        expect(rec.ids().flat()).toEqual([0, 1, 2].map((round) => `E-${start}-${round}`));
      }
    } finally {
      await table.client.send(new DeleteTableCommand({ TableName: name }));
    }
  });

  it('keeps the local scheduler in step through the real schedule-sync handler', async () => {
    const scheduler = new LocalReminderScheduler({ target: () => {} });
    const feed = await feeder(
      asFunction(
        'schedule-sync',
        createScheduleSyncHandler({
          scheduler,
          slots: new DynamoSessionSlots(table.db, table.tableName),
          clock: { now: () => MADE_AT },
        }),
      ),
      {
        filters: SCHEDULE_SYNC_FILTER_PATTERNS,
      },
    );
    const plan = planRecord({ now: MADE_AT });
    await repo().createPendingPlan(plan, 30);
    await feed.drain();
    expect(scheduler.list()).toEqual([]);

    await repo().activatePlan(plan.planId, MADE_AT, 30);
    await feed.drain();
    expect(scheduler.list().map((s) => [s.name, s.expression, s.timeZone, s.next?.toISOString()])).toEqual([
      [`reminder-${plan.planId}-1`, 'cron(0 8 * * ? *)', 'America/New_York', '2030-03-05T13:00:00.000Z'],
      [`reminder-${plan.planId}-2`, 'cron(0 13 * * ? *)', 'America/New_York', '2030-03-05T18:00:00.000Z'],
      [`reminder-${plan.planId}-3`, 'cron(0 19 * * ? *)', 'America/New_York', '2030-03-06T00:00:00.000Z'],
    ]);

    await repo().changeStatus(plan.planId, transition({ kind: 'patient-paused' }), MADE_AT);
    await feed.drain();
    expect(scheduler.list()).toEqual([]);
  });
});
