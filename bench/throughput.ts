/**
 * Sender throughput: reminders per second through the send-reminder handler (DynamoDB Local,
 * no-op notifier, no pacing) at a given concurrency, against a bare script doing the least
 * DynamoDB work a claim needs (one read, one conditional write per reminder) at the same
 * concurrency, in the same batches. A second bare script does the handler's own two requests
 * (the claim, an update returning the item, and the record, an update) without the handler, to
 * tell what the handler's code costs from what its second write costs. One warm-up round (DynamoDB
 * Local compiles as it goes), then rounds in turn; rates are medians, ratios the median of each
 * round's ratio.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createSendReminderHandler } from '../functions/send-reminder/handler.ts';
import { DynamoReminderLedger } from '../shared/adapters/dynamodb/reminder-ledger.ts';
import { zonedInstant } from '../shared/domain/time.ts';
import type { PlanRecord } from '../shared/domain/model.ts';
import { keys } from '../shared/table.ts';
import type { BenchDb } from './lib/dynamo.ts';
import { batches, drain, type BatchHandler } from './lib/sender-harness.ts';
import { median, ratio } from './lib/stats.ts';
import { noopNotifier, SENDER_CONFIG, SQS_BATCH_SIZE, TZ } from './reminder-cost.ts';

export interface Throughput {
  concurrency: number;
  remindersPerRound: number;
  rounds: number;
  handlerPerSecond: number;
  /** One read and one conditional write per reminder (the brief's baseline). */
  barePerSecond: number;
  /** handler / bare (budget ≥ 0.8). */
  ratio: number;
  /** The handler's own two writes, bare. */
  twoWritesPerSecond: number;
  /** handler / two writes: what the handler's code costs. */
  ratioToTwoWrites: number;
}

/** A conditional write of one delivery entry, as the claim and the record make. */
function writeEntry(bench: BenchDb, tableName: string, planId: string, key: string, returnItem: boolean) {
  const entry = { state: 'sent', at: new Date().toISOString(), token: randomUUID(), messageId: randomUUID() };
  return bench.db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.plan(planId),
      UpdateExpression: 'SET deliveries.#key = :entry',
      ConditionExpression: 'attribute_not_exists(deliveries.#key)',
      ExpressionAttributeNames: { '#key': key },
      ExpressionAttributeValues: { ':entry': entry },
      ...(returnItem ? { ReturnValues: 'ALL_NEW' as const } : {}),
    }),
  );
}

/** The bare claim: read the plan, then write the delivery entry if the key is free. */
function bareHandler(bench: BenchDb, tableName: string, key: string): BatchHandler {
  return async (event: SQSEvent) => {
    for (const record of event.Records) {
      const { planId } = JSON.parse(record.body) as { planId: string };
      const { Item } = await bench.db.send(
        new GetCommand({ TableName: tableName, Key: keys.plan(planId), ConsistentRead: true }),
      );
      if (!Item) throw new Error('bare: plan missing');
      await writeEntry(bench, tableName, planId, key, false);
    }
    return { batchItemFailures: [] };
  };
}

/** The handler's two requests, bare: a write that returns the item, then a second write. */
function twoWritesHandler(bench: BenchDb, tableName: string, key: string): BatchHandler {
  return async (event: SQSEvent) => {
    for (const record of event.Records) {
      const { planId } = JSON.parse(record.body) as { planId: string };
      await writeEntry(bench, tableName, planId, key, true);
      await writeEntry(bench, tableName, planId, `${key}-outcome`, false);
    }
    return { batchItemFailures: [] };
  };
}

export async function measureThroughput(
  bench: BenchDb,
  tableName: string,
  plans: readonly PlanRecord[],
  options: { concurrency: number; rounds: number; date: string },
): Promise<Throughput> {
  const rates: Record<'handler' | 'bare' | 'twoWrites', number[]> = { handler: [], bare: [], twoWrites: [] };
  // Round 0 warms DynamoDB Local and the JIT up and is not counted.
  for (let round = 0; round <= options.rounds; round++) {
    // A minute of its own per round, so every claim is new (a popular minute: every plan at once).
    const scheduled = zonedInstant(options.date, `12:${String(round).padStart(2, '0')}`, TZ);
    const now = new Date(scheduled.getTime() + 5_000);
    const messages = plans.map((p) => ({
      v: 1,
      planId: p.planId,
      slot: 2,
      scheduledTime: scheduled.toISOString(),
    }));
    const run = async (name: keyof typeof rates, handlerFor: () => BatchHandler) => {
      const { elapsedMs, failures } = await drain(
        batches(messages, SQS_BATCH_SIZE),
        options.concurrency,
        handlerFor,
      );
      if (failures) throw new Error(`throughput: ${failures} reminders failed (${name})`);
      if (round > 0) rates[name].push((messages.length * 1000) / elapsedMs);
    };
    const runs = [
      () =>
        run('handler', () =>
          createSendReminderHandler({
            ledger: new DynamoReminderLedger(bench.db, tableName),
            notifier: noopNotifier(),
            config: SENDER_CONFIG,
            clock: { now: () => now },
          }),
        ),
      () => run('bare', () => bareHandler(bench, tableName, `bare-${round}`)),
      () => run('twoWrites', () => twoWritesHandler(bench, tableName, `two-${round}`)),
    ];
    // Each round starts with a different one, so a drift in load favours none.
    for (let i = 0; i < runs.length; i++) await runs[(round + i) % runs.length]!();
  }
  const handlerPerSecond = median(rates.handler);
  const barePerSecond = median(rates.bare);
  const twoWritesPerSecond = median(rates.twoWrites);
  // Ratios of the runs of one round, taken minutes apart at most: steadier than ratios of medians.
  const roundRatio = (other: number[]) => median(rates.handler.map((h, i) => ratio(h, other[i]!)));
  return {
    concurrency: options.concurrency,
    remindersPerRound: plans.length,
    rounds: options.rounds,
    handlerPerSecond,
    barePerSecond,
    ratio: roundRatio(rates.bare),
    twoWritesPerSecond,
    ratioToTwoWrites: roundRatio(rates.twoWrites),
  };
}
