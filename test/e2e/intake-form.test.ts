import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { phoneContext } from '../../tools/chromium.ts';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { slotAt, slotCapacity } from '../../shared/domain/scheduling/session-slots.ts';
import { addDays, localDateOf, zonedInstant } from '../../shared/domain/time.ts';
import { keys } from '../../shared/table.ts';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createLocalStack, listen, type LocalStack } from '../../local/stack.ts';
import type { OutboxEntry } from '../../local/outbox.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { CONSENT } from '../../shared/domain/plan/rules.ts';
import { silentLog } from '../../shared/adapters/defaults.ts';
import { axeViolations, withChromium } from '../support/browser.ts';
import { answerSafetyQuestions, reachReminders } from '../support/form.ts';
import { localClientConfig, useTestTable } from '../support/dynamodb.ts';
import { PUSH_SUBSCRIPTION } from '../support/fixtures.ts';
import { GENEROUS_LIMITS, testConfig } from '../support/intake.ts';

/**
 * A patient's whole intake in real Chromium (Debian's, driven by playwright-core) against the local
 * stack's HTTP server running the intake handler on DynamoDB Local, with the page's CSP enforced.
 * axe-core checks each state of the page. Screenshots of each state go to test-results/.
 */
const table = useTestTable();
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results');
const PHONE_VIEWPORT = { width: 390, height: 844 };

let stack: LocalStack;
let base: string;

beforeAll(async () => {
  const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
  stack = createLocalStack({
    db: table.db,
    tableName: table.tableName,
    streams: new DynamoDBStreamsClient(localClientConfig()),
    streamArn: Table!.LatestStreamArn!,
    config: testConfig({ limits: GENEROUS_LIMITS }),
    log: silentLog,
    print: () => {},
    vapidPublicKey: webpush.generateVAPIDKeys().publicKey,
  });
  base = await listen(stack.server, 0, '127.0.0.1');
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await stack.stop();
});

/** A fresh browser profile per test, phone-sized, in a time zone the page must detect. */
async function withPhoneBrowser(run: (page: Page, context: BrowserContext) => Promise<void>) {
  await withChromium(
    phoneContext(PHONE_VIEWPORT.width, { locale: 'en-US', timezoneId: 'America/Chicago' }),
    run,
  );
}

/**
 * Console errors (CSP and Trusted Types violations among them) and uncaught exceptions; each test
 * expects none. Chromium logs every 4xx answer to fetch as an error: those are the API refusing on
 * purpose, shown in the page, so they are left out.
 */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/the server responded with a status of 4\d\d/.test(m.text()))
      problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/** Checks the state with axe and keeps a phone-sized screenshot of it, scrolled to `near` when given. */
async function expectAccessible(page: Page, state: string, near?: string) {
  if (near) await page.locator(near).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `intake-${state}.png`) });
  expect(await axeViolations(page), `axe violations in state "${state}"`).toEqual([]);
}

async function outbox(): Promise<OutboxEntry[]> {
  return (await fetch(`${base}/dev/outbox`)).json() as Promise<OutboxEntry[]>;
}

async function codeTextedTo(phone: string): Promise<string> {
  const texts = (await outbox()).filter((m) => m.kind === 'verification' && m.to === phone);
  const code = /\b(\d{6})\b/.exec(texts.at(-1)?.body ?? '')?.[1];
  if (!code) throw new Error(`no code texted to ${phone}`);
  return code;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);

/** Picks a pain score by keyboard: focus the movement's "did not try", then arrow right `score + 1` times. */
async function rateByKeyboard(page: Page, movement: string, score: number) {
  await page.focus(`#score-${movement}-none`);
  for (let i = 0; i <= score; i++) await page.keyboard.press('ArrowRight');
  expect(await page.isChecked(`#score-${movement}-${score}`)).toBe(true);
}

/** Every element that Tab reaches from the top of the page, once round (at most `max` presses). */
async function tabStops(page: Page, max = 60): Promise<{ id: string; inForm: boolean; visible: boolean }[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: { id: string; inForm: boolean; visible: boolean }[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      return {
        id: e.id || `${e.tagName.toLowerCase()}:${e.textContent?.trim().slice(0, 30)}`,
        inForm: Boolean(e.closest('#assessment')),
        visible: e.getClientRects().length > 0,
      };
    });
    if (!stop) break;
    if (stops.some((s) => s.id === stop.id)) break;
    stops.push(stop);
  }
  return stops;
}

