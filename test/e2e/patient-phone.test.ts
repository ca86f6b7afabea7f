/**
 * The patient's side on a phone (issue 28), in Debian's Chromium at 320 and 390 px against the
 * local stack: numbers as people type them and the hint in their country; a form that survives a
 * reload and whose steps are history entries; a plan page that agrees with itself after Done (in
 * place with script, by the form's redirect without); times and zones in words; changing times,
 * skipping and snoozing; pause, stop and erase with their confirmations; Add to calendar. axe-core
 * finds nothing in every state; screenshots of the new parts go to docs/.
 */
import { phoneContext } from '../../tools/chromium.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { addDays, localDateOf, zonedInstant } from '../../shared/domain/time.ts';
import { axeViolations, withChromium } from '../support/browser.ts';
import { answerSafetyQuestions, rateMovements } from '../support/form.ts';
import { icsOccurrences } from '../support/ical.ts';
import { useLocalStack } from '../support/local-e2e.ts';
import { useTestTable } from '../support/dynamodb.ts';

const table = useTestTable();
const DOCS = join(import.meta.dirname, '..', '..', 'docs');
const NY = 'America/New_York';
const SCORES = { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 };
const WIDTHS = [320, 390] as const;
/** The page puts itself in place after each action (a request and the page again): a few seconds' room. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

const local = useLocalStack(table);
const { api, outbox } = local;
const at = (date: string, time: string) =>
  api('POST', '/dev/clock', { to: zonedInstant(date, time, NY).toISOString() });

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

async function expectAccessible(page: Page, state: string) {
  expect(await axeViolations(page), `axe violations in "${state}"`).toEqual([]);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    `nothing wider than the screen in "${state}"`,
  ).toBeLessThanOrEqual(0);
}

const phoneAt = (width: number, timezoneId = NY, javaScriptEnabled = true) =>
  phoneContext(width, { height: 740, locale: 'en-US', timezoneId, javaScriptEnabled });

/** A plan made and confirmed through the API (a national-format number), and its page's address. */
async function confirmedPlan(
  phone: string,
  sessionTimes?: readonly string[],
): Promise<{ planId: string; link: string }> {
  const made = await api<{ planId: string }>('POST', '/assessments', {
    phone,
    channel: 'sms',
    timeZone: NY,
    consent: true,
    scores: SCORES,
    ...(sessionTimes ? { sessionTimes } : {}),
  });
  const e164 = `+1${phone.replace(/\D/g, '')}`;
  const code = /\b(\d{6})\b/.exec((await outbox()).filter((m) => m.to === e164).at(-1)!.body)![1];
  const { planPage } = await api<{ planPage: string }>('POST', '/verifications', {
    planId: made.planId,
    code,
  });
  return { planId: made.planId, link: `${local.base()}${planPage}` };
}

