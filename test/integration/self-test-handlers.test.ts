import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createInboundHandler } from '../../functions/inbound/handler.ts';
import { createSendReminderHandler } from '../../functions/send-reminder/handler.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { DynamoSelfTestRecorder } from '../../shared/adapters/dynamodb/self-test-records.ts';
import {
  INBOUND_SELF_TEST_FIELD,
  inboundSelfTestPayload,
  SELF_TEST_RECORD_SECONDS,
  type SelfTestEdge,
} from '../../shared/domain/ops/self-test.ts';
import { messageKeptText } from '../../shared/domain/messaging/texts.ts';
import { keys } from '../../shared/table.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { TEST_HASH_KEY } from '../support/fixtures.ts';
import { inboundSmsEvent, OUR_NUMBER, snsRecord, twoWayPayload } from '../support/inbound.ts';
import { RecordingNotifier } from '../support/intake.ts';
import { activePlan, clockAt, noFailures, reminder, sqsEvent, sqsRecord } from '../support/reminders.ts';
import { asFunction } from '../../local/aws-calls.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';

const table = useTestTable();
const APP = 'Rehab reminders';
// Future-dated: DynamoDB Local deletes items whose TTL has passed.
const NOW = '2030-03-06T18:00:30Z';

let runs = 0;
const nextNonce = () => `0f3c2a9e-selftest-${++runs}`;
const recorder = () => new DynamoSelfTestRecorder(table.db, table.tableName);

async function recordOf(nonce: string, edge: SelfTestEdge) {
  const { Item } = await table.db.send(
    new GetCommand({ TableName: table.tableName, Key: keys.selfTest(nonce, edge), ConsistentRead: true }),
  );
  return Item;
}

function senderWith(clock: { now(): Date }, notifier: RecordingNotifier, withRecorder = true) {
  return asFunction(
    'send-reminder',
    createSendReminderHandler({
      ledger: new DynamoReminderLedger(table.db, table.tableName),
      notifier,
      config: { appName: APP, lateAfterMinutes: 60, formUrl: 'https://form.example/' },
      clock,
      ...(withRecorder ? { selfTests: recorder() } : {}),
    }),
  );
}

function inboundWith(clock: { now(): Date }, notifier: RecordingNotifier) {
  return asFunction(
    'inbound',
    createInboundHandler({
      repo: new DynamoPlanRepository(table.db, table.tableName),
      events: new DynamoPatientEventStore(table.db, table.tableName),
      notifier,
      hashKey: TEST_HASH_KEY,
      config: { appName: APP, formUrl: 'https://form.example/', retentionDays: 30 },
      clock,
      limiter: new DynamoRateLimiter(table.db, table.tableName),
      selfTests: recorder(),
    }),
  );
}

/** The self-test's queue message as Scheduler delivers it (the placeholder replaced). */
const selfTestMessage = (nonce: string) => ({
  v: 1,
  kind: 'self-test',
  nonce,
  scheduledTime: '2030-03-06T18:00:00Z',
});

/** The self-test's inbound message as SNS hands it to the function. */
const inboundSelfTest = (payload: object, snsMessageId: string) => ({
  Records: [snsRecord(JSON.stringify(payload), { messageId: snsMessageId, timestamp: NOW })],
});

describe('send-reminder: the self-test message (DynamoDB Local)', () => {
  it('is recorded under its nonce with a short TTL, sends nothing, and succeeds', async () => {
    const notifier = new RecordingNotifier();
    const nonce = nextNonce();
    const before = (await table.scanAll()).length;

    const response = await senderWith(clockAt(NOW), notifier)(sqsEvent(sqsRecord(selfTestMessage(nonce))));

    expect(response).toEqual(noFailures);
    expect(notifier.sent).toEqual([]);
    expect(await recordOf(nonce, 'sender')).toEqual({
      ...keys.selfTest(nonce, 'sender'),
      type: 'self-test',
      recordedAt: new Date(NOW).toISOString(),
      expiresAt: Date.parse(NOW) / 1000 + SELF_TEST_RECORD_SECONDS,
    });
    expect((await table.scanAll()).length).toBe(before + 1);
  });

  it('redelivered, writes nothing more and sends nothing', async () => {
    const notifier = new RecordingNotifier();
    const nonce = nextNonce();
    const clock = clockAt(NOW);
    const handler = senderWith(clock, notifier);
    await handler(sqsEvent(sqsRecord(selfTestMessage(nonce), 'sqs-st-1')));
    const first = await recordOf(nonce, 'sender');
    const items = (await table.scanAll()).length;

    clock.advance(90_000);
    const response = await handler(sqsEvent(sqsRecord(selfTestMessage(nonce), 'sqs-st-1', 2)));

    expect(response).toEqual(noFailures);
    expect(await recordOf(nonce, 'sender')).toEqual(first);
    expect((await table.scanAll()).length).toBe(items);
    expect(notifier.sent).toEqual([]);
  });

  it('never reaches a plan: a self-test message naming an active plan is dropped, nothing sent', async () => {
    const plan = await activePlan(table, { now: new Date('2030-03-05T12:00:00Z') });
    const notifier = new RecordingNotifier();
    const nonce = nextNonce();
    const before = await table.scanAll();

    const response = await senderWith(
      clockAt(NOW),
      notifier,
    )(sqsEvent(sqsRecord({ ...selfTestMessage(nonce), planId: plan.planId, slot: 2 })));

    expect(response).toEqual(noFailures);
    expect(notifier.sent).toEqual([]);
    expect(await table.scanAll()).toEqual(before);
  });

  it('is no reminder either where no recorder is wired: dropped, nothing written or sent', async () => {
    const notifier = new RecordingNotifier();
    const nonce = nextNonce();
    const before = (await table.scanAll()).length;

    await senderWith(clockAt(NOW), notifier, false)(sqsEvent(sqsRecord(selfTestMessage(nonce))));

    expect(await recordOf(nonce, 'sender')).toBeUndefined();
    expect((await table.scanAll()).length).toBe(before);
    expect(notifier.sent).toEqual([]);
  });

  it('leaves reminders as they were: a reminder beside it in the batch is still sent', async () => {
    const plan = await activePlan(table, { now: new Date('2030-03-05T12:00:00Z') });
    const notifier = new RecordingNotifier();
    const nonce = nextNonce();

    await senderWith(
      clockAt(NOW),
      notifier,
    )(
      sqsEvent(
        sqsRecord(selfTestMessage(nonce)),
        sqsRecord(reminder(plan.planId, 2, '2030-03-06T18:00:00Z')),
      ),
    );

    expect(notifier.sent.map((m) => [m.kind, m.channel === 'sms' && m.to])).toEqual([
      ['reminder', plan.phone],
    ]);
    expect(await recordOf(nonce, 'sender')).toBeDefined();
  });
});

