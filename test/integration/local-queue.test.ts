import { createHash } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createSendReminderHandler } from '../../functions/send-reminder/handler.ts';
import { Outbox } from '../../local/outbox.ts';
import { LocalQueue } from '../../local/queue.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { NotifierThrottledError, type OutboundMessage, type SendResult } from '../../shared/domain/model.ts';
import { type Log } from '../../shared/ports.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { TestClock } from '../support/intake.ts';
import { asFunction } from '../../local/aws-calls.ts';
import { activePlan } from '../support/reminders.ts';

/**
 * The in-process reminder queue: SQS-shaped batches, ReportBatchItemFailures, redelivery after the
 * visibility timeout on the injected clock, receive counts, the dead-letter queue and the bounded
 * concurrency, and the real sender behind it on DynamoDB Local.
 */
const table = useTestTable();
const T0 = new Date('2030-03-05T13:00:00.000Z');

/** Records every invocation; `fail(record)` says which records to report as failed. */
function recorder(fail: (record: SQSRecord) => boolean = () => false) {
  const batches: { bodies: string[]; counts: string[] }[] = [];
  const handler = async (event: SQSEvent) => {
    batches.push({
      bodies: event.Records.map((r) => r.body),
      counts: event.Records.map((r) => r.attributes.ApproximateReceiveCount),
    });
    return { batchItemFailures: event.Records.filter(fail).map((r) => ({ itemIdentifier: r.messageId })) };
  };
  return { batches, handler, bodies: () => batches.flatMap((b) => b.bodies) };
}

