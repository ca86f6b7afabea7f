import type { CloudWatchLogsEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createDeliveryStatusHandler } from '../../functions/delivery-status/handler.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { DynamoSelfTestRecorder } from '../../shared/adapters/dynamodb/self-test-records.ts';
import { US_SIMULATOR_DESTINATION } from '../../shared/domain/ops/self-test.ts';
import { keys } from '../../shared/table.ts';
import { deliveryKey } from '../../shared/domain/scheduling/reminders.ts';
import { smsDeliveryLogGroups } from '../../shared/domain/messaging/sms-delivery.ts';
import type { MetricName } from '../../shared/metrics.ts';
import type { Log } from '../../shared/ports.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { nextPhone, TEST_HASH_KEY } from '../support/fixtures.ts';
import { activePlan as activePlanIn, deliveriesOf } from '../support/reminders.ts';
import { asFunction } from '../../local/aws-calls.ts';
import { cloudWatchLogsEvent } from '../../local/delivery-reports.ts';

const table = useTestTable();
// Future-dated: DynamoDB Local deletes items whose TTL has passed.
const MADE_AT = new Date('2030-03-05T12:00:00Z');
const SENT_AT = new Date('2030-03-06T18:00:05Z');
const KEY = deliveryKey(new Date('2030-03-06T18:00:00Z'));
const GROUPS = smsDeliveryLogGroups('us-east-1', '123456789012');

const ledger = () => new DynamoReminderLedger(table.db, table.tableName);
const repo = () => new DynamoPlanRepository(table.db, table.tableName);

function recorder(lines: string[] = [], counted: MetricName[] = []) {
  const at =
    (level: string) =>
    (message: string, ...extra: Record<string, unknown>[]) =>
      lines.push(JSON.stringify({ level, message, extra }));
  const log: Log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return asFunction(
    'delivery-status',
    createDeliveryStatusHandler({
      patients: repo(),
      deliveries: ledger(),
      hashKey: TEST_HASH_KEY,
      clock: { now: () => new Date('2030-03-06T18:01:00Z') },
      log,
      metrics: { count: (name) => counted.push(name) },
      // As deployed (functions/delivery-status/index.ts).
      selfTests: new DynamoSelfTestRecorder(table.db, table.tableName),
    }),
  );
}

/** What CloudWatch Logs hands a subscribed function (local/delivery-reports.ts builds the same for npm start). */
function logsEvent(
  messages: unknown[],
  logGroup = GROUPS.success,
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE' = 'DATA_MESSAGE',
): CloudWatchLogsEvent {
  return cloudWatchLogsEvent(
    logGroup,
    messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))),
    SENT_AT,
    messageType,
  );
}

/** A status line as SNS writes it (docs: "Viewing Amazon CloudWatch metrics and logs for SMS"). */
function statusLine(
  messageId: string,
  destination: string,
  status: 'SUCCESS' | 'FAILURE',
  providerResponse: string,
) {
  return {
    notification: { messageId, timestamp: '2030-03-06 18:00:06.558' },
    delivery: {
      phoneCarrier: 'My Phone Carrier',
      mnc: 270,
      destination,
      priceInUSD: 0.00581,
      smsType: 'Transactional',
      mcc: 310,
      providerResponse,
      dwellTimeMs: 599,
      dwellTimeMsUntilDeviceAck: 1344,
    },
    status,
  };
}

/** An active plan whose 18:00 reminder went out as SNS message `messageId`. */
async function sentReminder(messageId: string) {
  const plan = await activePlanIn(table, { now: MADE_AT });
  const l = ledger();
  await l.claim(plan.planId, KEY, {
    token: `t-${messageId}`,
    at: SENT_AT,
    leaseUntil: new Date(SENT_AT.getTime() + 60_000),
    slot: 2,
  });
  await l.settle({
    planId: plan.planId,
    key: KEY,
    token: `t-${messageId}`,
    entry: { state: 'sent', at: SENT_AT.toISOString(), slot: 2, messageId },
  });
  return plan;
}

