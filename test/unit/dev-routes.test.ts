import { createServer, type Server } from 'node:http';
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundFromSns } from '../../functions/inbound/handler.ts';
import { DevClock } from '../../local/dev-clock.ts';
import { createDevRoutes, devRouteTable } from '../../local/dev-routes.ts';
import { DevTime } from '../../local/dev-time.ts';
import { Outbox, type OutboxEntry } from '../../local/outbox.ts';
import { LocalQueue } from '../../local/queue.ts';
import { LocalReminderScheduler } from '../../local/scheduler.ts';
import { buildPlan } from '../../shared/domain/plan/plan.ts';
import type { ReminderMessage } from '../../shared/domain/model.ts';

/**
 * The dev routes over HTTP with the engine's parts in memory (a stand-in sender and inbound
 * function): the promises scripts rely on, and the refusals.
 */
const T0 = new Date('2027-03-13T10:00:00.000Z');
const PHONE = '+14155550123';
const clock = new DevClock({ start: T0, ticking: false });
const outbox = new Outbox(clock, () => {});
const queue = new LocalQueue({
  clock,
  handler: async (event) => {
    for (const record of event.Records) {
      const message = JSON.parse(record.body) as ReminderMessage;
      await outbox.send({ channel: 'sms', to: PHONE, body: `session ${message.slot}`, kind: 'reminder' });
    }
  },
});
const scheduler = new LocalReminderScheduler({ target: (input) => void queue.send(input) });
const devTime = new DevTime({ clock, scheduler, queue, stream: { drain: async () => {} } });
const inboundEvents: SNSEvent[] = [];
const inbound = async (event: SNSEvent) => {
  inboundEvents.push(event);
  const text = inboundFromSns(event.Records[0]!)!;
  if (text.body !== 'STOP')
    await outbox.send({ channel: 'sms', to: text.from, body: `re: ${text.body}`, kind: 'reply' });
};

let server: Server;
let base: string;
beforeAll(async () => {
  const dev = createDevRoutes(devRouteTable({ outbox, engine: { clock, devTime, scheduler, inbound } }));
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!(await dev(req, Buffer.concat(chunks), res))) res.writeHead(418).end();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));