describe('the form on a phone', () => {
  for (const width of WIDTHS) {
    it(`at ${width} px: the hint in the patient's country, answers back after a reload, Back steps back, a national number taken`, async () => {
      await withChromium(phoneAt(width, 'Europe/London'), async (page) => {
        const problems = watchProblems(page);
        await page.goto(`${local.base()}/`);
        // Reload on step 1 with an answer: it is still there.
        await page.check('#restPain-2');
        await page.reload();
        expect(await page.isChecked('#restPain-2')).toBe(true);
        await answerSafetyQuestions(page, 2);
        await page.check('#score-cat-camel-1');
        await page.reload();
        await page.locator('#step-movements').waitFor({ state: 'visible' });
        expect(await page.isChecked('#score-cat-camel-1')).toBe(true);
        // Back goes to the previous step, not off the form; Forward comes back.
        await page.goBack();
        await page.locator('#step-screening').waitFor({ state: 'visible' });
        await page.goForward();
        await page.locator('#step-movements').waitFor({ state: 'visible' });
        await rateMovements(page, SCORES);
        await page.reload();
        await page.locator('#step-choice').waitFor({ state: 'visible' });
        // Four qualify: the plan has all four (no choice to make), as before the reload.
        expect(await page.locator('#chosen-list .pick').count()).toBe(4);
        await page.goBack();
        await page.locator('#step-movements').waitFor({ state: 'visible' });
        await page.goForward();
        await page.locator('#step-choice').waitFor({ state: 'visible' });
        await page.click('#choice-continue');
        await page.locator('#step-reminders').waitFor({ state: 'visible' });
        // The example in the patient's country; times in words in the browser's clock.
        await poll(() => page.textContent('#phone-hint')).toContain('the United Kingdom, like 07400 123456');
        expect(await page.inputValue('#timeZone')).toBe('Europe/London');
        expect(await page.textContent('#timeZone option:checked')).toBe('United Kingdom Time — London');
        expect(await page.textContent('#sessionTimes-0 option:checked')).toBe('8:00 AM');
        await page.fill('#phone', '07400 123457');
        await page.reload();
        await page.locator('#step-reminders').waitFor({ state: 'visible' });
        expect(await page.inputValue('#phone')).toBe('07400 123457');
        await expectAccessible(page, `form-reminders-${width}`);
        if (width === 390) await page.screenshot({ path: join(DOCS, 'form-phone-hint.png') });
        await page.goBack();
        await page.locator('#step-choice').waitFor({ state: 'visible' });
        await page.goForward();
        await page.locator('#step-reminders').waitFor({ state: 'visible' });
        await page.check('#consent');
        await page.click('#submit');
        await page.locator('#verify').waitFor({ state: 'visible' });
        // Sent: nothing of it stays in the tab.
        expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);
        const code = (await outbox()).filter((m) => m.to === '+447400123457').at(-1)!;
        expect(code.kind).toBe('verification');
        await page.fill('#code', /\b(\d{6})\b/.exec(code.body)![1]!);
        await page.click('#confirm');
        await page.locator('#done').waitFor({ state: 'visible' });
        expect(await page.textContent('#done-text')).toContain('(United Kingdom Time — London)');
        await expectAccessible(page, `form-confirmed-${width}`);
        expect(problems).toEqual([]);
      });
    }, 120_000);
  }
});

