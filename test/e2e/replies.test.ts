/**
 * Replies as people write them, end to end on the local stack (the same handlers, DynamoDB Local,
 * the dev clock, the outbox and the opt-out list's stand-in, which drops texts to listed numbers as
 * End User Messaging does): "Done, pain 2" in one text; an opt-out in plain words (its one
 * confirmation within 5 minutes, then silence, and the form telling the number to text START
 * first, in Chromium, axe-checked); START after STOP; MISTAKE after a misread red flag (reminders
 * back, the clinic's alert marked, never closed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../local/outbox.ts';
import { LOCAL_ORIGINATION_NUMBER } from '../../local/inbound-sms.ts';
import { LOCAL_HASH_KEY } from '../../local/stack.ts';
import { hashPhone } from '../../shared/domain/security/privacy.ts';
import { keys } from '../../shared/table.ts';
import { composeAnswer, PARTS } from '../../shared/domain/messaging/answers.ts';
import { stopText } from '../../shared/domain/messaging/texts.ts';
import { addDays, localDateOf, zonedInstant } from '../../shared/domain/time.ts';
import { axeViolations, withChromium } from '../support/browser.ts';
import { useLocalStack } from '../support/console.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { reachReminders } from '../support/form.ts';

const table = useTestTable();
const running = useLocalStack(table);
const APP = 'Rehab reminders';
const ZONE = 'America/New_York';
const SCORES = { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 };
const PHONES = {
  donePain: '+14155550181',
  optOut: '+14155550182',
  start: '+14155550183',
  mistake: '+14155550184',
};
const DAY0 = addDays(localDateOf(new Date(), ZONE), 1);
/** 05:00 in New York on day `n`: before the day's first session (08:00). */
const morning = (n: number) => zonedInstant(addDays(DAY0, n), '05:00', ZONE).toISOString();

async function api<T = unknown>(method: string, path: string, body?: unknown) {
  const res = await running.request(method, path, body !== undefined ? { body } : {});
  return res as { status: number; body: T };
}
const outbox = async () => (await api<OutboxEntry[]>('GET', '/dev/outbox')).body;
const textsTo = async (phone: string) => (await outbox()).filter((m) => m.to === phone);
const clockTo = (iso: string) => api('POST', '/dev/clock', { to: iso });
const advance = (minutes: number) => api<{ now: string }>('POST', '/dev/clock', { advanceMinutes: minutes });
const text = async (from: string, body: string) =>
  (await api<{ replies: OutboxEntry[] }>('POST', '/dev/inbound-sms', { from, body })).body.replies;

/** A patient through the API: the plan, the code from the outbox, confirmed. */
async function enrol(phone: string) {
  const made = await api<{ planId: string }>('POST', '/assessments', {
    phone,
    channel: 'sms',
    timeZone: ZONE,
    consent: true,
    scores: SCORES,
  });
  expect(made.status).toBe(201);
  const code = /\b(\d{6})\b/.exec((await textsTo(phone)).find((m) => m.kind === 'verification')!.body)![1];
  expect((await api('POST', '/verifications', { planId: made.body.planId, code })).status).toBe(200);
}

beforeAll(async () => {
  expect((await clockTo(morning(0))).status).toBe(200);
  for (const phone of Object.values(PHONES)) await enrol(phone);
  // The day's first session: every patient has had a reminder.
  await advance(3 * 60 + 5);
  for (const phone of Object.values(PHONES))
    expect((await textsTo(phone)).filter((m) => m.kind === 'reminder')).toHaveLength(1);
}, 60_000);

