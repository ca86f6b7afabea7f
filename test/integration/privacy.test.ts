import { DynamoSessionSlots } from '../../shared/adapters/dynamodb/session-slots.ts';
import { DeleteScheduleCommand } from '@aws-sdk/client-scheduler';
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInboundHandler } from '../../functions/inbound/handler.ts';
import { createScheduleSyncHandler } from '../../functions/schedule-sync/handler.ts';
import { createSendReminderHandler } from '../../functions/send-reminder/handler.ts';
import { createLogger } from '../../functions/wiring/logger.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoPlanRepository, epochSeconds } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-scheduler.ts';
import { hashPhone, maskPhone } from '../../shared/domain/security/privacy.ts';
import {
  erasedText,
  erasePromptText,
  erasureRefusedText,
  helpText,
} from '../../shared/domain/messaging/texts.ts';
import type { Log, PlanRepository } from '../../shared/ports.ts';
import { keys } from '../../shared/table.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { TEST_HASH_KEY } from '../support/fixtures.ts';
import { call, httpEvent } from '../support/http.ts';
import { inboundSmsEvent, snsRecord } from '../support/inbound.ts';
import {
  assessmentBody,
  createTestIntake,
  GENEROUS_LIMITS,
  RecordingNotifier,
  TestClock,
  testConfig,
  type TestIntake,
} from '../support/intake.ts';
import { reminder, sqsEvent, sqsRecord } from '../support/reminders.ts';
import { fakeScheduler, SCHEDULER_OPTIONS } from '../support/scheduler.ts';
import { useStream } from '../support/streams.ts';
import { asFunction, recordAwsCalls } from '../../local/aws-calls.ts';

/**
 * Privacy, proven on the real handlers and DynamoDB Local: no phone number in any log line of a
 * whole patient journey; erasure on the patient's DELETE / DELETE <code> removes every item of the
 * patient and their schedules and nothing of anyone else; TTL as docs/SECURITY.md documents it.
 */
const table = useTestTable();
const stream = useStream(table);
const scheduler = fakeScheduler();
const sns = mockClient(SNSClient);
afterAll(() => {
  sns.restore();
  scheduler.mock.restore();
  stream.close();
});
let published = 0;
/** The next this many texts are throttled by SNS. */
let throttleNext = 0;
beforeEach(() => {
  sns.reset();
  scheduler.reset();
  throttleNext = 0;
  sns.on(PublishCommand).callsFake(async () => {
    if (throttleNext > 0) {
      throttleNext--;
      throw new ThrottledException({ message: 'Rate exceeded', $metadata: {} });
    }
    return { MessageId: `sns-${++published}` };
  });
  sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
});

const APP = 'Rehab reminders';
const FORM = 'https://form.example/';
// 07:00 in New York on 2030-03-05 (EST): the plan starts that day; sessions 08:00, 13:00, 19:00
// are 13:00Z, 18:00Z and 00:00Z. Future-dated: DynamoDB Local's TTL deletes items dated in the past.
const START = new Date('2030-03-05T12:00:00Z');

const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const LIMITS_ANSWERING_ALL = {
  ...testConfig().limits,
  repliesPerPhonePerHour: 100,
  repliesPerPhonePerDay: 1000,
};
const intakeAt = (clock: TestClock, log?: Log, notifier = new RecordingNotifier()) =>
  createTestIntake(table, {
    clock,
    notifier,
    ...(log ? { log } : {}),
    config: testConfig({ limits: GENEROUS_LIMITS, formUrl: FORM }),
  });
const inbound = (now: () => Date, log?: Log, overrides: { repo?: PlanRepository } = {}) =>
  asFunction(
    'inbound',
    createInboundHandler({
      repo: overrides.repo ?? repo(),
      events: new DynamoPatientEventStore(table.db, table.tableName),
      limiter: new DynamoRateLimiter(table.db, table.tableName),
      notifier: new SnsSmsNotifier(recordAwsCalls(new SNSClient({}))),
      hashKey: TEST_HASH_KEY,
      // Answer limits are inbound.test.ts's subject: here every text may be answered.
      config: { appName: APP, formUrl: FORM, retentionDays: 30, limits: LIMITS_ANSWERING_ALL },
      clock: { now },
      ...(log ? { log } : {}),
    }),
  );
