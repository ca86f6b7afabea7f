/**
 * The clinic console end to end, in Debian's Chromium against the local stack: a clinician signs in
 * (the dev sign-in, with the claims Cognito's tokens carry), creates an invite, the patient enrols
 * through its link on a phone, replies on the dev clock raise an alert, the inbox shows it, the
 * clinician acknowledges it, and the FHIR export validates against the R4 JSON schema. Then: an
 * admin withdraws an invite (its link shown once, masked after, attaching no more); the timeline
 * pages back to the plan's start ("Show earlier"); a staff session renews its token while in use
 * and signs out after the idle time, on a page clock (Playwright's page.clock), never by waiting.
 * axe-core checks every console page; the screenshots for docs/CLINICS.md go to docs/.
 */
import { phoneContext } from '../../tools/chromium.ts';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../local/outbox.ts';
import { addDays, localDateOf, zonedInstant } from '../../shared/domain/time.ts';
import { CONSOLE_SESSION } from '../../shared/domain/clinic/staff-session.ts';
import { axeViolations, withChromium } from '../support/browser.ts';
import { reachReminders } from '../support/form.ts';
import { assessmentBody } from '../support/intake.ts';
import { useLocalStack } from '../support/console.ts';
import { useTestTable } from '../support/dynamodb.ts';

const table = useTestTable();
const running = useLocalStack(table);
const DOCS = join(import.meta.dirname, '..', '..', 'docs');
const ZONE = 'America/New_York';
const PHONE = '+14155550177';
const DAY1 = addDays(localDateOf(new Date(), ZONE), 1);
const at = (day: number, time: string) => zonedInstant(addDays(DAY1, day - 1), time, ZONE).toISOString();

type Validator = { validate(resource: unknown, verbose?: boolean): unknown[] };
const FhirValidator = createRequire(import.meta.url)(
  '@asymmetrik/fhir-json-schema-validator',
) as new () => Validator;

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const answer = await running.request(method, path, { body });
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(400);
  return answer.body as T;
}

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

async function expectAccessible(page: Page, state: string) {
  expect(await axeViolations(page), `axe violations on "${state}"`).toEqual([]);
}

async function shot(page: Page, name: string) {
  mkdirSync(DOCS, { recursive: true });
  await page.screenshot({ path: join(DOCS, name), fullPage: true });
}

/** Signs in through the console's own flow: /console → the (dev) sign-in → the callback → back. */
async function signIn(page: Page, username: string, role: 'viewer' | 'clinician' | 'admin') {
  await page.goto(`${running.base}/console`);
  await page.waitForURL(/\/dev\/cognito\/oauth2\/authorize\?/);
  await expectAccessible(page, 'dev sign-in');
  await page.fill('#username', username);
  await page.check(`#role-${role}`);
  await page.click('button[type="submit"]');
  await page.waitForURL(`${running.base}/console`);
  await expect.poll(() => page.textContent('#who')).toBe(`${username} (${role})`);
}

