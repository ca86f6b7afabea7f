import { mkdirSync } from 'node:fs';
import { phoneContext } from '../../tools/chromium.ts';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, findMovement } from '../../shared/domain/plan/catalog.ts';
import { MOVEMENT_PICTURES, pictureFor } from '../../shared/domain/plan/pictures.ts';
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
import { addDays, localDateOf, zonedInstant } from '../../shared/domain/time.ts';
import { contactSheetHtml, SHEET_VIEWPORT } from '../../tools/contact-sheet.ts';
import { axeViolations, withChromium } from '../support/browser.ts';
import { acceptProposal, answerSafetyQuestions, rateMovements, reachReminders } from '../support/form.ts';
import { useLocalStack, watchProblems } from '../support/local-e2e.ts';
import type { OutboxEntry } from '../../local/outbox.ts';
import { useTestTable } from '../support/dynamodb.ts';

/**
 * The patient's whole journey on a phone, in Debian's Chromium against the local stack (the same
 * handlers, DynamoDB Local, the dev clock and the outbox): the form, the code from the outbox, the
 * first reminder in the outbox, its link opened, today's movements with their pictures, Done, and
 * the session logged. axe-core checks every state; the screenshots of the plan page go to docs/.
 */
const table = useTestTable();
const DOCS = join(import.meta.dirname, '..', '..', 'docs');
const PHONE = '+14155550199';
const ZONE = 'America/New_York';
const SCORES = {
  'hip-mobility': 0,
  'cat-camel': 1,
  'lateral-beast-walk': 1,
  'bird-dog': 3,
  'kettlebell-walk': 2,
};

const local = useLocalStack(table);
const { api, outbox } = local;
beforeAll(() => mkdirSync(DOCS, { recursive: true }));

async function expectAccessible(page: Page, state: string) {
  expect(await axeViolations(page), `axe violations in state "${state}"`).toEqual([]);
}