const scheduleSync = (now: Date, log?: Log) =>
  asFunction(
    'schedule-sync',
    createScheduleSyncHandler({
      slots: new DynamoSessionSlots(table.db, table.tableName),
      scheduler: new EventBridgeReminderScheduler(scheduler.client, SCHEDULER_OPTIONS),
      clock: { now: () => now },
      ...(log ? { log } : {}),
    }),
  );
const sender = (now: () => Date, log?: Log) =>
  asFunction(
    'send-reminder',
    createSendReminderHandler({
      ledger: new DynamoReminderLedger(table.db, table.tableName),
      notifier: new SnsSmsNotifier(recordAwsCalls(new SNSClient({})), { checkOptOut: true }),
      config: { appName: APP, lateAfterMinutes: 60, formUrl: FORM },
      clock: { now },
      ...(log ? { log } : {}),
    }),
  );

let texts = 0;
/** A text from `from`, arriving at `at` (a repeat of the same text: pass the same id). */
const sms = (from: string, body: string, at: Date, id = `in-${++texts}`) =>
  inboundSmsEvent(from, body, id, at.toISOString());
/** The code of the newest erasure prompt to `phone` ("reply DELETE 4821 within 15 minutes"). */
const erasureCodeTo = (phone: string) => {
  const prompt = [...textsTo(phone)].reverse().find((t) => /reply DELETE \d{4} /.test(t ?? ''));
  return /DELETE (\d{4})/.exec(prompt ?? '')?.[1] ?? 'none';
};
const textsTo = (phone: string) =>
  sns
    .commandCalls(PublishCommand)
    .map((c) => c.args[0].input)
    .filter((i) => i.PhoneNumber === phone)
    .map((i) => i.Message);

/** An assessment and its code, through the intake: the plan id. */
async function verifiedPlan(intake: TestIntake, phone: string): Promise<string> {
  const made = await call(
    intake.handler,
    httpEvent('POST', '/assessments', { body: assessmentBody({ phone }) }),
  );
  expect(made.status).toBe(201);
  const planId = (made.body as { planId: string }).planId;
  const e164 = `+${phone.replace(/\D/g, '')}`;
  const code = intake.notifier.codeFor(e164);
  const verified = await call(
    intake.handler,
    httpEvent('POST', '/verifications', { body: { planId, code } }),
  );
  expect(verified.status).toBe(200);
  return planId;
}

/** Every way a US number may be written: E.164 with and without +, national with spaces, dashes, brackets, dots. */
function anyFormOf(e164: string): RegExp {
  const national = e164.slice(-10);
  return new RegExp(national.split('').join('[\\s().+-]*'));
}