describe('the clinic console in Chromium', () => {
  it('sign in → invite → the patient enrols through the link → a reply raises an alert → inbox → acknowledge → export', async () => {
    await api('POST', '/dev/clock', { to: at(1, '05:00') });
    await withChromium(
      { viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: ZONE },
      async (page, context) => {
        const problems = watchProblems(page);
        // No token yet: the console sends the browser to the sign-in.
        await signIn(page, 'dr.lee', 'clinician');
        await expect
          .poll(() => page.textContent('#list-status'))
          .toBe('0 patients shown, most urgent first.');
        await expectAccessible(page, 'patients (empty)');

        // An invite for a patient, under the clinic's reference.
        await page.click('nav a[href="/console/invites"]');
        await page.waitForURL(`${running.base}/console/invites`);
        await expect.poll(() => page.locator('#invites li').count()).toBe(1);
        await page.fill('#invite-reference', 'Jane Roe · MRN 4471');
        await page.click('#invite-form button[type="submit"]');
        await expect
          .poll(() => page.textContent('#invite-status'))
          .toBe('Invite created for Jane Roe · MRN 4471.');
        const link = await page.inputValue('#invite-created input[type="text"]');
        expect(link).toMatch(/\/i\/[A-Za-z0-9_-]{22}$/);
        const qr = page.locator('#invite-created img.qr');
        expect(await qr.getAttribute('alt')).toBe('QR code of the invite link for Jane Roe · MRN 4471');
        expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(150);
        await expectAccessible(page, 'invites');
        await shot(page, 'console-invite.png');

        // The patient, on a phone: the link, the form, the code.
        await enrolThroughLink(context, link);

        // Replies on the dev clock: pain that rises, then words that may mean a red flag.
        await api('POST', '/dev/clock', { to: at(1, '12:00') });
        await api('POST', '/dev/inbound-sms', { from: PHONE, body: 'DONE' });
        await api('POST', '/dev/inbound-sms', { from: PHONE, body: 'pain 3' });
        await api('POST', '/dev/clock', { to: at(2, '13:30') });
        await api('POST', '/dev/inbound-sms', { from: PHONE, body: 'Done ✅' });
        await api('POST', '/dev/inbound-sms', { from: PHONE, body: 'PAIN 4' });
        await api('POST', '/dev/clock', { to: at(3, '19:10') });
        await api('POST', '/dev/inbound-sms', { from: PHONE, body: 'done' });
        await api('POST', '/dev/inbound-sms', { from: PHONE, body: 'pain is 6' });
        await api('POST', '/dev/inbound-sms', { from: PHONE, body: 'my legs went numb after the walk' });
        const emails = await api<{ subject: string }[]>('GET', '/dev/emails');
        expect(emails.map((e) => e.subject)).toEqual([
          expect.stringContaining('has rising pain'),
          expect.stringContaining('texted words that may mean a red flag'),
        ]);

        // The inbox shows them; the clinician acknowledges the red flag.
        await page.click('nav a[href="/console/alerts"]');
        await page.waitForURL(`${running.base}/console/alerts`);
        await expect.poll(() => page.textContent('#alerts-status')).toBe('2 open alerts.');
        const redFlag = page.locator('#alerts li.alert-red-flag');
        expect(await redFlag.textContent()).toContain('“my legs went numb after the walk”');
        expect(await redFlag.textContent()).toContain('Jane Roe · MRN 4471');
        await expectAccessible(page, 'alerts');
        await shot(page, 'console-alerts.png');
        await redFlag.locator('button').click();
        await expect.poll(() => page.textContent('#alerts-status')).toBe('1 open alert.');
        await page.check('#show-all');
        await expect.poll(() => page.textContent('#alerts-status')).toBe('1 open alert, 1 acknowledged.');
        expect(await page.locator('#alerts li.alert-red-flag .alert-state').textContent()).toMatch(
          /^Acknowledged by dr\.lee/,
        );
        await expectAccessible(page, 'alerts (acknowledged)');

        // The patients list and the patient's page.
        await page.click('nav a[href="/console"]');
        await page.waitForURL(`${running.base}/console`);
        await expect.poll(() => page.textContent('#list-status')).toBe('1 patient shown, most urgent first.');
        const row = page.locator('#patients tbody tr').first();
        expect(await row.textContent()).toContain('Paused (red-flag words)');
        expect(await row.textContent()).toContain('6 / 10');
        // The status filter is the server's (a Query of the read model), as is the search.
        await page.selectOption('#status', 'active');
        await expect
          .poll(() => page.textContent('#list-status'))
          .toBe('0 patients shown, most urgent first.');
        await page.selectOption('#status', '');
        await expect.poll(() => page.textContent('#list-status')).toBe('1 patient shown, most urgent first.');
        await expectAccessible(page, 'patients');
        await shot(page, 'console-patients.png');
        await row.locator('a').click();
        await page.waitForURL(/\/console\/patient\?id=P-/);
        await expect
          .poll(() => page.textContent('#page-title'))
          .toMatch(/^Jane Roe · MRN 4471 \(P-[0-9A-Z]{8}\)$/);
        expect(await page.locator('#progress svg.chart').getAttribute('aria-label')).toMatch(
          /^3 days: 3 of 9 sessions due were done(; \d days paused or stopped, not counted)?; pain from 3 to 6 out of 10, last 6\.$/,
        );
        // Scales and their names, and a legend that says what paused days mean.
        const ticks = await page.locator('#progress svg.chart text').allTextContents();
        expect(ticks).toEqual(expect.arrayContaining(['Sessions', 'Pain', 'Plan day', '0', '3', '5', '10']));
        expect(await page.textContent('#progress ul.legend')).toContain('nothing counted as missed');
        expect(await page.locator('#timeline li').count()).toBeGreaterThan(8);
        expect(await page.locator('#actions button[data-action="resume"]').isVisible()).toBe(true);
        expect(await page.locator('#erase-form').isVisible()).toBe(false); // admin only
        await expectAccessible(page, 'patient');
        await shot(page, 'console-patient.png');

        // The FHIR export downloads and validates against the FHIR R4 JSON schema.
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-fhir')]);
        const bundle = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
          resourceType: string;
          entry: unknown[];
        };
        expect(bundle.resourceType).toBe('Bundle');
        expect(new FhirValidator().validate(bundle, true)).toEqual([]);
        expect(JSON.stringify(bundle)).not.toContain('Jane');

        // The resume, and the audit log page (a clinician may read it).
        await page.click('#actions button[data-action="resume"]');
        await expect.poll(() => page.textContent('#action-status')).toBe('Done: resume (Active).');
        await page.goto(`${running.base}/console/audit`);
        await expect.poll(() => page.textContent('#audit-status')).toMatch(/^\d+ entries in \d{4}-\d\d\.$/);
        const audit = await page.textContent('#audit tbody');
        for (const action of ['invite', 'acknowledge', 'export fhir', 'resume'])
          expect(audit).toContain(action);
        await expectAccessible(page, 'audit');
        await shot(page, 'console-audit.png');

        await page.click('#sign-out');
        await page.waitForURL(`${running.base}/dev/cognito/oauth2/authorize?*`);
        expect(problems.filter((p) => !/status of 40[14]/.test(p))).toEqual([]);
      },
    );
  }, 180_000);

  it('a viewer sees patients and alerts but no actions; the pages hold up at 320 px', async () => {
    await withChromium(phoneContext(320), async (page) => {
      await signIn(page, 'front.desk', 'viewer');
      await expect.poll(() => page.textContent('#list-status')).toBe('1 patient shown, most urgent first.');
      expect(await page.locator('#export-csv').isVisible()).toBe(false);
      // No way to a page the role cannot use.
      expect(await page.locator('nav a[href="/console/invites"]').isVisible()).toBe(false);
      expect(await page.locator('nav a[href="/console/audit"]').isVisible()).toBe(false);
      expect(await page.locator('nav a[href="/console/alerts"]').isVisible()).toBe(true);
      // At 390 px each patient is a card: status and alerts in sight, every value named.
      await page.setViewportSize({ width: 390, height: 844 });
      const card = page.locator('#patients tbody tr').first();
      expect(await page.locator('#patients thead').boundingBox()).toMatchObject({ width: 1 });
      for (const label of ['Open alerts', 'Status', 'Plan day', 'Adherence (7 days)', 'Last pain'])
        expect(await card.locator(`td[data-label="${label}"]`).isVisible(), label).toBe(true);
      expect((await card.boundingBox())!.width).toBeLessThanOrEqual(390);
      expect(await card.locator('td[data-label="Status"]').textContent()).toMatch(/^(Active|Paused)/);
      // The open alert the first test left, in words.
      expect(await card.locator('td[data-label="Open alerts"]').textContent()).toMatch(
        /Red flag|High pain|Rising pain/,
      );
      await expectAccessible(page, 'patients (cards, 390 px)');
      await shot(page, 'console-patients-390.png');
      await page.setViewportSize({ width: 320, height: 740 });
      await page.locator('#patients tbody a').first().click();
      await page.waitForURL(/\/console\/patient\?id=P-/);
      await expect.poll(() => page.locator('#summary dt').count()).toBe(8);
      expect(await page.locator('#actions button:visible').count()).toBe(0);
      expect(await page.locator('#reference-form').isVisible()).toBe(false);
      await expectAccessible(page, 'patient (viewer, 320 px)');
      await page.goto(`${running.base}/console/alerts`);
      await expect.poll(() => page.textContent('#alerts-status')).toBe('1 open alert.');
      expect(await page.locator('#alerts button').count()).toBe(0);
      await expectAccessible(page, 'alerts (viewer, 320 px)');
      // The two pages without a signed-in user: a sign-in that did not complete, a used invite link.
      await page.goto(`${running.base}/console/callback?code=x&state=not-ours`);
      await expect.poll(() => page.textContent('#callback-status')).toMatch(/^The sign-in did not complete/);
      await expectAccessible(page, 'callback (failed)');
      await page.goto(`${running.base}/i/AAAAAAAAAAAAAAAAAAAAAA`);
      expect(await page.textContent('h1')).toBe('This invite link is not valid any more');
      await expectAccessible(page, 'invite link not valid');
    });
  }, 120_000);
});

