/**
 * A patient who reads Spanish, through the functions on DynamoDB Local with SNS at the SDK boundary
 * (exact inputs): the code and the reminder go out in the plan's language; replies are answered in
 * it; ESPAÑOL / ENGLISH alone in a text changes it (stored on the plan, answered once in the new
 * language, a repeat not answered twice); a language the operator does not offer changes nothing.
 * Every text checked is one GSM-7 segment.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { createInboundHandler } from '../../functions/inbound/handler.ts';
import { createSendReminderHandler } from '../../functions/send-reminder/handler.ts';
import { asFunction, recordAwsCalls } from '../../local/aws-calls.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import type { Language } from '../../shared/domain/language.ts';
import { composeAnswer, partsFor } from '../../shared/domain/messaging/answers.ts';
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
import { textsFor } from '../../shared/domain/messaging/text-catalog.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { TEST_HASH_KEY } from '../support/fixtures.ts';
import { inboundSmsEvent, OUR_NUMBER, useMockedSns } from '../support/inbound.ts';
import { activePlan, clockAt, reminder, sqsEvent, sqsRecord } from '../support/reminders.ts';
import { call, httpEvent } from '../support/http.ts';
import { assessmentBody, createTestIntake, GENEROUS_LIMITS, testConfig } from '../support/intake.ts';

const table = useTestTable();
const sns = useMockedSns('sns-1');

const APP = 'Rehab reminders';
const FORM = 'https://form.example/';
const NOW = new Date('2030-03-06T19:00:00Z');
const MADE_AT = new Date('2030-03-05T12:00:00Z');
const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const notifier = () =>
  new SnsSmsNotifier(recordAwsCalls(new SNSClient({})), { originationNumber: OUR_NUMBER });

const inbound = (languages: Language[]) =>
  asFunction(
    'inbound',
    createInboundHandler({
      repo: repo(),
      events: new DynamoPatientEventStore(table.db, table.tableName),
      limiter: new DynamoRateLimiter(table.db, table.tableName),
      notifier: notifier(),
      hashKey: TEST_HASH_KEY,
      config: { appName: APP, formUrl: FORM, retentionDays: 30, languages },
      clock: { now: () => NOW },
    }),
  );

let ids = 0;
const text = (from: string, body: string, id = `in-es-${++ids}`) =>
  inboundSmsEvent(from, body, id, new Date(NOW.getTime() + ++ids).toISOString());
const sent = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input.Message!);
const oneSegment = (body: string) =>
  expect(smsSegments(body), body).toMatchObject({ encoding: 'GSM-7', segments: 1 });

describe('a patient who reads Spanish', () => {
  it('is answered in Spanish: LISTO, DOLOR 9 (seek care, paused), each one GSM-7 segment', async () => {
    const plan = await activePlan(table, { now: MADE_AT, language: 'es' });
    const handler = inbound(['en', 'es']);
    await handler(text(plan.phone, 'listo'));
    await handler(text(plan.phone, 'DOLOR 9'));
    const es = partsFor('es');
    expect(sent()).toEqual([composeAnswer(APP, [es.done(APP)]), composeAnswer(APP, [es.seekCare(APP)])]);
    expect(sent()[0]).toBe('Rehab reminders: sesion anotada, ¡muy bien! ¡Sigue asi!');
    sent().forEach(oneSegment);
    expect((await repo().getPlan(plan.planId))?.status).toBe('paused');
  });

  it('ESPAÑOL switches the plan to Spanish, answered once in Spanish; the next reply and reminder follow', async () => {
    const plan = await activePlan(table, { now: MADE_AT });
    const handler = inbound(['en', 'es']);
    const event = text(plan.phone, 'Español por favor', 'in-es-switch');
    await handler(event);
    await handler(event); // SNS may deliver twice: one answer
    expect((await repo().getPlan(plan.planId))?.language).toBe('es');
    await handler(text(plan.phone, 'hecho'));
    expect(sent()).toEqual([
      composeAnswer(APP, [partsFor('es').languageChanged()]),
      composeAnswer(APP, [partsFor('es').done(APP)]),
    ]);
    expect(sent()[0]).toMatch(/^Rehab reminders: de acuerdo, desde ahora te escribimos en español\./);
    sent().forEach(oneSegment);

    // The reminder of the next session, in Spanish (the sender reads the plan's language).
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'sns-2' });
    const slot2 = '2030-03-07T18:00:00Z';
    const sender = asFunction(
      'send-reminder',
      createSendReminderHandler({
        ledger: new DynamoReminderLedger(table.db, table.tableName),
        notifier: notifier(),
        config: { appName: APP, lateAfterMinutes: 60, formUrl: FORM },
        clock: clockAt('2030-03-07T18:00:30Z'),
        newToken: () => 'token-es',
        defaultLeaseMs: 30_000,
      }),
    );
    await sender(sqsEvent(sqsRecord(reminder(plan.planId, 2, slot2))));
    const [body] = sent();
    // No plan page here (no hash key given to the sender): the movements with their doses, in Spanish.
    expect(body).toBe(
      textsFor('es').reminderText({
        appName: APP,
        movements: plan.plan.movements,
        session: 2,
        sessionsPerDay: 3,
      }),
    );
    expect(body).toMatch(/^Rehab reminders: sesion 2 de 3\. .*Responde LISTO al terminar/);
    expect(smsSegments(body!)).toMatchObject({ encoding: 'GSM-7' });

    // ENGLISH switches back.
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'sns-3' });
    await handler(text(plan.phone, 'ENGLISH'));
    expect((await repo().getPlan(plan.planId))?.language).toBe('en');
    expect(sent()).toEqual([composeAnswer(APP, [partsFor('en').languageChanged()])]);
  });

  it('a language the operator does not offer changes nothing and says so in the current language', async () => {
    const plan = await activePlan(table, { now: MADE_AT });
    await inbound(['en'])(text(plan.phone, 'ESPAÑOL'));
    expect((await repo().getPlan(plan.planId))?.language).toBeUndefined();
    expect(sent()).toEqual([composeAnswer(APP, [partsFor('en').languageNotOffered()])]);
  });

  it("a plan stored before languages existed gets English; the code's text follows the language", () => {
    expect(textsFor(undefined).doneText(APP)).toBe(textsFor('en').doneText(APP));
    expect(textsFor('es').verificationText(APP, '042917', 10)).toBe(
      'Rehab reminders: tu clave es 042917. Vence en 10 minutos. Si no la pediste, ignora este mensaje.',
    );
  });
});

describe("the language a form's plan gets (intake on DynamoDB Local)", () => {
  async function assess(
    languages: Language[],
    headers: Record<string, string>,
    body: Record<string, unknown> = {},
  ) {
    const intake = createTestIntake(table, { config: testConfig({ limits: GENEROUS_LIMITS, languages }) });
    const res = await call(
      intake.handler,
      httpEvent('POST', '/assessments', { body: assessmentBody(body), headers }),
    );
    return { intake, res, planId: (res.body as { planId?: string }).planId };
  }

  it("the browser's Spanish, when offered: the plan is Spanish and so is its code's text", async () => {
    const { intake, res, planId } = await assess(['en', 'es'], {
      'accept-language': 'es-MX,es;q=0.9,en;q=0.5',
    });
    expect(res.status).toBe(201);
    expect((await repo().getPlan(planId!))?.language).toBe('es');
    const [code] = intake.notifier.sent;
    expect(code?.body).toMatch(/^[^:]+: tu clave es \d{6}\. Vence en \d+ minutos\./);
    oneSegment(code!.body);
  });

  it('English only (the default): a Spanish browser still gets English', async () => {
    const { intake, planId } = await assess(['en'], { 'accept-language': 'es' });
    expect((await repo().getPlan(planId!))?.language).toBe('en');
    expect(intake.notifier.sent[0]?.body).toMatch(/: your code is \d{6}\./);
  });

  it("the form's choice wins over the browser; one not offered is refused naming the field, nothing stored", async () => {
    const chosen = await assess(['en', 'es'], { 'accept-language': 'es' }, { language: 'en' });
    expect((await repo().getPlan(chosen.planId!))?.language).toBe('en');
    const refused = await assess(['en'], {}, { language: 'es' });
    expect(refused.res.status).toBe(400);
    expect(refused.res.body).toMatchObject({
      error: {
        issues: [
          { path: 'language', message: expect.stringContaining('one of the languages offered here: en') },
        ],
      },
    });
    expect(refused.intake.notifier.sent).toEqual([]);
  });
});
