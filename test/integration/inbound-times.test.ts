/**
 * New session times by text, through the inbound handler (DynamoDB Local, SNS at the SDK boundary):
 * "TIMES 8am 1pm 7pm" and "change my times to 9 2 and 8" change the plan and its booked places in
 * one transaction and are answered with ONE GSM-7 segment naming the new times and the zone in
 * words; a bad TIMES text is explained in one segment and changes nothing; a redelivery neither
 * changes nor answers again; full minutes are answered with the nearest free times.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import type { SNSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoSessionSlots } from '../../shared/adapters/dynamodb/session-slots.ts';
import { smsPacingSchema } from '../../shared/config.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
import { slotCapacity, slotsOf } from '../../shared/domain/scheduling/session-slots.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { planRecord } from '../support/fixtures.ts';
import { inboundSmsEvent, useMockedSns, inboundOnTable } from '../support/inbound.ts';
import { activePlan as activePlanIn } from '../support/reminders.ts';

const table = useTestTable();
const sns = useMockedSns('reply-1');

const APP = 'Rehab reminders';
const FORM = 'https://form.example/';
// 14:00 in New York on 2030-03-06 (future-dated: DynamoDB Local deletes items whose TTL passed); the
// plan's days cross the change to daylight-saving time on 2030-03-10.
const NOW = new Date('2030-03-06T19:00:00Z');
const MADE_AT = new Date('2030-03-05T12:00:00Z');
/** 0.1 parts a second: 5 reminders a minute, so a test fills a minute with five plans. */
const SMS = smsPacingSchema.parse({ partsPerSecond: 0.1 });
const CAPACITY = slotCapacity({ identities: 1, partsPerSecond: 0.1 });

const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const slots = () => new DynamoSessionSlots(table.db, table.tableName);
const handler = () =>
  inboundOnTable(table, {
    slots: slots(),
    config: { appName: APP, formUrl: FORM, retentionDays: 30, sms: SMS },
    clock: { now: () => NOW },
  });

let ids = 0;
/** A text from `from`; the same id (and instant) for a redelivery of it. */
function inboundSms(from: string, body: string, inboundMessageId = `times-${++ids}`): SNSEvent {
  return inboundSmsEvent(from, body, inboundMessageId, new Date(NOW.getTime() + ids).toISOString());
}
const replies = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input.Message!);
const activePlan = () => activePlanIn(table, { now: MADE_AT });
/** How many reminders each of these minutes has booked (each week-minute of the plan's days). */
const bookedAt = async (minutes: readonly number[]) => [...(await slots().counts(minutes)).values()];

