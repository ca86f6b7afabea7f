/**
 * What one reminder costs in DynamoDB on the send path: requests and consumed capacity, counted by
 * an SDK middleware around the real send-reminder handler on DynamoDB Local (no-op notifier).
 * Plans go through three days of sessions, so the plan item carries the delivery history it has
 * in steady state (48 h are kept), and its size is what each write costs.
 */
import type { SQSEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createSendReminderHandler } from '../functions/send-reminder/handler.ts';
import { createLogger } from '../functions/wiring/logger.ts';
import { createMetrics, flushingMetrics } from '../functions/wiring/metrics.ts';
import { DynamoReminderLedger } from '../shared/adapters/dynamodb/reminder-ledger.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { zonedInstant } from '../shared/domain/time.ts';
import { keys } from '../shared/table.ts';
import type { OutboundMessage } from '../shared/domain/model.ts';
import type { Notifier } from '../shared/ports.ts';
import { approxItemBytes, countRequests, emptyCounts, type RequestCounts } from './lib/counting.ts';
import { freshTable, seedActivePlans, type BenchDb } from './lib/dynamo.ts';
import { batches } from './lib/sender-harness.ts';

/** Plans made at 07:00 in New York on 2030-03-05 (future: DynamoDB Local deletes expired items). */
export const MADE_AT = new Date('2030-03-05T12:00:00Z');
export const TZ = 'America/New_York';
export const SENDER_CONFIG = {
  appName: 'Rehab reminders',
  lateAfterMinutes: 60,
  formUrl: 'https://form.example/',
};
/** The hash key the bench's senders make the plan page links with. */
export const BENCH_HASH_KEY = 'bench-hash-key';
/** The stack's SQS batch size for the sender (infra/constructs/delivery.ts). */
export const SQS_BATCH_SIZE = 10;

/** Sends nothing; answers a message id of SNS's shape (a UUID), so items grow as they do in AWS. */
export const noopNotifier = (onSend: (message: OutboundMessage) => void = () => {}): Notifier => ({
  async send(message) {
    onSend(message);
    return { messageId: randomUUID() };
  },
});

export interface PathCost {
  path: string;
  reminders: number;
  counts: RequestCounts;
}

export interface ReminderCost {
  /** The judged path: a reminder that is claimed, sent and recorded. */
  sent: PathCost;
  others: PathCost[];
  /** Size of a plan item after three days of reminders (≈, DynamoDB's sizing rules). */
  itemBytes: number;
  /** What the production logger and metrics write per reminder (a batch of 10, with its EMF flush). */
  logBytesPerReminder: number;
}

export async function measureReminderCost(bench: BenchDb, plans = 20): Promise<ReminderCost> {
  const tableName = await freshTable(bench.client, 'cost');
  const records = await seedActivePlans(bench.db, tableName, plans, MADE_AT);
  const counter = countRequests(bench.db);
  let now = MADE_AT;
  let sends = 0;
  const handler = createSendReminderHandler({
    ledger: new DynamoReminderLedger(bench.db, tableName),
    notifier: noopNotifier(() => sends++),
    config: SENDER_CONFIG,
    // Each reminder makes its plan page link, as in AWS.
    hashKey: BENCH_HASH_KEY,
    clock: { now: () => now },
  });
  const run = async (events: SQSEvent[]) => {
    for (const event of events) {
      const response = await handler(event);
      if (response.batchItemFailures.length) throw new Error('a reminder failed in the cost run');
    }
  };
  const messagesAt = (scheduled: Date, slot: number) =>
    records.map((r) => ({ v: 1, planId: r.planId, slot, scheduledTime: scheduled.toISOString() }));

  try {
    const sent = emptyCounts();
    let sentReminders = 0;
    let last: { scheduled: Date; slot: number } | undefined;
    for (const date of ['2030-03-05', '2030-03-06', '2030-03-07']) {
      for (const [i, time] of ['08:00', '13:00', '19:00'].entries()) {
        const scheduled = zonedInstant(date, time, TZ);
        now = new Date(scheduled.getTime() + 5_000);
        counter.reset();
        const before = sends;
        await run(batches(messagesAt(scheduled, i + 1), SQS_BATCH_SIZE));
        if (sends - before !== plans) throw new Error(`expected ${plans} sends at ${date} ${time}`);
        merge(sent, counter.counts);
        sentReminders += plans;
        last = { scheduled, slot: i + 1 };
      }
    }

    // The same firing again (SQS or Scheduler delivered it twice): refused by the claim.
    counter.reset();
    await run(batches(messagesAt(last!.scheduled, last!.slot), SQS_BATCH_SIZE));
    const duplicate = structuredClone(counter.counts);

    // A reminder two hours late: recorded as skipped, never sent.
    const lateAt = zonedInstant('2030-03-08', '08:00', TZ);
    now = new Date(lateAt.getTime() + 2 * 3_600_000);
    counter.reset();
    await run(batches(messagesAt(lateAt, 1), SQS_BATCH_SIZE));
    const late = structuredClone(counter.counts);
    counter.stop();

    // Bytes the production logger and metrics (Powertools) write for one full batch.
    const logged = await capturedStdoutBytes(async () => {
      const metrics = createMetrics('send-reminder');
      const production = flushingMetrics(
        metrics,
        createSendReminderHandler({
          ledger: new DynamoReminderLedger(bench.db, tableName),
          notifier: noopNotifier(),
          config: SENDER_CONFIG,
          clock: { now: () => now },
          log: createLogger('send-reminder'),
          metrics,
        }),
      );
      const at = zonedInstant('2030-03-08', '13:00', TZ);
      now = new Date(at.getTime() + 5_000);
      const [event] = batches(messagesAt(at, 2).slice(0, SQS_BATCH_SIZE), SQS_BATCH_SIZE);
      await production(event!);
    });

    const { Item } = await bench.db.send(
      new GetCommand({ TableName: tableName, Key: keys.plan(records[0]!.planId), ConsistentRead: true }),
    );
    return {
      sent: { path: 'sent (claim, send, record)', reminders: sentReminders, counts: sent },
      others: [
        { path: 'repeat of a sent reminder', reminders: plans, counts: duplicate },
        { path: 'late: recorded as skipped', reminders: plans, counts: late },
      ],
      itemBytes: approxItemBytes(Item ?? {}),
      logBytesPerReminder: logged / SQS_BATCH_SIZE,
    };
  } finally {
    counter.stop();
  }
}

/** Runs `fn` while counting (and swallowing) what is written to stdout. */
async function capturedStdoutBytes(fn: () => Promise<void>): Promise<number> {
  const write = process.stdout.write;
  let bytes = 0;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = write;
  }
  return bytes;
}

function merge(into: RequestCounts, from: RequestCounts): void {
  into.requests += from.requests;
  into.capacityUnits += from.capacityUnits;
  into.tableUnits += from.tableUnits;
  into.failed += from.failed;
  for (const [k, v] of Object.entries(from.byCommand)) into.byCommand[k] = (into.byCommand[k] ?? 0) + v;
  for (const [k, v] of Object.entries(from.indexUnits)) into.indexUnits[k] = (into.indexUnits[k] ?? 0) + v;
}