describe('inbound: the self-test message (DynamoDB Local)', () => {
  it('is recorded under its nonce, answers nothing', async () => {
    const notifier = new RecordingNotifier();
    const nonce = nextNonce();
    const before = (await table.scanAll()).length;

    await inboundWith(clockAt(NOW), notifier)(inboundSelfTest(inboundSelfTestPayload(nonce), 'sns-st-1'));

    expect(notifier.sent).toEqual([]);
    expect(await recordOf(nonce, 'inbound')).toMatchObject({
      type: 'self-test',
      recordedAt: new Date(NOW).toISOString(),
      expiresAt: Date.parse(NOW) / 1000 + SELF_TEST_RECORD_SECONDS,
    });
    expect((await table.scanAll()).length).toBe(before + 1);
  });

  it('redelivered, writes nothing more and answers nothing', async () => {
    const notifier = new RecordingNotifier();
    const nonce = nextNonce();
    const clock = clockAt(NOW);
    const handler = inboundWith(clock, notifier);
    await handler(inboundSelfTest(inboundSelfTestPayload(nonce), 'sns-st-2'));
    const first = await recordOf(nonce, 'inbound');
    const items = (await table.scanAll()).length;

    clock.advance(60_000);
    await handler(inboundSelfTest(inboundSelfTestPayload(nonce), 'sns-st-2'));

    expect(await recordOf(nonce, 'inbound')).toEqual(first);
    expect((await table.scanAll()).length).toBe(items);
    expect(notifier.sent).toEqual([]);
  });

  it("is never read as a patient's text: marked, from a patient's number, STOP does nothing", async () => {
    const plan = await activePlan(table, { now: new Date('2030-03-05T12:00:00Z') });
    const notifier = new RecordingNotifier();
    const nonce = nextNonce();
    const patientItems = async () =>
      (await table.scanAll()).filter((item) => !String(item.pk).startsWith('SELFTEST#'));
    const before = await patientItems();
    const marked = {
      ...twoWayPayload(plan.phone, 'STOP', `in-${nonce}`),
      [INBOUND_SELF_TEST_FIELD]: { nonce },
    };

    await inboundWith(clockAt(NOW), notifier)(inboundSelfTest(marked, 'sns-st-3'));

    expect(notifier.sent).toEqual([]);
    expect(await patientItems()).toEqual(before);
    expect(await recordOf(nonce, 'inbound')).toBeDefined();
  });

  it('drops a marked message with a bad nonce: nothing written, nothing answered', async () => {
    const notifier = new RecordingNotifier();
    const before = (await table.scanAll()).length;
    const payload = { ...inboundSelfTestPayload(nextNonce()), [INBOUND_SELF_TEST_FIELD]: { nonce: 'x' } };

    await inboundWith(clockAt(NOW), notifier)(inboundSelfTest(payload, 'sns-st-4'));

    expect((await table.scanAll()).length).toBe(before);
    expect(notifier.sent).toEqual([]);
  });

  it("a patient's text that spells the marker is an ordinary text: answered, no self-test record", async () => {
    const plan = await activePlan(table, { now: new Date('2030-03-05T12:00:00Z') });
    const notifier = new RecordingNotifier();
    const nonce = nextNonce();
    const body = JSON.stringify({ [INBOUND_SELF_TEST_FIELD]: { nonce } });

    await inboundWith(clockAt(NOW), notifier)(inboundSmsEvent(plan.phone, body, `in-${nonce}`, NOW));

    expect(notifier.sent).toEqual([
      // From the number the patient texted (End User Messaging's destinationNumber).
      { channel: 'sms', to: plan.phone, from: OUR_NUMBER, body: messageKeptText(APP), kind: 'reply' },
    ]);
    expect(await recordOf(nonce, 'inbound')).toBeUndefined();
  });
});