describe('TIMES by text (the inbound handler, DynamoDB Local)', () => {
  it('"TIMES 9am 2pm 8pm": the plan and its places change once; one segment names the times and the zone; a redelivery does nothing', async () => {
    const plan = await activePlan();
    const text = inboundSms(plan.phone, 'TIMES 9am 2pm 8pm');
    await handler()(text);
    const changed = (await repo().getPlan(plan.planId))!;
    expect(changed.plan.sessionTimes).toEqual(['09:00', '14:00', '20:00']);
    expect(changed.plan.timeZone).toBe('America/New_York');
    expect(changed.timesHistory).toEqual([
      { sessionTimes: ['08:00', '13:00', '19:00'], timeZone: 'America/New_York', until: NOW.toISOString() },
    ]);
    // Every minute of the days to come is booked, across the change to daylight-saving time.
    const minutes = changed.bookedSlots!;
    expect(minutes).toEqual(slotsOf(changed.plan, '2030-03-06'));
    expect(new Set(await bookedAt(minutes))).toEqual(new Set([1]));
    const [answer] = replies();
    expect(answer).toBe(
      'Rehab reminders: your reminders are now at 9am, 2pm, 8pm (Eastern Time - New York). To change them, reply TIMES and 3 times, like TIMES 9am 2pm 8pm.',
    );
    expect(smsSegments(answer!)).toMatchObject({ encoding: 'GSM-7', segments: 1 });

    // SNS delivers the same text again: nothing is written, nothing is sent.
    const before = await table.scanAll();
    await handler()(text);
    expect(replies()).toHaveLength(1);
    expect(await table.scanAll()).toEqual(before);
  });

  it('"change my times to 9 2 and 8": read in order (9am, 2pm, 8pm) and taken the same way', async () => {
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'change my times to 9 2 and 8'));
    expect((await repo().getPlan(plan.planId))!.plan.sessionTimes).toEqual(['09:00', '14:00', '20:00']);
    expect(replies()[0]).toContain('your reminders are now at 9am, 2pm, 8pm (Eastern Time - New York)');
  });

  it('a Spanish plan: "HORAS 9am 2pm 8pm" changes the times, answered in Spanish with the zone in Spanish; a bad one is explained in Spanish', async () => {
    const plan = await activePlanIn(table, { now: MADE_AT, language: 'es' });
    await handler()(inboundSms(plan.phone, 'HORAS 9am 2pm 8pm'));
    expect((await repo().getPlan(plan.planId))!.plan.sessionTimes).toEqual(['09:00', '14:00', '20:00']);
    expect(replies()[0]).toBe(
      'Rehab reminders: tus avisos ahora son a las 9am, 2pm, 8pm (hora oriental - New York). Para cambiarlos, responde HORAS y 3 horas, como HORAS 9am 2pm 8pm.',
    );
    const other = await activePlanIn(table, { now: MADE_AT, language: 'es' });
    sns.resetHistory();
    await handler()(inboundSms(other.phone, 'HORAS 8 9 10'));
    expect(replies()[0]).toContain(
      '9am queda muy cerca de 8am. Responde HORAS y 3 horas entre las 8am y las 9pm',
    );
    expect((await repo().getPlan(other.planId))!.plan).toEqual(other.plan);
    for (const answer of replies())
      expect(smsSegments(answer)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('a bad TIMES text: one segment saying what is wrong and the allowed window; the plan and its places unchanged', async () => {
    const cases: [string, string][] = [
      ['TIMES 6am 1pm 7pm', '6am is outside the hours. Reply TIMES and 3 times between 8am and 9pm'],
      ['TIMES 8am 1pm 10pm', '10pm is outside the hours. Reply TIMES and 3 times between 8am and 9pm'],
      ['TIMES 8 9 10', '9am is too soon after 8am. Reply TIMES and 3 times between 8am and 9pm'],
      ['TIMES 8am lunch 7pm', '"lunch" is not a time I can read. Reply TIMES'],
      ['times 8am 1pm', 'I read 2 times. Reply TIMES and 3 times between 8am and 9pm'],
      ['TIMES', 'Reply TIMES and 3 times between 8am and 9pm, at least 3 hours apart'],
    ];
    const slotItems = async () => (await table.scanAll()).filter((i) => String(i.pk).startsWith('SLOT#'));
    const slotsBefore = await slotItems();
    // A plan for each text (a number is answered a few times an hour at most).
    for (const [body, expected] of cases) {
      const plan = await activePlan();
      sns.resetHistory();
      await handler()(inboundSms(plan.phone, body));
      const [answer] = replies();
      expect(answer, body).toContain(expected);
      expect(smsSegments(answer!), body).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      const after = (await repo().getPlan(plan.planId))!;
      expect(after.plan, body).toEqual(plan.plan);
      expect(after.timesHistory, body).toBeUndefined();
    }
    expect(await slotItems()).toEqual(slotsBefore);
  });

  it('full minutes: the nearest free times offered in one segment, nothing changed', async () => {
    // Five plans hold 10:00, 15:00 and 20:30 in New York on every day of theirs.
    const times = ['10:00', '15:00', '20:30'] as [string, string, string];
    for (let i = 0; i < CAPACITY; i++) {
      const base = planRecord({ now: MADE_AT });
      const other = { ...base, plan: { ...base.plan, sessionTimes: times } };
      await repo().createPendingPlan(other, 30, {
        slots: slotsOf(other.plan, other.plan.startDate),
        capacity: CAPACITY,
      });
    }
    const plan = await activePlan();
    await handler()(inboundSms(plan.phone, 'TIMES 10am 3pm 8:30pm'));
    expect((await repo().getPlan(plan.planId))!.plan.sessionTimes).toEqual(['08:00', '13:00', '19:00']);
    const [answer] = replies();
    expect(answer).toBe(
      'Rehab reminders: those times are full. Reply TIMES 10:01am 3:01pm 8:31pm to take the nearest free ones. Your reminders have not changed.',
    );
    expect(smsSegments(answer!)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('a TIMES text with no plan running: the no-plan answer, nothing written', async () => {
    const plan = await activePlan();
    await repo().changeStatus(plan.planId, transition({ kind: 'opted-out' }), NOW);
    await handler()(inboundSms(plan.phone, 'TIMES 9am 2pm 8pm'));
    expect((await repo().getPlan(plan.planId))!.plan.sessionTimes).toEqual(['08:00', '13:00', '19:00']);
    expect(replies()[0]).toContain(FORM);
  });
});
