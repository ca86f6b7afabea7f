import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInboundHandler } from '../../functions/inbound/handler.ts';
import { createSendReminderHandler } from '../../functions/send-reminder/handler.ts';
import { createMetrics, flushingMetrics } from '../../functions/wiring/metrics.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { METRIC, METRICS_NAMESPACE, type MetricName } from '../../shared/metrics.ts';
import { NotifierThrottledError, RecipientUnreachableError } from '../../shared/domain/model.ts';
import { type Notifier } from '../../shared/ports.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { nextPhone, planRecord, TEST_HASH_KEY } from '../support/fixtures.ts';
import { call, httpEvent } from '../support/http.ts';
import { inboundSmsEvent } from '../support/inbound.ts';
import { reminder, sqsEvent, sqsRecord } from '../support/reminders.ts';
import { assessmentBody, createTestIntake } from '../support/intake.ts';
import { asFunction } from '../../local/aws-calls.ts';
import { activePlan } from '../support/reminders.ts';

const table = useTestTable();
// 07:00 in New York; the plan's sessions are 08:00, 13:00, 19:00 local. Future-dated for TTL.
const MADE_AT = new Date('2031-03-04T12:00:00Z');
const SLOT1 = '2031-03-05T13:00:00.000Z';

function recordingMetrics() {
  const counts: Partial<Record<MetricName, number>> = {};
  return { counts, count: (name: MetricName, value = 1) => (counts[name] = (counts[name] ?? 0) + value) };
}

const sqs = (planId: string, scheduledTime: string) =>
  sqsEvent(sqsRecord(reminder(planId, 1, scheduledTime)));

const activePlanId = async () => (await activePlan(table, { now: MADE_AT })).planId;

function senderWith(notifier: Notifier, now: string) {
  const metrics = recordingMetrics();
  const handler = asFunction(
    'send-reminder',
    createSendReminderHandler({
      ledger: new DynamoReminderLedger(table.db, table.tableName),
      notifier,
      config: { appName: 'Rehab reminders', lateAfterMinutes: 60 },
      clock: { now: () => new Date(now) },
      metrics,
    }),
  );
  return { handler, counts: metrics.counts };
}

describe('business metrics of the sender', () => {
  it('counts a sent reminder', async () => {
    const { handler, counts } = senderWith({ send: async () => ({ messageId: 'x' }) }, SLOT1);
    await handler(sqs(await activePlanId(), SLOT1));
    expect(counts).toEqual({ [METRIC.remindersSent]: 1 });
  });

  it('counts a skipped (late) reminder', async () => {
    const { handler, counts } = senderWith(
      { send: async () => ({ messageId: 'x' }) },
      '2031-03-05T15:00:00Z',
    );
    await handler(sqs(await activePlanId(), SLOT1));
    expect(counts).toEqual({ [METRIC.remindersSkipped]: 1 });
  });

  it('counts a throttled text, which goes back to the queue', async () => {
    const throttled = { send: async () => Promise.reject(new NotifierThrottledError('slow down')) };
    const { handler, counts } = senderWith(throttled, SLOT1);
    const result = await handler(sqs(await activePlanId(), SLOT1));
    expect(result.batchItemFailures).toHaveLength(1);
    expect(counts).toEqual({ [METRIC.textsThrottled]: 1 });
  });

  it('counts a permanent failure', async () => {
    const gone = {
      send: async () => Promise.reject(new RecipientUnreachableError('no', 'invalid-endpoint')),
    };
    const { handler, counts } = senderWith(gone, SLOT1);
    await handler(sqs(await activePlanId(), SLOT1));
    expect(counts).toEqual({ [METRIC.remindersFailed]: 1 });
  });
});

describe('business metrics of the intake', () => {
  it('counts assessments (with or without a plan), codes sent and plans activated', async () => {
    const metrics = recordingMetrics();
    const intake = createTestIntake(table, { metrics });
    const body = assessmentBody();
    const made = await call(intake.handler, httpEvent('POST', '/assessments', { body }));
    expect(made.status).toBe(201);
    const advice = await call(
      intake.handler,
      httpEvent('POST', '/assessments', { body: assessmentBody({ redFlags: ['fever'] }) }),
    );
    expect((advice.body as { plan: unknown }).plan).toBeNull();
    expect(counts()).toEqual({ [METRIC.assessments]: 2, [METRIC.codesSent]: 1 });
    const planId = (made.body as { planId: string }).planId;
    const code = intake.notifier.codeFor(body.phone as string);
    expect(
      (await call(intake.handler, httpEvent('POST', '/verifications', { body: { planId, code } }))).status,
    ).toBe(200);
    expect(counts()).toEqual({ [METRIC.assessments]: 2, [METRIC.codesSent]: 1, [METRIC.plansActivated]: 1 });

    function counts() {
      return { ...metrics.counts };
    }
  });
});

describe('business metrics of inbound', () => {
  it('counts a patient who opts out once, whatever the keyword and however often the text comes', async () => {
    const metrics = recordingMetrics();
    const sent: unknown[] = [];
    const handler = asFunction(
      'inbound',
      createInboundHandler({
        repo: new DynamoPlanRepository(table.db, table.tableName),
        events: new DynamoPatientEventStore(table.db, table.tableName),
        limiter: new DynamoRateLimiter(table.db, table.tableName),
        notifier: { send: async (m) => (sent.push(m), { messageId: 'reply' }) },
        hashKey: TEST_HASH_KEY,
        config: { appName: 'Rehab reminders', retentionDays: 30 },
        clock: { now: () => new Date('2031-03-05T19:00:00Z') },
        metrics,
      }),
    );
    const repo = new DynamoPlanRepository(table.db, table.tableName);
    const [first, second] = [planRecord({ now: MADE_AT }), planRecord({ now: MADE_AT })];
    for (const record of [first!, second!]) {
      await repo.createPendingPlan(record, 30);
      await repo.activatePlan(record.planId, MADE_AT, 30);
    }
    const text = (from: string, body: string, id: string) =>
      inboundSmsEvent(from, body, id, '2031-03-05T19:00:00.000Z');

    await handler(text(first!.phone, 'HELP', 'm-help'));
    expect(metrics.counts).toEqual({});
    await handler(text(first!.phone, 'STOP', 'm-stop'));
    expect(metrics.counts).toEqual({ [METRIC.optOuts]: 1 });
    await handler(text(first!.phone, 'STOP', 'm-stop')); // SNS delivers it again
    await handler(text(first!.phone, 'unsubscribe', 'm-stop-2')); // and the patient insists
    await handler(text(nextPhone(), 'STOP', 'm-stranger')); // not a patient
    expect(metrics.counts).toEqual({ [METRIC.optOuts]: 1 });
    await handler(text(second!.phone, ' Arret ', 'm-arret'));
    expect(metrics.counts).toEqual({ [METRIC.optOuts]: 2 });
    expect(sent).toHaveLength(1); // only the HELP answer: AWS confirms opt-outs itself
  });
});

describe('Powertools metrics adapter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one EMF line per invocation with the counts, in the stack dashboard namespace, and none when empty', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const metrics = createMetrics('send-reminder');
    const handler = flushingMetrics(metrics, async (n: number) => {
      if (n > 0) metrics.count(METRIC.remindersSent, n);
      return n;
    });
    expect(await handler(2)).toBe(2);
    await handler(0);
    const emf = lines.filter((l) => l.includes('_aws')).map((l) => JSON.parse(l));
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ service: 'send-reminder', RemindersSent: 2 });
    expect(emf[0]._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [['service']],
      Metrics: [{ Name: 'RemindersSent', Unit: 'Count' }],
    });
  });
});
