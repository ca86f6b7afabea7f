/**
 * Replies as people write them, through the inbound function on DynamoDB Local, with SNS and End
 * User Messaging's opt-out list at the SDK boundary (aws-sdk-client-mock, exact inputs): several
 * intents in one text, an opt-out in plain words (confirmed at once, then the number listed), START
 * (off the list first, the plan back as it was; AWS's 30-day refusal), MISTAKE after a misread red
 * flag, the urgent-answer cap, "who is this", and the errors of the list.
 */
import {
  ConflictException,
  DeleteOptedOutNumberCommand,
  PinpointSMSVoiceV2Client,
  PutOptedOutNumberCommand,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { recordAwsCalls } from '../../local/aws-calls.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoSessionSlots } from '../../shared/adapters/dynamodb/session-slots.ts';
import { EumOptOutList } from '../../shared/adapters/sms-voice/opt-out-list.ts';
import { composeAnswer, PARTS } from '../../shared/domain/messaging/answers.ts';
import { stopText } from '../../shared/domain/messaging/texts.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';
import { keys } from '../../shared/table.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { inboundSmsEvent, inboundOnTable } from '../support/inbound.ts';
import { activePlan as activePlanIn } from '../support/reminders.ts';

const table = useTestTable();
const sns = mockClient(SNSClient);
const eum = mockClient(PinpointSMSVoiceV2Client);
afterAll(() => {
  sns.restore();
  eum.restore();
});

/** Every call to SNS and End User Messaging, in the order made. */
let calls: string[] = [];
beforeEach(() => {
  calls = [];
  sns.reset();
  eum.reset();
  sns.on(PublishCommand).callsFake((input: { Message: string }) => {
    calls.push(`text: ${input.Message}`);
    return { MessageId: 'reply-1' };
  });
  eum.on(PutOptedOutNumberCommand).callsFake(() => {
    calls.push('put on the list');
    return {};
  });
  eum.on(DeleteOptedOutNumberCommand).callsFake(() => {
    calls.push('off the list');
    return {};
  });
});

const APP = 'Rehab reminders';
const FORM = 'https://form.example/';
const LIST = 'arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/RehabOptOutList';
// 14:00 in New York on 2030-03-06 (future-dated: DynamoDB Local deletes items whose TTL passed).
const NOW = new Date('2030-03-06T19:00:00Z');
const MADE_AT = new Date('2030-03-05T12:00:00Z');

const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const handler = (now = () => NOW) =>
  inboundOnTable(table, {
    optOutList: new EumOptOutList(recordAwsCalls(new PinpointSMSVoiceV2Client({})), LIST),
    // The session places, so a TIMES text can change times here (the opt-out below must win).
    slots: new DynamoSessionSlots(table.db, table.tableName),
    config: { appName: APP, formUrl: FORM, retentionDays: 30 },
    clock: { now },
  });

let ids = 0;
function inboundSms(from: string, body: string, at = NOW, inboundMessageId = `in-r-${++ids}`): SNSEvent {
  return inboundSmsEvent(from, body, inboundMessageId, new Date(at.getTime() + ++ids).toISOString());
}
const activePlan = () => activePlanIn(table, { now: MADE_AT });
const texts = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input.Message);
const answer = (...parts: Parameters<typeof composeAnswer>[1]) => composeAnswer(APP, parts);

async function eventsOf(planId: string) {
  const { Items } = await table.db.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
      ExpressionAttributeValues: { ':pk': keys.plan(planId).pk, ':event': 'EVENT#' },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map((e) => [e.eventType, e.pain ?? e.text]);
}

describe('several intents in one text, one answer', () => {
  it('"Done, pain 2" logs the session and the score, and one answer confirms both', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'Done, pain 2'));
    expect(texts()).toEqual([answer(PARTS.donePain(2))]);
    expect((await eventsOf(plan.planId)).sort()).toEqual([
      ['done', undefined],
      ['pain', 2],
    ]);
  });

  it('"yep did them all, 7/10 tho" logs both; a bare "8" after a reminder is a score', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'yep did them all, 7/10 tho'));
    await handler()(inboundSms(plan.phone, '3'));
    expect(texts()).toEqual([answer(PARTS.donePain(7)), answer(PARTS.pain(APP, 3))]);
  });

  it('"who is this" gets who is texting and how to stop, never a pause', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'hold on, who sent this?'));
    expect(texts()).toEqual([answer(PARTS.who(APP))]);
    expect(texts()[0]).toMatch(/STOP/);
    expect((await repo().getPlan(plan.planId))?.status).toBe('active');
  });
});

