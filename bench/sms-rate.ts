/**
 * Keeping to the SMS rate: a burst of reminders through the send-reminder handler at the sender's
 * maximum concurrency (shared/sending.ts), each worker (execution environment) with the production
 * pacer (functions/wiring/pacer.ts) in real time, DynamoDB Local behind, a notifier that notes when
 * each text would leave and how many parts it takes. The rate is in message parts, as AWS throttles
 * an identity: the parts over the time from the burst's arrival to the last text; the busiest window
 * of one second (and of ten) shows whether it ever went above.
 */
import { createSendReminderHandler } from '../functions/send-reminder/handler.ts';
import { textPacer } from '../functions/wiring/pacer.ts';
import { DynamoReminderLedger } from '../shared/adapters/dynamodb/reminder-ledger.ts';
import { smsSegments } from '../shared/domain/messaging/sms.ts';
import { zonedInstant } from '../shared/domain/time.ts';
import { senderBatchSize, senderConcurrency } from '../shared/sending.ts';
import type { PlanRecord } from '../shared/domain/model.ts';
import type { BenchDb } from './lib/dynamo.ts';
import { batches, drain } from './lib/sender-harness.ts';
import { maxInWindow } from './lib/stats.ts';
import { noopNotifier, SENDER_CONFIG, TZ } from './reminder-cost.ts';

/** The sender's timeout in the stack (infra/stack.ts), which bounds its batch size. */
const SENDER_TIMEOUT_SECONDS = 30;

export interface SmsRate {
  /** Parts per second. */
  configured: number;
  reminders: number;
  /** Message parts the reminders took (GSM-7 / UCS-2 segments). */
  parts: number;
  concurrency: number;
  batchSize: number;
  /** Parts per second from the burst's arrival to the last text. */
  actual: number;
  /** Parts per second from the first text to the last (the first text's parts were paid before it). */
  firstToLast: number;
  /** actual / configured (budget 0.9 … 1.0). */
  ratio: number;
  /** Most parts in any one second, and in any ten. */
  maxIn1s: number;
  maxIn10s: number;
  elapsedMs: number;
}

export async function measureSmsRate(
  bench: BenchDb,
  tableName: string,
  plans: readonly PlanRecord[],
  options: { partsPerSecond: number; reminders: number; date: string },
): Promise<SmsRate> {
  const { partsPerSecond: rate, reminders } = options;
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
  /** One entry per part, at the instant its text left: windows and rates count parts. */
  const partAt: number[] = [];
  let firstParts = 0;
  const started = performance.now();
  const { elapsedMs, failures } = await drain(batches(messages, batchSize), concurrency, () =>
    createSendReminderHandler({
      ledger: new DynamoReminderLedger(bench.db, tableName),
      notifier: noopNotifier((message) => {
        const at = performance.now();
        const { segments } = smsSegments(message.body);
        if (!sentAt.length) firstParts = segments;
        sentAt.push(at);
        for (let i = 0; i < segments; i++) partAt.push(at);
      }),
      config: SENDER_CONFIG,
      clock: { now: () => now },
      pace: textPacer(rate),
    }),
  );
  if (failures || sentAt.length !== reminders) {
    throw new Error(`SMS rate: ${sentAt.length} of ${reminders} sent, ${failures} failed`);
  }
  const last = Math.max(...sentAt);
  const actual = (partAt.length * 1000) / (last - started);
  return {
    configured: rate,
    reminders,
    parts: partAt.length,
    concurrency,
    batchSize,
    actual,
    firstToLast: ((partAt.length - firstParts) * 1000) / (last - Math.min(...sentAt)),
    ratio: actual / rate,
    maxIn1s: maxInWindow(partAt, 1000),
    maxIn10s: maxInWindow(partAt, 10_000),
    elapsedMs,
  };
}