describe('the plan page on a phone', () => {
  it('agrees with itself after Done, in place and without script; times in words; skip, snooze, new times, pause, stop, erase', async () => {
    // Tomorrow at 10:00 in New York: signed up after the 08:00 session, so today holds two.
    const day1 = addDays(localDateOf(new Date((await api<{ now: string }>('GET', '/dev/clock')).now), NY), 1);
    await at(day1, '10:00');
    const { link } = await confirmedPlan('(415) 555-0144');
    const reminder = async () =>
      (await outbox()).filter((m) => m.to === '+14155550144' && m.kind === 'reminder');

    await withChromium(phoneAt(390), async (page) => {
      const problems = watchProblems(page);
      await page.goto(link);
      const main = () => page.textContent('main');
      expect(await main()).toContain('Session 1 of 2');
      expect(await main()).toContain('8:00 AM, 1:00 PM and 7:00 PM');
      expect(await main()).toContain('Eastern Time — New York');
      expect(await main()).toContain('Today: 0 of 2 sessions done.');
      expect(await page.textContent('#done-button')).toBe('Done');
      await expectAccessible(page, 'page-390');
      // Done: every part of the page says so at once, no reload.
      await page.click('#done-button');
      await poll(() => page.textContent('#done-status')).toBe('Session 1 of 2 is logged. Well done!');
      expect(await main()).toContain('Today: 1 of 2 sessions done.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('done-status');
      await expectAccessible(page, 'page-done-390');
      await page.locator('.done-card').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(DOCS, 'plan-page-done.png') });

      // Snooze the next session (19:00): an hour later. The reminder comes at 20:00, not 19:00.
      await page.click('text=Remind me at 8:00 PM');
      await poll(() => page.textContent('#page-note')).toContain('Snoozed');
      expect(await page.textContent('#next-title')).toBe('Your next session: 8:00 PM (snoozed from 7:00 PM)');
      await expectAccessible(page, 'page-snoozed-390');
      await page.locator('.next-card').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(DOCS, 'plan-page-next.png') });
      await at(day1, '18:59');
      const before = (await reminder()).length;
      await at(day1, '19:30');
      expect(await reminder()).toHaveLength(before);
      await at(day1, '20:01');
      expect((await reminder()).at(-1)!.body).toContain('session 2 of 2');

      // New times, with one at night refused, naming the window.
      await page.reload();
      await page.click('#change-times summary');
      await page.selectOption('#time-0', '09:00');
      await page.selectOption('#time-1', '10:00');
      await page.click('#times-form button');
      await poll(() => page.textContent('#times-error')).toContain('at least 3 hours after');
      await page.selectOption('#time-1', '14:00');
      await page.selectOption('#time-2', '20:00');
      await page.click('#times-form button');
      await poll(() => page.textContent('#page-note')).toContain('Saved');
      expect(await main()).toContain('9:00 AM, 2:00 PM and 8:00 PM');
      expect((await outbox()).at(-1)!.body).toContain('your reminders are now at 9am, 2pm, 8pm');
      expect(await page.getAttribute('#add-to-calendar', 'href')).toMatch(/\/calendar\.ics$/);
      await expectAccessible(page, 'page-times-390');
      await page.locator('.reminders-card').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(DOCS, 'plan-page-reminders.png') });

      // Pause, then resume, in place.
      await page.click('text=Pause my reminders');
      await poll(() => page.textContent('#page-note')).toContain('paused');
      await page.click('.notice >> text=Resume my reminders');
      await poll(() => page.textContent('#page-note')).toContain('back on');
      expect(problems).toEqual([]);
    });

    // Without script at 320 px: Done is a form, the redirect shows the page with it logged. The
    // next day, at the new times (09:00, 14:00, 20:00): the 14:00 session is the second of three.
    // (axe runs in the page, so the pages met without script are checked again with it below.)
    await at(addDays(day1, 1), '14:05');
    const seen: string[] = [];
    await withChromium(phoneAt(320, NY, false), async (page) => {
      await page.goto(link);
      expect(await page.textContent('.progress')).toMatch(/Session 2 of 3/);
      await page.click('#done-button');
      await page.waitForURL(/note=done/);
      expect(await page.textContent('#done-status')).toBe('Session 2 of 3 is logged. Well done!');
      expect(await page.textContent('main')).toContain('Today: 1 of 3 sessions done.');
      seen.push(page.url());
      // Skip the next session (20:00) by the form: the page says so, and no reminder comes at 20:00.
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Skip it today")')]);
      expect(page.url()).toMatch(/note=skipped/);
      expect(await page.textContent('#page-note')).toContain('Skipped: no reminder for that session today.');
      seen.push(page.url());
      // Stop, with its confirmation step (a page of its own without script).
      await page.click('text=Stop my reminders');
      expect(await page.textContent('#confirm-title')).toBe('Stop your reminders?');
      seen.push(page.url());
    });
    await withChromium(phoneAt(320), async (page) => {
      for (const url of seen) {
        await page.goto(url);
        await expectAccessible(page, `page-320 ${new URL(url).search}`);
      }
      await page.screenshot({ path: join(DOCS, 'plan-page-stop.png') });
    });
    const before = (await reminder()).length;
    await at(addDays(day1, 1), '20:05');
    expect(await reminder(), 'no reminder for the skipped session').toHaveLength(before);
    await withChromium(phoneAt(320, NY, false), async (page) => {
      await page.goto(seen.at(-1)!);
      await page.click('#confirm-stop');
      await page.waitForURL(/note=stopped/);
      expect(await page.textContent('h1')).toBe('This plan has ended');
      expect(await page.textContent('#page-note')).toContain('stopped');
      // Erase, with its confirmation step: the page is gone, /erased says so.
      await page.click('text=Erase my data');
      expect(await page.textContent('#confirm-title')).toBe('Erase all your data?');
      await page.click('#confirm-erase');
      await page.waitForURL(/\/erased$/);
      expect(await page.textContent('h1')).toBe('Your data is erased');
      const gone = await fetch(link);
      expect(gone.status).toBe(404);
    });
    await withChromium(phoneAt(320), async (page) => {
      await page.goto(`${local.base()}/erased`);
      await expectAccessible(page, 'erased-320');
    });
  }, 180_000);
});