describe('opting out in plain words (FCC) and back in', () => {
  it('"please stop texting me": the plan stops, ONE confirmation goes at once, then the number is put on the list', async () => {
    const plan = await activePlan();
    // 23:30 in New York: quiet hours do not hold the confirmation back.
    const late = new Date('2030-03-07T04:30:00Z');
    const text = inboundSms(plan.phone, 'please stop texting me', late);
    await handler(() => late)(text);
    await handler(() => late)(text); // SNS redelivers: no second confirmation
    expect(calls).toEqual([`text: ${stopText(APP)}`, 'put on the list', 'put on the list']);
    expect(eum.commandCalls(PutOptedOutNumberCommand)[0]!.args[0].input).toEqual({
      OptOutListName: LIST,
      OptedOutNumber: plan.phone,
    });
    expect(await repo().getPlan(plan.planId)).toMatchObject({ status: 'stopped', statusReason: 'opted-out' });
    expect(await repo().getPatient(plan.phoneHash)).toMatchObject({
      optedOut: true,
      optedOutBefore: 'active',
    });
  });

  it('STOP, which End User Messaging confirms and lists itself: no second confirmation; the list entry is made anyway', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'STOP'));
    expect(calls).toEqual(['put on the list']);
  });

  it('an opt-out with red-flag words: one text with both the confirmation and the advice', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, "STOP these texts. I can't feel my bum and I can't pee"));
    expect(texts()).toEqual([
      answer(
        PARTS.optedOut(APP),
        PARTS.redFlag(['saddle-numbness', 'urinary-retention'], { optedOut: true }),
      ),
    ]);
    expect(texts()[0]).toMatch(/unsubscribed.*urgent care/);
    expect(await repo().getPlan(plan.planId)).toMatchObject({ status: 'stopped' });
    expect((await eventsOf(plan.planId)).map(([type]) => type)).toEqual(['alert']);
  });

  it('"TIMES 8 1 7 STOP": the opt-out wins (FCC); the plan stops, one confirmation, and no times change', async () => {
    // The same handler takes a TIMES text without the word: it can change times.
    const control = await activePlan();
    await handler()(inboundSms(control.phone, 'TIMES 9am 2pm 8pm'));
    expect((await repo().getPlan(control.planId))!.plan.sessionTimes).toEqual(['09:00', '14:00', '20:00']);
    calls = [];

    for (const body of ['TIMES 9 2 8 STOP', 'stop, times 9am 2pm 8pm']) {
      const plan = await activePlan();
      const slotsBefore = (await table.scanAll()).filter((i) => String(i.pk).startsWith('SLOT#'));
      await handler()(inboundSms(plan.phone, body));
      const after = (await repo().getPlan(plan.planId))!;
      expect(after, body).toMatchObject({ status: 'stopped', statusReason: 'opted-out' });
      expect(after.plan.sessionTimes, body).toEqual(plan.plan.sessionTimes);
      expect(after.timesHistory, body).toBeUndefined();
      expect(
        (await table.scanAll()).filter((i) => String(i.pk).startsWith('SLOT#')),
        body,
      ).toEqual(slotsBefore);
      expect(await repo().getPatient(plan.phoneHash), body).toMatchObject({ optedOut: true });
      // One confirmation of the opt-out (AWS matched no keyword in it), then the number listed.
      expect(calls, body).toEqual([`text: ${stopText(APP)}`, 'put on the list']);
      calls = [];
    }
  });

  it('the list throttled: the text is retried; its repeat lists the number without a second confirmation', async () => {
    const plan = await activePlan();
    eum
      .on(PutOptedOutNumberCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .callsFake(() => {
        calls.push('put on the list');
        return {};
      });
    const text = inboundSms(plan.phone, 'no more texts please');
    await expect(handler()(text)).rejects.toThrow(/throttled/);
    await handler()(text);
    expect(calls).toEqual([`text: ${stopText(APP)}`, 'put on the list']);
  });

  it('START after an opt-out: off the list first, then the answer; reminders back as they were', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'leave me alone'));
    calls = [];
    await handler()(inboundSms(plan.phone, 'START'));
    expect(calls).toEqual(['off the list', `text: ${answer(PARTS.optedIn('active'))}`]);
    expect(eum.commandCalls(DeleteOptedOutNumberCommand)[0]!.args[0].input).toEqual({
      OptOutListName: LIST,
      OptedOutNumber: plan.phone,
    });
    expect((await repo().getPlan(plan.planId))?.status).toBe('active');
    expect(await repo().getPatient(plan.phoneHash)).toMatchObject({ optedOut: false });
    expect((await repo().getPatient(plan.phoneHash))?.optedOutBefore).toBeUndefined();
  });

  it('START puts a plan paused for red-flag words back paused, not active', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'I wet myself twice today'));
    await handler()(inboundSms(plan.phone, 'stop'));
    await handler()(inboundSms(plan.phone, 'unstop'));
    expect(await repo().getPlan(plan.planId)).toMatchObject({
      status: 'paused',
      statusReason: 'red-flag-reported',
    });
    expect(texts().at(-1)).toBe(answer(PARTS.optedIn('paused')));
  });

  it('START refused by AWS (a number comes off the list once in 30 days): still opted out, no answer', async () => {
    for (const refusal of [
      new ValidationException({
        message: 'opted out number deleted recently',
        $metadata: {},
        Reason: 'OTHER',
      }),
      new ConflictException({
        message: 'conflict',
        $metadata: {},
        Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
        ResourceType: 'opted-out-number',
        ResourceId: 'x',
      }),
    ]) {
      const plan = await activePlan();
      await handler()(inboundSms(plan.phone, 'stop pls'));
      eum.on(DeleteOptedOutNumberCommand).rejects(refusal);
      sns.resetHistory();
      await handler()(inboundSms(plan.phone, 'START'));
      expect(texts()).toEqual([]);
      expect(await repo().getPatient(plan.phoneHash)).toMatchObject({ optedOut: true });
      expect((await repo().getPlan(plan.planId))?.status).toBe('stopped');
    }
  });

  it('START for a number not on the list (End User Messaging answers not found): opted in all the same', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'unsubscribe'));
    eum.on(DeleteOptedOutNumberCommand).rejectsOnce(
      new ResourceNotFoundException({
        message: 'not found',
        $metadata: {},
        ResourceType: 'opted-out-number',
        ResourceId: plan.phone,
      }),
    );
    await handler()(inboundSms(plan.phone, 'start'));
    expect((await repo().getPlan(plan.planId))?.status).toBe('active');
  });

  it('START when the plan has ended: subscribed again, and told how to start a new plan', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'cancel'));
    await handler(() => new Date(Date.parse(plan.plan.endsAt) + 86_400_000))(
      inboundSms(plan.phone, 'START', new Date(Date.parse(plan.plan.endsAt) + 86_400_000)),
    );
    expect(texts().at(-1)).toBe(answer(PARTS.optedIn('none', FORM)));
    expect((await repo().getPlan(plan.planId))?.status).toBe('stopped');
  });
});