describe('replies end to end on the local stack', () => {
  it('"Done, pain 2": the session and the score logged, one answer confirming both', async () => {
    const replies = await text(PHONES.donePain, 'Done, pain 2');
    expect(replies.map((r) => r.body)).toEqual([composeAnswer(APP, [PARTS.donePain(2)])]);
    const patient = keys.patientIndex(hashPhone(PHONES.donePain, LOCAL_HASH_KEY));
    const events = (await table.scanAll()).filter((i) => i.type === 'event' && i.gsi1pk === patient);
    expect(events.map((e) => [e.eventType, e.pain]).sort()).toEqual([
      ['done', undefined],
      ['pain', 2],
    ]);
  });

  it('an opt-out phrase: one confirmation within 5 minutes, then silence; the form says to text START first', async () => {
    const { now } = (await advance(0)).body;
    const replies = await text(PHONES.optOut, 'please stop texting me');
    expect(replies.map((r) => r.body)).toEqual([stopText(APP)]);
    expect(Date.parse(replies[0]!.sentAt) - Date.parse(now)).toBeLessThan(5 * 60_000);
    expect(await running.stack.optOutList.describeOptedOutNumber(PHONES.optOut)).toBe(true);
    const count = (await textsTo(PHONES.optOut)).length;
    await advance(2 * 24 * 60);
    expect(await textsTo(PHONES.optOut)).toHaveLength(count);

    // The form: no code to a number on the list, but what to do instead, next to the number.
    await withChromium({ timezoneId: ZONE, locale: 'en-US' }, async (page) => {
      await page.goto(`${running.base}/`);
      await reachReminders(page, SCORES);
      await page.fill('#phone', PHONES.optOut);
      await page.check('#consent');
      await page.click('#submit');
      await page.locator('#error-summary').waitFor({ state: 'visible' });
      const said = await page.locator('#error-summary').textContent();
      expect(said).toContain(`text START to ${LOCAL_ORIGINATION_NUMBER} first`);
      expect(await axeViolations(page)).toEqual([]);
    });
    expect(await textsTo(PHONES.optOut)).toHaveLength(count);
  }, 90_000);

  it('START after STOP: off the list, answered, and the reminders come back', async () => {
    expect(await text(PHONES.start, 'STOP')).toEqual([]); // End User Messaging confirms its own keyword
    expect(await running.stack.optOutList.describeOptedOutNumber(PHONES.start)).toBe(true);
    const before = (await textsTo(PHONES.start)).filter((m) => m.kind === 'reminder').length;
    await advance(24 * 60);
    expect((await textsTo(PHONES.start)).filter((m) => m.kind === 'reminder')).toHaveLength(before);
    const replies = await text(PHONES.start, 'START');
    expect(replies.map((r) => r.body)).toEqual([composeAnswer(APP, [PARTS.optedIn('active')])]);
    expect(await running.stack.optOutList.describeOptedOutNumber(PHONES.start)).toBe(false);
    await advance(24 * 60);
    expect((await textsTo(PHONES.start)).filter((m) => m.kind === 'reminder').length).toBeGreaterThan(before);
  });

  it('MISTAKE after a misread red flag: reminders resume; the clinic sees "patient says misread" on the open alert', async () => {
    const flagged = await text(PHONES.mistake, 'my legs went numb');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.body).toMatch(/you wrote about symptoms in both legs\. .*MISTAKE/);
    const reminders = async () => (await textsTo(PHONES.mistake)).filter((m) => m.kind === 'reminder').length;
    const before = await reminders();
    await advance(24 * 60);
    expect(await reminders()).toBe(before);
    expect((await text(PHONES.mistake, 'MISTAKE')).map((r) => r.body)).toEqual([
      composeAnswer(APP, [PARTS.misread(true)]),
    ]);
    await advance(24 * 60);
    expect(await reminders()).toBeGreaterThan(before);
    const { body } = await running.request('GET', '/console/api/alerts?state=all', { role: 'clinician' });
    const alerts = (
      body as { alerts: { kind: string; state: string; misreadAt?: string; detail: { text?: string } }[] }
    ).alerts;
    const alert = alerts.find((a) => a.kind === 'red-flag' && a.detail.text === 'my legs went numb');
    expect(alert).toMatchObject({ state: 'open', misreadAt: expect.any(String) });
  });
});
