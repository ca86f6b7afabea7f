/**
 * Keeping to the SMS rate: a burst of reminders through the send-reminder handler at the sender's
 * maximum concurrency (shared/sending.ts), each worker (execution environment) with the production
 * pacer (functions/wiring/pacer.ts) in real time, DynamoDB Local behind, a notifier that notes when
 * each text would leave. The rate is the texts over the time from the burst's arrival to the last
 * text; the busiest window of one second (and of ten) shows whether it ever went above.
 */
import { createSendReminderHandler } from '../functions/send-reminder/handler.ts';
import { textPacer } from '../functions/wiring/pacer.ts';
import { DynamoReminderLedger } from '../shared/adapters/dynamodb/reminder-ledger.ts';
import { zonedInstant } from '../shared/domain/time.ts';
import { senderBatchSize, senderConcurrency } from '../shared/sending.ts';
import type { PlanRecord } from '../shared/domain/model.ts';
import type { BenchDb } from './lib/dynamo.ts';
import { batches, drain } from './lib/sender-harness.ts';
import { eventRate, maxInWindow } from './lib/stats.ts';
import { noopNotifier, SENDER_CONFIG, TZ } from './reminder-cost.ts';

/** The sender's timeout in the stack (infra/stack.ts), which bounds its batch size. */
const SENDER_TIMEOUT_SECONDS = 30;

export interface SmsRate {
  configured: number;
  reminders: number;
  concurrency: number;
  batchSize: number;
  /** Texts per second from the burst's arrival to the last text. */
  actual: number;
  /** Texts per second from the first text to the last (n − 1 intervals). */
  firstToLast: number;
  /** actual / configured (budget 0.9 … 1.0). */
  ratio: number;
  /** Most texts in any one second, and in any ten. */
  maxIn1s: number;
  maxIn10s: number;
  elapsedMs: number;
}

export async function measureSmsRate(
  bench: BenchDb,
  tableName: string,
  plans: readonly PlanRecord[],
  options: { messagesPerSecond: number; reminders: number; date: string },
): Promise<SmsRate> {
  const { messagesPerSecond: rate, reminders } = options;
  // Several minutes of one session hour when there are fewer plans than reminders.
  const messages: { v: 1; planId: string; slot: number; scheduledTime: string }[] = [];
  for (let minute = 0; messages.length < reminders; minute++) {
    const scheduled = zonedInstant(options.date, `13:${String(minute).padStart(2, '0')}`, TZ).toISOString();
    for (const plan of plans) {
      if (messages.length === reminders) break;
      messages.push({ v: 1, planId: plan.planId, slot: 2, scheduledTime: scheduled });
    }
  }
  const now = zonedInstant(options.date, '13:59', TZ);
  const concurrency = senderConcurrency(rate);
  const batchSize = senderBatchSize(rate, SENDER_TIMEOUT_SECONDS);
  const sentAt: number[] = [];
  const started = performance.now();
  const { elapsedMs, failures } = await drain(batches(messages, batchSize), concurrency, () =>
    createSendReminderHandler({
      ledger: new DynamoReminderLedger(bench.db, tableName),
      notifier: noopNotifier(() => sentAt.push(performance.now())),
      config: SENDER_CONFIG,
      clock: { now: () => now },
      pace: textPacer(rate),
    }),
  );
  if (failures || sentAt.length !== reminders) {
    throw new Error(`SMS rate: ${sentAt.length} of ${reminders} sent, ${failures} failed`);
  }
  const actual = (reminders * 1000) / (Math.max(...sentAt) - started);
  return {
    configured: rate,
    reminders,
    concurrency,
    batchSize,
    actual,
    firstToLast: eventRate(sentAt),
    ratio: actual / rate,
    maxIn1s: maxInWindow(sentAt, 1000),
    maxIn10s: maxInWindow(sentAt, 10_000),
    elapsedMs,
  };
}
