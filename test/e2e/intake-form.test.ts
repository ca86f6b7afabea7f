import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createLocalStack, listen, type LocalStack } from '../../local/stack.ts';
import type { OutboxEntry } from '../../local/outbox.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { CONSENT } from '../../shared/domain/rules.ts';
import { silentLog } from '../../shared/adapters/defaults.ts';
import { axeViolations, withChromium } from '../support/browser.ts';
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
    {
      viewport: PHONE_VIEWPORT,
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      timezoneId: 'America/Chicago',
    },
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

describe('the assessment form in Chromium', () => {
  it('a patient rates the movements, gets a plan, confirms with the texted code and sees the confirmation', async () => {
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
      await expectAccessible(page, 'form');

      // Five movements by keyboard, one by touch; the rest stay "did not try".
      await rateByKeyboard(page, 'hip-mobility', 0);
      await rateByKeyboard(page, 'cat-camel', 1);
      await rateByKeyboard(page, 'hip-bridges', 2);
      await rateByKeyboard(page, 'bird-dog', 3);
      await rateByKeyboard(page, 'lateral-beast-walk', 1);
      await page.tap('#score-kettlebell-walk-6');
      expect(await page.isChecked('#score-kettlebell-walk-6')).toBe(true);

      // A mistyped number first: the API's message appears next to the phone field.
      await page.focus('#phone');
      await page.keyboard.type('+1 555');
      await page.focus('#consent');
      await page.keyboard.press('Space');
      expect(await page.isChecked('#consent')).toBe(true);
      await page.focus('#submit');
      await page.keyboard.press('Enter');

      await page.locator('#err-phone').waitFor({ state: 'visible' });
      expect(await page.textContent('#err-phone')).toBe(
        'Mobile number is not a valid mobile number (landline, toll-free and premium-rate numbers cannot get our texts)',
      );
      expect(await page.getAttribute('#phone', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#phone', 'aria-describedby')).toContain('err-phone');
      expect(await page.evaluate(() => document.getElementById('phone')?.nextElementSibling?.id)).toBe(
        'err-phone',
      );
      expect(await focusedId(page)).toBe('error-summary');
      expect(await page.textContent('#error-list')).toContain('Mobile number is not a valid mobile number');
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
      expect(await page.textContent('#plan-movements')).toContain('10 reps each side × 2 sets');
      expect(await page.textContent('#code-sent')).toContain('+1********42');
      await expect.poll(() => page.textContent('#status')).toMatch(/plan is ready/);
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
        /reminders are on: 3 a day at 08:00, 13:00, 19:00 \(America\/Chicago\)/,
      );
      await expectAccessible(page, 'confirmed');

      const items = await table.scanAll();
      const plan = items.find((i) => i.sk === 'PLAN' && i.phone === phone);
      expect(plan).toMatchObject({ status: 'active', channel: 'sms', consent: { text: CONSENT.text } });
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('shows the advice and no code step when a warning sign is ticked, and lets the patient start again', async () => {
    await withPhoneBrowser(async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${base}/`);
      await page.check('#redFlag-leg-weakness');
      await rateByKeyboard(page, 'cat-camel', 2);
      await page.fill('#phone', '+14155550143');
      await page.check('#consent');
      const sentBefore = (await outbox()).length;
      await page.click('#submit');

      await page.locator('#result').waitFor({ state: 'visible' });
      expect(await page.textContent('#result-title')).toBe('No plan this time');
      expect(await page.textContent('#advice')).toMatch(/seek medical care now/);
      expect(await page.isVisible('#verify')).toBe(false);
      expect((await outbox()).length).toBe(sentBefore);
      await expectAccessible(page, 'advice');

      await page.click('#restart');
      expect(await page.isVisible('#assessment')).toBe(true);
      expect(await page.isChecked('#redFlag-leg-weakness')).toBe(true);
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
      await rateByKeyboard(page, 'bird-dog', 0);
      await page.check('#channel-push');
      await expect.poll(() => page.textContent('#status')).toMatch(/Notifications are on/);
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
      const plans = (await table.scanAll()).filter((i) => i.sk === 'PLAN' && i.phone === phone);
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
