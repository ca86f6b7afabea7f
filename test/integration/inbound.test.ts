import { PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createInboundHandler } from '../../functions/inbound/handler.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoPlanRepository, retainedUntil } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import { OPT_OUT_KEYWORDS } from '../../shared/domain/messaging/replies.ts';
import { poolNumberFor } from '../../shared/domain/messaging/number-pool.ts';
import {
  doneText,
  helpPageUrl,
  helpText,
  messageKeptText,
  noActivePlanText,
  painLoggedText,
  pausedText,
  resumedText,
  seeClinicianFirstText,
  seekCareText,
  stopText,
} from '../../shared/domain/messaging/texts.ts';
import { composeAnswer, PARTS } from '../../shared/domain/messaging/answers.ts';
import { keys } from '../../shared/table.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { nextPhone, planRecord, TEST_HASH_KEY } from '../support/fixtures.ts';
import { inboundSmsEvent, OUR_NUMBER, useMockedSns, inboundOnTable } from '../support/inbound.ts';
import { asFunction, recordAwsCalls } from '../../local/aws-calls.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';
import { activePlan as activePlanIn } from '../support/reminders.ts';

const table = useTestTable();
const sns = useMockedSns('reply-1');

const APP = 'Rehab reminders';
const FORM = 'https://form.example/';
/** With no clinic contact set, HELP links the help page on the form's origin (a way to reach a person). */
const HELP_TEXT = helpText(APP, undefined, helpPageUrl(FORM));
// 14:00 in New York on 2030-03-06 (future-dated: DynamoDB Local deletes items whose TTL passed).
const NOW = new Date('2030-03-06T19:00:00Z');
const MADE_AT = new Date('2030-03-05T12:00:00Z');

const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const handler = (now = () => NOW, options: { helpAnsweredByChannel?: boolean } = {}) =>
  inboundOnTable(table, {
    ...options,
    config: { appName: APP, formUrl: FORM, retentionDays: 30 },
    clock: { now },
  });

let ids = 0;
/** What SNS hands the function for a text from `from`: End User Messaging's two-way payload inside. */
function inboundSms(from: string, body: string, inboundMessageId = `in-${++ids}`): SNSEvent {
  // Each text arrives at its own instant (a repeat of one carries the same).
  return inboundSmsEvent(from, body, inboundMessageId, new Date(NOW.getTime() + ++ids).toISOString());
}

const activePlan = () => activePlanIn(table, { now: MADE_AT });

const replies = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
const replyTo = (phone: string, text: string) => ({
  PhoneNumber: phone,
  Message: text,
  MessageAttributes: {
    'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: OUR_NUMBER },
  },
});