describe('red-flag words, misread, and the urgent cap', () => {
  it('MISTAKE after a misread red flag: reminders resume, the clinic reads "misread"; a second red flag pauses again', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'numb in my groin'));
    expect(texts()[0]).toMatch(/you wrote about numbness down below\. .*reply MISTAKE/i);
    await handler()(inboundSms(plan.phone, 'MISTAKE'));
    expect(texts()[1]).toBe(answer(PARTS.misread(true)));
    expect((await repo().getPlan(plan.planId))?.status).toBe('active');
    expect(await eventsOf(plan.planId)).toEqual([
      ['alert', 'numb in my groin'],
      ['misread', 'MISTAKE'],
    ]);
    await handler()(inboundSms(plan.phone, 'actually my legs are going numb now'));
    expect(await repo().getPlan(plan.planId)).toMatchObject({
      status: 'paused',
      statusReason: 'red-flag-reported',
    });
  });

  it('after the urgent answer, "no I said NO numbness" is read as misread', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'pins and needles in both legs'));
    await handler()(inboundSms(plan.phone, 'no I said NO numbness!'));
    expect((await repo().getPlan(plan.planId))?.status).toBe('active');
  });

  it('the same sign again within the hour: acted on (kept, plan paused), not answered again; a new sign is', async () => {
    const plan = await activePlan();
    const minutes = (m: number) => new Date(NOW.getTime() + m * 60_000);
    await handler(() => minutes(1))(inboundSms(plan.phone, 'I fell down the stairs', minutes(1)));
    await handler(() => minutes(10))(inboundSms(plan.phone, 'I fell again', minutes(10)));
    await repo().changeStatus(plan.planId, transition({ kind: 'clinic-resumed' }), minutes(11));
    await handler(() => minutes(20))(inboundSms(plan.phone, 'fell in the garden too', minutes(20)));
    expect(texts()).toHaveLength(1);
    expect(await repo().getPlan(plan.planId)).toMatchObject({
      status: 'paused',
      statusReason: 'red-flag-reported',
    });
    expect((await eventsOf(plan.planId)).map(([type]) => type)).toEqual(['alert', 'alert', 'alert']);
    await handler(() => minutes(30))(inboundSms(plan.phone, 'and now a fever', minutes(30)));
    expect(texts()).toHaveLength(2);
    expect(texts()[1]).toMatch(/fever/);
  });

  it("the review's case, PAIN 9 ten times in the hour: every score is kept, the plan paused, and the advice sent once in the hour", async () => {
    const plan = await activePlan();
    for (let m = 1; m <= 10; m++) {
      const at = new Date(NOW.getTime() + m * 60_000);
      await handler(() => at)(inboundSms(plan.phone, 'PAIN 9', at));
    }
    expect(texts()).toEqual([answer(PARTS.seekCare(APP))]);
    expect(await repo().getPlan(plan.planId)).toMatchObject({ status: 'paused' });
    expect((await eventsOf(plan.planId)).filter(([type]) => type === 'pain')).toHaveLength(10);
  });
});
