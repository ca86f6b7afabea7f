/**
 * The clinic console at clinic scale (issue 26): a clinic of N patients seeded into DynamoDB Local
 * (local/clinic-seed.ts, BatchWriteItem), then the console function's own handler asked for what
 * staff ask most — the first page in triage order, a status, a reference search, a patient-id
 * search, the whole CSV export page by page — and clinic-watch's hourly sweep run, each with the
 * DynamoDB requests it made (counted by the SDK middleware of bench/lib/counting.ts) and its time.
 * A GetItem of one row, timed in the same run, is the baseline the latencies are divided by.
 * Each console request is called three times untimed first (warm-up), then `reps` times timed.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createConsoleHandler } from '../functions/console/handler.ts';
import { CSV_PAGE } from '../functions/console/use-cases/exports.ts';
import { createClinicWatchHandler } from '../functions/clinic-watch/handler.ts';
import { seedClinic, type SeedResult } from '../local/clinic-seed.ts';
import { clinicStores } from '../shared/adapters/dynamodb/clinic-stores.ts';
import { DynamoPlanRepository } from '../shared/adapters/dynamodb/plan-repository.ts';
import { keys } from '../shared/table.ts';
import { TEST_HASH_KEY } from '../test/support/fixtures.ts';
import { call, httpEvent } from '../test/support/http.ts';
import { testConfig } from '../test/support/intake.ts';
import { countRequests } from './lib/counting.ts';
import { freshTable, type BenchDb } from './lib/dynamo.ts';
import { quantile } from './lib/stats.ts';

export interface TimedRequest {
  name: string;
  /** DynamoDB requests of one call (the same every call), of which the audit entry's write is one. */
  requests: number;
  rows: number;
  bytes: number;
  p50Ms: number;
  p95Ms: number;
}

export interface ClinicBench {
  patients: number;
  reps: number;
  seed: SeedResult;
  baseline: { p50Ms: number; p95Ms: number };
  requests: TimedRequest[];
  csv: {
    pages: number;
    rows: number;
    requests: number;
    bytes: number;
    totalMs: number;
    slowestPageMs: number;
  };
  sweep: { due: number; alerted: number; requests: number; ms: number };
  quietSweep: { requests: number; ms: number };
  elapsedSeconds: number;
}

/** A status to filter by (a query parameter, not a status written). */
const PAUSED = 'paused';
const CLAIMS = { token_use: 'access', sub: 'bench', username: 'bench', 'cognito:groups': '[clinician]' };

