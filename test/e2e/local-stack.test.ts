import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { freePort, LOCAL_TABLE_NAME } from '../../tools/dynamodb-local.ts';
import type { DeliveryEntry } from '../../shared/domain/model.ts';
import type { OutboxEntry } from '../../local/outbox.ts';
import { parseRuntimeConfig } from '../../shared/config.ts';
import { doneText, helpPageUrl, helpText } from '../../shared/domain/messaging/texts.ts';
import { addDays, zonedInstant } from '../../shared/domain/time.ts';
import { withChromium } from '../support/browser.ts';
import { reachReminders } from '../support/form.ts';
import { listeningAddresses, LOOPBACK } from '../support/sockets.ts';

/**
 * `npm start` as a user runs it: npm itself in a process of its own on a free port, with no
 * terminal, stopped with SIGTERM to npm's process. Two patients, one in New York (a daylight-saving change inside
 * the 48 hours) through the form in Chromium and one in Kathmandu (UTC+05:45) over HTTP; the dev
 * clock jumps 48 hours and the outbox must hold exactly their session reminders, each at its
 * patient's local session time; then DONE, HELP and STOP, and no reminder after STOP.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const NEW_YORK = 'America/New_York';
const KATHMANDU = 'Asia/Kathmandu';
const NY_PHONE = '+14155550171';
const KTM_PHONE = '+14155550172';
const APP_NAME = parseRuntimeConfig({}).appName;
/** Waits that a loaded two-core machine may need (the default is one second). */
const PATIENT = { timeout: 30_000, interval: 100 };
const SCORES = { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3, 'kettlebell-walk': 6 };

/** The Saturday before the next US spring-forward (second Sunday of March) at least two days away. */
function dayBeforeSpringForward(now: Date): string {
  for (let year = now.getUTCFullYear(); ; year++) {
    const march1 = new Date(Date.UTC(year, 2, 1)).getUTCDay();
    const sunday = `${year}-03-${String(1 + ((7 - march1) % 7) + 7).padStart(2, '0')}`;
    if (zonedInstant(sunday, '00:00', NEW_YORK).getTime() > now.getTime() + 2 * 86_400_000) {
      return addDays(sunday, -1);
    }
  }
}

const D0 = dayBeforeSpringForward(new Date());
const D1 = addDays(D0, 1); // clocks go forward at 02:00 in New York
const D2 = addDays(D0, 2);
const D3 = addDays(D0, 3);
const D4 = addDays(D0, 4);
// 05:00 EST in New York, 15:45 in Kathmandu: every patient still has a session ahead today.
const T0 = zonedInstant(D0, '05:00', NEW_YORK);

/** The expected reminder instants (ISO, ms) from local dates and session times. */
const sessions = (zone: string, ...list: [string, string][]) =>
  list.map(([date, time]) => zonedInstant(date, time, zone).toISOString());

interface Running {
  child: ChildProcess;
  output: string;
  base: string;
  javaPid: number;
  dynamoPort: number;
  exit: Promise<number | null>;
}

let app: Running | undefined;