describe("delivery status: SNS's SMS delivery status log onto the reminder's record (DynamoDB Local)", () => {
  it("a delivered text is recorded on its reminder with the carrier's answer and price; a repeat writes the same", async () => {
    const plan = await sentReminder('sns-delivered');
    const counted: MetricName[] = [];
    const lines: string[] = [];
    const event = logsEvent([
      statusLine('sns-delivered', plan.phone, 'SUCCESS', 'Message has been accepted by phone carrier'),
    ]);
    await recorder(lines, counted)(event);
    const expected = {
      state: 'sent',
      messageId: 'sns-delivered',
      outcome: 'delivered',
      outcomeAt: '2030-03-06T18:00:06.558Z',
      providerResponse: 'Message has been accepted by phone carrier',
      priceUsd: 0.00581,
    };
    expect((await deliveriesOf(table, plan.planId))[KEY]).toMatchObject(expected);
    await recorder(lines, counted)(event);
    expect((await deliveriesOf(table, plan.planId))[KEY]).toMatchObject(expected);
    expect(counted).toEqual(['TextsDelivered', 'TextsDelivered']);
    // The status line names the number; the service's own log never does.
    expect(lines.join('\n')).not.toContain(plan.phone);
    expect(lines.join('\n')).not.toContain(plan.phone.slice(-7));
  });

  it("failures are told apart by the carrier's words: blocked, or failed", async () => {
    const blocked = await sentReminder('sns-blocked');
    const failed = await sentReminder('sns-failed');
    await recorder()(
      logsEvent(
        [
          statusLine('sns-blocked', blocked.phone, 'FAILURE', 'Phone carrier has blocked this message'),
          statusLine('sns-failed', failed.phone, 'FAILURE', 'Phone is currently unreachable/unavailable'),
        ],
        GROUPS.failure,
      ),
    );
    expect((await deliveriesOf(table, blocked.planId))[KEY]).toMatchObject({ outcome: 'blocked' });
    expect((await deliveriesOf(table, failed.planId))[KEY]).toMatchObject({
      outcome: 'failed',
      providerResponse: 'Phone is currently unreachable/unavailable',
    });
    // The plan keeps running: one undelivered text is not a patient who cannot be reached.
    expect((await repo().getPlan(failed.planId))?.status).toBe('active');
  });

  it('a number the carrier reports opted out: the patient is marked and the plan stops, as on the send path', async () => {
    const plan = await sentReminder('sns-opted-out');
    await recorder()(
      logsEvent(
        [statusLine('sns-opted-out', plan.phone, 'FAILURE', 'Phone number is opted out')],
        GROUPS.failure,
      ),
    );
    expect((await deliveriesOf(table, plan.planId))[KEY]).toMatchObject({ outcome: 'opted-out' });
    expect(await repo().getPatient(plan.phoneHash)).toMatchObject({ optedOut: true });
    expect(await repo().getPlan(plan.planId)).toMatchObject({ status: 'stopped', statusReason: 'opted-out' });
  });

  it('texts that are no reminder (a code, an answer) and unknown numbers write nothing', async () => {
    const plan = await sentReminder('sns-reminder');
    const before = await table.scanAll();
    const counted: MetricName[] = [];
    await recorder(
      [],
      counted,
    )(
      logsEvent([
        statusLine('sns-code', plan.phone, 'SUCCESS', 'Message has been accepted by phone carrier'),
        statusLine('sns-x', nextPhone(), 'SUCCESS', 'Message has been accepted by phone carrier'),
      ]),
    );
    expect(await table.scanAll()).toEqual(before);
    expect(counted).toEqual(['TextsDelivered', 'TextsDelivered']);
  });

  it('a line that arrives before the sender settled its claim fails the invocation; the retry records it', async () => {
    const plan = await activePlanIn(table, { now: MADE_AT });
    const l = ledger();
    const claim = { token: 't-race', at: SENT_AT, leaseUntil: new Date(SENT_AT.getTime() + 60_000), slot: 2 };
    await l.claim(plan.planId, KEY, claim);
    const event = logsEvent([
      statusLine('sns-race', plan.phone, 'SUCCESS', 'Message has been accepted by phone carrier'),
    ]);
    await expect(recorder()(event)).rejects.toThrow(/not settled yet/);
    await l.settle({
      planId: plan.planId,
      key: KEY,
      token: 't-race',
      entry: { state: 'sent', at: SENT_AT.toISOString(), slot: 2, messageId: 'sns-race' },
    });
    await recorder()(event);
    expect((await deliveriesOf(table, plan.planId))[KEY]).toMatchObject({ outcome: 'delivered' });
  });

  it('a claim whose lease ran out (a sender that died) does not hold the line back: counted, nothing written', async () => {
    const plan = await activePlanIn(table, { now: MADE_AT });
    // Claimed at 17:00, leased a minute: long over at the recorder's 18:01.
    const at = new Date('2030-03-06T17:00:00Z');
    await ledger().claim(plan.planId, KEY, {
      token: 't-dead',
      at,
      leaseUntil: new Date(at.getTime() + 60_000),
      slot: 2,
    });
    const before = await table.scanAll();
    const counted: MetricName[] = [];
    await recorder(
      [],
      counted,
    )(
      logsEvent([
        statusLine('sns-lost', plan.phone, 'SUCCESS', 'Message has been accepted by phone carrier'),
      ]),
    );
    expect(counted).toEqual(['TextsDelivered']);
    expect(await table.scanAll()).toEqual(before);
  });

  it("CloudWatch Logs' control message and lines that are not status lines are ignored", async () => {
    const before = await table.scanAll();
    const lines: string[] = [];
    await recorder(lines)(
      logsEvent(['CWL CONTROL MESSAGE: Checking health of destination'], GROUPS.success, 'CONTROL_MESSAGE'),
    );
    await recorder(lines)(logsEvent(['not json', { notification: {} }, { status: 'SUCCESS' }]));
    expect(await table.scanAll()).toEqual(before);
    expect(lines.filter((l) => l.includes('not an SMS delivery status line'))).toHaveLength(3);
  });

  it("the status line of a text to AWS's simulator destination (npm run ops:selftest's) is recorded under the text's id, once, with its outcome; no patient is read, nothing counted", async () => {
    const before = await table.scanAll();
    const counted: MetricName[] = [];
    const lines: string[] = [];
    const ID = '3f1c0d2e-9a8b-4c7d-8e6f-5a4b3c2d1e0f';
    const FAILED_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const handler = recorder(lines, counted);
    const event = logsEvent([
      statusLine(
        ID,
        US_SIMULATOR_DESTINATION.success,
        'SUCCESS',
        'Message has been accepted by phone carrier',
      ),
    ]);
    await handler(event);
    await handler(event); // CloudWatch Logs may hand the same lines again: one record.
    await handler(
      logsEvent(
        [
          statusLine(
            FAILED_ID,
            US_SIMULATOR_DESTINATION.failure,
            'FAILURE',
            'Unknown error attempting to reach phone',
          ),
        ],
        GROUPS.failure,
      ),
    );

    const after = await table.scanAll();
    const added = after.filter((item) => !before.some((b) => b.pk === item.pk && b.sk === item.sk));
    expect(added).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ...keys.selfTest(ID, 'delivery-status'),
          type: 'self-test',
          outcome: 'delivered',
        }),
        expect.objectContaining({
          ...keys.selfTest(FAILED_ID, 'delivery-status'),
          type: 'self-test',
          outcome: 'failed',
        }),
      ]),
    );
    expect(added).toHaveLength(2);
    expect(counted).toEqual([]);
    expect(lines.filter((l) => l.includes('self-test text delivery status'))).toHaveLength(3);
  });
});