describe('no phone number in any log line', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('the pattern finds a number written in every usual form', () => {
    const pattern = anyFormOf('+14155550187');
    for (const form of [
      '+14155550187',
      '14155550187',
      '4155550187',
      '(415) 555-0187',
      '415-555-0187',
      '415 555 0187',
      '415.555.0187',
      '+1 415 555 0187',
      '+1-415-555-0187',
      '1 (415) 555-0187',
      'to=+14155550187,',
    ]) {
      expect(form).toMatch(pattern);
    }
    expect(maskPhone('+14155550187')).not.toMatch(pattern);
  });

  it('a whole journey (intake, verification, schedules, reminders, replies, opt-out, erasure) through the real handlers and the Powertools logger', async () => {
    const phone = '+14155550187';
    // Everything the process writes: Powertools' JSON lines, console output, and what the Lambda
    // runtime would print for an error a handler throws.
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        out.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' '));
      });
    }
    const lambda = async (run: () => Promise<unknown>) => {
      try {
        return await run();
      } catch (error) {
        const e = error as Error;
        out.push(
          JSON.stringify({ errorType: e.name, errorMessage: e.message, stackTrace: e.stack?.split('\n') }),
        );
        return undefined;
      }
    };
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'DEBUG');
    const logs = {
      intake: createLogger('intake'),
      sync: createLogger('schedule-sync'),
      sender: createLogger('send-reminder'),
      inbound: createLogger('inbound'),
    };

    // Intake: the number typed the way people type it, a wrong code, a new code, the right one.
    const clock = new TestClock(START);
    const intake = intakeAt(clock, logs.intake);
    const body = assessmentBody({ phone: '+1 (415) 555-0187' });
    const made = await call(intake.handler, httpEvent('POST', '/assessments', { body }));
    expect(made.status).toBe(201);
    const planId = (made.body as { planId: string }).planId;
    const verify = (code: string) =>
      call(intake.handler, httpEvent('POST', '/verifications', { body: { planId, code } }));
    const right = intake.notifier.codeFor(phone);
    expect((await verify(right === '000000' ? '000001' : '000000')).status).toBe(400);
    clock.advance(61_000);
    expect(
      (await call(intake.handler, httpEvent('POST', '/verifications/resend', { body: { planId } }))).status,
    ).toBe(200);
    expect((await verify(intake.notifier.codeFor(phone))).status).toBe(200);
    // An unexpected failure whose message carries the number in three forms.
    const broken = new RecordingNotifier();
    broken.failWith = new Error(`SNS refused +14155550187 (415) 555-0187 and 4155550187`);
    const failing = intakeAt(new TestClock(START), logs.intake, broken);
    expect(
      (await call(failing.handler, httpEvent('POST', '/assessments', { body: assessmentBody({ phone }) })))
        .status,
    ).toBe(500);

    // Schedules from the stream.
    await lambda(async () =>
      scheduleSync(START, logs.sync)(stream.event(await stream.recordsOf(`PLAN#${planId}`))),
    );
    expect(scheduler.schedules.size).toBe(3);

    // Reminders: one throttled then sent, one sent, one late, one not a reminder, one for no plan.
    throttleNext = 1;
    const at = (iso: string) => () => new Date(iso);
    const slot1 = sqsEvent(sqsRecord(reminder(planId, 1, '2030-03-05T13:00:00Z'), 'r-1'));
    await lambda(() => sender(at('2030-03-05T13:00:20Z'), logs.sender)(slot1));
    await lambda(() => sender(at('2030-03-05T13:03:20Z'), logs.sender)(slot1));
    await lambda(() =>
      sender(
        at('2030-03-05T18:00:20Z'),
        logs.sender,
      )(sqsEvent(sqsRecord(reminder(planId, 2, '2030-03-05T18:00:00Z')))),
    );
    await lambda(() =>
      sender(
        at('2030-03-06T02:30:00Z'),
        logs.sender,
      )(sqsEvent(sqsRecord(reminder(planId, 3, '2030-03-06T00:00:00Z')))),
    );
    await lambda(() =>
      sender(at('2030-03-05T18:00:20Z'), logs.sender)(sqsEvent(sqsRecord('{"phone":"+14155550187"}'))),
    );
    await lambda(() =>
      sender(
        at('2030-03-05T18:00:20Z'),
        logs.sender,
      )(sqsEvent(sqsRecord(reminder('gone', 2, '2030-03-05T18:00:00Z')))),
    );
    expect(textsTo(phone).filter((m) => m?.includes('session'))).toHaveLength(3); // one throttled, two sent

    // Replies: DONE, HELP, PAIN, a high PAIN, RESUME, nonsense, an answer throttled (the runtime
    // logs the error), a stranger, a payload that is not a text, STOP, then erasure.
    let minute = 0;
    const now = () => new Date(Date.parse('2030-03-05T19:00:00Z') + minute * 60_000);
    const reply = async (text: string, from = phone) => {
      minute++;
      await lambda(() => inbound(now, logs.inbound)(sms(from, text, now())));
    };
    for (const text of ['DONE', 'help', 'PAIN 3', 'pain 9', 'RESUME', 'what is this?']) await reply(text);
    throttleNext = 1;
    const throttledReply = sms(phone, 'HELP', now(), 'in-throttled');
    await lambda(() => inbound(now, logs.inbound)(throttledReply));
    await lambda(() => inbound(now, logs.inbound)(throttledReply));
    await reply('HELP', '+14155550999');
    await lambda(() =>
      inbound(
        now,
        logs.inbound,
      )({ Records: [snsRecord(JSON.stringify({ originationNumber: phone, body: 'STOP' }))] }),
    );
    await reply('STOP');
    await reply('DELETE');
    await reply(`DELETE ${erasureCodeTo(phone)}`);
    expect(await repo().getPlan(planId)).toBeUndefined();
    await lambda(async () =>
      scheduleSync(START, logs.sync)(stream.event(await stream.recordsOf(`PLAN#${planId}`))),
    );
    expect(scheduler.schedules.size).toBe(0);

    const text = out.join('\n');
    // The capture saw each function's structured lines (so an empty capture cannot pass).
    for (const line of [
      'plan pending verification',
      'wrong verification code',
      'verification code sent again',
      'plan verified and active',
      'unhandled error',
      'schedules put',
      'send throttled: retry later',
      'not a reminder message: dropped',
      'no such plan: dropped',
      'inbound text',
      'text from an unknown number: ignored',
      'not a two-way SMS payload: ignored',
      'patient erased on request',
      'schedules deleted',
      '"errorType":"NotifierThrottledError"',
    ]) {
      expect(text, `the capture holds "${line}"`).toContain(line);
    }
    for (const service of ['intake', 'schedule-sync', 'send-reminder', 'inbound']) {
      expect(text).toContain(`"service":"${service}"`);
    }
    expect(text).toContain(`"phone":"${maskPhone(phone)}"`); // numbers are there, masked
    for (const number of [phone, '+14155550999']) expect(text).not.toMatch(anyFormOf(number));
  });
});