async function eventsOf(planId: string) {
  const { Items } = await table.db.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
      ExpressionAttributeValues: { ':pk': keys.plan(planId).pk, ':event': 'EVENT#' },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

describe('inbound two-way SMS (DynamoDB Local, SNS at the SDK boundary)', () => {
  it('texts from unknown numbers get nothing and write nothing', async () => {
    const before = (await table.scanAll()).length;
    for (const body of ['HELP', 'STOP', 'DONE', 'hello']) await handler()(inboundSms(nextPhone(), body));
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect((await table.scanAll()).length).toBe(before);
  });

  it('HELP, in any case and with spaces, answers with the help text', async () => {
    const plan = await activePlan();
    for (const body of ['HELP', ' help ', 'Help.']) await handler()(inboundSms(plan.phone, body));
    expect(replies()).toEqual([0, 1, 2].map(() => replyTo(plan.phone, HELP_TEXT)));
  });

  it('HELP gets one answer: none from here when the number answers HELP itself (End User Messaging)', async () => {
    const plan = await activePlan();
    const channelAnswers = handler(() => NOW, { helpAnsweredByChannel: true });
    await channelAnswers(inboundSms(plan.phone, 'HELP'));
    await channelAnswers(inboundSms(plan.phone, ' help '));
    expect(replies()).toEqual([]);
    // A way of asking the number does not match as its keyword gets the help text from here.
    await channelAnswers(inboundSms(plan.phone, 'help me'));
    expect(replies()).toEqual([replyTo(plan.phone, HELP_TEXT)]);
    sns.resetHistory();
    // A word the number does not know gets the short question back from here.
    await channelAnswers(inboundSms(plan.phone, 'hello'));
    expect(replies()).toEqual([replyTo(plan.phone, composeAnswer(APP, [PARTS.question('meaning')]))]);
  });

  it('words for the clinic are kept and answered once in 6 hours, not with HELP each time', async () => {
    const plan = await activePlan();
    for (const body of [
      'my back feels much better this week',
      'can I do them in bed?',
      'The pictures are too small on my phone',
    ])
      await handler()(inboundSms(plan.phone, body));
    expect(replies().map((r) => r.Message)).toEqual([messageKeptText(APP)]);
    expect((await repo().getPlan(plan.planId))?.status).toBe('active');
    const kept = await eventsOf(plan.planId);
    expect(kept.map((e) => [e.eventType, e.text])).toEqual([
      ['message', 'my back feels much better this week'],
      ['message', 'can I do them in bed?'],
      ['message', 'The pictures are too small on my phone'],
    ]);
    // Six hours on, one more short answer.
    await handler(() => new Date(NOW.getTime() + 6 * 3_600_000))(
      inboundSms(plan.phone, 'my neck is sore now too'),
    );
    expect(replies().map((r) => r.Message)).toEqual([messageKeptText(APP), messageKeptText(APP)]);
  });

  it('too little to tell: kept for the clinic, and one short question back (within the reply limits)', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'hello'));
    await handler()(inboundSms(plan.phone, 'PAIN 11'));
    expect(replies().map((r) => r.Message)).toEqual([
      composeAnswer(APP, [PARTS.question('meaning')]),
      composeAnswer(APP, [PARTS.question('pain-range')]),
    ]);
    expect((await eventsOf(plan.planId)).map((e) => [e.eventType, e.text])).toEqual([
      ['message', 'hello'],
      ['message', 'PAIN 11'],
    ]);
  });

  it('words that may mean a red flag: urgent advice, reminders paused, the words kept for the clinic', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'my legs went numb'));
    expect(replies().map((r) => r.Message)).toEqual([
      composeAnswer(APP, [PARTS.redFlag(['both-legs'], { optedOut: false })]),
    ]);
    expect(replies()[0]!.Message).toMatch(/you wrote about symptoms in both legs\. .*MISTAKE/);
    expect(await repo().getPlan(plan.planId)).toMatchObject({
      status: 'paused',
      statusReason: 'red-flag-reported',
    });
    expect((await eventsOf(plan.planId)).map((e) => [e.eventType, e.text])).toEqual([
      ['alert', 'my legs went numb'],
    ]);
  });

  it('the urgent advice always goes, even past the reply limit, and RESUME then waits for a clinician', async () => {
    const plan = await activePlan();
    for (let i = 0; i < 6; i++) await handler()(inboundSms(plan.phone, 'DONE'));
    expect(replies()).toHaveLength(5); // repliesPerPhonePerHour
    await handler()(inboundSms(plan.phone, 'my leg is getting weaker'));
    expect(replies().at(-1)?.Message).toBe(
      composeAnswer(APP, [PARTS.redFlag(['leg-weakness'], { optedOut: false })]),
    );
    await handler()(inboundSms(plan.phone, 'pain was 3, now 9'));
    expect(replies().at(-1)?.Message).toBe(seekCareText(APP));
    // A later pain of 8+ keeps the red flag's stronger reason (plan-lifecycle.ts painPause): it
    // must not turn a pause that waits for a clinician into one RESUME ends.
    expect(await repo().getPlan(plan.planId)).toMatchObject({
      status: 'paused',
      statusReason: 'red-flag-reported',
    });
    // RESUME is acted on but refused (past the reply limit it is not answered): still paused.
    await handler()(inboundSms(plan.phone, 'RESUME'));
    expect(await repo().getPlan(plan.planId)).toMatchObject({
      status: 'paused',
      statusReason: 'red-flag-reported',
    });
    // With answers to spare, the refusal says why.
    const flagged = await activePlan();
    await handler()(inboundSms(flagged.phone, 'numb around my bum'));
    await handler()(inboundSms(flagged.phone, 'PAIN 10'));
    const before = replies().length;
    await handler()(inboundSms(flagged.phone, 'RESUME'));
    expect(
      replies()
        .slice(before)
        .map((r) => r.Message),
    ).toEqual([seeClinicianFirstText(APP, FORM)]);
    expect(await repo().getPlan(flagged.planId)).toMatchObject({
      status: 'paused',
      statusReason: 'red-flag-reported',
    });
  });

  it('PAIN 8 or more on a plan the patient paused: still the advice, and the pause now says why', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'PAUSE'));
    await handler()(inboundSms(plan.phone, 'PAIN 8'));
    expect(replies().at(-1)?.Message).toBe(seekCareText(APP));
    expect(await repo().getPlan(plan.planId)).toMatchObject({
      status: 'paused',
      statusReason: 'pain-reported',
    });
  });

  it('a reaction to one of our texts (Liked “…”) is neither answered nor kept', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'Liked “Rehab reminders: session 1 of 3”'));
    expect(replies()).toEqual([]);
    expect(await eventsOf(plan.planId)).toEqual([]);
  });

  it('a number whose plan is not verified yet is not a patient: no answer, nothing written', async () => {
    const plan = planRecord({ now: MADE_AT });
    await repo().createPendingPlan(plan, 30);
    const before = await table.scanAll();
    await handler()(inboundSms(plan.phone, 'help'));
    await handler()(inboundSms(plan.phone, 'DONE'));
    expect(replies()).toEqual([]);
    expect(await table.scanAll()).toEqual(before);
  });

  it('a patient whose new plan is not verified yet (the last one ended) still gets help', async () => {
    const active = await activePlan();
    await repo().changeStatus(active.planId, transition({ kind: 'complete' }), NOW);
    await repo().createPendingPlan(planRecord({ now: MADE_AT, phone: active.phone }), 30);
    await handler()(inboundSms(active.phone, 'help'));
    await handler()(inboundSms(active.phone, 'PAUSE'));
    expect(replies().map((r) => r.Message)).toEqual([HELP_TEXT, noActivePlanText(APP, FORM)]);
  });

  it('DONE records the session once per message and thanks once, even when SNS repeats it', async () => {
    const plan = await activePlan();
    const message = inboundSms(plan.phone, '  done ', 'in-done-1');
    const at = message.Records[0]!.Sns.Timestamp;
    await handler()(message);
    await handler()(message);
    expect(replies()).toEqual([replyTo(plan.phone, doneText(APP))]);
    expect(await eventsOf(plan.planId)).toEqual([
      {
        ...keys.planEvent(plan.planId, at, 'done'),
        gsi1pk: keys.patientIndex(plan.phoneHash),
        gsi1sk: `EVENT#${at}`,
        type: 'event',
        eventType: 'done',
        planId: plan.planId,
        at,
        localDate: '2030-03-06',
        slot: 2, // 14:00 in New York: after the 13:00 session
        inboundMessageId: 'in-done-1',
        expiresAt: retainedUntil(plan, 30),
      },
    ]);
  });

  it('PAUSE and RESUME move the plan between paused and active (schedule-sync follows the stream)', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'Pause'));
    expect(await repo().getPlan(plan.planId)).toMatchObject({
      status: 'paused',
      statusReason: 'patient-paused',
    });
    await handler()(inboundSms(plan.phone, 'pause')); // already paused: same answer
    await handler()(inboundSms(plan.phone, ' RESUME '));
    const resumed = await repo().getPlan(plan.planId);
    expect(resumed?.status).toBe('active');
    expect(resumed?.statusReason).toBeUndefined();
    expect(replies().map((r) => r.Message)).toEqual([pausedText(APP), pausedText(APP), resumedText(APP)]);
  });

  it('PAUSE or RESUME with no plan running says so', async () => {
    const plan = await activePlan();
    await repo().changeStatus(plan.planId, transition({ kind: 'complete' }), NOW);
    await handler()(inboundSms(plan.phone, 'RESUME'));
    await handler()(inboundSms(plan.phone, 'PAUSE'));
    expect(replies().map((r) => r.Message)).toEqual([
      noActivePlanText(APP, FORM),
      noActivePlanText(APP, FORM),
    ]);
    expect((await repo().getPlan(plan.planId))?.status).toBe('completed');
  });

  it('PAIN n records the score and answers', async () => {
    const plan = await activePlan();
    const first = inboundSms(plan.phone, 'pain 4', 'in-p4');
    await handler()(first);
    await handler()(first);
    await handler()(inboundSms(plan.phone, 'Pain:2', 'in-p2'));
    expect(replies().map((r) => r.Message)).toEqual([painLoggedText(APP, 4), painLoggedText(APP, 2)]);
    const events = await eventsOf(plan.planId);
    expect(events.map((e) => [e.eventType, e.pain, e.inboundMessageId])).toEqual(
      expect.arrayContaining([
        ['pain', 4, 'in-p4'],
        ['pain', 2, 'in-p2'],
      ]),
    );
    expect(events).toHaveLength(2);
    expect((await repo().getPlan(plan.planId))?.status).toBe('active');
  });

  it('PAIN 8 or more: advice to seek care, and reminders pause', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'PAIN 9'));
    expect(replies()).toEqual([replyTo(plan.phone, seekCareText(APP))]);
    expect(await repo().getPlan(plan.planId)).toMatchObject({
      status: 'paused',
      statusReason: 'pain-reported',
    });
    expect((await eventsOf(plan.planId))[0]).toMatchObject({ eventType: 'pain', pain: 9 });
  });

  for (const keyword of OPT_OUT_KEYWORDS) {
    const variants = [keyword, `  ${keyword.toLowerCase()} `];
    it(`${keyword} (also as ${JSON.stringify(variants[1])}) opts out and stops the plan, and sends nothing`, async () => {
      for (const body of variants) {
        const plan = await activePlan();
        await handler()(inboundSms(plan.phone, body));
        expect(await repo().getPatient(plan.phoneHash)).toMatchObject({
          optedOut: true,
          optedOutAt: NOW.toISOString(),
        });
        expect(await repo().getPlan(plan.planId)).toMatchObject({
          status: 'stopped',
          statusReason: 'opted-out',
        });
      }
      expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    });
  }

  it('STOP from a paused plan stops it too; a repeat changes nothing', async () => {
    const plan = await activePlan();
    await repo().changeStatus(plan.planId, transition({ kind: 'patient-paused' }), NOW);
    const stop = inboundSms(plan.phone, 'Stop');
    await handler()(stop);
    await handler()(stop);
    expect(await repo().getPlan(plan.planId)).toMatchObject({ status: 'stopped', statusReason: 'opted-out' });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('a STOP AWS does not match ("Stop.", "STOP!") still opts out, and is confirmed from here, once per text', async () => {
    for (const body of ['Stop.', 'STOP!', 'stop!!']) {
      sns.resetHistory();
      const plan = await activePlan();
      const text = inboundSms(plan.phone, body);
      await handler()(text);
      await handler()(text); // SNS redelivers: no second confirmation
      expect(await repo().getPatient(plan.phoneHash)).toMatchObject({ optedOut: true });
      expect(await repo().getPlan(plan.planId)).toMatchObject({
        status: 'stopped',
        statusReason: 'opted-out',
      });
      expect(replies()).toEqual([replyTo(plan.phone, stopText(APP))]);
    }
  });

  it('an opt-out confirmation is owed even past the reply limits', async () => {
    const plan = await activePlan();
    for (let i = 0; i < 6; i++) await handler()(inboundSms(plan.phone, 'DONE'));
    expect(replies()).toHaveLength(5); // the hour's limit reached
    sns.resetHistory();
    await handler()(inboundSms(plan.phone, 'Stop.'));
    expect(replies()).toEqual([replyTo(plan.phone, stopText(APP))]);
  });

  it('with a pool of numbers, the answer goes from the number the patient texted', async () => {
    const plan = await activePlan();
    // A pool in which the patient's own number (rendezvous) is another one than the number texted.
    const other = ['+18005550177', '+18005550178', '+18005550179'].find(
      (n) => poolNumberFor(plan.phone, [OUR_NUMBER, n]) === n,
    )!;
    const pooled = asFunction(
      'inbound',
      createInboundHandler({
        repo: repo(),
        events: new DynamoPatientEventStore(table.db, table.tableName),
        limiter: new DynamoRateLimiter(table.db, table.tableName),
        notifier: new SnsSmsNotifier(recordAwsCalls(new SNSClient({})), {
          originationPool: [OUR_NUMBER, other],
        }),
        hashKey: TEST_HASH_KEY,
        config: { appName: APP, formUrl: FORM, retentionDays: 30 },
        clock: { now: () => NOW },
      }),
    );
    await pooled(inboundSms(plan.phone, 'DONE'));
    expect(replies()).toEqual([replyTo(plan.phone, doneText(APP))]); // from OUR_NUMBER, the one texted
  });

  it('when the answer cannot be sent, the repeat of the message answers (once)', async () => {
    const plan = await activePlan();
    sns.reset();
    sns
      .on(PublishCommand)
      .rejectsOnce(new ThrottledException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ MessageId: 'reply-2' });
    const message = inboundSms(plan.phone, 'DONE');
    await expect(handler()(message)).rejects.toThrow();
    await handler()(message);
    await handler()(message);
    expect(replies().map((r) => r.Message)).toEqual([doneText(APP), doneText(APP)]); // one failed, one sent
    expect(await eventsOf(plan.planId)).toHaveLength(1);
  });

  it('40 texts from one number: every one acted on, at most repliesPerPhonePerHour (5) answered an hour and repliesPerPhonePerDay (20) a day', async () => {
    const plan = await activePlan();
    let now = Date.parse('2030-03-07T01:00:00Z'); // early in a UTC day: the day's counter is one
    const text = (body: string) => {
      now += 60_000;
      return handler(() => new Date(now))(
        inboundSmsEvent(plan.phone, body, `flood-${now}`, new Date(now).toISOString()),
      );
    };
    for (let i = 0; i < 40; i++) await text('DONE');
    expect(replies()).toHaveLength(5);
    expect(await eventsOf(plan.planId)).toHaveLength(40); // recorded, just not answered

    // Each new hour answers again, until the day's 20 (16 more hours of 40 texts would be 80).
    for (let hour = 0; hour < 5; hour++) {
      now += 3600_000;
      for (let i = 0; i < 8; i++) await text('HELP');
    }
    expect(replies()).toHaveLength(20);
    expect(replies().every((r) => r.PhoneNumber === plan.phone)).toBe(true);
    // 40 texts, each read, answered or not, and recorded: 15 s in a full run (checks beside it: more).
  }, 90_000);

  it('ignores SNS messages that are not two-way SMS payloads', async () => {
    const event = inboundSms(nextPhone(), 'HELP');
    event.Records[0]!.Sns.Message = 'not json';
    await handler()(event);
    event.Records[0]!.Sns.Message = JSON.stringify({ hello: 'world' });
    await handler()(event);
    // A two-way payload from a patient, in a record without a valid SNS time: not from SNS.
    const plan = await activePlan();
    const unstamped = inboundSms(plan.phone, 'HELP');
    unstamped.Records[0]!.Sns.Timestamp = 'not a time';
    await handler()(unstamped);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});
