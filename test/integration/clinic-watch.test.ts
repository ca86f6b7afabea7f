/**
 * clinic-watch on its own: each cause raises its alert once and emails it once, also when a
 * delivery dies between storing the alert and the email; and the two functions' AWS requests at the
 * SDK boundary (the alert email to the topic, the console's resend as a text), recorded for the
 * IAM proof.
 */
import { intakeStores } from '../../shared/adapters/dynamodb/intake-stores.ts';
import {
  DescribeOptedOutNumbersCommand,
  PinpointSMSVoiceV2Client,
  ResourceNotFoundException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createClinicWatchHandler } from '../../functions/clinic-watch/handler.ts';
import { createClinicWatch } from '../../functions/clinic-watch/service.ts';
import { createConsoleHandler } from '../../functions/console/handler.ts';
import { IntakeService } from '../../functions/intake/service.ts';
import { asFunction, recordAwsCalls } from '../../local/aws-calls.ts';
import {
  DynamoAuditLog,
  DynamoClinicAlertStore,
  DynamoClinicDirectory,
} from '../../shared/adapters/dynamodb/clinic.ts';
import { DynamoPlanRepository, epochSeconds } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { SnsClinicMailer } from '../../shared/adapters/notifiers/sns-email.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import { EumOptOutList } from '../../shared/adapters/sms-voice/opt-out-list.ts';
import { keys } from '../../shared/table.ts';
import type { ClinicMailer } from '../../shared/ports.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { planRecord, TEST_HASH_KEY } from '../support/fixtures.ts';
import { call, httpEvent } from '../support/http.ts';
import { GENEROUS_LIMITS, testConfig } from '../support/intake.ts';

const table = useTestTable();
const sns = mockClient(SNSClient);
const eum = mockClient(PinpointSMSVoiceV2Client);
afterAll(() => {
  sns.restore();
  eum.restore();
});
beforeEach(() => {
  sns.reset();
  eum.reset();
});
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:clinic-alerts';
const config = testConfig({ clinic: { consoleUrl: 'https://api.example.com/console/' } });

class FlakyMailer implements ClinicMailer {
  readonly sent: { subject: string; body: string }[] = [];
  failures = 0;
  async send(subject: string, body: string) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SNS timed out');
    }
    this.sent.push({ subject, body });
  }
}

async function activePatient() {
  const repo = new DynamoPlanRepository(table.db, table.tableName);
  const record = planRecord();
  await repo.createPendingPlan(record, 30);
  await repo.activatePlan(record.planId, new Date(), 30);
  return (await repo.getPlan(record.planId))!;
}

function painEvent(plan: { planId: string; phoneHash: string }, pain: number) {
  return {
    type: 'pain' as const,
    at: new Date().toISOString(),
    localDate: '2027-01-05',
    slot: 2,
    pain,
    planId: plan.planId,
    phoneHash: plan.phoneHash,
    expiresAt: epochSeconds(new Date()) + 86_400,
  };
}

describe('each cause raises one alert and one email', () => {
  it('a redelivered event raises nothing new and sends no second email', async () => {
    const mailer = new FlakyMailer();
    const watch = createClinicWatch({
      directory: new DynamoClinicDirectory(table.db, table.tableName),
      alerts: new DynamoClinicAlertStore(table.db, table.tableName),
      audit: new DynamoAuditLog(table.db, table.tableName),
      hashKey: TEST_HASH_KEY,
      mailer,
      config,
    });
    const plan = await activePatient();
    await watch.planActivated(plan);
    const event = painEvent(plan, 9);
    expect(await watch.eventRecorded(event)).toBe(1);
    expect(await watch.eventRecorded(event)).toBe(0);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.body).toContain('https://api.example.com/console/alerts');
  });

  it('a delivery that dies after storing the alert: the retry emails it, once', async () => {
    const mailer = new FlakyMailer();
    const alerts = new DynamoClinicAlertStore(table.db, table.tableName);
    const watch = createClinicWatch({
      directory: new DynamoClinicDirectory(table.db, table.tableName),
      alerts,
      audit: new DynamoAuditLog(table.db, table.tableName),
      hashKey: TEST_HASH_KEY,
      mailer,
      config,
    });
    const plan = await activePatient();
    const event = painEvent(plan, 8);
    mailer.failures = 1;
    // Not on the roster yet: the event enrols the patient (activated before the console existed).
    await expect(watch.eventRecorded(event)).rejects.toThrow('SNS timed out');
    const stored = (await alerts.list()).filter((a) => a.planId === plan.planId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.emailedAt).toBeUndefined();
    await watch.eventRecorded(event);
    await watch.eventRecorded(event);
    expect(mailer.sent).toHaveLength(1);
    expect((await alerts.get(stored[0]!.alertId))!.emailedAt).toBeDefined();
  });
});