describe('erasure: DELETE, then DELETE and the code of the answer', () => {
  /** A patient with a replaced plan, an active one, a pending one, replies and a sent reminder. */
  async function patientWithHistory(phone: string) {
    const clock = new TestClock(START);
    const intake = intakeAt(clock);
    const older = await verifiedPlan(intake, phone);
    const active = await verifiedPlan(intake, phone);
    const pending = await call(
      intake.handler,
      httpEvent('POST', '/assessments', { body: assessmentBody({ phone }) }),
    );
    const pendingId = (pending.body as { planId: string }).planId;
    const at = new Date('2030-03-05T19:00:00Z');
    for (const [i, text] of ['DONE', 'PAIN 4', 'HELP'].entries()) {
      await inbound(() => at)(sms(phone, text, new Date(at.getTime() + i)));
    }
    await sender(() => new Date('2030-03-05T18:00:30Z'))(
      sqsEvent(sqsRecord(reminder(active, 2, '2030-03-05T18:00:00Z'))),
    );
    return { phoneHash: hashPhone(phone, TEST_HASH_KEY), planIds: [older, active, pendingId], active };
  }
  const itemsWith = async (needle: string) =>
    (await table.scanAll()).filter((item) => JSON.stringify(item).includes(needle));

  it("erases every item of the patient, deletes the active plan's schedules, keeps everyone else's, and answers twice", async () => {
    const phone = '+14155550123';
    const mine = await patientWithHistory(phone);
    const theirs = await patientWithHistory('+14155550124');
    for (const planId of [mine.active, theirs.active]) {
      await scheduleSync(START)(stream.event(await stream.recordsOf(`PLAN#${planId}`)));
    }
    expect(scheduler.schedules.size).toBe(6);
    const othersBefore = (await itemsWith(theirs.phoneHash)).length;
    const isCounter = (i: Record<string, unknown>) => String(i.pk).startsWith('LIMIT#');
    // Profile, three plans, the plan pages of the two activated ones, two events (DONE, PAIN),
    // three answered-text markers.
    expect((await itemsWith(mine.phoneHash)).filter((i) => !isCounter(i))).toHaveLength(11);

    const at = new Date('2030-03-05T20:00:00Z');
    await inbound(() => at)(sms(phone, 'delete', at));
    expect((await repo().getPatient(mine.phoneHash))?.erasureRequestedAt).toBe(at.toISOString());
    const confirmAt = new Date(at.getTime() + 5 * 60_000);
    const code = erasureCodeTo(phone);
    const confirm = sms(phone, `DELETE ${code}`, confirmAt, 'in-confirm');
    await inbound(() => confirmAt)(confirm);
    expect(textsTo(phone).slice(-2)).toEqual([erasePromptText(APP, code), erasedText(APP)]);

    // Nothing of the patient is left but the abuse counters under the phone's keyed hash, which
    // hold a count only and expire with their window (docs/SECURITY.md).
    const left = await itemsWith(mine.phoneHash);
    expect([...new Set(left.map((i) => String(i.pk).split('#').slice(0, 2).join('#')))].sort()).toEqual([
      'LIMIT#assessments-phone-day',
      'LIMIT#codes-phone-day',
      'LIMIT#codes-phone-day-12h',
      'LIMIT#codes-phone-hour',
      'LIMIT#erasure-tries-phone-day',
      'LIMIT#replies-phone-day',
      'LIMIT#replies-phone-hour',
    ]);
    for (const counter of left)
      expect(counter.expiresAt).toBeLessThanOrEqual(epochSeconds(START) + 25 * 3600);
    for (const planId of mine.planIds) expect(await itemsWith(planId)).toEqual([]);
    expect(await itemsWith(phone.slice(2))).toEqual([]);
    // The answer's claim survives as a bare marker: no phone, no hash, no plan.
    expect(await itemsWith('in-confirm')).toEqual([
      {
        ...keys.inboundReply('in-confirm'),
        type: 'inbound-reply',
        at: confirmAt.toISOString(),
        expiresAt: expect.any(Number),
      },
    ]);
    expect((await itemsWith(theirs.phoneHash)).length).toBe(othersBefore);

    // Schedule-sync, on the stream's REMOVE records, deletes the active plan's three schedules only.
    scheduler.mock.resetHistory();
    for (const planId of mine.planIds) {
      const records = await stream.recordsOf(`PLAN#${planId}`);
      expect(records.at(-1)?.eventName).toBe('REMOVE');
      expect(await scheduleSync(START)(stream.event(records.slice(-1)))).toEqual({ batchItemFailures: [] });
    }
    expect(scheduler.calls(DeleteScheduleCommand)).toEqual(
      [1, 2, 3].map((slot) => ({
        Name: `reminder-${mine.active}-${slot}`,
        GroupName: SCHEDULER_OPTIONS.groupName,
      })),
    );
    expect([...scheduler.schedules.keys()].every((k) => k.includes(theirs.active))).toBe(true);
    expect(scheduler.schedules.size).toBe(3);

    // Afterwards: a reminder still in the queue and a repeat of the confirmation change nothing.
    const before = await table.scanAll();
    await sender(() => new Date('2030-03-06T00:00:30Z'))(
      sqsEvent(sqsRecord(reminder(mine.active, 3, '2030-03-06T00:00:00Z'))),
    );
    await inbound(() => confirmAt)(confirm);
    expect(await table.scanAll()).toEqual(before);
    expect(textsTo(phone).slice(-1)).toEqual([erasedText(APP)]);
    expect(textsTo(phone).filter((t) => t === erasedText(APP))).toHaveLength(1);
  });

  it('an erasure cut short finishes on the repeat of its text, even after the 15 minutes, texting once', async () => {
    const phone = '+14155550126';
    const { phoneHash, active } = await patientWithHistory(phone);
    const at = new Date('2030-03-05T20:00:00Z');
    await inbound(() => at)(sms(phone, 'DELETE', at));
    const code = erasureCodeTo(phone);
    // The erasure fails after the answer went out (DynamoDB down): Lambda retries the same text.
    const failing: PlanRepository = Object.assign(Object.create(repo()) as PlanRepository, {
      erasePatient: () => Promise.reject(new Error('DynamoDB unavailable')),
    });
    const confirm = sms(phone, `DELETE ${code}`, new Date(at.getTime() + 60_000));
    await expect(
      inbound(() => new Date(at.getTime() + 60_000), undefined, { repo: failing })(confirm),
    ).rejects.toThrow(/unavailable/);
    expect(await repo().getPatient(phoneHash)).toBeDefined();
    // The retry comes after the window: the accepted confirmation still finishes, without a second text.
    const sent = textsTo(phone).length;
    await inbound(() => new Date(at.getTime() + 30 * 60_000))(confirm);
    expect(await repo().getPatient(phoneHash)).toBeUndefined();
    expect(await repo().getPlan(active)).toBeUndefined();
    expect(textsTo(phone).length).toBe(sent);
    expect(textsTo(phone).slice(-1)).toEqual([erasedText(APP)]);
  });

  it('DELETE YES or a wrong code erases nothing; the code of the answer erases within 15 minutes, not after', async () => {
    const phone = '+14155550125';
    const { phoneHash, active } = await patientWithHistory(phone);
    const at = new Date('2030-03-05T20:00:00Z');
    const text = (body: string, when: Date) => inbound(() => when)(sms(phone, body, when));
    const untouched = async () => {
      expect(await repo().getPlan(active)).toMatchObject({ status: 'active' });
      expect(await repo().getPatient(phoneHash)).toBeDefined();
    };

    // DELETE then DELETE YES (the old confirmation, which a spoofer can send blind): only requests;
    // each answer, with its code, goes to the phone.
    await text('DELETE', new Date(at.getTime() - 30_000));
    await text('DELETE YES', at);
    await untouched();
    const code = erasureCodeTo(phone);
    expect(code).toMatch(/^\d{4}$/);
    expect(textsTo(phone).slice(-1)).toEqual([erasePromptText(APP, code)]);
    const stored = await repo().getPatient(phoneHash);
    expect(stored).toMatchObject({ erasureRequestedAt: at.toISOString() });
    expect(JSON.stringify(stored)).not.toContain(code); // the code is stored hashed only
    await untouched();

    // A wrong code, then DELETE YES again without the code: nothing erased.
    const wrong = String((Number(code) + 1) % 10_000).padStart(4, '0');
    await text(`DELETE ${wrong}`, new Date(at.getTime() + 60_000));
    expect(textsTo(phone).slice(-1)).toEqual([erasureRefusedText(APP)]);
    await untouched();

    // The right code after the 15 minutes: nothing erased.
    await text(`DELETE ${code}`, new Date(at.getTime() + 15 * 60_000 + 1000));
    expect(textsTo(phone).slice(-1)).toEqual([erasureRefusedText(APP)]);
    await untouched();

    // A new DELETE gives a new code; the old one no longer confirms, the new one does in time.
    const again = new Date(at.getTime() + 20 * 60_000);
    await text('delete', again);
    const fresh = erasureCodeTo(phone);
    if (fresh !== code) {
      await text(`DELETE ${code}`, new Date(again.getTime() + 1000));
      await untouched();
    }
    await text(`delete ${fresh}`, new Date(again.getTime() + 14 * 60_000));
    expect(await repo().getPatient(phoneHash)).toBeUndefined();
    expect(await repo().getPlan(active)).toBeUndefined();
    expect(textsTo(phone).slice(-1)).toEqual([erasedText(APP)]);
    // HELP names the command.
    expect(helpText(APP)).toContain('DELETE to erase');
  });

  it('blind guesses at the code: at most erasureCodeTriesPerPhonePerDay (3) are compared, even at once', async () => {
    const phone = '+14155550127';
    const { phoneHash } = await patientWithHistory(phone);
    const at = new Date('2030-03-05T20:00:00Z');
    await inbound(() => at)(sms(phone, 'DELETE', at));
    const code = erasureCodeTo(phone);
    // Every other code at once, the right one last among them: it never gets compared.
    const guesses = Array.from({ length: 40 }, (_, i) =>
      String((Number(code) + 1 + i) % 10_000).padStart(4, '0'),
    );
    await Promise.all(guesses.map((guess) => inbound(() => at)(sms(phone, `DELETE ${guess}`, at))));
    await inbound(() => at)(sms(phone, `DELETE ${code}`, at));
    expect(await repo().getPatient(phoneHash)).toBeDefined();
    const counter = (await table.scanAll()).find((i) =>
      String(i.pk).startsWith(`LIMIT#erasure-tries-phone-day#${phoneHash}`),
    );
    expect(counter?.count).toBe(3);
  });

  it('an erasure cut short after the confirmation is finished by the repeat of the message, with no second text', async () => {
    const phone = '+14155550126';
    const { phoneHash } = await patientWithHistory(phone);
    const at = new Date('2030-03-05T20:00:00Z');
    await inbound(() => at)(sms(phone, 'DELETE', at));
    const code = erasureCodeTo(phone);
    let failures = 1;
    const flaky: PlanRepository = Object.assign(Object.create(repo()) as PlanRepository, {
      erasePatient: async (hash: string) => {
        if (failures-- > 0) throw new Error('DynamoDB unavailable');
        return repo().erasePatient(hash);
      },
    });
    const confirm = sms(phone, `DELETE ${code}`, at, 'in-cut-short');
    await expect(inbound(() => at, undefined, { repo: flaky })(confirm)).rejects.toThrow(
      'DynamoDB unavailable',
    );
    expect(await repo().getPatient(phoneHash)).toBeDefined();
    await inbound(() => at, undefined, { repo: flaky })(confirm);
    expect(await repo().getPatient(phoneHash)).toBeUndefined();
    expect(textsTo(phone).filter((t) => t === erasedText(APP))).toHaveLength(1);
  });
});