function capturingLog() {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (message: string, ...extra: Record<string, unknown>[]) =>
      lines.push({ level, message, fields: Object.assign({}, ...extra) });
  const log: Log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

describe('the local reminder queue', () => {
  it('delivers SQS-shaped records and brings back only the reported failures, after the visibility timeout', async () => {
    const clock = new TestClock(T0);
    const seen = new Map<string, number>();
    const rec = recorder(
      (r) => r.body === 'b' && (seen.set('b', (seen.get('b') ?? 0) + 1), seen.get('b') === 1),
    );
    const queue = new LocalQueue({ handler: rec.handler, clock, visibilityTimeoutSeconds: 180 });
    for (const body of ['a', 'b', 'c']) queue.send(body);

    let record: SQSRecord | undefined;
    const inspect = new LocalQueue({
      clock,
      handler: async (event) => void (record = event.Records[0]),
      name: 'inspected',
    });
    inspect.send('{"v":1}');
    await inspect.deliverDue();
    expect(record).toMatchObject({
      body: '{"v":1}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:inspected',
      md5OfBody: createHash('md5').update('{"v":1}').digest('hex'),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(T0.getTime()) },
    });

    await queue.deliverDue();
    expect(rec.batches).toEqual([{ bodies: ['a', 'b', 'c'], counts: ['1', '1', '1'] }]);
    expect(queue.stats()).toMatchObject({ messages: 1, deleted: 2, inFlight: 0 });
    expect(queue.nextVisibleAt()).toEqual(new Date(T0.getTime() + 180_000));

    clock.advance(179_999);
    await queue.deliverDue();
    expect(rec.batches).toHaveLength(1);

    clock.advance(1);
    await queue.deliverDue();
    expect(rec.batches[1]).toEqual({ bodies: ['b'], counts: ['2'] });
    expect(queue.stats()).toMatchObject({ messages: 0, deleted: 3 });
    expect(queue.nextVisibleAt()).toBeUndefined();
  });

  it('brings the whole batch back when the invocation throws or reports an id that is not in it', async () => {
    const clock = new TestClock(T0);
    let calls = 0;
    const queue = new LocalQueue({
      clock,
      visibilityTimeoutSeconds: 60,
      handler: async () => {
        calls += 1;
        if (calls === 1) throw new Error('function crashed');
        if (calls === 2) return { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] };
        return { batchItemFailures: [] };
      },
    });
    queue.send('x');
    queue.send('y');
    await queue.deliverDue();
    expect(queue.stats()).toMatchObject({ messages: 2, deleted: 0 });
    clock.advance(60_000);
    await queue.deliverDue();
    expect(queue.stats()).toMatchObject({ messages: 2, deleted: 0 });
    clock.advance(60_000);
    await queue.deliverDue();
    expect(queue.stats()).toMatchObject({ messages: 0, deleted: 2, invocations: 3 });
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives, and logs it', async () => {
    const clock = new TestClock(T0);
    const { log, lines } = capturingLog();
    const rec = recorder((r) => r.body === 'poison');
    const queue = new LocalQueue({
      handler: rec.handler,
      clock,
      log,
      visibilityTimeoutSeconds: 30,
      maxReceiveCount: 3,
      // The clock's time passes as drained() waits for hidden messages.
      sleep: async (ms) => clock.advance(ms),
    });
    queue.send('poison');
    queue.send('fine');
    await queue.drained();

    expect(rec.batches.map((b) => b.counts)).toEqual([['1', '1'], ['2'], ['3']]);
    expect(queue.deadLetters()).toMatchObject([{ body: 'poison', receiveCount: 3 }]);
    expect(queue.stats()).toMatchObject({ messages: 0, deleted: 1, deadLettered: 1 });
    expect(lines.filter((l) => l.level === 'error')).toEqual([
      {
        level: 'error',
        message: 'message moved to the dead-letter queue',
        fields: expect.objectContaining({ receiveCount: 3 }),
      },
    ]);
    // Received at T0, T0+30 s, T0+60 s; moved at the fourth receive, T0+90 s.
    expect(clock.now()).toEqual(new Date(T0.getTime() + 90_000));
  });

  it('runs at most maxConcurrency invocations at once, with batches of at most batchSize', async () => {
    for (const maxConcurrency of [2, 3]) {
      let active = 0;
      let most = 0;
      const sizes: number[] = [];
      const queue = new LocalQueue({
        clock: new TestClock(T0),
        maxConcurrency,
        handler: async (event) => {
          active += 1;
          most = Math.max(most, active);
          sizes.push(event.Records.length);
          await new Promise((r) => setImmediate(r));
          active -= 1;
        },
      });
      for (let i = 0; i < 45; i++) queue.send(String(i));
      await queue.deliverDue();
      expect(most).toBe(maxConcurrency);
      expect(sizes).toEqual([10, 10, 10, 10, 5]);
      expect(queue.stats()).toMatchObject({ messages: 0, deleted: 45, invocations: 5 });
    }
    expect(() => new LocalQueue({ handler: async () => {}, batchSize: 11 })).toThrow(/batchSize/);
  });

  it('feeds the real sender: a throttled text comes back after the visibility timeout and goes out once', async () => {
    const clock = new TestClock(T0);
    const record = await activePlan(table, { now: new Date('2030-03-05T12:00:00Z') });

    const outbox = new Outbox(clock, () => {});
    let throttle = true;
    const notifier = {
      async send(message: OutboundMessage): Promise<SendResult> {
        if (throttle) {
          throttle = false;
          throw new NotifierThrottledError('rate exceeded');
        }
        return outbox.send(message);
      },
    };
    const queue = new LocalQueue({
      clock,
      visibilityTimeoutSeconds: 120,
      sleep: async (ms) => clock.advance(ms),
      handler: asFunction(
        'send-reminder',
        createSendReminderHandler({
          ledger: new DynamoReminderLedger(table.db, table.tableName),
          notifier,
          config: { appName: 'Rehab reminders', lateAfterMinutes: 60 },
          clock,
          defaultLeaseMs: 30_000,
        }),
      ),
    });
    const message = JSON.stringify({ v: 1, planId: record.planId, slot: 1, scheduledTime: T0.toISOString() });
    queue.send(message);
    await queue.drained();
    // A repeat of the same firing (Scheduler delivers at least once) makes no second text.
    queue.send(message);
    await queue.drained();

    expect(outbox.list().map((m) => [m.kind, m.sentAt])).toEqual([['reminder', '2030-03-05T13:02:00.000Z']]);
    expect(queue.stats()).toMatchObject({ messages: 0, deadLettered: 0 });
  });
});