describe('alert episodes (found by a review: 30 red-flag texts made 30 alerts and 30 emails)', () => {
  const watchWith = (mailer: FlakyMailer) => ({
    alerts: new DynamoClinicAlertStore(table.db, table.tableName),
    watch: createClinicWatch({
      directory: new DynamoClinicDirectory(table.db, table.tableName),
      alerts: new DynamoClinicAlertStore(table.db, table.tableName),
      audit: new DynamoAuditLog(table.db, table.tableName),
      hashKey: TEST_HASH_KEY,
      mailer,
      config,
    }),
  });
  const redFlagText = (plan: { planId: string; phoneHash: string }, i: number) => ({
    type: 'alert' as const,
    at: new Date(Date.UTC(2027, 0, 5, 12, 0, i)).toISOString(),
    localDate: '2027-01-05',
    slot: 2,
    text: `my legs went numb ${i}`,
    planId: plan.planId,
    phoneHash: plan.phoneHash,
    expiresAt: epochSeconds(new Date()) + 86_400,
  });

  it('30 red-flag texts: one open alert counting 30, one email; redeliveries count nothing', async () => {
    const mailer = new FlakyMailer();
    const { watch, alerts } = watchWith(mailer);
    const plan = await activePatient();
    await watch.planActivated(plan);
    let raised = 0;
    for (let i = 0; i < 30; i++) raised += await watch.eventRecorded(redFlagText(plan, i));
    // The stream redelivers a few (the same messages): counted once.
    for (const i of [3, 17, 29]) raised += await watch.eventRecorded(redFlagText(plan, i));
    expect(raised).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    const mine = (await alerts.list()).filter((a) => a.planId === plan.planId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'red-flag',
      tier: 'urgent',
      state: 'open',
      count: 30,
      at: redFlagText(plan, 0).at,
      lastAt: redFlagText(plan, 29).at,
      detail: { text: 'my legs went numb 29' },
    });
  });

  it('a new kind and a higher tier each get their email; after a clinician acknowledges, the next cause opens a new alert', async () => {
    const mailer = new FlakyMailer();
    const { watch, alerts } = watchWith(mailer);
    const plan = await activePatient();
    await watch.planActivated(plan);
    const pain = (score: number, second: number) => ({
      ...painEvent(plan, score),
      at: new Date(Date.UTC(2027, 0, 5, 13, 0, second)).toISOString(),
    });
    expect(await watch.eventRecorded(pain(7, 1))).toBe(1);
    expect(await watch.eventRecorded(pain(7, 2))).toBe(0);
    expect(mailer.sent).toHaveLength(1);
    // 9: the rule says to see a clinician: a higher tier, the same alert raised to it and emailed.
    expect(await watch.eventRecorded(pain(9, 3))).toBe(1);
    expect(mailer.sent).toHaveLength(2);
    expect(await watch.eventRecorded(pain(7, 4))).toBe(0);
    // Another kind is its own alert and email.
    expect(await watch.eventRecorded(redFlagText(plan, 5))).toBe(1);
    expect(mailer.sent).toHaveLength(3);
    const mine = () => alerts.list().then((list) => list.filter((a) => a.planId === plan.planId));
    const painHigh = (await mine()).find((a) => a.kind === 'pain-high')!;
    expect(painHigh).toMatchObject({ count: 4, tier: 'soon', emailedTier: 'soon', detail: { pain: 7 } });

    expect(await alerts.acknowledge(painHigh.alertId, 'dr.lee', new Date())).toBe(true);
    expect(await watch.eventRecorded(pain(8, 6))).toBe(1);
    expect(mailer.sent).toHaveLength(4);
    expect((await mine()).filter((a) => a.kind === 'pain-high').map((a) => [a.state, a.count])).toEqual(
      expect.arrayContaining([
        ['acknowledged', 4],
        ['open', 1],
      ]),
    );
  });
});