describe('an assessment nobody verifies', () => {
  it("writes no patient profile: a stranger's submission leaves an existing profile as it was, and a number that never verified is unknown to replies", async () => {
    const clock = new TestClock(START);
    const intake = intakeAt(clock);
    const submit = (phone: string) =>
      call(intake.handler, httpEvent('POST', '/assessments', { body: assessmentBody({ phone }) }));

    // A number that was never verified: its plan waits, and nothing of a patient exists.
    const stranger = '+14155550141';
    expect((await submit(stranger)).status).toBe(201);
    const strangerHash = hashPhone(stranger, TEST_HASH_KEY);
    const items = await table.scanAll();
    expect(items.filter((i) => i.pk === keys.patient(strangerHash).pk)).toEqual([]);
    expect(items.filter((i) => i.gsi1pk === keys.patientIndex(strangerHash)).map((i) => i.type)).toEqual([
      'plan',
    ]);
    const at = new Date('2030-03-05T13:00:00Z');
    for (const body of ['HELP', 'DONE', 'DELETE']) await inbound(() => at)(sms(stranger, body, at));
    expect(textsTo(stranger)).toEqual([]);
    expect((await table.scanAll()).length).toBe(items.length);

    // A verified patient's number submitted by someone else a day later: the profile is unchanged.
    const patient = '+14155550142';
    await verifiedPlan(intake, patient);
    const profileKey = keys.patient(hashPhone(patient, TEST_HASH_KEY));
    const profile = async () => (await table.scanAll()).find((i) => i.pk === profileKey.pk);
    const before = await profile();
    expect(before).toMatchObject({ consent: { acceptedAt: START.toISOString() } });
    clock.advance(86_400_000);
    expect((await submit(patient)).status).toBe(201);
    expect(await profile()).toEqual(before);
  });
});