describe('Add to calendar on a phone', () => {
  it('at 320 px the link is in view and axe finds nothing; the .ics it downloads holds the three sessions at the chosen times, daily for the plan, in New York time', async () => {
    // The next day at 05:00 in New York (the clock only moves forward): the whole plan ahead.
    const now = new Date((await api<{ now: string }>('GET', '/dev/clock')).now);
    const day1 = addDays(localDateOf(now, NY), 1);
    await at(day1, '05:00');
    const chosen = ['09:30', '14:00', '20:15'];
    const { planId, link } = await confirmedPlan('(415) 555-0145', chosen);
    const { plan } = (await new DynamoPlanRepository(table.db, table.tableName).getPlan(planId))!;
    expect(plan.sessionTimes).toEqual(chosen);
    expect(plan.startDate).toBe(day1);
    const days: string[] = [];
    for (let d = plan.startDate; d <= plan.endDate; d = addDays(d, 1)) days.push(d);
    expect(days.length).toBeGreaterThanOrEqual(14);

    await withChromium({ ...phoneAt(320), acceptDownloads: true }, async (page) => {
      const problems = watchProblems(page);
      await page.goto(link);
      const calendarLink = page.locator('#add-to-calendar');
      await calendarLink.scrollIntoViewIfNeeded();
      expect(await calendarLink.isVisible()).toBe(true);
      const box = (await calendarLink.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(await page.textContent('.reminders-card')).toContain('9:30 AM, 2:00 PM and 8:15 PM');
      await expectAccessible(page, 'page-calendar-320');
      await page.locator('.reminders-card').screenshot({ path: join(DOCS, 'plan-page-calendar-320.png') });

      // The patient taps it: the browser downloads the file the page links.
      const [download] = await Promise.all([page.waitForEvent('download'), calendarLink.click()]);
      expect(download.suggestedFilename()).toBe('exercise-reminders.ics');
      const ics = readFileSync((await download.path())!, 'utf8');

      // Three events, one per session, each daily for every day of the plan from its first day.
      expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(ics.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(3);
      expect(ics).toContain(`BEGIN:VTIMEZONE\r\nTZID:${NY}\r\n`);
      const compact = (date: string) => date.replace(/-/g, '');
      for (const time of chosen)
        expect(ics).toContain(`DTSTART;TZID=${NY}:${compact(day1)}T${time.replace(':', '')}00`);
      expect(ics.match(/^RRULE:FREQ=DAILY;COUNT=(\d+)\r$/gm)).toEqual(
        Array(3).fill(`RRULE:FREQ=DAILY;COUNT=${days.length}\r`),
      );
      // Each links the plan page, at the form's address (as the texts' links are).
      const { port, pathname } = new URL(link);
      expect(ics.match(/^URL:.*\r$/gm)).toEqual(Array(3).fill(`URL:http://127.0.0.1:${port}${pathname}\r`));
      // Read back by an iCalendar parser: each occurrence is the chosen time on New York's clock.
      const all = icsOccurrences(ics);
      expect([...all.keys()]).toEqual(
        [1, 2, 3].map((n) => `Rehab reminders: back exercises, session ${n} of 3`),
      );
      [...all.values()].forEach((instants, i) => {
        expect(instants).toEqual(days.map((date) => zonedInstant(date, chosen[i]!, NY).toISOString()));
      });
      expect(problems).toEqual([]);
    });
  }, 120_000);
});
