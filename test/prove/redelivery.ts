/**
 * Redelivery at scale: reminders through the real send-reminder handler on DynamoDB Local, with SQS's
 * at-least-once delivery simulated (each message received 1–3 times, copies overlapping in flight),
 * 30 % of SNS sends throttled (→ batch item failure → redelivered after the visibility timeout) and
 * some invocations dying between claim and send. Counts the texts SNS accepted per reminder: the
 * design promises exactly one each. Used by test/integration/redelivery.test.ts (small) and
 * scripts/prove/redelivery.ts (10,000, `npm run prove:redelivery`).
 */
import { PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createSendReminderHandler } from '../../functions/send-reminder/handler.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import { buildPlan } from '../../shared/domain/plan/plan.ts';
import { hashPhone } from '../../shared/domain/security/privacy.ts';
import { deliveryKey } from '../../shared/domain/scheduling/reminders.ts';
import { CONSENT } from '../../shared/domain/plan/rules.ts';
import type { DeliveryEntry, PlanRecord, ReminderMessage } from '../../shared/domain/model.ts';
import { keys } from '../../shared/table.ts';
import { seededRandom } from '../support/faults.ts';
import { sqsEvent, sqsRecord } from '../support/reminders.ts';

export interface RedeliveryOptions {
  /** Where DynamoDB Local answers; the run uses a document client of its own. */
  clientConfig: DynamoDBClientConfig;
  tableName: string;
  /** Reminders to deliver (three per plan: the day's three sessions). */
  reminders: number;
  /** @default 20300306 */
  seed?: number;
  /** Share of SNS Publish calls answered with ThrottledException. @default 0.3 */
  throttleRate?: number;
  /** Share of claims after which the invocation dies before sending. @default 0.01 */
  crashRate?: number;
  /** Invocations in flight at once (the event source's maximum concurrency). @default 8 */
  concurrency?: number;
  /** Records per invocation. @default 10 */
  batchSize?: number;
  progress?: (line: string) => void;
}

export interface RedeliveryFigures {
  reminders: number;
  plans: number;
  /** Copies the queue handed out on its own (1–3 per message), before any redelivery. */
  copies: number;
  /** Copies received in the same round as another copy of the message (overlapping). */
  overlappingCopies: number;
  /** Every record the handler received, redeliveries included. */
  receives: number;
  invocations: number;
  /** Rounds of the simulated queue, one visibility timeout apart. */
  rounds: number;
  batchItemFailures: number;
  throttledSends: number;
  /** Records that found another copy's claim in flight and came back later. */
  inFlightRetries: number;
  /** Invocations that died between a claim and its send (their batch came back whole). */
  crashes: number;
  textsSent: number;
  /** Reminders that got more than one text, and the extra texts. */
  duplicates: number;
  /** Reminders that got no text, or whose record is not `sent`. */
  lost: number;
  /** Records that reached the dead-letter queue (20 receives). */
  deadLettered: number;
  dynamoRequests: number;
  setupMs: number;
  runMs: number;
}

/** The queue's visibility timeout: 6 × the sender's 30 s timeout (infra/constructs/delivery.ts). */
const VISIBILITY_MS = 180_000;
/** The sender's function timeout, as the context reports the time left. */
const REMAINING_MS = 25_000;
const MAX_RECEIVES = 20;
// Plans made 07:00 in New York on 2031-06-02 (EDT); their three sessions on the 3rd are 08:00,
// 13:00 and 19:00 local. Future-dated: DynamoDB Local deletes items whose TTL has passed.
const MADE_AT = new Date('2031-06-02T11:00:00Z');
const SESSIONS = ['2031-06-03T12:00:00Z', '2031-06-03T17:00:00Z', '2031-06-03T23:00:00Z'];
const HASH_KEY = 'redelivery-hash-key';