describe('retention by TTL (expiresAt, epoch seconds)', () => {
  const DAY = 86_400;

  it('a pending plan lasts 2 days (and no profile is written for it); once verified, the patient, plan and replies last retentionDays after the plan ends', async () => {
    const phone = '+14155550131';
    const clock = new TestClock(START);
    const intake = intakeAt(clock);
    const made = await call(
      intake.handler,
      httpEvent('POST', '/assessments', { body: assessmentBody({ phone }) }),
    );
    const planId = (made.body as { planId: string }).planId;
    const phoneHash = hashPhone(phone, TEST_HASH_KEY);
    const item = async (key: { pk: string; sk: string }) =>
      (await table.scanAll()).find((i) => i.pk === key.pk && i.sk === key.sk)!;
    const created = epochSeconds(START);
    expect((await item(keys.plan(planId))).expiresAt).toBe(created + 2 * DAY);
    expect(await item(keys.patient(phoneHash))).toBeUndefined(); // no profile before the code

    const code = intake.notifier.codeFor(phone);
    await call(intake.handler, httpEvent('POST', '/verifications', { body: { planId, code } }));
    const plan = (await repo().getPlan(planId))!;
    const kept = epochSeconds(plan.plan.endsAt) + 30 * DAY; // retentionDays: 30 (the default)
    expect(plan.plan.endsAt).toBe('2030-03-19T04:00:00.000Z'); // 14 days, New York
    expect((await item(keys.plan(planId))).expiresAt).toBe(kept);
    expect((await item(keys.patient(phoneHash))).expiresAt).toBe(kept);

    const at = new Date('2030-03-05T19:00:00Z');
    await inbound(() => at)(sms(phone, 'DONE', at, 'in-ttl-done'));
    const event = (await table.scanAll()).find(
      (i) => String(i.sk).startsWith('EVENT#') && i.planId === planId,
    )!;
    expect(event.expiresAt).toBe(kept);
    expect((await item(keys.inboundReply('in-ttl-done'))).expiresAt).toBe(epochSeconds(at) + 7 * DAY);
    const counters = (await table.scanAll()).filter(
      (i) => String(i.pk).includes(phoneHash) && String(i.pk).startsWith('LIMIT#'),
    );
    expect(counters.length).toBe(6); // assessments, codes (hour, two days), answers (hour, day)
    for (const counter of counters) {
      // Each counter lives until its window (from its sort key, the window's start) ends, + 1 hour.
      const size = /-day(-12h)?#/.test(String(counter.pk)) ? DAY : 3600;
      const windowEnd = epochSeconds(String(counter.sk)) + size;
      expect(counter.expiresAt).toBe(windowEnd + 3600);
    }
  });

  it("the plan page's Done and pain check-in last as long as the plan's data, the page opens its summary until then, and erasure removes them", async () => {
    const phone = '+14155550134';
    const clock = new TestClock(START);
    const intake = intakeAt(clock);
    const made = await call(
      intake.handler,
      httpEvent('POST', '/assessments', { body: assessmentBody({ phone }) }),
    );
    const planId = (made.body as { planId: string }).planId;
    const verified = await call(
      intake.handler,
      httpEvent('POST', '/verifications', { body: { planId, code: intake.notifier.codeFor(phone) } }),
    );
    const page = (verified.body as { planPage: string }).planPage;
    clock.advance(2 * 3_600_000); // 09:00 in New York: session 1
    expect((await call(intake.handler, httpEvent('POST', `${page}/done`))).status).toBe(200);
    const pain = await call(intake.handler, httpEvent('POST', `${page}/pain`, { body: { pain: 9 } }));
    expect(pain.body).toMatchObject({ seekCare: true });

    const plan = (await repo().getPlan(planId))!;
    const kept = epochSeconds(plan.plan.endsAt) + 30 * DAY;
    const mine = (await table.scanAll()).filter((i) => i.pk === keys.plan(planId).pk || i.planId === planId);
    // The plan, its page and the two events of the page, each with the plan's TTL.
    expect(mine.map((i) => String(i.sk).replace(/#.*$/, '#')).sort()).toEqual([
      'EVENT#',
      'EVENT#',
      'PAGE',
      'PLAN',
    ]);
    for (const item of mine) expect(item.expiresAt, String(item.sk)).toBe(kept);
    // After the plan ends the page still opens (its summary) until the TTL.
    clock.advance(20 * DAY * 1000);
    expect((await call(intake.handler, httpEvent('GET', page))).text).toContain('How you did');

    const at = new Date('2030-03-06T15:00:00Z');
    await inbound(() => at)(sms(phone, 'DELETE', at));
    await inbound(() => at)(sms(phone, `DELETE ${erasureCodeTo(phone)}`, at));
    const left = (await table.scanAll()).filter((i) => JSON.stringify(i).includes(planId));
    expect(left).toEqual([]);
    expect((await call(intake.handler, httpEvent('GET', page))).status).toBe(404);
  });

  it('the retention follows the retentionDays setting, and a replaced plan keeps its own', async () => {
    const phone = '+14155550132';
    const intake = createTestIntake(table, {
      clock: new TestClock(START),
      config: testConfig({ limits: GENEROUS_LIMITS, retentionDays: 7, planLengthDays: 3 }),
    });
    const first = await verifiedPlan(intake, phone);
    const second = await verifiedPlan(intake, phone);
    for (const planId of [first, second]) {
      const plan = (await repo().getPlan(planId))!;
      expect(plan.plan.endsAt).toBe('2030-03-08T05:00:00.000Z'); // 3 days, New York
      const stored = (await table.scanAll()).find((i) => i.pk === keys.plan(planId).pk)!;
      expect(stored.expiresAt).toBe(epochSeconds(plan.plan.endsAt) + 7 * DAY);
    }
    expect((await repo().getPlan(first))?.status).toBe('replaced');
  });

  it('a patient removed by TTL while a new plan waits for its code: the right code still activates it, making the patient again', async () => {
    const phone = '+14155550133';
    const intake = intakeAt(new TestClock(START));
    const made = await call(
      intake.handler,
      httpEvent('POST', '/assessments', { body: assessmentBody({ phone }) }),
    );
    const planId = (made.body as { planId: string }).planId;
    const phoneHash = hashPhone(phone, TEST_HASH_KEY);
    await table.db.send(new DeleteCommand({ TableName: table.tableName, Key: keys.patient(phoneHash) }));

    const code = intake.notifier.codeFor(phone);
    const res = await call(intake.handler, httpEvent('POST', '/verifications', { body: { planId, code } }));
    expect(res.status).toBe(200);
    const plan = (await repo().getPlan(planId))!;
    expect(await repo().getPatient(phoneHash)).toMatchObject({
      phoneHash,
      phone,
      country: 'US',
      currentPlanId: planId,
      optedOut: false,
      consent: plan.consent,
    });
    const profile = (await table.scanAll()).find((i) => i.pk === keys.patient(phoneHash).pk)!;
    expect(profile).toMatchObject({
      type: 'patient',
      gsi1pk: keys.patientIndex(phoneHash),
      gsi1sk: 'PROFILE',
      expiresAt: epochSeconds(plan.plan.endsAt) + 30 * DAY,
    });
  });
});