describe('"patient says misread" on the red-flag alert', () => {
  /** A plan event's stream record, as patient-events.ts writes the item. */
  function eventRecord(
    plan: { planId: string; phoneHash: string },
    type: string,
    at: string,
    text: string,
    seq: string,
  ) {
    const item = {
      ...keys.planEvent(plan.planId, at, type as never),
      gsi1pk: keys.patientIndex(plan.phoneHash),
      gsi1sk: `EVENT#${at}`,
      type: 'event',
      eventType: type,
      planId: plan.planId,
      at,
      localDate: '2027-01-05',
      slot: 2,
      text,
      inboundMessageId: `m-${seq}`,
      expiresAt: epochSeconds(new Date()) + 86_400,
    };
    return {
      eventID: seq,
      eventName: 'INSERT' as const,
      dynamodb: {
        SequenceNumber: seq,
        NewImage: marshall(item) as never,
        Keys: marshall(keys.planEvent(plan.planId, at, type as never)) as never,
      },
    };
  }

  it("MISTAKE marks the plan's red-flag alert, never closing or deleting it; a repeat marks nothing new", async () => {
    const alerts = new DynamoClinicAlertStore(table.db, table.tableName);
    const handler = createClinicWatchHandler({
      directory: new DynamoClinicDirectory(table.db, table.tableName),
      alerts,
      audit: new DynamoAuditLog(table.db, table.tableName),
      hashKey: TEST_HASH_KEY,
      mailer: new FlakyMailer(),
      config,
    });
    const plan = await activePatient();
    const flagged = new Date(Date.now() - 60_000).toISOString();
    const misread = new Date().toISOString();
    const stream = (records: ReturnType<typeof eventRecord>[]) =>
      handler({ Records: records } as DynamoDBStreamEvent);
    await stream([eventRecord(plan, 'alert', flagged, 'numb in my groin', '1')]);
    const [alert] = (await alerts.list()).filter((a) => a.planId === plan.planId);
    expect(alert).toMatchObject({ kind: 'red-flag', state: 'open' });
    expect(alert!.misreadAt).toBeUndefined();
    await stream([eventRecord(plan, 'misread', misread, 'MISTAKE', '2')]);
    await stream([eventRecord(plan, 'misread', misread, 'MISTAKE', '2')]); // redelivered
    const after = await alerts.get(alert!.alertId);
    expect(after).toMatchObject({ kind: 'red-flag', state: 'open', misreadAt: misread });
    // It raised no alert of its own.
    expect((await alerts.list()).filter((a) => a.planId === plan.planId)).toHaveLength(1);
  });

  it('an acknowledged alert is marked too, and stays acknowledged; a plan with no red-flag alert marks nothing', async () => {
    const alerts = new DynamoClinicAlertStore(table.db, table.tableName);
    const watch = createClinicWatch({
      directory: new DynamoClinicDirectory(table.db, table.tableName),
      alerts,
      audit: new DynamoAuditLog(table.db, table.tableName),
      hashKey: TEST_HASH_KEY,
      mailer: new FlakyMailer(),
      config,
    });
    const plan = await activePatient();
    const at = new Date(Date.now() - 60_000).toISOString();
    const event = { ...painEvent(plan, 3), type: 'alert' as const, at, text: 'I fell' };
    await watch.eventRecorded(event);
    const [alert] = (await alerts.list()).filter((a) => a.planId === plan.planId);
    await alerts.acknowledge(alert!.alertId, 'dr-who', new Date());
    expect(await watch.misread({ ...event, type: 'misread', at: new Date().toISOString() })).toBe(
      alert!.alertId,
    );
    expect(await alerts.get(alert!.alertId)).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'dr-who',
    });
    const other = await activePatient();
    expect(await watch.misread({ ...painEvent(other, 1), type: 'misread' })).toBeUndefined();
  });
});