function planFor(index: number): PlanRecord {
  const phone = `+1415${String(2_000_000 + index).padStart(7, '0')}`;
  const scores = { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 };
  const decision = buildPlan(
    { scores, redFlags: [], timeZone: 'America/New_York', sessionTimes: ['08:00', '13:00', '19:00'] },
    { now: MADE_AT },
  );
  const at = MADE_AT.toISOString();
  return {
    planId: `redelivery-${String(index).padStart(6, '0')}`,
    phoneHash: hashPhone(phone, HASH_KEY),
    phone,
    country: 'US',
    channel: 'sms',
    status: 'pending_verification',
    plan: decision.plan!,
    consent: { version: CONSENT.version, text: CONSENT.text, acceptedAt: at },
    assessment: { scores, redFlags: [] },
    createdAt: at,
    updatedAt: at,
  };
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

interface Copy {
  message: ReminderMessage;
  messageId: string;
  receives: number;
}

export async function proveRedelivery(options: RedeliveryOptions): Promise<RedeliveryFigures> {
  const random = seededRandom(options.seed ?? 20300306);
  const throttleRate = options.throttleRate ?? 0.3;
  const crashRate = options.crashRate ?? 0.01;
  const concurrency = options.concurrency ?? 8;
  const batchSize = options.batchSize ?? 10;
  const progress = options.progress ?? (() => {});
  const plans = Math.ceil(options.reminders / SESSIONS.length);

  const db = createDocumentClient({ ...options.clientConfig });
  let dynamoRequests = 0;
  db.middlewareStack.add(
    (next) => async (args) => {
      dynamoRequests++;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const repo = new DynamoPlanRepository(db, options.tableName);
  const ledger = new DynamoReminderLedger(db, options.tableName);
  const figures: RedeliveryFigures = {
    reminders: plans * SESSIONS.length,
    plans,
    copies: 0,
    overlappingCopies: 0,
    receives: 0,
    invocations: 0,
    rounds: 0,
    batchItemFailures: 0,
    throttledSends: 0,
    inFlightRetries: 0,
    crashes: 0,
    textsSent: 0,
    duplicates: 0,
    lost: 0,
    deadLettered: 0,
    dynamoRequests: 0,
    setupMs: 0,
    runMs: 0,
  };

  const setupStart = performance.now();
  const records = Array.from({ length: plans }, (_, i) => planFor(i));
  await pool(records, 8, async (record) => {
    await repo.createPendingPlan(record, 30);
    await repo.activatePlan(record.planId, MADE_AT, 30);
  });
  figures.setupMs = Math.round(performance.now() - setupStart);
  progress(`${plans} plans active (${figures.setupMs} ms)`);

  // SNS at its SDK boundary: 30 % of Publish calls throttled, the rest accepted and remembered.
  const sns = mockClient(SNSClient);
  const accepted: { messageId: string; phone: string; body: string }[] = [];
  sns.on(PublishCommand).callsFake(async (input: { PhoneNumber: string; Message: string }) => {
    if (random() < throttleRate) {
      figures.throttledSends++;
      throw new ThrottledException({ message: 'Rate exceeded', $metadata: {} });
    }
    const messageId = `sns-${accepted.length + 1}`;
    accepted.push({ messageId, phone: input.PhoneNumber, body: input.Message });
    return { MessageId: messageId };
  });
  const notifier = new SnsSmsNotifier(new SNSClient({ region: 'us-east-1' }));

  const runStart = performance.now();
  dynamoRequests = 0;
  try {
    for (const [session, scheduledTime] of SESSIONS.entries()) {
      const waveStart = Date.parse(scheduledTime);
      // The queue's own copies: 1–3 per message, each either overlapping the first (same round)
      // or arriving again later (a later round: Scheduler's or SQS's repeat).
      const due = new Map<number, Copy[]>();
      const receiveAt = (round: number, copy: Copy) => due.set(round, [...(due.get(round) ?? []), copy]);
      for (const record of records) {
        const message: ReminderMessage = { v: 1, planId: record.planId, slot: session + 1, scheduledTime };
        const count = 1 + Math.floor(random() * 3);
        for (let c = 0; c < count; c++) {
          const round = c === 0 || random() < 0.5 ? 0 : 1 + Math.floor(random() * 3);
          if (c > 0 && round === 0) figures.overlappingCopies++;
          receiveAt(round, { message, messageId: `${record.planId}-${session + 1}-${c}`, receives: 0 });
          figures.copies++;
        }
      }
      for (let round = 0; due.size > 0; round++) {
        const copies = due.get(round) ?? [];
        due.delete(round);
        if (copies.length === 0) continue;
        figures.rounds++;
        // Copies of one message land in neighbouring batches at the same position, so they are
        // processed at the same moment by invocations running side by side.
        const byMessage = new Map<string, Copy[]>();
        for (const copy of copies) {
          const key = copy.message.planId;
          byMessage.set(key, [...(byMessage.get(key) ?? []), copy]);
        }
        const groups = [...byMessage.values()].sort(() => random() - 0.5);
        const batches: Copy[][] = [];
        for (let g = 0; g < groups.length; g += batchSize) {
          const chunk = groups.slice(g, g + batchSize);
          const depth = Math.max(...chunk.map((c) => c.length));
          for (let d = 0; d < depth; d++) {
            batches.push(chunk.map((c) => c[d]).filter((c): c is Copy => c !== undefined));
          }
        }
        await pool(batches, concurrency, async (batch) => {
          figures.invocations++;
          const now = new Date(waveStart + round * VISIBILITY_MS + Math.floor(random() * 20_000));
          const byId = new Map(batch.map((copy) => [copy.messageId, copy]));
          const event = sqsEvent(
            ...batch.map((copy): SQSRecord => {
              copy.receives++;
              figures.receives++;
              return sqsRecord(copy.message, copy.messageId, copy.receives);
            }),
          );
          let die!: () => void;
          const died = new Promise<'died'>((resolve) => (die = () => resolve('died')));
          const handler = createSendReminderHandler({
            ledger,
            notifier,
            config: { appName: 'Rehab reminders', lateAfterMinutes: 60 },
            clock: { now: () => now },
            // Between the claim and the send: sometimes the invocation dies here, for good.
            pace: async () => {
              if (random() < crashRate) {
                die();
                await new Promise(() => {});
              }
            },
          });
          const context = { getRemainingTimeInMillis: () => REMAINING_MS } as Context;
          const outcome = await Promise.race([handler(event, context), died]);
          // A dead invocation returns nothing: SQS hands the whole batch out again.
          const failedIds =
            outcome === 'died' ? [...byId.keys()] : outcome.batchItemFailures.map((f) => f.itemIdentifier);
          if (outcome === 'died') figures.crashes++;
          else figures.batchItemFailures += failedIds.length;
          for (const id of failedIds) {
            const copy = byId.get(id)!;
            if (copy.receives >= MAX_RECEIVES) figures.deadLettered++;
            else receiveAt(round + 1, copy);
          }
        });
      }
      progress(`session ${session + 1}: done (${figures.receives} receives so far)`);
    }
  } finally {
    sns.restore();
  }
  figures.runMs = Math.round(performance.now() - runStart);
  figures.dynamoRequests = dynamoRequests;
  figures.textsSent = accepted.length;
  figures.inFlightRetries = figures.batchItemFailures - figures.throttledSends;

  // Count: the texts SNS accepted per (phone, session), and each reminder's record.
  const texts = new Map<string, number>();
  for (const text of accepted) {
    const session = /session (\d) of 3/.exec(text.body)?.[1];
    const key = `${text.phone}#${session}`;
    texts.set(key, (texts.get(key) ?? 0) + 1);
  }
  const acceptedIds = new Set(accepted.map((a) => a.messageId));
  const stored = new Map<string, Record<string, DeliveryEntry>>();
  for (let i = 0; i < records.length; i += 100) {
    let wanted: Record<string, unknown>[] | undefined = records
      .slice(i, i + 100)
      .map((r) => keys.plan(r.planId));
    while (wanted?.length) {
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({
          RequestItems: { [options.tableName]: { Keys: wanted, ConsistentRead: true } },
        }),
      );
      for (const item of Responses?.[options.tableName] ?? []) {
        stored.set(String(item.planId), (item.deliveries ?? {}) as Record<string, DeliveryEntry>);
      }
      wanted = UnprocessedKeys?.[options.tableName]?.Keys;
    }
  }
  for (const record of records) {
    for (const [session, scheduledTime] of SESSIONS.entries()) {
      const count = texts.get(`${record.phone}#${session + 1}`) ?? 0;
      const entry = stored.get(record.planId)?.[deliveryKey(new Date(scheduledTime))];
      if (count > 1) figures.duplicates += count - 1;
      if (count === 0 || entry?.state !== 'sent' || !acceptedIds.has(String(entry.messageId))) figures.lost++;
    }
  }
  db.destroy();
  return figures;
}