describe('invites, the timeline and staff sessions', () => {
  it('an admin withdraws an invite: its link shown once, masked after, and the link attaches no more', async () => {
    let link = '';
    await withChromium(
      { viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: ZONE },
      async (page) => {
        const problems = watchProblems(page);
        await signIn(page, 'ad.min', 'admin');
        await page.click('nav a[href="/console/invites"]');
        await page.waitForURL(`${running.base}/console/invites`);
        await page.fill('#invite-reference', 'Withdrawn · MRN 9001');
        await page.click('#invite-form button[type="submit"]');
        await expect
          .poll(() => page.textContent('#invite-status'))
          .toBe('Invite created for Withdrawn · MRN 9001.');
        // Once, when made: the whole link.
        link = await page.inputValue('#invite-created input[type="text"]');
        const token = /\/i\/([A-Za-z0-9_-]{22})$/.exec(link)![1]!;
        const listed = page.locator('#invites li', { hasText: 'Withdrawn · MRN 9001' });
        await expect.poll(() => listed.count()).toBe(1);
        // After: masked in the list, and after a reload nowhere in full.
        expect(await listed.locator('input').inputValue()).not.toContain(token);
        await page.reload();
        await expect.poll(() => listed.count()).toBe(1);
        expect(await page.locator('#invite-created').isVisible()).toBe(false);
        expect(await listed.locator('input').inputValue()).not.toContain(token);
        expect(await page.content()).not.toContain(token);
        await expectAccessible(page, 'invites (masked)');

        await listed.getByRole('button', { name: /^Withdraw invite/ }).click();
        await expect
          .poll(() => page.textContent('#invite-status'))
          .toBe('Invite for Withdrawn · MRN 9001 withdrawn.');
        await expect.poll(() => listed.count()).toBe(0);
        await expectAccessible(page, 'invites (withdrawn)');
        expect(problems.filter((p) => !/status of 40[14]/.test(p))).toEqual([]);
      },
    );
    // The patient opens the withdrawn link: nothing attaches, and the form names no inviter.
    await withChromium(phoneContext(390, { locale: 'en-US' }), async (phone) => {
      const answer = await phone.goto(link);
      expect(answer!.status()).toBe(404);
      expect(await phone.textContent('h1')).toBe('This invite link is not valid any more');
      expect(await phone.context().cookies()).toEqual([]);
      await phone.goto(`${running.base}/`);
      await phone.locator('#main, main').first().waitFor();
      expect(await phone.locator('#invited').isVisible()).toBe(false);
      expect(await phone.locator('body').textContent()).not.toContain('Invited by');
    });
  }, 120_000);

  it('the timeline covers the whole plan: "Show earlier" brings the older entries, by keyboard too', async () => {
    const phone = '+14155550188';
    await api('POST', '/dev/clock', { to: at(4, '07:30') });
    const { planId } = await api<{ planId: string }>(
      'POST',
      '/assessments',
      assessmentBody({ phone, timeZone: ZONE }),
    );
    await running.stack.devTime.settle();
    const outbox = await api<OutboxEntry[]>('GET', '/dev/outbox');
    const code = /\b(\d{6})\b/.exec(
      [...outbox].reverse().find((m) => m.kind === 'verification' && m.to === phone)!.body,
    )![1];
    await api('POST', '/verifications', { planId, code });
    await running.stack.devTime.settle();
    const list = await running.request('GET', '/console/api/patients', { role: 'clinician' });
    const patientId = (list.body as { patients: { patientId: string; source: string }[] }).patients.find(
      (p) => p.source === 'self',
    )!.patientId;
    // More than a page of entries: the clinic pauses and resumes, a minute apart.
    for (let i = 0; i < 26; i++) {
      for (const [action, minute] of [
        ['pause', 2 * i],
        ['resume', 2 * i + 1],
      ] as const) {
        await api('POST', '/dev/clock', {
          to: new Date(Date.parse(at(4, '09:00')) + minute * 60_000).toISOString(),
        });
        const done = await running.request('POST', `/console/api/patients/${patientId}/actions`, {
          role: 'clinician',
          body: { action },
        });
        expect(done.status, done.text).toBe(200);
      }
    }
    await running.stack.devTime.settle();
    // The whole timeline by the API's pages, for the oldest entry.
    type Item = { at: string };
    const first = (await running.request('GET', `/console/api/patients/${patientId}`, { role: 'clinician' }))
      .body as { timeline: Item[]; timelineNext: string | null };
    // A page is 50 entries, fewer when it would end inside an instant (the next one brings it whole).
    expect(first.timeline.length).toBeGreaterThan(40);
    expect(first.timeline.length).toBeLessThanOrEqual(50);
    expect(first.timelineNext).not.toBeNull();
    let oldest = first.timeline.at(-1)!;
    for (let next = first.timelineNext; next;) {
      const page = (
        await running.request('GET', `/console/api/patients/${patientId}/timeline?before=${next}`, {
          role: 'clinician',
        })
      ).body as { timeline: Item[]; next: string | null };
      oldest = page.timeline.at(-1) ?? oldest;
      next = page.next;
    }

    await withChromium(
      { viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: ZONE },
      async (page) => {
        const problems = watchProblems(page);
        await signIn(page, 'dr.lee', 'clinician');
        await page.goto(`${running.base}/console/patient?id=${patientId}`);
        await expect.poll(() => page.locator('#timeline li').count()).toBe(first.timeline.length);
        const oldestEntry = page.locator(`#timeline time[datetime="${oldest.at}"]`);
        expect(await oldestEntry.count()).toBe(0);
        const earlier = page.locator('#timeline-earlier');
        expect(await earlier.isVisible()).toBe(true);
        // A large target.
        const box = (await earlier.boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(44);
        await expectAccessible(page, 'patient (timeline, first page)');
        // By the keyboard: focus the button, press Enter, until the plan's start is in.
        await earlier.focus();
        await page.keyboard.press('Enter');
        await expect
          .poll(() => page.textContent('#timeline-status'))
          .toMatch(/^\d+ earlier entr(y|ies) added/);
        for (let i = 0; i < 10 && (await earlier.isVisible()); i++) {
          const shown = await page.locator('#timeline li').count();
          await earlier.focus();
          await page.keyboard.press('Enter');
          await expect.poll(() => page.locator('#timeline li').count()).toBeGreaterThan(shown);
        }
        await expect.poll(() => oldestEntry.count()).toBe(1);
        expect(await page.textContent('#timeline-status')).toMatch(/that is the start of the plan\.$/);
        expect(await earlier.isVisible()).toBe(false);
        // The focus went to the first entry the last page brought (not lost with the button).
        expect(await page.evaluate(() => document.activeElement?.closest('#timeline') !== null)).toBe(true);
        await expectAccessible(page, 'patient (timeline, all pages)');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.reload();
        await expect.poll(() => page.locator('#timeline li').count()).toBe(first.timeline.length);
        expect((await page.locator('#timeline-earlier').boundingBox())!.width).toBeLessThanOrEqual(390);
        await expectAccessible(page, 'patient (timeline, 390 px)');
        expect(problems.filter((p) => !/status of 40[14]/.test(p))).toEqual([]);
      },
    );
  }, 180_000);

  it('a staff session renews its token while in use, across pages, and signs out after the idle time', async () => {
    await withChromium(
      { viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: ZONE },
      async (page) => {
        const problems = watchProblems(page);
        // The page's clock: time moves on when the test says, never by waiting.
        await page.clock.install();
        let refreshToken = '';
        page.on('response', (r) => {
          if (r.url().endsWith('/dev/cognito/oauth2/token'))
            void r.json().then((t: { refresh_token: string }) => (refreshToken = t.refresh_token));
        });
        const renewals: string[] = [];
        const revoked: string[] = [];
        page.on('request', (r) => {
          if (r.url().endsWith('/dev/cognito/idp')) renewals.push(r.postData() ?? '');
          if (r.url().endsWith('/dev/cognito/oauth2/revoke')) revoked.push(r.postData() ?? '');
        });
        await signIn(page, 'dr.day', 'clinician');
        await expect.poll(() => refreshToken).not.toBe('');
        // Never where a script could read it after: storage, cookies.
        const stored = await page.evaluate(() =>
          JSON.stringify([{ ...sessionStorage }, { ...localStorage }, document.cookie]),
        );
        expect(stored).not.toContain(refreshToken);
        expect(stored).toContain('accessToken');

        // In use for 50 minutes (a move every 10), moving between pages in the same document.
        await page.evaluate(() => ((window as unknown as { same: number }).same = 1));
        for (let minute = 10; minute <= 50; minute += 10) {
          await page.clock.fastForward('10:00');
          await page.mouse.move(100 + minute, 200);
          await page.click(`nav a[href="/console${minute % 20 ? '/alerts' : ''}"]`);
          await page.waitForURL(`${running.base}/console${minute % 20 ? '/alerts' : ''}`);
          await expect
            .poll(() => page.textContent(minute % 20 ? '#alerts-status' : '#list-status'))
            .toMatch(/alert|patient/);
        }
        // Renewed before the 30-minute token ran out (InitiateAuth, REFRESH_TOKEN_AUTH), in the same page.
        expect(renewals.length).toBeGreaterThanOrEqual(1);
        expect(JSON.parse(renewals[0]!)).toMatchObject({
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        });
        expect(await page.evaluate(() => (window as unknown as { same?: number }).same)).toBe(1);
        expect(page.url()).toBe(`${running.base}/console/alerts`);
        expect(await page.textContent('#who')).toBe('dr.day (clinician)');
        // The browser's Back shows the page before, in the same document too.
        await page.goBack();
        await page.waitForURL(`${running.base}/console`);
        await expect.poll(() => page.textContent('#list-status')).toMatch(/patients? shown/);
        expect(await page.evaluate(() => (window as unknown as { same?: number }).same)).toBe(1);

        // Then nobody touches it for the idle time: signed out, tokens dropped, and why.
        await page.clock.fastForward(`${CONSOLE_SESSION.idleMinutes}:00`);
        await page.waitForURL(`${running.base}/console`);
        await expect
          .poll(() => page.textContent('#signed-out'))
          .toBe(
            `The console was not used for ${CONSOLE_SESSION.idleMinutes} minutes, so it signed you out to keep patients’ details off an unattended screen. Nothing you saved is lost.`,
          );
        expect(await page.evaluate(() => sessionStorage.getItem('console.session'))).toBeNull();
        expect(await page.locator('header nav').isVisible()).toBe(false);
        // The refresh token was revoked at Cognito's revocation endpoint (it renews nothing after:
        // test/unit/console-session.test.ts).
        expect(revoked).toEqual([`token=${refreshToken}&client_id=${running.stack.devCognito.clientId}`]);
        await expectAccessible(page, 'signed out (idle)');
        await page.setViewportSize({ width: 390, height: 844 });
        await expectAccessible(page, 'signed out (idle, 390 px)');
        await shot(page, 'console-signed-out-390.png');
        await page.getByRole('button', { name: 'Sign in again' }).click();
        await page.waitForURL(/\/dev\/cognito\/oauth2\/authorize\?/);
        expect(problems.filter((p) => !/status of 40[14]/.test(p))).toEqual([]);
      },
    );
  }, 120_000);
});

/** The patient's side: the invite link on a phone, the assessment form, the code from the outbox. */
async function enrolThroughLink(staffContext: BrowserContext, link: string) {
  void staffContext;
  await withChromium(phoneContext(390, { locale: 'en-US', timezoneId: ZONE }), async (phone) => {
    await phone.goto(link);
    // The link set the invite for the assessment (and its safety step) and opened the form.
    await phone.waitForURL(`${running.base}/`);
    const cookies = await phone.context().cookies();
    expect(cookies.map((c) => [c.name, c.path, c.httpOnly]).sort()).toEqual([
      ['rehab_invite', '/assessments', true],
      ['rehab_invite', '/screenings', true],
    ]);
    // The form says who invited the patient (a planted invite would show), with a way to remove it.
    await expect.poll(() => phone.locator('#invited').isVisible()).toBe(true);
    expect(await phone.textContent('#invited-by')).toMatch(/^Invited by .+\.$/);
    expect(await phone.locator('#invite-remove').isVisible()).toBe(true);
    // The form's steps: safety first, the movements, the choice, then the reminders.
    await reachReminders(phone, {
      'hip-mobility': 0,
      'cat-camel': 1,
      'hip-bridges': 2,
      'bird-dog': 3,
      'lateral-beast-walk': 1,
    });
    await phone.fill('#phone', PHONE);
    await phone.check('#consent');
    await phone.click('#submit');
    await phone.locator('#verify').waitFor({ state: 'visible' });
    const outbox = await api<OutboxEntry[]>('GET', '/dev/outbox');
    const code = /\b(\d{6})\b/.exec(
      outbox.find((m) => m.kind === 'verification' && m.to === PHONE)!.body,
    )![1]!;
    await phone.fill('#code', code);
    await phone.click('#confirm');
    await phone.locator('#done').waitFor({ state: 'visible' });
  });
  await running.stack.devTime.settle();
}