describe('the functions at the SDK boundary (recorded for the IAM proof)', () => {
  it('clinic-watch publishes the alert email to its topic: a subject and a body, no patient detail', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const plan = await activePatient();
    const handler = asFunction(
      'clinic-watch',
      createClinicWatchHandler({
        directory: new DynamoClinicDirectory(table.db, table.tableName),
        alerts: new DynamoClinicAlertStore(table.db, table.tableName),
        audit: new DynamoAuditLog(table.db, table.tableName),
        hashKey: TEST_HASH_KEY,
        mailer: new SnsClinicMailer(recordAwsCalls(new SNSClient({})), TOPIC),
        config,
      }),
    );
    const event = painEvent(plan, 10);
    const item = {
      ...keys.planEvent(plan.planId, event.at, 'pain'),
      gsi1pk: keys.patientIndex(plan.phoneHash),
      gsi1sk: `EVENT#${event.at}`,
      type: 'event',
      eventType: 'pain',
      planId: plan.planId,
      at: event.at,
      localDate: event.localDate,
      slot: event.slot,
      pain: 10,
      inboundMessageId: 'm-9',
      expiresAt: event.expiresAt,
    };
    const stream: DynamoDBStreamEvent = {
      Records: [
        {
          eventID: '1',
          eventName: 'INSERT',
          dynamodb: {
            SequenceNumber: '100',
            NewImage: marshall(item) as never,
            Keys: marshall(keys.planEvent(plan.planId, event.at, 'pain')) as never,
          },
        },
      ],
    };
    expect(await handler(stream)).toEqual({ batchItemFailures: [] });
    const [publish] = sns.commandCalls(PublishCommand);
    expect(publish!.args[0].input).toEqual({
      TopicArn: TOPIC,
      Subject: expect.stringMatching(/^Rehab reminders: patient P-[0-9A-Z]{8} reported high pain$/),
      Message: expect.any(String),
    });
    expect(publish!.args[0].input.Message).not.toContain(plan.phone);
    // The sweep runs through the same handler (the hourly rule's event).
    expect(await handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' })).toMatchObject({
      swept: expect.any(Number),
    });
  });

  it("the console's resend sends the code as a text through SNS, with the intake's limits", async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-2' });
    eum.on(DescribeOptedOutNumbersCommand).rejects(
      new ResourceNotFoundException({
        message: 'not found',
        $metadata: {},
        ResourceType: 'opted-out-number',
        ResourceId: 'x',
      }),
    );
    const repo = new DynamoPlanRepository(table.db, table.tableName);
    const record = planRecord({
      verification: {
        codeHash: 'x',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
        attempts: 0,
        sends: 1,
        sentAt: new Date(Date.now() - 120_000).toISOString(),
      },
    });
    await repo.createPendingPlan(record, 30);
    const directory = new DynamoClinicDirectory(table.db, table.tableName);
    await directory.enrol(
      {
        patientId: 'P-ABCDEFGH',
        phoneHash: record.phoneHash,
        source: 'self',
        enrolledAt: new Date().toISOString(),
      },
      epochSeconds(new Date()) + 86_400,
    );
    const intakeConfig = testConfig({ limits: GENEROUS_LIMITS });
    const intake = new IntakeService({
      ...intakeStores(table.db, table.tableName),
      repo,
      notifier: new SnsSmsNotifier(recordAwsCalls(new SNSClient({})), { originationNumber: '+18885550123' }),
      // The stack's opt-out list: the resend asks it first (not listed here: AWS answers "not found").
      optOutList: new EumOptOutList(
        recordAwsCalls(new PinpointSMSVoiceV2Client({})),
        'arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/RehabOptOutList',
      ),
      config: intakeConfig,
      hashKey: TEST_HASH_KEY,
    });
    const handler = asFunction(
      'console',
      createConsoleHandler({
        config: intakeConfig,
        hashKey: TEST_HASH_KEY,
        directory,
        alerts: new DynamoClinicAlertStore(table.db, table.tableName),
        audit: new DynamoAuditLog(table.db, table.tableName),
        repo,
        resendCode: (planId, client) => intake.resend(planId, client),
        baseUrl: 'https://api.example.com/',
        auth: { authUrl: 'https://x.auth.us-east-1.amazoncognito.com', clientId: 'client' },
      }),
    );
    const event = httpEvent('POST', '/console/api/patients/P-ABCDEFGH/actions', {
      body: { action: 'resend-code' },
    });
    (event.requestContext as unknown as Record<string, unknown>).authorizer = {
      jwt: {
        claims: { sub: 's-1', username: 'dr.lee', token_use: 'access', 'cognito:groups': '[clinician]' },
        scopes: null,
      },
    };
    const answer = await call(handler, event);
    expect(answer.status, answer.text).toBe(200);
    const [publish] = sns.commandCalls(PublishCommand);
    expect(publish!.args[0].input).toMatchObject({
      PhoneNumber: record.phone,
      Message: expect.stringMatching(/\b\d{6}\b/),
    });
  });
});