async function start(): Promise<Running> {
  const port = await freePort();
  // `npm start` itself: SIGTERM goes to npm, which must pass it on to the service.
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    // No terminal: nothing on stdin, output read by the test. A process group of its own, so that
    // afterAll can clear everything up should a test fail (the stop test signals npm alone).
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const running = { child, output: '' } as Running;
  child.stdout!.on('data', (d: Buffer) => (running.output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (running.output += d.toString()));
  running.exit = new Promise((done) => child.once('exit', (code) => done(code)));
  const ready = await new Promise<RegExpExecArray>((resolveReady, fail) => {
    const timer = setTimeout(() => fail(new Error(`not ready in 90 s:\n${running.output}`)), 90_000);
    const check = () => {
      const match = /Open the form: (http:\/\/localhost:(\d+))\//.exec(running.output);
      // The URL is printed when ready; the test also reads the lines after it.
      if (match && running.output.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolveReady(match);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => fail(new Error(`exited with ${code} before ready:\n${running.output}`)));
  });
  running.base = ready[1]!;
  expect(Number(ready[2])).toBe(port);
  const db = /DynamoDB Local: ready on http:\/\/127\.0\.0\.1:(\d+) \(pid (\d+)/.exec(running.output)!;
  running.dynamoPort = Number(db[1]);
  running.javaPid = Number(db[2]);
  return running;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes whose command line holds `text` (Linux /proc). */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function api<T = unknown>(method: string, path: string, body?: unknown) {
  const response = await fetch(`${app!.base}${path}`, {
    method,
    ...(body !== undefined
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const outbox = async () => (await api<OutboxEntry[]>('GET', '/dev/outbox')).body;

/** The outcome of every reminder's delivery record in the local table, as `<outcome> <messageId>`. */
async function deliveryOutcomes(): Promise<string[]> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: `http://localhost:${app!.dynamoPort}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const { Items = [] } = await db.send(
    new ScanCommand({
      TableName: LOCAL_TABLE_NAME,
      FilterExpression: 'sk = :plan',
      ExpressionAttributeValues: { ':plan': 'PLAN' },
    }),
  );
  db.destroy();
  return Items.flatMap((item) => Object.values((item.deliveries ?? {}) as Record<string, DeliveryEntry>))
    .filter((d) => d.state === 'sent')
    .map((d) => `${d.outcome ?? 'none'} ${d.messageId}`)
    .sort();
}
const remindersTo = async (phone: string) =>
  (await outbox()).filter((m) => m.kind === 'reminder' && m.to === phone).map((m) => m.sentAt);

/** The six-digit code from the newest verification text to `phone`, a text of its own. */
async function codeFor(phone: string): Promise<string> {
  const text = (await outbox()).filter((m) => m.to === phone && m.kind === 'verification').at(-1);
  const code = /\b(\d{6})\b/.exec(text?.body ?? '')?.[1];
  if (!code) throw new Error(`no code texted to ${phone}`);
  return code;
}

beforeAll(async () => {
  app = await start();
}, 120_000);

afterAll(async () => {
  // Only if a test failed before the stop test: never leave the service or its Java behind.
  if (app && app.child.exitCode === null && app.child.signalCode === null) {
    app.child.kill('SIGTERM');
    await Promise.race([app.exit, new Promise((r) => setTimeout(r, 10_000))]);
  }
  if (app && alive(app.javaPid)) process.kill(app.javaPid, 'SIGKILL');
  // The group this test created: anything of it still there (never the case when the stop test passed).
  try {
    if (app?.child.pid) process.kill(-app.child.pid, 'SIGKILL');
  } catch {
    // Nothing left in it.
  }
});

describe('npm start, end to end', () => {
  it('starts with the URLs, and serves the form and the dev page', async () => {
    expect(app!.output).toContain('DynamoDB Local: starting');
    expect(app!.output).toMatch(/Ready in [\d.]+ s\. Open the form: http:\/\/localhost:\d+\//);
    expect(app!.output).toContain(`Dev page (outbox, clock, replies by text): ${app!.base}/dev`);
    // The README's sample start-up is what really prints (numbers, times and ports aside).
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const sample = /## Run it locally[\s\S]*?```text\n([\s\S]*?)\n```/.exec(readme)![1]!;
    const shape = (text: string) =>
      text
        .split('\n')
        .filter((line) => !line.startsWith('  ')) // "waiting for DynamoDB Local …" lines come and go
        .map((line) => line.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<instant>').replace(/\d+(\.\d+)?/g, '0'));
    const output = app!.output;
    const printed = output.slice(
      output.indexOf('Starting the rehab'),
      output.indexOf('Press Ctrl-C to stop.') + 21,
    );
    expect(shape(printed)).toEqual(shape(sample));
    const page = await fetch(`${app!.base}/dev`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).not.toMatch(/(src|href)="https?:/);
    expect((await fetch(`${app!.base}/`)).status).toBe(200);
    // This machine only: the HTTP API and DynamoDB Local listen on loopback (the kernel's socket table).
    for (const port of [Number(new URL(app!.base).port), app!.dynamoPort]) {
      const addresses = listeningAddresses(port);
      expect(addresses.length, String(port)).toBeGreaterThan(0);
      for (const address of addresses) expect(LOOPBACK, `${port}: ${address}`).toContain(address);
    }
  });

  it('delivers exactly the session reminders at each patient\u2019s local times across a jump of 48 hours, and ends them on STOP', async () => {
    expect(await api('POST', '/dev/clock', { to: T0.toISOString() })).toEqual({
      status: 200,
      body: { now: T0.toISOString() },
    });
    const back = await api<{ error: { code: string; message: string } }>('POST', '/dev/clock', {
      to: addDays(D0, -1) + 'T00:00:00Z',
    });
    expect(back.status).toBe(400);
    expect(back.body.error).toMatchObject({ code: 'clock_backwards', message: /only moves forward/ });

    // New York, through the form in Chromium (the page detects the zone).
    await withChromium({ timezoneId: NEW_YORK, locale: 'en-US' }, async (page) => {
      await page.goto(`${app!.base}/`);
      expect(await page.inputValue('#timeZone')).toBe(NEW_YORK);
      await reachReminders(page, SCORES);
      await page.fill('#phone', NY_PHONE);
      await page.check('#consent');
      await page.click('#submit');
      await page.locator('#result').waitFor({ state: 'visible' });
      expect(await page.locator('#plan-movements li').count()).toBe(4);
      await page.fill('#code', await codeFor(NY_PHONE));
      await page.keyboard.press('Enter');
      await page.locator('#done').waitFor({ state: 'visible' });
      expect(await page.textContent('#done-text')).toContain(
        '8:00 AM, 1:00 PM and 7:00 PM (Eastern Time — New York)',
      );
    });

    // Kathmandu, over HTTP, with session times of its own.
    const made = await api<{ planId: string; plan: { startDate: string; sessionTimes: string[] } }>(
      'POST',
      '/assessments',
      {
        phone: KTM_PHONE,
        channel: 'sms',
        timeZone: KATHMANDU,
        sessionTimes: ['09:00', '14:00', '20:00'],
        consent: true,
        scores: SCORES,
      },
    );
    expect(made.status).toBe(201);
    expect(made.body.plan.startDate).toBe(D0);
    const verification = (await outbox()).filter((m) => m.to === KTM_PHONE);
    expect(verification).toHaveLength(1);
    expect(verification[0]!.body).toMatch(/\b\d{6}\b/);
    const verified = await api('POST', '/verifications', {
      planId: made.body.planId,
      code: await codeFor(KTM_PHONE),
    });
    expect(verified.status).toBe(200);

    // 48 hours in one move: everything that fell due, each at its own instant.
    const { now: before } = (await api<{ now: string }>('GET', '/dev/clock')).body;
    const moved = await api<{ now: string }>('POST', '/dev/clock', { advanceMinutes: 48 * 60 });
    expect(moved.status).toBe(200);
    const jump = Date.parse(moved.body.now) - Date.parse(before);
    expect(jump).toBeGreaterThanOrEqual(48 * 3_600_000);
    expect(jump).toBeLessThan(48 * 3_600_000 + 60_000);

    const nyExpected = sessions(
      NEW_YORK,
      [D0, '08:00'],
      [D0, '13:00'],
      [D0, '19:00'],
      [D1, '08:00'],
      [D1, '13:00'],
      [D1, '19:00'],
    );
    expect(await remindersTo(NY_PHONE)).toEqual(nyExpected);
    // The daylight-saving change is inside: 08:00 is 13:00 UTC before it and 12:00 UTC after it.
    expect([nyExpected[0]!.slice(11, 16), nyExpected[3]!.slice(11, 16)]).toEqual(['13:00', '12:00']);
    expect(await remindersTo(KTM_PHONE)).toEqual(
      sessions(
        KATHMANDU,
        [D0, '20:00'],
        [D1, '09:00'],
        [D1, '14:00'],
        [D1, '20:00'],
        [D2, '09:00'],
        [D2, '14:00'],
      ),
    );
    const reminders = (await outbox()).filter((m) => m.kind === 'reminder');
    expect(reminders).toHaveLength(12);
    // SNS's delivery status log, as npm start plays it: each reminder's record says delivered.
    await expect
      .poll(async () => (await deliveryOutcomes()).filter((o) => o.startsWith('delivered ')).length, PATIENT)
      .toBe(12);
    expect(reminders.map((m) => m.sentAt)).toEqual([...reminders.map((m) => m.sentAt)].sort());
    expect(reminders[0]!.body).toMatch(/session 1 of 3/);
    // Each reminder links to the patient's plan page on the local server, and the link opens it.
    const link = new RegExp(`(${app!.base}/p/[A-Za-z0-9_-]{22})$`).exec(reminders[0]!.body)?.[1];
    expect(link, reminders[0]!.body).toBeDefined();
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Session');

    // Replies: DONE is thanked, HELP answered, STOP gets no answer (AWS confirms it) and ends it.
    const done = await api<{ replies: OutboxEntry[] }>('POST', '/dev/inbound-sms', {
      from: NY_PHONE,
      body: 'DONE',
    });
    expect(done.body.replies.map((r) => r.body)).toEqual([doneText(APP_NAME)]);
    const help = await api<{ replies: OutboxEntry[] }>('POST', '/dev/inbound-sms', {
      from: NY_PHONE,
      body: 'help',
    });
    expect(help.body.replies.map((r) => r.body)).toEqual([
      helpText(APP_NAME, undefined, helpPageUrl(`${app!.base}/`)),
    ]);
    const countBeforeStop = (await outbox()).length;
    const stop = await api<{ replies: OutboxEntry[] }>('POST', '/dev/inbound-sms', {
      from: NY_PHONE,
      body: 'STOP',
    });
    expect(stop).toMatchObject({ status: 200, body: { replies: [] } });
    expect((await outbox()).length).toBe(countBeforeStop);
    const toNy = (await outbox()).filter((m) => m.to === NY_PHONE).map((m) => m.kind);
    expect(toNy).toEqual(['verification', 'welcome', ...Array(6).fill('reminder'), 'reply', 'reply']);

    // Another day: nothing more for New York, Kathmandu goes on.
    expect((await api('POST', '/dev/clock', { advanceMinutes: 24 * 60 })).status).toBe(200);
    expect(await remindersTo(NY_PHONE)).toEqual(nyExpected);
    expect((await remindersTo(KTM_PHONE)).slice(6)).toEqual(
      sessions(KATHMANDU, [D2, '20:00'], [D3, '09:00'], [D3, '14:00']),
    );
  }, 120_000);

  it('shows the outbox on the dev page, moves the clock from it, and sends a reply from it', async () => {
    await withChromium({ locale: 'en-US', timezoneId: KATHMANDU }, async (page) => {
      const problems: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${app!.base}/dev`);
      const count = (await outbox()).length;
      await expect.poll(() => page.locator('#outbox li').count(), PATIENT).toBe(count);

      await page.click('button[data-minutes="1440"]');
      await expect
        .poll(() => page.textContent('#clock-status'), PATIENT)
        .toMatch(/^Now .*; 3 new message\(s\)\.$/);
      const newest = sessions(KATHMANDU, [D3, '20:00'], [D4, '09:00'], [D4, '14:00']).reverse();
      const shown = await page.locator('#outbox li .meta').allTextContents();
      expect(shown.slice(0, 3).map((m) => /at (\S+)/.exec(m)?.[1])).toEqual(newest);

      await page.fill('#from', KTM_PHONE);
      await page.fill('#body', 'HELP');
      await page.click('#sms-form button');
      await expect
        .poll(() => page.textContent('#sms-status'), PATIENT)
        .toBe(`Answered: ${helpText(APP_NAME, undefined, helpPageUrl(`${app!.base}/`))}`);
      expect(problems).toEqual([]);
    });
  }, 60_000);

  it('stops on SIGTERM with nothing left running', async () => {
    const { child, javaPid, dynamoPort } = app!;
    expect(alive(javaPid)).toBe(true);
    expect(processesWith(`-port ${dynamoPort} `)).toContain(javaPid);
    child.kill('SIGTERM');
    expect(await app!.exit).toBe(0);
    expect(app!.output).toContain('SIGTERM: stopping ...');
    expect(app!.output).toContain('Stopped. Nothing left running.');
    await expect.poll(() => alive(javaPid), PATIENT).toBe(false);
    expect(processesWith(`-port ${dynamoPort} `)).toEqual([]);
  }, 60_000);
});

describe('npm start without Java', () => {
  it('says so in one sentence, with how to install it, and exits', async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'local/main.ts'],
      {
        cwd: ROOT,
        // A PATH with no java on it; node is started by its absolute path.
        env: { ...process.env, PATH: '/nonexistent', PORT: String(await freePort()) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((done) => child.once('exit', done));
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((l) => l.trim());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^DynamoDB Local needs Java 17 or newer, which was not found: install it \(.*apt-get install.*\) and run the command again\.$/,
    );
    expect(stdout).not.toContain('Ready');
  }, 60_000);
});
