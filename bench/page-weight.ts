/**
 * A returning patient's plan page, first and second view: what a phone downloads (bytes on the
 * wire, headers included) and how many requests reach the network, in Debian's Chromium at 390 px
 * against the local stack, which serves the static files with the edge's cache lifetimes
 * (local/static-files.ts). The patient gets there as in the e2e journey: the form, the code from
 * the outbox, the first reminder's link. The second view opens the same link again in the same
 * browser profile, as the next reminder's tap does.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { createLocalStack, listen } from '../local/stack.ts';
import { silentLog } from '../shared/adapters/defaults.ts';
import { parseRuntimeConfig } from '../shared/config.ts';
import { addDays, localDateOf, zonedInstant } from '../shared/domain/time.ts';
import { confirmWithTextedCode, reachReminders } from '../test/support/form.ts';
import { CHROMIUM, CHROMIUM_ARGS, phoneContext } from '../tools/chromium.ts';
import { freePort } from '../tools/dynamodb-local.ts';
import { freshTable, type BenchDb } from './lib/dynamo.ts';

export interface PageView {
  /** Requests the page made, all told. */
  requests: number;
  /** Of them, those that went to the network (not the memory or disk cache). */
  network: number;
  /** Bytes received from the network: encoded bodies and headers. */
  bytes: number;
  /** Bytes of the HTML document alone. */
  documentBytes: number;
  /** What went to the network, path and bytes. */
  fetched: { path: string; bytes: number }[];
}

export interface PageWeight {
  first: PageView;
  second: PageView;
  /** The files of the first view by kind: count and bytes. */
  byKind: Record<string, { count: number; bytes: number }>;
}

const ZONE = 'America/New_York';
/** A phone 390 px wide in New York. */
const PHONE_390 = phoneContext(390, { locale: 'en-US', timezoneId: ZONE });
const PHONE = '+14155550142';
const SCORES = {
  'hip-mobility': 0,
  'cat-camel': 1,
  'lateral-beast-walk': 1,
  'bird-dog': 2,
  'kettlebell-walk': 2,
};

interface Seen {
  url: string;
  type: string;
  cached: boolean;
  bytes: number;
}

/** Watches a page's requests through the DevTools protocol (cache hits included, with their source). */
async function watch(cdp: CDPSession): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>();
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) =>
    seen.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', cached: false, bytes: 0 }),
  );
  cdp.on('Network.requestServedFromCache', (e) => {
    const s = seen.get(e.requestId);
    if (s) s.cached = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    const s = seen.get(e.requestId);
    if (s && (e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache))
      s.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = seen.get(e.requestId);
    if (s) s.bytes = e.encodedDataLength;
  });
  return seen;
}

async function view(page: Page, cdp: CDPSession, link: string): Promise<{ view: PageView; seen: Seen[] }> {
  const seen = await watch(cdp);
  await page.goto(link, { waitUntil: 'networkidle' });
  await cdp.send('Network.disable');
  const all = [...seen.values()];
  const network = all.filter((s) => !s.cached);
  return {
    view: {
      requests: all.length,
      network: network.length,
      bytes: network.reduce((n, s) => n + s.bytes, 0),
      documentBytes: all.find((s) => s.type === 'Document')?.bytes ?? 0,
      fetched: network.map((s) => ({
        path: new URL(s.url).pathname.replace(/^\/p\/[^/]+/, '/p/{token}'),
        bytes: s.bytes,
      })),
    },
    seen: all,
  };
}

export async function measurePageWeight(bench: BenchDb): Promise<PageWeight> {
  const tableName = await freshTable(bench.client, 'page');
  const { Table } = await bench.client.send(new DescribeTableCommand({ TableName: tableName }));
  const port = await freePort();
  const stack = createLocalStack({
    db: bench.db,
    tableName,
    streams: new DynamoDBStreamsClient(bench.clientConfig),
    streamArn: Table!.LatestStreamArn!,
    config: parseRuntimeConfig({ allowedCountries: ['US'], formUrl: `http://127.0.0.1:${port}/` }),
    log: silentLog,
    print: () => {},
  });
  const base = await listen(stack.server, port, '127.0.0.1');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  const outbox = () => api<{ kind: string; to: string; body: string }[]>('GET', '/dev/outbox');
  try {
    const context = await browser.newContext(PHONE_390);
    const page = await context.newPage();
    // Tomorrow 05:00 in New York: the first reminder of the day is ahead.
    const today = addDays(localDateOf(new Date(), ZONE), 1);
    await api('POST', '/dev/clock', { to: zonedInstant(today, '05:00', ZONE).toISOString() });
    await page.goto(`${base}/`);
    await reachReminders(page, SCORES);
    await confirmWithTextedCode(page, PHONE, async (to) => {
      const text = (await outbox()).find((m) => m.kind === 'verification' && m.to === to)!;
      return /\b(\d{6})\b/.exec(text.body)![1]!;
    });
    await api('POST', '/dev/clock', { to: zonedInstant(today, '08:01', ZONE).toISOString() });
    const reminder = (await outbox()).find((m) => m.kind === 'reminder' && m.to === PHONE);
    const link = reminder?.body.split(' ').at(-1);
    if (!link?.includes('/p/')) throw new Error(`no plan page link in the reminder: ${reminder?.body}`);
    await page.close();

    // A phone that has not opened the plan page before: a fresh profile (the form's files were
    // cached in the other; the plan page's are its own).
    const phone = await browser.newContext(PHONE_390);
    const first = await phone.newPage();
    const firstCdp = await phone.newCDPSession(first);
    const one = await view(first, firstCdp, link);
    await first.close();
    // The next reminder's tap: a new tab in the same profile (its HTTP cache kept).
    const second = await phone.newPage();
    const two = await view(second, await phone.newCDPSession(second), link);
    await phone.close();
    await context.close();

    const byKind: PageWeight['byKind'] = {};
    for (const s of one.seen.filter((x) => !x.cached)) {
      const kind = s.type === 'Document' ? 'HTML' : /\.svg(\?|$)/.test(s.url) ? 'pictures (SVG)' : s.type;
      byKind[kind] ??= { count: 0, bytes: 0 };
      byKind[kind].count += 1;
      byKind[kind].bytes += s.bytes;
    }
    return { first: one.view, second: two.view, byKind };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