/** Each target (label, button) at least 44 px tall and wide: older patients on a phone. */
async function expectLargeTargets(page: Page, selector: string) {
  const boxes = await page.locator(selector).evaluateAll((elements) =>
    elements.map((e) => {
      const r = e.getBoundingClientRect();
      return {
        target: e.id || e.getAttribute('for') || e.textContent?.trim().slice(0, 30),
        w: r.width,
        h: r.height,
      };
    }),
  );
  expect(boxes.length, selector).toBeGreaterThan(0);
  for (const box of boxes) {
    expect(box.h, `${box.target} height`).toBeGreaterThanOrEqual(44);
    expect(box.w, `${box.target} width`).toBeGreaterThanOrEqual(44);
  }
}

const plansOf = async (phone: string) =>
  (await table.scanAll()).filter((i) => i.sk === 'PLAN' && i.phone === phone);
const status = (page: Page) => page.textContent('#status');

/** What the patient gave: every item but the per-client request counters (the form's requests count). */
const data = (items: Record<string, unknown>[]) => items.filter((i) => !String(i.pk).startsWith('LIMIT#'));

describe('the assessment form in Chromium', () => {
  it('a patient answers the safety questions, rates the movements, keeps the proposal, confirms with the texted code', async () => {
    await withPhoneBrowser(async (page) => {
      const problems = watchProblems(page);
      const response = await page.goto(`${base}/`);
      expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
      await expect
        .poll(() => page.evaluate(() => document.documentElement.classList.contains('js')))
        .toBe(true);

      expect(await page.inputValue('#timeZone')).toBe('America/Chicago');
      expect(await page.textContent('#consent-text')).toBe(CONSENT.text);
      expect(await page.inputValue('#sessionTimes-0')).toBe('08:00');
      // The safety questions come first, alone: no movement and no phone number yet.
      expect(await page.isVisible('#step-screening')).toBe(true);
      expect(await page.isVisible('#step-movements')).toBe(false);
      expect(await page.isVisible('#phone')).toBe(false);
      await expectAccessible(page, 'form');

      // Continue without the pain at rest: asked for it, next to the question.
      await page.focus('#screening-continue');
      await page.keyboard.press('Enter');
      await page.locator('#err-restPain').waitFor({ state: 'visible' });
      expect(await page.textContent('#err-restPain')).toMatch(
        /how much your back hurts when you sit or lie still/,
      );
      expect(await focusedId(page)).toBe('error-summary');
      await expectAccessible(page, 'rest-pain-missing', '#err-restPain');

      // Pain at rest 2, by keyboard; Enter continues.
      await page.focus('#restPain-0');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await page.isChecked('#restPain-2')).toBe(true);
      await page.keyboard.press('Enter');
      await page.locator('#step-movements').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('movements-title');
      expect(await page.isVisible('#step-screening')).toBe(false);
      expect(await page.isVisible('#care-advice')).toBe(false);
      await expect.poll(() => status(page)).toMatch(/Step 2 of 4: Try each movement/);
      await expectAccessible(page, 'movements');

      // Five movements by keyboard, one by touch; the rest stay "did not try".
      await rateByKeyboard(page, 'hip-mobility', 0);
      await rateByKeyboard(page, 'cat-camel', 1);
      await rateByKeyboard(page, 'hip-bridges', 2);
      await rateByKeyboard(page, 'bird-dog', 3);
      await rateByKeyboard(page, 'lateral-beast-walk', 1);
      await page.tap('#score-kettlebell-walk-6');
      expect(await page.isChecked('#score-kettlebell-walk-6')).toBe(true);
      await page.focus('#movements-continue');
      await page.keyboard.press('Enter');

      // The choice: the five that qualify, all proposed; 4 or 5 may be kept.
      await page.locator('#step-choice').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('choice-title');
      await expect.poll(() => status(page)).toMatch(/Step 3 of 4/);
      const offered = await page
        .locator('#chosen-list input[name="chosen"]')
        .evaluateAll((inputs) => (inputs as HTMLInputElement[]).map((i) => [i.value, i.checked]));
      expect(offered).toEqual([
        ['hip-mobility', true],
        ['cat-camel', true],
        ['lateral-beast-walk', true],
        ['hip-bridges', true],
        ['bird-dog', true],
      ]);
      expect(await page.textContent('#chosen-hint')).toMatch(/Pick 4 or 5\./);
      expect(await page.textContent('#chosen-count')).toBe('You have picked 5.');
      await expectAccessible(page, 'choice');
      await page.focus('#choice-continue');
      await page.keyboard.press('Enter');
      await page.locator('#step-reminders').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('reminders-title');

      // A mistyped number first: the API's message appears next to the phone field.
      await page.focus('#phone');
      await page.keyboard.type('+1 555');
      await page.focus('#consent');
      await page.keyboard.press('Space');
      expect(await page.isChecked('#consent')).toBe(true);
      await page.focus('#submit');
      await page.keyboard.press('Enter');

      await page.locator('#err-phone').waitFor({ state: 'visible' });
      // In words: the country, and an example of its numbers.
      expect(await page.textContent('#err-phone')).toBe(
        'Mobile number is not a mobile number in the United States: check the digits, like +1 201 555 0123',
      );
      expect(await page.getAttribute('#phone', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#phone', 'aria-describedby')).toContain('err-phone');
      expect(await page.evaluate(() => document.getElementById('phone')?.nextElementSibling?.id)).toBe(
        'err-phone',
      );
      expect(await focusedId(page)).toBe('error-summary');
      expect(await page.textContent('#error-list')).toContain(
        'Mobile number is not a mobile number in the United States',
      );
      await expectAccessible(page, 'phone-error', '#err-phone');

      // The summary's link takes the patient to the field; they fix it.
      await page.click('#error-list a');
      expect(await focusedId(page)).toBe('phone');
      const phone = '+14155550142';
      await page.fill('#phone', '');
      await page.keyboard.type('+1 415 555 0142');
      await page.keyboard.press('Enter');

      await page.locator('#result').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('result');
      expect(await page.locator('#plan-movements li').count()).toBe(5);
      expect(await page.textContent('#plan-movements')).toContain('Hip Mobility');
      expect(await page.textContent('#plan-movements')).toContain('8 reps each side × 1 set');
      // The source's caveats come with the plan.
      expect(await page.textContent('#caveats')).toMatch(/a common back pull or spasm.*why you got hurt/s);
      expect(await page.textContent('#code-sent')).toContain('+1********42');
      await expect.poll(() => status(page)).toMatch(/plan is ready/);
      await expectAccessible(page, 'plan');

      // A wrong code is refused at the code field, with the tries left.
      const code = await codeTextedTo(phone);
      await page.focus('#code');
      await page.keyboard.type(code === '000000' ? '111111' : '000000');
      await page.keyboard.press('Enter');
      await page.locator('#err-code').waitFor({ state: 'visible' });
      expect(await page.textContent('#err-code')).toBe('The code is not the one we sent: 4 tries left');
      await expectAccessible(page, 'wrong-code', '#err-code');

      await page.fill('#code', '');
      await page.focus('#code');
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
      await page.locator('#done').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('done');
      expect(await page.textContent('#done-text')).toMatch(
        /reminders are on: 3 a day at 8:00 AM, 1:00 PM and 7:00 PM \(Central Time — Chicago\)/,
      );
      await expectAccessible(page, 'confirmed');

      const [plan] = await plansOf(phone);
      expect(plan).toMatchObject({
        status: 'active',
        channel: 'sms',
        consent: { text: CONSENT.text },
        assessment: { restPain: 2, redFlags: [] },
      });
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('stops at an urgent warning sign before any movement: the advice plainly, nothing else to reach, nothing stored', async () => {
    await withPhoneBrowser(async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${base}/`);
      const itemsBefore = await table.scanAll();
      const sentBefore = (await outbox()).length;

      await page.check('#redFlag-saddle-numbness');
      await page.check('#restPain-1');
      await page.click('#screening-continue');

      await page.locator('#stop').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('stop');
      expect(await page.textContent('#stop-title')).toBe('Please get medical care now');
      expect(await page.textContent('#stop-advice')).toMatch(
        /needs care now\. Do not start these exercises: call your local emergency number or go to an emergency department now/,
      );
      expect(await page.getAttribute('#stop-advice', 'class')).toContain('urgent');
      expect(await page.textContent('#stop-flag-list')).toContain('the "saddle" area');
      await expect
        .poll(() => status(page))
        .toMatch(/^Please get medical care now\. Your answers include a warning sign/);
      await expectAccessible(page, 'urgent-stop');

      // Nothing else is asked: no movement, no phone number; Tab reaches nothing of the form.
      expect(await page.isVisible('#assessment')).toBe(false);
      expect(
        await page
          .locator('fieldset.movement input')
          .evaluateAll((l) => l.filter((e) => e.getClientRects().length).length),
      ).toBe(0);
      expect(await page.isVisible('#phone')).toBe(false);
      const stops = await tabStops(page);
      expect(stops.map((s) => s.id)).toContain('stop-back');
      expect(stops.filter((s) => s.inForm || !s.visible)).toEqual([]);

      // Nothing stored, nothing sent: no plan, no patient, no text (only the client's request count).
      expect(data(await table.scanAll())).toEqual(data(itemsBefore));
      expect((await outbox()).length).toBe(sentBefore);

      // Ticked by mistake: one button back to the questions, the tick there to undo.
      expect(await page.textContent('#stop-back')).toBe('I ticked something by mistake: go back');
      await expectLargeTargets(page, '#stop-back');
      await page.click('#stop-back');
      await page.locator('#step-screening').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('safety-title');
      expect(await page.isVisible('#stop')).toBe(false);
      expect(await page.isChecked('#redFlag-saddle-numbness')).toBe(true);
      await page.uncheck('#redFlag-saddle-numbness');
      await page.click('#screening-continue');
      await page.locator('#step-movements').waitFor({ state: 'visible' });
      expect(await page.isVisible('#care-advice')).toBe(false);
      expect(problems).toEqual([]);
    });
  }, 60_000);

  it('a clinician this week: a warning sign stops the form; pain at rest keeps the advice in view over a plan from what qualifies', async () => {
    await withPhoneBrowser(async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${base}/`);
      const sentBefore = (await outbox()).length;

      // A non-urgent warning sign: see a clinician this week, and no plan (the rule allows none).
      await page.check('#redFlag-night-pain');
      await page.check('#restPain-1');
      await page.click('#screening-continue');
      await page.locator('#stop').waitFor({ state: 'visible' });
      expect(await page.textContent('#stop-title')).toBe('Please see a doctor or physiotherapist this week');
      expect(await page.textContent('#stop-advice')).toMatch(/see a doctor or physiotherapist this week/);
      expect(await page.getAttribute('#stop-advice', 'class')).not.toContain('urgent');
      expect(await page.isVisible('#step-movements')).toBe(false);
      expect(await page.isVisible('#phone')).toBe(false);
      await expectAccessible(page, 'clinician-stop');
      expect((await outbox()).length).toBe(sentBefore);

      // Without the sign but with pain at rest of 6 (the threshold is 4): the advice, and the movements.
      await page.click('#stop-back');
      await page.uncheck('#redFlag-night-pain');
      await page.check('#restPain-6');
      await page.click('#screening-continue');
      await page.locator('#step-movements').waitFor({ state: 'visible' });
      expect(await page.isVisible('#care-advice')).toBe(true);
      expect(await page.textContent('#care-advice')).toMatch(
        /See a doctor or physiotherapist this week.*only do the movements below, and stop any that hurts more than 3/s,
      );
      await expect.poll(() => status(page)).toMatch(/Step 2 of 4.*see a doctor or physiotherapist this week/);
      await expectAccessible(page, 'clinician-movements');

      // None at 3 or less: no plan, a movement specialist, and a way back to change a score.
      await page.check('#score-cat-camel-5');
      await page.click('#movements-continue');
      await page.locator('#stop').waitFor({ state: 'visible' });
      expect(await page.textContent('#stop-back')).toBe('Go back and change my answers');
      await page.click('#stop-back');
      await page.locator('#step-movements').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('movements-title');

      // Three qualify: a plan of all three, nothing to pick, the advice still in view.
      await page.check('#score-cat-camel-1');
      await page.check('#score-bird-dog-2');
      await page.check('#score-hip-bridges-0');
      await page.click('#movements-continue');
      await page.locator('#step-choice').waitFor({ state: 'visible' });
      expect(await page.isVisible('#care-advice')).toBe(true);
      expect(await page.locator('#chosen-list input').count()).toBe(0);
      expect(await page.locator('#chosen-list li .pick-name').allTextContents()).toEqual([
        'Cat-Camel',
        'Hip Bridges',
        'Bird Dog',
      ]);
      expect(await page.textContent('#chosen-hint')).toBe(
        'You tried these 3 movements and each hurt 3 or less, so your plan has all of them.',
      );
      await expectAccessible(page, 'clinician-choice');
      await page.click('#choice-continue');
      await page.locator('#step-reminders').waitFor({ state: 'visible' });
      expect(await page.isVisible('#care-advice')).toBe(true);

      const phone = '+14155550145';
      await page.fill('#phone', phone);
      await page.check('#consent');
      await page.click('#submit');
      await page.locator('#result').waitFor({ state: 'visible' });
      expect(await page.textContent('#advice')).toMatch(/hurts even at rest.*this week/);
      expect(await page.locator('#plan-movements li').count()).toBe(3);
      await expectAccessible(page, 'clinician-plan');
      const [plan] = await plansOf(phone);
      expect(plan).toMatchObject({
        status: 'pending_verification',
        assessment: { restPain: 6, chosen: ['cat-camel', 'hip-bridges', 'bird-dog'] },
      });
      expect(problems).toEqual([]);
    });
  }, 90_000);

  it('over 50 with new back pain: check with your clinician, then on once one has checked it; the plan keeps the advice and records the check', async () => {
    await withPhoneBrowser(async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${base}/`);
      const itemsBefore = await table.scanAll();

      await page.check('#redFlag-new-pain-age');
      await page.check('#restPain-1');
      await page.click('#screening-continue');
      await page.locator('#stop').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('stop');
      expect(await page.textContent('#stop-title')).toBe('Check with your clinician first');
      expect(await page.textContent('#stop-advice')).toBe(
        'Because this is new back pain at your age, a doctor or physiotherapist should check this back pain ' +
          'before you start these exercises. If one has already checked it, you can go on.',
      );
      expect(await page.textContent('#stop-flag-list')).toContain('under 20 or over 50');
      expect(await page.isVisible('#clinician-check')).toBe(true);
      expect(await page.isChecked('#clinicianChecked')).toBe(false);
      expect(await page.isVisible('#phone')).toBe(false);
      await expectLargeTargets(page, '#clinician-check-continue, #stop-back');
      await expectAccessible(page, 'check-with-clinician');

      // Going on without saying so is not possible: the box is asked for, next to it.
      await page.click('#clinician-check-continue');
      await page.locator('#err-clinicianChecked').waitFor({ state: 'visible' });
      expect(await page.textContent('#err-clinicianChecked')).toMatch(/only if a doctor or physiotherapist/);
      expect(await page.getAttribute('#clinicianChecked', 'aria-invalid')).toBe('true');
      await expectAccessible(page, 'check-with-clinician-missing', '#err-clinicianChecked');
      expect(data(await table.scanAll())).toEqual(data(itemsBefore));

      // A clinician has checked it: on to the movements, the advice in view.
      await page.check('#clinicianChecked');
      await page.click('#clinician-check-continue');
      await page.locator('#step-movements').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('movements-title');
      expect(await page.textContent('#care-advice-title')).toBe('A clinician has checked your back');
      expect(await page.textContent('#care-advice-text')).toMatch(
        /^You told us a clinician has checked this back pain\. Because this is new back pain at your age, stop the exercises and contact them if the pain gets worse/,
      );
      await expect.poll(() => status(page)).toMatch(/Step 2 of 4.*You told us a clinician has checked/);

      // The kettlebell walk: the holds with their pictures, easiest first; the patient tried the second.
      const holds = await page
        .locator('#field-kettlebellHold input')
        .evaluateAll((inputs) => (inputs as HTMLInputElement[]).map((i) => [i.value, i.checked]));
      expect(holds).toEqual([
        ['by the side', true],
        ['bottoms up', false],
        ['overhead', false],
        ['overhead and by the side', false],
        ['bottoms up overhead', false],
      ]);
      expect(await page.locator('#field-kettlebellHold img.picture').count()).toBe(5);
      await expectLargeTargets(page, '#field-kettlebellHold label');
      await page.check('#hold-1');
      await page.check('#score-kettlebell-walk-1');
      await page.check('#score-cat-camel-0');
      await page.check('#score-hip-bridges-2');
      await page.check('#score-bird-dog-3');
      await expectAccessible(page, 'clinician-checked-movements', '#field-kettlebellHold');
      await page.click('#movements-continue');
      await page.locator('#step-choice').waitFor({ state: 'visible' });
      expect(await page.isVisible('#care-advice')).toBe(true);
      expect(await page.locator('#chosen-list li .pick-name').allTextContents()).toContain(
        'Kettlebell Walks (bottoms up)',
      );
      await page.click('#choice-continue');
      await page.locator('#step-reminders').waitFor({ state: 'visible' });
      const phone = '+14155550151';
      await page.fill('#phone', phone);
      await page.check('#consent');
      await page.click('#submit');
      await page.locator('#result').waitFor({ state: 'visible' });
      expect(await page.textContent('#advice')).toMatch(
        /^You told us a clinician has checked this back pain/,
      );
      expect(await page.textContent('#plan-movements')).toContain('Kettlebell Walks (bottoms up)');
      expect(await page.textContent('#plan-movements')).toContain('7 lengths × 1 set');
      expect(await page.isVisible('#caveats')).toBe(true);
      await expectAccessible(page, 'clinician-checked-plan');

      const [plan] = await plansOf(phone);
      expect(plan).toMatchObject({
        status: 'pending_verification',
        assessment: {
          redFlags: ['new-pain-age'],
          clinicianCheck: { by: 'patient', flags: ['new-pain-age'] },
        },
      });
      expect(
        (plan!.plan as { movements: { id: string; variation?: string }[] }).movements.find(
          (m) => m.id === 'kettlebell-walk',
        )?.variation,
      ).toBe('bottoms up');
      expect(problems).toEqual([]);
    });
  }, 90_000);

  it('a movement at 8 or more stops the form with the advice only: nothing to change, nothing stored', async () => {
    await withPhoneBrowser(async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${base}/`);
      await answerSafetyQuestions(page, 1);
      const itemsBefore = await table.scanAll();
      await page.check('#score-cat-camel-1');
      await page.check('#score-bird-dog-9');
      await page.click('#movements-continue');
      await page.locator('#stop').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('stop');
      expect(await page.textContent('#stop-title')).toBe('Please see a doctor or physiotherapist this week');
      expect(await page.textContent('#stop-advice')).toMatch(
        /^A movement hurt 8 or more out of 10\. Pain this high needs a clinician/,
      );
      // The advice only: no "change my answers", nothing of the form within reach.
      expect(await page.isVisible('#stop-back')).toBe(false);
      expect(await page.isVisible('#clinician-check')).toBe(false);
      expect(await page.textContent('#stop')).not.toMatch(/change my answers/i);
      const stops = await tabStops(page);
      expect(stops.filter((s) => s.inForm || !s.visible)).toEqual([]);
      expect(stops.map((s) => s.id)).not.toContain('stop-back');
      await expect
        .poll(() => status(page))
        .toMatch(/^Please see a doctor or physiotherapist this week\. A movement hurt 8/);
      await expectAccessible(page, 'severe-pain-stop');
      expect(data(await table.scanAll())).toEqual(data(itemsBefore));
      expect(problems).toEqual([]);
    });
  }, 60_000);

  it('the patient swaps a proposed movement for another that qualifies; the plan holds exactly their choice', async () => {
    await withPhoneBrowser(async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${base}/`);
      await expectLargeTargets(page, '#field-redFlags label, #field-restPain label, #screening-continue');
      await answerSafetyQuestions(page, 0);
      await expectLargeTargets(
        page,
        'fieldset.movement .scale label, #movements-continue, [data-back="screening"]',
      );
      const scores = {
        'hip-mobility': 0,
        'cat-camel': 0,
        'hip-bridges': 1,
        'bird-dog': 2,
        'lateral-beast-walk': 2,
        'side-plank-clam-shells': 3,
        'kettlebell-walk': 5,
      };
      for (const [movement, score] of Object.entries(scores)) await page.check(`#score-${movement}-${score}`);
      await page.click('#movements-continue');
      await page.locator('#step-choice').waitFor({ state: 'visible' });

      // Six qualify; the rule proposes five (least pain, new categories, gentler first), pre-selected.
      const checked = () =>
        page
          .locator('#chosen-list input:checked')
          .evaluateAll((l) => (l as HTMLInputElement[]).map((i) => i.value));
      expect(await page.locator('#chosen-list input').count()).toBe(6);
      expect(await checked()).toEqual([
        'hip-mobility',
        'cat-camel',
        'lateral-beast-walk',
        'hip-bridges',
        'bird-dog',
      ]);
      expect(await page.textContent('#chosen-hint')).toBe(
        'These 6 movements hurt 3 or less. We ticked the 5 we suggest: you can swap any of them. Pick 4 or 5.',
      );
      // Each with its picture and its pain in words; large targets.
      expect(await page.locator('#chosen-list .pick img.picture[aria-hidden="true"][alt=""]').count()).toBe(
        6,
      );
      expect(await page.textContent('label[for="chosen-side-plank-clam-shells"]')).toMatch(
        /Side Plank Clam Shells\s*It hurt 3 out of 10/,
      );
      await expectLargeTargets(page, '#chosen-list .pick-label, #choice-continue, [data-back="movements"]');
      // On the narrowest phones too, nothing is wider than the screen.
      await page.setViewportSize({ width: 320, height: 640 });
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBeLessThanOrEqual(0);
      await page.setViewportSize(PHONE_VIEWPORT);

      // Six ticked is too many: the hint says so at once, and Continue asks again.
      await page.click('label[for="chosen-side-plank-clam-shells"]');
      await expect
        .poll(() => page.textContent('#chosen-count'))
        .toBe('You have picked 6. Please pick 4 or 5.');
      await expectAccessible(page, 'choice-too-many', '#chosen-count');
      await page.click('#choice-continue');
      await page.locator('#err-chosen').waitFor({ state: 'visible' });
      expect(await page.textContent('#err-chosen')).toBe('Please pick 4 or 5 movements. You have picked 6.');
      expect(await page.isVisible('#step-choice')).toBe(true);

      // The swap: Side Plank Clam Shells in, Lateral Beast Walk out.
      await page.click('label[for="chosen-lateral-beast-walk"]');
      await expect.poll(() => page.textContent('#chosen-count')).toBe('You have picked 5.');
      const chosen = ['hip-mobility', 'cat-camel', 'hip-bridges', 'side-plank-clam-shells', 'bird-dog'];
      expect(await checked()).toEqual(chosen);
      await expectAccessible(page, 'choice-swapped');
      await page.click('#choice-continue');
      await page.locator('#step-reminders').waitFor({ state: 'visible' });

      const phone = '+14155550146';
      await page.fill('#phone', phone);
      await page.check('#consent');
      await expectLargeTargets(
        page,
        '#field-channel label, label[for="consent"], #submit, [data-back="choice"]',
      );

      // The server checks the choice whatever the page allowed: a movement that hurt 5, slipped into
      // the request, is refused at chosen.0 and shown next to the choice, in the movement's name.
      await page.route('**/assessments', async (route) => {
        const body = route.request().postDataJSON() as { chosen: string[] };
        await route.continue({
          postData: JSON.stringify({ ...body, chosen: ['kettlebell-walk', ...body.chosen.slice(1)] }),
        });
      });
      const itemsBefore = await table.scanAll();
      await page.click('#submit');
      await page.locator('#err-chosen').waitFor({ state: 'visible' });
      expect(await page.isVisible('#step-choice')).toBe(true);
      expect(await page.textContent('#err-chosen')).toBe(
        'Kettlebell Walks hurt more than 3, so it cannot be in your plan',
      );
      expect(await focusedId(page)).toBe('error-summary');
      await expectAccessible(page, 'choice-refused', '#err-chosen');
      expect(await table.scanAll()).toEqual(itemsBefore);
      await page.unroute('**/assessments');

      // As the patient chose it: sent with the pain at rest, returned, stored, confirmed.
      await page.click('#choice-continue');
      await page.locator('#step-reminders').waitFor({ state: 'visible' });
      const sent = page.waitForRequest((r) => r.url().endsWith('/assessments') && r.method() === 'POST');
      await page.click('#submit');
      expect((await sent).postDataJSON()).toMatchObject({ chosen, restPain: 0, redFlags: [] });
      await page.locator('#result').waitFor({ state: 'visible' });
      expect(await page.locator('#plan-movements li strong').allTextContents()).toEqual([
        'Hip Mobility',
        'Cat-Camel',
        'Hip Bridges',
        'Side Plank Clam Shells',
        'Bird Dog',
      ]);
      await page.fill('#code', await codeTextedTo(phone));
      await page.click('#confirm');
      await page.locator('#done').waitFor({ state: 'visible' });

      const [plan] = await plansOf(phone);
      const stored = await new DynamoPlanRepository(table.db, table.tableName).getPlan(String(plan!.planId));
      expect(stored?.status).toBe('active');
      expect(stored?.plan.movements.map((m) => m.id)).toEqual(chosen);
      expect(stored?.assessment).toMatchObject({ chosen, restPain: 0 });
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('after five wrong codes the plan is locked and "Start again" goes back to the safety questions, answers kept', async () => {
    await withPhoneBrowser(async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${base}/`);
      await reachReminders(page, { 'cat-camel': 1, 'hip-bridges': 0 });
      const phone = '+14155550147';
      await page.fill('#phone', phone);
      await page.check('#consent');
      await page.click('#submit');
      await page.locator('#verify').waitFor({ state: 'visible' });
      const wrong = (await codeTextedTo(phone)) === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        await page.fill('#code', wrong);
        const answered = page.waitForResponse((r) => r.url().endsWith('/verifications'));
        await page.click('#confirm');
        expect((await answered).status()).toBe(i < 4 ? 400 : 423);
      }
      // The page shows the answer after it arrives: wait for it rather than read at once.
      await expect.poll(() => page.textContent('#error-list')).toMatch(/locked|send the form again/i);
      await page.locator('#restart').waitFor({ state: 'visible' });
      await page.click('#restart');
      await page.locator('#step-screening').waitFor({ state: 'visible' });
      expect(await focusedId(page)).toBe('safety-title');
      expect(await page.isVisible('#result')).toBe(false);
      expect(await page.isChecked('#restPain-0')).toBe(true);
      expect(await page.isChecked('#score-cat-camel-1')).toBe(true);
      await expectAccessible(page, 'start-again');
      expect(problems).toEqual([]);
    });
  }, 60_000);

  it('registers the service worker under the CSP when the patient picks push, and sends the subscription', async () => {
    await withPhoneBrowser(async (page, context) => {
      const problems = watchProblems(page);
      await context.grantPermissions(['notifications'], { origin: base });
      // No push service is reachable from a test machine: stand in for the browser's push
      // service and keep everything else real (the worker registration, the page's script).
      await page.addInitScript((subscription) => {
        PushManager.prototype.subscribe = async function () {
          return { toJSON: () => subscription } as unknown as PushSubscription;
        };
      }, PUSH_SUBSCRIPTION);
      await page.goto(`${base}/`);
      await reachReminders(page, { 'bird-dog': 0 });
      await page.check('#channel-push');
      await expect.poll(() => status(page)).toMatch(/Notifications are on/);
      const scope = await page.evaluate(
        async () => (await navigator.serviceWorker.getRegistration('/'))?.scope,
      );
      expect(scope).toBe(`${base}/`);

      const phone = '+14155550144';
      await page.fill('#phone', phone);
      await page.check('#consent');
      await page.click('#submit');
      await page.locator('#result').waitFor({ state: 'visible' });

      const planId = await page.evaluate(() => document.getElementById('code-sent')?.textContent);
      expect(planId).toContain('+1********44');
      const plans = await plansOf(phone);
      expect(plans).toHaveLength(1);
      const stored = await new DynamoPlanRepository(table.db, table.tableName).getPlan(
        String(plans[0]!.planId),
      );
      expect(stored).toMatchObject({
        channel: 'push',
        pushSubscription: { endpoint: PUSH_SUBSCRIPTION.endpoint },
      });
      // The code still goes by text.
      expect(await codeTextedTo(phone)).toMatch(/^\d{6}$/);
      expect(problems).toEqual([]);
    });
  }, 60_000);

  it('enforces the CSP in the browser: an injected inline script does not run', async () => {
    await withPhoneBrowser(async (page) => {
      await page.goto(`${base}/`);
      await expect(page.addScriptTag({ content: 'window.injected = true' })).rejects.toThrow(
        /TrustedScript|Content Security Policy|Refused/,
      );
      expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    });
  });
});

describe('session times when the minutes are full (capacity-aware booking)', () => {
  /** Fills the minutes these Chicago times fall on today and tomorrow, as if other patients had booked them. */
  async function fillMinutes(times: string[]) {
    const capacity = slotCapacity({ identities: 1, partsPerSecond: 1 });
    const today = localDateOf(new Date(), 'America/Chicago');
    for (const date of [today, addDays(today, 1)])
      for (const time of times)
        await table.db.send(
          new PutCommand({
            TableName: table.tableName,
            Item: { ...keys.slot(slotAt(zonedInstant(date, time, 'America/Chicago'))), booked: capacity },
          }),
        );
  }

  it('the default times move to the nearest free minutes by themselves; times the patient chose are offered free ones, one tap to take', async () => {
    await fillMinutes(['08:00', '13:00', '19:00', '09:30']);
    await withPhoneBrowser(async (page) => {
      const problems = watchProblems(page);
      // Defaults kept: the plan comes back a minute later at each time, and says so.
      await page.goto(`${base}/`);
      await reachReminders(page, { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 });
      await page.fill('#phone', '+14155550191');
      await page.check('#consent');
      await page.click('#submit');
      await page.locator('#result').waitFor({ state: 'visible' });
      expect(await page.textContent('#plan-summary')).toContain('8:01 AM, 1:01 PM and 7:01 PM');

      // A first session of 09:30, chosen, in a full minute: refused with the free times offered.
      await page.goto(`${base}/`);
      await reachReminders(page, { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 });
      await page.fill('#phone', '+14155550192');
      await page.selectOption('#sessionTimes-0', '09:30');
      await page.check('#consent');
      await page.click('#submit');
      await page.locator('#free-times').waitFor({ state: 'visible' });
      expect(await page.textContent('#err-sessionTimes-0')).toContain('fully booked');
      expect(await page.textContent('#use-free-times')).toBe(
        'Use 9:31 AM, 1:01 PM and 7:01 PM and get my plan',
      );
      await expectAccessible(page, 'times-full', '#free-times');
      await page.click('#use-free-times');
      await page.locator('#result').waitFor({ state: 'visible' });
      expect(await page.textContent('#plan-summary')).toContain('9:31 AM, 1:01 PM and 7:01 PM');
      expect(problems).toEqual([]);
    });
  }, 120_000);
});