async function post(path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /dev/clock', () => {
  it('answers { now } once what fell due is delivered, each message stamped with its own instant', async () => {
    const plan = buildPlan(
      {
        scores: { 'cat-camel': 0 },
        redFlags: [],
        timeZone: 'America/New_York',
        sessionTimes: ['08:00', '13:00', '19:00'],
      },
      { now: T0 },
    ).plan!;
    await scheduler.putPlanSchedules('plan-1', plan, T0);
    expect(await (await fetch(`${base}/dev/clock`)).json()).toEqual({
      now: T0.toISOString(),
      nextDue: '2027-03-13T13:00:00.000Z',
    });

    expect(await post('/dev/clock', { advanceMinutes: 24 * 60 })).toEqual({
      status: 200,
      body: { now: '2027-03-14T10:00:00.000Z' },
    });
    expect((await (await fetch(`${base}/dev/outbox`)).json()) as OutboxEntry[]).toEqual([
      { channel: 'sms', to: PHONE, body: 'session 1', sentAt: '2027-03-13T13:00:00.000Z', kind: 'reminder' },
      { channel: 'sms', to: PHONE, body: 'session 2', sentAt: '2027-03-13T18:00:00.000Z', kind: 'reminder' },
      { channel: 'sms', to: PHONE, body: 'session 3', sentAt: '2027-03-14T00:00:00.000Z', kind: 'reminder' },
    ]);
    expect(await post('/dev/clock', { to: '2027-03-14T13:00:00+01:00' })).toEqual({
      status: 200,
      body: { now: '2027-03-14T12:00:00.000Z' },
    });
    expect(outbox.list().at(-1)).toMatchObject({ body: 'session 1', sentAt: '2027-03-14T12:00:00.000Z' });
    const schedules = (await (await fetch(`${base}/dev/schedules`)).json()) as {
      name: string;
      next: string;
    }[];
    expect(schedules.map((s) => [s.name, s.next])).toEqual([
      ['reminder-plan-1-1', '2027-03-15T12:00:00.000Z'],
      ['reminder-plan-1-2', '2027-03-14T17:00:00.000Z'],
      ['reminder-plan-1-3', '2027-03-14T23:00:00.000Z'],
    ]);
  });

  it('never goes back, and says what it takes', async () => {
    const now = clock.now().toISOString();
    const back = await post('/dev/clock', { to: '2027-03-13T00:00:00Z' });
    expect(back.status).toBe(400);
    expect(back.body.error).toEqual({
      code: 'clock_backwards',
      message: `The dev clock only moves forward: it is already ${now}, after 2027-03-13T00:00:00.000Z.`,
      issues: [{ path: 'to', message: expect.stringContaining('only moves forward') }],
    });
    expect(clock.now().toISOString()).toBe(now);

    for (const body of [{}, { advanceMinutes: -5 }, { to: 'tomorrow' }, { advanceMinutes: 5, to: now }]) {
      const answer = await post('/dev/clock', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'invalid_request', issues: [expect.anything()] });
    }
    const issue = async (body: unknown) =>
      ((await post('/dev/clock', body)).body.error as { issues: { path: string; message: string }[] }).issues;
    expect(await issue({ advanceMinutes: -5 })).toEqual([
      { path: 'advanceMinutes', message: 'must be 0 or more: the dev clock never goes back' },
    ]);
    expect(await issue({ to: 'tomorrow' })).toEqual([
      { path: 'to', message: 'must be an ISO 8601 instant like 2027-03-13T10:00:00Z' },
    ]);
    expect(await issue({ at: 'noon' })).toEqual([
      { path: '', message: 'must be { "advanceMinutes": <minutes ≥ 0> } or { "to": "<ISO 8601 instant>" }' },
    ]);
    expect((await post('/dev/clock', '{not json')).body.error).toMatchObject({ code: 'invalid_json' });
  });
});

describe('POST /dev/inbound-sms', () => {
  it("hands the inbound function an SNS event with End User Messaging's JSON, and answers the replies", async () => {
    const answer = await post('/dev/inbound-sms', { from: PHONE, body: 'DONE' });
    expect(answer.status).toBe(200);
    const event = inboundEvents.at(-1)!;
    const payload = JSON.parse(event.Records[0]!.Sns.Message) as Record<string, string>;
    expect(payload).toMatchObject({
      originationNumber: PHONE,
      destinationNumber: expect.stringMatching(/^\+1\d{10}$/),
      messageBody: 'DONE',
      inboundMessageId: answer.body.messageId,
    });
    expect(event.Records[0]).toMatchObject({ EventSource: 'aws:sns', Sns: { Type: 'Notification' } });
    expect(inboundFromSns(event.Records[0]!)).toEqual({
      from: PHONE,
      to: payload.destinationNumber,
      body: 'DONE',
      messageId: answer.body.messageId,
      receivedAt: clock.now().toISOString(),
    });
    expect(answer.body.replies).toEqual([
      { channel: 'sms', to: PHONE, body: 're: DONE', sentAt: clock.now().toISOString(), kind: 'reply' },
    ]);
    expect((await post('/dev/inbound-sms', { from: PHONE, body: 'STOP' })).body.replies).toEqual([]);
  });

  it('refuses a sender that is not a phone number', async () => {
    const count = inboundEvents.length;
    const answer = await post('/dev/inbound-sms', { from: 'alice', body: 'HELP' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ issues: [{ path: 'from' }] });
    expect(inboundEvents).toHaveLength(count);
  });
});

describe('GET /dev', () => {
  it('serves the page, its script and style from this server only, under a strict CSP', async () => {
    const page = await fetch(`${base}/dev/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/dev/app.js"></script>');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect((await fetch(`${base}/dev/app.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${base}/dev/style.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${base}/dev/nothing`)).status).toBe(418);
  });
});