/** Nothing wider than the screen: the page works at 320 px. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('a patient on a phone: form → code → reminder → plan page → Done', () => {
  it('follows the reminder link to today’s movements with pictures and logs the session with Done', async () => {
    // Tomorrow 05:00 in New York: every session of the day is still ahead.
    const today = addDays(localDateOf(new Date(), ZONE), 1);
    await api('POST', '/dev/clock', { to: zonedInstant(today, '05:00', ZONE).toISOString() });

    await withChromium(phoneContext(320, { locale: 'en-US', timezoneId: ZONE }), async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${local.base()}/`);
      // Every movement on the form has its picture beside it; the kettlebell walk one per hold.
      // Each its own SVG file by URL (cached on the phone after the first view), with its alt text.
      expect(await page.locator('fieldset.movement img.picture[alt]').count()).toBe(14);
      expect(await page.locator('#field-kettlebellHold img.picture').count()).toBe(5);
      await reachReminders(page, SCORES);
      await page.fill('#phone', PHONE);
      await page.check('#consent');
      await page.click('#submit');
      await page.locator('#verify').waitFor({ state: 'visible' });
      const codeText = (await outbox()).find((m) => m.kind === 'verification' && m.to === PHONE)!;
      await page.fill('#code', /\b(\d{6})\b/.exec(codeText.body)![1]!);
      await page.click('#confirm');
      await page.locator('#done').waitFor({ state: 'visible' });
      await expect.poll(() => page.locator('#plan-page-link').isVisible()).toBe(true);
      await expectAccessible(page, 'form-confirmed');

      // The first session falls due: the reminder is in the outbox, one segment, with the link.
      await api('POST', '/dev/clock', { to: zonedInstant(today, '08:01', ZONE).toISOString() });
      const reminder = (await outbox()).find((m) => m.kind === 'reminder' && m.to === PHONE);
      expect(reminder, 'a reminder in the outbox').toBeDefined();
      expect(smsSegments(reminder!.body)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      const link = /(http:\/\/127\.0\.0\.1:\d+\/p\/[A-Za-z0-9_-]{22})$/.exec(reminder!.body)?.[1];
      expect(link, reminder!.body).toBeDefined();
      // The form's own link goes to the same page.
      expect(await page.getAttribute('#plan-page-anchor', 'href')).toBe(new URL(link!).pathname);

      await page.goto(link!);
      await expect.poll(() => page.locator('#done-button').isVisible()).toBe(true);
      expect(await page.textContent('.progress')).toMatch(/Day 1 of 14\s*Session 1 of 3/);
      const pictures = page.locator('.session-movement img.picture');
      expect(await pictures.count()).toBe(5);
      for (const img of await pictures.all()) {
        const box = await img.boundingBox();
        expect(box!.width).toBeGreaterThan(200);
        expect(box!.height).toBeGreaterThan(100);
        expect((await img.getAttribute('alt'))!.length).toBeGreaterThan(30);
        // Loaded and drawn (the file exists, and the CSP let it in).
        expect(await img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      }
      expect(await page.textContent('main')).toContain('8 reps on each side, 1 set');
      expect(await page.textContent('main')).toContain('A length is about 10 steps');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      const done = await page.locator('#done-button').boundingBox();
      expect(done!.height).toBeGreaterThanOrEqual(44);
      await expectAccessible(page, 'plan-page');
      await page.screenshot({ path: join(DOCS, 'plan-page.png'), fullPage: true });

      await page.click('#done-button');
      await expect.poll(() => page.textContent('#done-status')).toBe('Session 1 of 3 is logged. Well done!');
      expect(await page.locator('#done-button').isVisible()).toBe(false);
      await expectAccessible(page, 'plan-page-done');
      await page.locator('.done-card').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(DOCS, 'plan-page-done.png') });

      // The session is logged in the table, once, and the page says so when opened again.
      const events = (await table.scanAll()).filter((i) => String(i.sk).startsWith('EVENT#'));
      expect(events).toEqual([expect.objectContaining({ eventType: 'done', slot: 1, localDate: today })]);
      await page.reload();
      expect(await page.textContent('#done-status')).toBe('Session 1 of 3 is logged. Well done!');
      expect(await page.locator('#done-button').count()).toBe(0);

      // A link that opens nothing: one page for guessed, revoked and expired tokens.
      await page.goto(`${local.base()}/p/${'x'.repeat(22)}`);
      expect(await page.textContent('h1')).toBe('This link does not work');
      await expectAccessible(page, 'plan-page-not-found');
      expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    });
  }, 120_000);

  it('reads in full with JavaScript off: the movements, pictures and advice, no button', async () => {
    const reminder = (await outbox()).find((m) => m.kind === 'reminder' && m.to === PHONE)!;
    const link = reminder.body.split(' ').at(-1)!;
    await withChromium({ viewport: { width: 320, height: 740 }, javaScriptEnabled: false }, async (page) => {
      await page.goto(link);
      expect(await page.locator('.session-movement img.picture').count()).toBe(5);
      expect(await page.textContent('main')).toContain('Call your emergency number if you get numbness');
      expect(await page.locator('#done-button').count()).toBe(0); // logged already in the journey
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    });
  }, 60_000);
});

describe('the movement pictures', () => {
  it('each renders in Chromium, non-empty, with alt text; the contact sheet goes to docs/', async () => {
    const entries = Object.entries(MOVEMENT_PICTURES);
    // Nine movements of their own and the five kettlebell holds (a kettlebell walk shows its hold).
    expect(entries).toHaveLength(14);
    for (const m of CATALOG) expect(pictureFor(m.id), m.id).toBeDefined();
    for (const v of findMovement('kettlebell-walk')!.variations!)
      expect(pictureFor('kettlebell-walk', v)).toBe(MOVEMENT_PICTURES[`kettlebell-walk:${v}`]);
    // The sheet is the one `npm run pictures:sheet` draws (tools/contact-sheet.ts).
    await withChromium({ viewport: SHEET_VIEWPORT }, async (page) => {
      await page.setContent(contactSheetHtml());
      for (const [id, picture] of entries) {
        const svg = page.locator(`figure[data-id="${id}"] svg`);
        const box = await svg.boundingBox();
        expect(box!.width, id).toBeGreaterThan(300);
        expect(box!.height, id).toBeGreaterThan(150);
        expect(await svg.getAttribute('role')).toBe('img');
        expect(await svg.getAttribute('aria-label')).toBe(picture.alt);
        expect(await svg.locator('title').textContent()).toBe(picture.alt);
        // Drawn: strokes of the figure in both panels, and a floor line in each.
        expect(await svg.locator('path').count(), id).toBeGreaterThan(8);
        expect(await svg.locator('path[d="M0 100 L110 100"]').count(), id).toBe(2);
      }
      await page.screenshot({ path: join(DOCS, 'movement-pictures.png'), fullPage: true });
    });
  }, 60_000);
});

describe('progress over days on the dev clock: texts, Done and the pain check-in, then the summary', () => {
  const PATIENT = '+14155550177';
  const reply = (body: string) => api('POST', '/dev/inbound-sms', { from: PATIENT, body });
  const at = (date: string, time: string) =>
    api('POST', '/dev/clock', { to: zonedInstant(date, time, ZONE).toISOString() });

  it('shows the right counts and trend, takes a one-tap score (8+ pauses with the advice), reads without JS, and ends on the summary', async () => {
    // Three days from now, 05:00 in New York: the plan starts that day.
    const day1 = addDays(localDateOf(new Date(), ZONE), 3);
    await at(day1, '05:00');
    const made = await api<{ planId: string }>('POST', '/assessments', {
      phone: PATIENT,
      channel: 'sms',
      timeZone: ZONE,
      consent: true,
      scores: SCORES,
    });
    const codeText = (await outbox()).find((m) => m.kind === 'verification' && m.to === PATIENT)!;
    const { planPage } = await api<{ planPage: string }>('POST', '/verifications', {
      planId: made.planId,
      code: /\b(\d{6})\b/.exec(codeText.body)![1],
    });
    const link = `${local.base()}${planPage}`;

    // Day 1: session 1 done by text, pain 6 by text. Day 2: sessions 1 and 2 by text, pain 4.
    await at(day1, '08:10');
    await reply('DONE');
    await reply('pain 6');
    const day2 = addDays(day1, 1);
    await at(day2, '08:20');
    await reply('done');
    await at(day2, '13:20');
    await reply('Done ✅');
    await reply('my pain is 4 today');
    const day3 = addDays(day1, 2);
    await at(day3, '09:00');

    await withChromium(phoneContext(320, { locale: 'en-US', timezoneId: ZONE }), async (page) => {
      const problems = watchProblems(page);
      await page.goto(link);
      await expect.poll(() => page.locator('#pain-scale').isVisible()).toBe(true);
      const main = () => page.textContent('main');
      expect(await main()).toContain('Today: 0 of 3 sessions done.');
      expect(await main()).toContain('Your back: 6 on day 1, 4 on day 2 (2 points better).');
      // Day 3 at about 8:30: days 1 and 2 (3 each) and today's 8:00 are due; later sessions are not yet.
      expect(await main()).toContain('Sessions done so far: 3 of 7.');
      const chart = page.locator('svg.chart');
      expect((await chart.boundingBox())!.width).toBeGreaterThan(250);
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await page.locator('svg.chart circle').count()).toBe(2);
      // The table, opened: a row a day so far, today marked.
      await page.click('.table-details summary');
      const rows = await page.locator('.day-table tbody tr').allInnerTexts();
      expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
        expect.stringMatching(/^Day 1 .* 1 of 3 6$/),
        expect.stringMatching(/^Day 2 .* 2 of 3 4$/),
        expect.stringMatching(/^Day 3 \(today\) .* 0 of 3 no score$/),
      ]);
      // Every score button is a big target.
      for (const button of await page.locator('.pain-button').all()) {
        const box = (await button.boundingBox())!;
        expect(box.width).toBeGreaterThanOrEqual(44);
        expect(box.height).toBeGreaterThanOrEqual(44);
      }
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await expectAccessible(page, 'plan-page-progress');

      // One tap: score 3 for today.
      await page.click('.pain-button[value="3"]');
      await expect
        .poll(() => page.textContent('#checkin-status'))
        .toContain('Thank you: your back is 3 out of 10 today.');
      expect(await page.getAttribute('.pain-button[value="3"]', 'aria-pressed')).toBe('true');
      await page.click('#done-button');
      await expect.poll(() => page.textContent('#done-status')).toBe('Session 1 of 3 is logged. Well done!');
      await page.reload();
      expect(await main()).toContain('Your back: 6 on day 1, 3 now (3 points better).');
      expect(await main()).toContain('Today: 1 of 3 sessions done.');
      // The check-in and the progress, as a phone shows them (docs/): page coordinates.
      const [top, bottom] = await page.evaluate(() => {
        const y = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
        return [y('.checkin-card').top + window.scrollY, y('.progress-card').bottom + window.scrollY];
      });
      await page.screenshot({
        path: join(DOCS, 'plan-page-progress.png'),
        fullPage: true,
        clip: { x: 0, y: top - 8, width: 320, height: bottom - top + 16 },
      });

      // A score of 8 or more: the advice, the plan paused (as PAIN 8 by text), no more Done today.
      await page.click('.pain-button[value="9"]');
      await expect.poll(() => page.locator('#pain-advice').isVisible()).toBe(true);
      expect(await page.textContent('#pain-advice')).toContain("Pain this high needs a clinician's advice");
      expect(await page.locator('#done-button').isVisible()).toBe(false);
      await expectAccessible(page, 'plan-page-pain-advice');
      await page.reload();
      expect(await page.textContent('.advice[role="alert"]')).toContain('Your reminders are paused.');
      const sentBefore = (await outbox()).filter((m) => m.to === PATIENT && m.kind === 'reminder').length;
      await at(day3, '13:05');
      expect((await outbox()).filter((m) => m.to === PATIENT && m.kind === 'reminder')).toHaveLength(
        sentBefore,
      );

      // The plan is over (its 14 days passed): the summary, reachable from the same link.
      await at(addDays(day1, 14), '09:00');
      await page.goto(link);
      expect(await page.textContent('h1')).toBe('Your plan is finished');
      // Paused at pain 8 on day 3 and never resumed: only the 7 sessions due before the pause count.
      expect(await main()).toContain('4 of 7 sessions done.');
      expect(await main()).toContain('Your back: 6 on day 1, 9 on day 3 (3 points worse).');
      expect(await main()).toContain('Please see a clinician before you exercise again.');
      // The check-in opens the form with this plan's scores filled in.
      expect(await page.getAttribute('a.button-link', 'href')).toBe(`/?reassess=${planPage.slice(3)}`);
      expect(await page.locator('#pain-scale, #done-button').count()).toBe(0);
      await expectAccessible(page, 'plan-page-summary');
      await page.locator('.summary-card').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(DOCS, 'plan-page-summary.png') });
      expect(problems).toEqual([]);
    });

    // Without JavaScript the page still reads in full: the chart and table are server-rendered, the
    // score buttons stay hidden and the page says how to text a score instead.
    await withChromium({ viewport: { width: 320, height: 740 }, javaScriptEnabled: false }, async (page) => {
      await page.goto(link);
      expect(await page.locator('svg.chart').count()).toBe(1);
      expect(await page.locator('.day-table tbody tr').count()).toBe(14);
    });
  }, 180_000);

  it('without JavaScript a running plan offers no score buttons but says to text PAIN', async () => {
    const phone = '+14155550178';
    const today = localDateOf(new Date((await api<{ now: string }>('GET', '/dev/clock')).now), ZONE);
    await at(addDays(today, 1), '05:00');
    const made = await api<{ planId: string }>('POST', '/assessments', {
      phone,
      channel: 'sms',
      timeZone: ZONE,
      consent: true,
      scores: SCORES,
    });
    const codeText = (await outbox()).find((m) => m.kind === 'verification' && m.to === phone)!;
    const { planPage } = await api<{ planPage: string }>('POST', '/verifications', {
      planId: made.planId,
      code: /\b(\d{6})\b/.exec(codeText.body)![1],
    });
    await at(addDays(today, 1), '09:00');
    await withChromium({ viewport: { width: 320, height: 740 }, javaScriptEnabled: false }, async (page) => {
      await page.goto(`${local.base()}${planPage}`);
      expect(await page.locator('#pain-scale').isVisible()).toBe(false);
      expect(await page.textContent('.checkin-card')).toContain('reply PAIN and a number');
      expect(await page.textContent('main')).toContain(
        'No sessions logged yet — tap Done after each session.',
      );
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    });
  }, 60_000);
});

describe('a 14-day journey on the dev clock: texts every day → progress on the page → re-assessment pre-filled → a progressed plan', () => {
  const PATIENT = '+14155550166';
  const reply = (body: string) =>
    api<{ replies: OutboxEntry[] }>('POST', '/dev/inbound-sms', { from: PATIENT, body });
  const at = (date: string, time: string) =>
    api('POST', '/dev/clock', { to: zonedInstant(date, time, ZONE).toISOString() });
  // The pain texted each day: 5 falling to 2 (the worst of the day counts).
  const painOn = (day: number) => Math.max(2, 5 - Math.floor(day / 4));

  it('counts every session and score the patient texted, then steps the next plan on from this one', async () => {
    // Twenty days ahead (the clock only moves forward; the tests above used the days before).
    const day1 = addDays(localDateOf(new Date(), ZONE), 20);
    await at(day1, '05:00');
    const made = await api<{ planId: string }>('POST', '/assessments', {
      phone: PATIENT,
      channel: 'sms',
      timeZone: ZONE,
      consent: true,
      scores: SCORES,
    });
    const code = /\b(\d{6})\b/.exec(
      (await outbox()).filter((m) => m.kind === 'verification' && m.to === PATIENT).at(-1)!.body,
    )![1];
    const { planPage } = await api<{ planPage: string }>('POST', '/verifications', {
      planId: made.planId,
      code,
    });

    // Every session of 14 days: the reminder comes, the patient texts DONE; a PAIN score each morning.
    let thanked = 0;
    for (let d = 0; d < 14; d++) {
      const date = addDays(day1, d);
      for (const time of ['08:05', '13:05', '19:05']) {
        await at(date, time);
        const answer = await reply('Done ✅');
        thanked += answer.replies.filter((r) => /thank|well done|logged/i.test(r.body)).length;
        if (time === '08:05') await reply(`pain ${painOn(d)}/10`);
      }
    }
    const reminders = (await outbox()).filter((m) => m.to === PATIENT && m.kind === 'reminder');
    expect(reminders).toHaveLength(42);
    expect(thanked).toBe(42);
    const ends = (await outbox()).filter((m) => m.to === PATIENT && m.kind === 'reassessment');
    expect(ends).toHaveLength(1);
    expect(ends[0]!.body).toContain(planPage);

    await at(addDays(day1, 14), '09:00');
    await withChromium(phoneContext(390, { locale: 'en-US', timezoneId: ZONE }), async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${local.base()}${planPage}`);
      const main = () => page.textContent('main');
      // The counts and the trend, as the outbox and the replies above say.
      expect(await main()).toContain('42 of 42 sessions done.');
      expect(await main()).toContain(
        `Your back: ${painOn(0)} on day 1, ${painOn(13)} on day 14 (3 points better).`,
      );
      expect(await page.locator('svg.chart circle').count()).toBe(14);
      await expectAccessible(page, 'journey-summary');

      // The check-in, pre-filled with the last scores.
      await page.click('#reassess');
      await page.locator('#welcome-back').waitFor({ state: 'visible' });
      expect(await page.textContent('#welcome-back')).toContain('You did 42 of 42 sessions.');
      for (const [id, score] of Object.entries(SCORES))
        expect(await page.isChecked(`#score-${id}-${score}`)).toBe(true);
      expect(await page.textContent('[id="field-scores.bird-dog"] .last-time')).toBe(
        'Last time: 3 out of 10.',
      );
      await expectAccessible(page, 'reassessment-prefilled');

      // The last hold is ticked; a harder one is one rung at a time (the others wait).
      expect(await page.isChecked('#hold-0')).toBe(true);
      expect(
        await page
          .locator('#field-kettlebellHold input')
          .evaluateAll((inputs) => (inputs as HTMLInputElement[]).map((i) => i.disabled)),
      ).toEqual([false, false, true, true, true]);
      expect(await page.textContent('#kettlebellHold-hint')).toMatch(/try the next one, "bottoms up"/);

      // Better on three, the same on two: Bird Dog 3 → 1, the kettlebell walk 2 → 0 on the next
      // hold (tried and rated now), Cat-Camel 1 → 0.
      await answerSafetyQuestions(page);
      await page.check('#hold-1');
      await rateMovements(page, { 'bird-dog': 1, 'kettlebell-walk': 0, 'cat-camel': 0 });
      await acceptProposal(page);
      await page.fill('#phone', PATIENT);
      await page.check('#consent');
      await page.click('#submit');
      await page.locator('#since-last').waitFor({ state: 'visible' });
      expect(await page.textContent('#since-sessions')).toBe('You did 42 of 42 sessions of your last plan.');
      const since = await page.locator('#since-list li').allInnerTexts();
      expect(since).toEqual(
        expect.arrayContaining([
          'Bird Dog: better. In your plan: a step up.',
          'Kettlebell Walks: better. In your plan: a step up.',
          'Hip Mobility: the same. In your plan: the same as before.',
        ]),
      );
      // Progressed by the rule, not made afresh: one rung up (5×1 → 6×1 each side, where pain 1
      // alone gives 7×1), and the hold the patient rated, at the first dose of its pain.
      const plan = await page.locator('#plan-movements li').allInnerTexts();
      expect(plan).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Bird Dog\s+6 reps each side × 1 set$/),
          expect.stringMatching(/^Kettlebell Walks \(bottoms up\)\s+8 lengths × 1 set$/),
        ]),
      );
      await expectAccessible(page, 'reassessment-result');

      const newCode = /\b(\d{6})\b/.exec(
        (await outbox()).filter((m) => m.kind === 'verification' && m.to === PATIENT).at(-1)!.body,
      )![1]!;
      await page.fill('#code', newCode);
      await page.click('#confirm');
      await page.locator('#done').waitFor({ state: 'visible' });
      expect(problems).toEqual([]);
    });
  }, 300_000);
});