function staffEvent(path: string, query: Record<string, string>): APIGatewayProxyEventV2 {
  const event = httpEvent('GET', path);
  return {
    ...event,
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: query,
    requestContext: {
      ...event.requestContext,
      authorizer: { jwt: { claims: CLAIMS, scopes: null } },
    } as APIGatewayProxyEventV2['requestContext'],
  };
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

export async function measureClinic(
  bench: BenchDb,
  options: { patients: number; reps: number; say?: (m: string) => void },
): Promise<ClinicBench> {
  const say = options.say ?? (() => {});
  const started = performance.now();
  const tableName = await freshTable(bench.client, 'clinic');
  const config = testConfig();
  const now = new Date();
  say(`   seeding ${options.patients} patients (BatchWriteItem) ...`);
  const seed = await seedClinic(bench.db, tableName, {
    patients: options.patients,
    now,
    hashKey: TEST_HASH_KEY,
    rules: config.clinic,
  });
  say(`   ${seed.items} items in ${seed.requests} requests, ${seed.seconds.toFixed(1)} s`);

  const { directory, alerts, audit, readModel } = clinicStores(bench.db, tableName, config.clinic);
  const handler = createConsoleHandler({
    config,
    hashKey: TEST_HASH_KEY,
    directory,
    alerts,
    readModel,
    audit,
    repo: new DynamoPlanRepository(bench.db, tableName),
    resendCode: async () => undefined,
    baseUrl: 'https://api.example.com/',
    auth: { authUrl: 'https://x.auth.us-east-1.amazoncognito.com', clientId: 'client' },
  });

  // The baseline: one GetItem of one roster row, as many times as each request below.
  const first = (await readModel.page({ by: 'triage', limit: 1 })).rows[0]!;
  const base: number[] = [];
  for (let i = 0; i < options.reps; i++)
    base.push(
      (
        await timed(() =>
          bench.db.send(new GetCommand({ TableName: tableName, Key: keys.clinicPatient(first.patientId) })),
        )
      ).ms,
    );

  const ask = async (name: string, path: string, query: Record<string, string>): Promise<TimedRequest> => {
    // Three calls first, not timed: the code's first runs are compiled as they go.
    for (let i = 0; i < 3; i++) await call(handler, staffEvent(path, query));
    const times: number[] = [];
    let requests = 0;
    let rows = 0;
    let bytes = 0;
    for (let i = 0; i < options.reps; i++) {
      const counter = countRequests(bench.db);
      const { ms, value } = await timed(() => call(handler, staffEvent(path, query)));
      counter.stop();
      if (value.status !== 200) throw new Error(`${name}: ${value.status} ${value.text}`);
      times.push(ms);
      requests = counter.counts.requests;
      rows = (value.body as { patients: unknown[] }).patients.length;
      bytes = Buffer.byteLength(value.text);
    }
    return { name, requests, rows, bytes, p50Ms: quantile(times, 0.5), p95Ms: quantile(times, 0.95) };
  };
  say('   the console: first page, status, searches ...');
  const requests = [
    await ask('first page, triage order (50)', '/console/api/patients', {}),
    await ask('open alerts only (50)', '/console/api/patients', { alerts: 'open' }),
    await ask('status "paused" (50)', '/console/api/patients', { status: PAUSED }),
    await ask('search a reference ("perez")', '/console/api/patients', { q: 'perez' }),
    await ask('search a patient id ("P-0")', '/console/api/patients', { q: first.patientId.slice(0, 4) }),
  ];

  say('   the CSV export, page by page ...');
  const csv = { pages: 0, rows: 0, requests: 0, bytes: 0, totalMs: 0, slowestPageMs: 0 };
  let cursor: string | undefined;
  do {
    const counter = countRequests(bench.db);
    const { ms, value } = await timed(() =>
      call(
        handler,
        staffEvent('/console/api/export/patients.csv', {
          tz: 'America/New_York',
          ...(cursor ? { cursor } : {}),
        }),
      ),
    );
    counter.stop();
    if (value.status !== 200) throw new Error(`csv: ${value.status} ${value.text}`);
    csv.pages += 1;
    csv.requests += counter.counts.requests;
    csv.bytes += Buffer.byteLength(value.text);
    csv.rows += value.text.split('\n').filter((l) => l.trim()).length - (csv.pages === 1 ? 1 : 0);
    csv.totalMs += ms;
    csv.slowestPageMs = Math.max(csv.slowestPageMs, ms);
    cursor = value.headers['x-next-cursor'];
  } while (cursor);

  say('   the hourly sweep ...');
  const emails: string[] = [];
  const watch = createClinicWatchHandler({
    directory,
    alerts,
    readModel,
    audit,
    hashKey: TEST_HASH_KEY,
    mailer: { send: async (subject: string) => void emails.push(subject) },
    config,
    clock: { now: () => now },
  });
  const sweepOnce = async () => {
    const counter = countRequests(bench.db);
    const { ms, value } = await timed(
      () => watch({ source: 'aws.events', 'detail-type': 'Scheduled Event' }) as Promise<{ swept: number }>,
    );
    counter.stop();
    return { ms, requests: counter.counts.requests, swept: value.swept };
  };
  const due = (await readModel.due(now)).length;
  const swept = await sweepOnce();
  const quiet = await sweepOnce();
  return {
    patients: options.patients,
    reps: options.reps,
    seed,
    baseline: { p50Ms: quantile(base, 0.5), p95Ms: quantile(base, 0.95) },
    requests,
    csv,
    sweep: { due, alerted: emails.length, requests: swept.requests, ms: swept.ms },
    quietSweep: { requests: quiet.requests, ms: quiet.ms },
    elapsedSeconds: (performance.now() - started) / 1000,
  };
}

export { CSV_PAGE };
