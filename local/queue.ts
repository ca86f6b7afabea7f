/**
 * An in-process queue with SQS's semantics as Lambda's event source mapping sees them: batches of
 * up to `batchSize` SQS-shaped records to the same handler Lambda runs, at most `maxConcurrency`
 * invocations at once, ReportBatchItemFailures honoured (a failed item, or every item of a batch
 * whose invocation threw or answered an unknown id, stays on the queue and comes back after the
 * visibility timeout), receive counts, and a dead-letter queue after `maxReceiveCount` receives.
 *
 * Time is the injected clock's (the dev clock in the local stack), so redelivery happens on dev
 * time. Nothing runs by itself: deliverDue() delivers what is visible now, drained() also waits
 * (with the injected sleep) for hidden messages until the queue is empty. Messages are kept in
 * memory only.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { silentLog, systemClock } from '../shared/adapters/defaults.ts';
import { type Clock, type Log } from '../shared/ports.ts';

export type QueueHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse | void>;

export interface LocalQueueOptions {
  handler: QueueHandler;
  /** @default the system clock */
  clock?: Clock;
  /** Waits `ms` of the clock's time (drained() only). @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** A Lambda context per invocation (the sender takes its claim lease from it). @default none */
  context?: () => Context;
  /** Records per invocation, 1–10 (the stack's SqsEventSource). @default 10 */
  batchSize?: number;
  /** Invocations at once (the event source's MaximumConcurrency). @default 2 */
  maxConcurrency?: number;
  /** How long a received message stays hidden (the stack: 6 × the sender's 30 s). @default 180 */
  visibilityTimeoutSeconds?: number;
  /** Receives before a message goes to the dead-letter queue (the stack's redrive). @default 20 */
  maxReceiveCount?: number;
  /** @default "rehab-reminders-local" */
  name?: string;
  log?: Log;
}

export interface QueueMessage {
  messageId: string;
  body: string;
  sentAt: Date;
  receiveCount: number;
  firstReceivedAt?: Date;
  /** Hidden until then (delay or visibility timeout). */
  visibleAt: Date;
}

export interface QueueStats {
  /** On the queue: visible, hidden or in flight. */
  messages: number;
  inFlight: number;
  invocations: number;
  deleted: number;
  deadLettered: number;
}

export class LocalQueue {
  private readonly messages = new Map<string, QueueMessage>();
  private readonly inFlight = new Set<string>();
  private readonly dlq: QueueMessage[] = [];
  private readonly clock: Clock;
  private readonly log: Log;
  readonly batchSize: number;
  readonly maxConcurrency: number;
  private readonly visibilityMs: number;
  private readonly maxReceiveCount: number;
  private readonly arn: string;
  private running = 0;
  private invocations = 0;
  private deleted = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: LocalQueueOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
    this.batchSize = options.batchSize ?? 10;
    this.maxConcurrency = options.maxConcurrency ?? 2;
    this.visibilityMs = (options.visibilityTimeoutSeconds ?? 180) * 1000;
    this.maxReceiveCount = options.maxReceiveCount ?? 20;
    if (this.batchSize < 1 || this.batchSize > 10) throw new RangeError('batchSize must be 1–10');
    if (this.maxConcurrency < 1) throw new RangeError('maxConcurrency must be at least 1');
    this.arn = `arn:aws:sqs:local:000000000000:${options.name ?? 'rehab-reminders-local'}`;
  }

  /** SendMessage. Answers the message id. */
  send(body: string, options: { delaySeconds?: number } = {}): string {
    const now = this.clock.now();
    const message: QueueMessage = {
      messageId: randomUUID(),
      body,
      sentAt: now,
      receiveCount: 0,
      visibleAt: new Date(now.getTime() + (options.delaySeconds ?? 0) * 1000),
    };
    this.messages.set(message.messageId, message);
    return message.messageId;
  }

  /** The earliest instant a message not in flight is (or becomes) visible. */
  nextVisibleAt(): Date | undefined {
    let next: Date | undefined;
    for (const m of this.messages.values()) {
      if (!this.inFlight.has(m.messageId) && (!next || m.visibleAt < next)) next = m.visibleAt;
    }
    return next;
  }

  /**
   * Delivers every message visible at the clock's now (and what becomes visible while it runs),
   * batch by batch with at most maxConcurrency invocations at once; resolves when nothing visible
   * is left and nothing is in flight.
   */
  async deliverDue(): Promise<void> {
    this.pump();
    if (this.running > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Delivers until the queue is empty, sleeping until hidden messages come back. */
  async drained(): Promise<void> {
    const sleep = this.options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
    for (;;) {
      await this.deliverDue();
      const next = this.nextVisibleAt();
      if (!next) return;
      const wait = next.getTime() - this.clock.now().getTime();
      if (wait > 0) await sleep(wait);
    }
  }

  deadLetters(): QueueMessage[] {
    return this.dlq.map((m) => ({ ...m }));
  }

  stats(): QueueStats {
    return {
      messages: this.messages.size,
      inFlight: this.inFlight.size,
      invocations: this.invocations,
      deleted: this.deleted,
      deadLettered: this.dlq.length,
    };
  }

  /** Starts invocations while a slot is free and visible messages wait. */
  private pump(): void {
    while (this.running < this.maxConcurrency) {
      const batch = this.receive();
      if (!batch.length) break;
      this.running += 1;
      void this.invoke(batch).finally(() => {
        this.running -= 1;
        this.pump();
        if (this.running === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
    }
  }

  /** ReceiveMessage: up to batchSize visible messages, oldest first; the redrive policy applies here. */
  private receive(): QueueMessage[] {
    const now = this.clock.now();
    const batch: QueueMessage[] = [];
    const visible = [...this.messages.values()]
      .filter((m) => !this.inFlight.has(m.messageId) && m.visibleAt.getTime() <= now.getTime())
      .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
    for (const message of visible) {
      if (batch.length >= this.batchSize) break;
      if (message.receiveCount >= this.maxReceiveCount) {
        this.messages.delete(message.messageId);
        this.dlq.push(message);
        this.log.error('message moved to the dead-letter queue', {
          queue: this.arn,
          messageId: message.messageId,
          receiveCount: message.receiveCount,
        });
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = new Date(now.getTime() + this.visibilityMs);
      this.inFlight.add(message.messageId);
      batch.push(message);
    }
    return batch;
  }

  private record(message: QueueMessage): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt.getTime()),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt!.getTime()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: 'local',
    };
  }

  private async invoke(batch: QueueMessage[]): Promise<void> {
    this.invocations += 1;
    const ids = new Set(batch.map((m) => m.messageId));
    let failed: Set<string>;
    try {
      const response = await this.options.handler(
        { Records: batch.map((m) => this.record(m)) },
        this.options.context?.(),
      );
      const reported = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      // Lambda fails the whole batch when a reported id is empty or not in it.
      failed = reported.every((id) => ids.has(id)) ? new Set(reported) : ids;
    } catch (error) {
      this.log.warn('reminder batch failed: every message of it comes back', {
        error: error instanceof Error ? error.name : String(error),
        size: batch.length,
      });
      failed = ids;
    }
    for (const message of batch) {
      this.inFlight.delete(message.messageId);
      if (!failed.has(message.messageId)) {
        this.messages.delete(message.messageId);
        this.deleted += 1;
      }
    }
  }
}
