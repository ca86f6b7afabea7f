import { gunzipSync } from 'node:zlib';
/**
 * The roster's read model on DynamoDB Local (shared/adapters/dynamodb/clinic-roster.ts): a seeded
 * clinic (local/clinic-seed.ts) paged by the index in triage order, by status, by patient id and by
 * reference prefix, each page in the requests it promises; every patient once across the pages;
 * a cursor the list did not give refused; the refresh that recomputes a row from its sources and
 * never writes over a newer one; the sweep's query of rows that are due; the console's list route
 * end to end (its requests recorded for the IAM proof).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { countRequests } from '../../bench/lib/counting.ts';
import { createConsoleHandler } from '../../functions/console/handler.ts';
import { createClinicWatchHandler } from '../../functions/clinic-watch/handler.ts';
import { asFunction, outsideFunctions } from '../../local/aws-calls.ts';
import { seedClinic } from '../../local/clinic-seed.ts';
import {
  DynamoAuditLog,
  DynamoClinicAlertStore,
  DynamoClinicDirectory,
} from '../../shared/adapters/dynamodb/clinic.ts';
import { DynamoRosterReadModel } from '../../shared/adapters/dynamodb/clinic-roster.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { severityMask } from '../../shared/domain/clinic/alerts.ts';
import type { PatientRow, RosterRow } from '../../shared/domain/clinic/read-model.ts';
import { openReference } from '../../shared/domain/clinic/secrets.ts';
import { queryToken } from '../../shared/domain/clinic/search.ts';
import { InvalidCursorError } from '../../shared/domain/model.ts';
import { keys } from '../../shared/table.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { TEST_HASH_KEY } from '../support/fixtures.ts';
import { testConfig } from '../support/intake.ts';
import { call, httpEvent } from '../support/http.ts';

const table = useTestTable();
const config = testConfig();
const PATIENTS = 260;
const NOW = new Date();
let model: DynamoRosterReadModel;

beforeAll(async () => {
  model = new DynamoRosterReadModel(
    table.db,
    table.tableName,
    new DynamoClinicDirectory(table.db, table.tableName),
    config.clinic,
  );
  await outsideFunctions(() =>
    seedClinic(table.db, table.tableName, {
      patients: PATIENTS,
      now: NOW,
      hashKey: TEST_HASH_KEY,
      rules: config.clinic,
    }),
  );
  // 260 patients with their plans, events and rows: ~10 s alone, several times that on a busy machine.
}, 120_000);

async function allPages(query: Parameters<DynamoRosterReadModel['page']>[0]) {
  const rows: RosterRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await model.page({ ...query, ...(cursor ? { cursor } : {}) } as typeof query);
    rows.push(...page.rows);
    cursor = page.next;
  } while (cursor);
  return rows;
}

describe('the list, a page of a Query', () => {
  it('triage order: the first 50 in one request, most urgent first, every patient once across the pages', async () => {
    const counter = countRequests(table.db);
    const first = await model.page({ by: 'triage', limit: 50 });
    counter.stop();
    expect(counter.counts.requests).toBe(1);
    expect(first.reads).toBe(1);
    expect(first.rows).toHaveLength(50);
    const severities = first.rows.map((r) => r.severity ?? 0);
    expect(severities).toEqual([...severities].sort((a, b) => b - a));
    // Every red flag comes before any patient without one.
    const redFlags = first.rows.filter((r) => r.openKinds?.includes('red-flag')).length;
    expect(first.rows.slice(0, redFlags).every((r) => r.openKinds!.includes('red-flag'))).toBe(true);
    const all = await allPages({ by: 'triage', limit: 50 });
    expect(all).toHaveLength(PATIENTS);
    expect(new Set(all.map((r) => r.patientId)).size).toBe(PATIENTS);
    expect(all.map((r) => r.severity ?? 0)).toEqual(all.map((r) => r.severity ?? 0).sort((a, b) => b - a));
  });

  it('only patients with open alerts: one request, and exactly those', async () => {
    const counter = countRequests(table.db);
    const page = await model.page({ by: 'triage', limit: 50, alertsOnly: true });
    counter.stop();
    expect(counter.counts.requests).toBe(1);
    const all = await allPages({ by: 'triage', limit: 50, alertsOnly: true });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r) => (r.openKinds ?? []).length > 0)).toBe(true);
    const everyone = await allPages({ by: 'triage', limit: 100 });
    expect(all).toHaveLength(everyone.filter((r) => (r.openKinds ?? []).length > 0).length);
    expect(page.rows[0]!.severity).toBe(Math.max(...everyone.map((r) => r.severity ?? 0)));
  });

  it('a status: two requests (the shadows, then the rows), every row of that status, in triage order', async () => {
    for (const status of ['paused', 'active', 'stopped']) {
      const counter = countRequests(table.db);
      const page = await model.page({ by: 'status', status, limit: 50 });
      counter.stop();
      expect(counter.counts.requests, status).toBeLessThanOrEqual(2);
      expect(page.rows.every((r) => r.status === status)).toBe(true);
      const all = await allPages({ by: 'status', status, limit: 50 });
      const everyone = await allPages({ by: 'triage', limit: 100 });
      expect(all.map((r) => r.patientId).sort()).toEqual(
        everyone
          .filter((r) => r.status === status)
          .map((r) => r.patientId)
          .sort(),
      );
      expect(all.map((r) => r.severity ?? 0)).toEqual(all.map((r) => r.severity ?? 0).sort((a, b) => b - a));
    }
  });

  it('a patient id’s start: one request on the table itself', async () => {
    const everyone = await allPages({ by: 'triage', limit: 100 });
    const id = everyone[17]!.patientId;
    const counter = countRequests(table.db);
    const page = await model.page({ by: 'id', prefix: id.slice(0, 5), limit: 50 });
    counter.stop();
    expect(counter.counts.requests).toBe(1);
    expect(page.rows.map((r) => r.patientId)).toContain(id);
    expect(page.rows.every((r) => r.patientId.startsWith(id.slice(0, 5)))).toBe(true);
  });

  it('a reference’s start: its keyed-hash token, then the rows: two requests; the reference never in clear', async () => {
    const everyone = await allPages({ by: 'triage', limit: 100 });
    const referenced = everyone.filter((r) => r.sealedReference);
    expect(referenced.length).toBeGreaterThan(10);
    const references = referenced.map((r) =>
      openReference(r.sealedReference!, TEST_HASH_KEY, { patientId: r.patientId }),
    );
    const found = queryToken('perez', TEST_HASH_KEY);
    if ('tooShort' in found) throw new Error('too short');
    const counter = countRequests(table.db);
    const page = await model.page({ by: 'token', token: found.token, limit: 50 });
    counter.stop();
    expect(counter.counts.requests).toBe(2);
    const expected = referenced
      .filter((_r, i) => references[i]!.startsWith('Ana Pérez'))
      .map((r) => r.patientId);
    expect(page.rows.map((r) => r.patientId).sort()).toEqual(expected.sort());
    // Nothing in the table holds a reference in clear.
    const items = JSON.stringify(await table.scanAll());
    expect(items).not.toMatch(/P[ée]rez|MRN 1000/);
  });

  it('a cursor the list did not give is refused (tampered, or from another list)', async () => {
    const page = await model.page({ by: 'triage', limit: 10 });
    await expect(
      model.page({ by: 'status', status: 'active', limit: 10, cursor: page.next! }),
    ).rejects.toThrow(InvalidCursorError);
    const forged = Buffer.from(
      JSON.stringify({ pk: 'PLAN#x', sk: 'PLAN', gsi2pk: 'CLINIC#ROSTER', gsi2sk: 'x' }),
    ).toString('base64url');
    await expect(model.page({ by: 'triage', limit: 10, cursor: forged })).rejects.toThrow(InvalidCursorError);
    await expect(model.page({ by: 'triage', limit: 10, cursor: 'not-json' })).rejects.toThrow(
      InvalidCursorError,
    );
  });
});

describe('the row kept current', () => {
  it('a refresh recomputes the row from its sources; a second changes nothing; a stale writer loses', async () => {
    const [row] = (await model.page({ by: 'status', status: 'active', limit: 1 })).rows;
    expect(await model.refresh(row!.patientId, NOW)).toBe('unchanged');
    // Pause the plan behind the row's back (as a PAUSE text would), then refresh.
    const repo = new DynamoPlanRepository(table.db, table.tableName);
    const { transition } = await import('../../shared/domain/plan/lifecycle.ts');
    expect(await repo.changeStatus(row!.planId!, transition({ kind: 'patient-paused' }), new Date())).toBe(
      true,
    );
    expect(await model.refresh(row!.patientId, new Date())).toBe('refreshed');
    const after = (await model.row(row!.patientId)) as RosterRow & { rev: number };
    expect(after).toMatchObject({ status: 'paused', statusReason: 'patient-paused' });
    expect(after.inactiveDueAt).toBeUndefined();
    const paused = await allPages({ by: 'status', status: 'paused', limit: 100 });
    expect(paused.map((r) => r.patientId)).toContain(row!.patientId);
    // Two refreshes at once: both end, one wrote, the row is the sources' view.
    const results = await Promise.all([
      model.refresh(row!.patientId, new Date()),
      model.refresh(row!.patientId, new Date()),
    ]);
    expect(results.every((r) => r === 'unchanged' || r === 'refreshed')).toBe(true);
    expect(((await model.row(row!.patientId)) as unknown as { rev: number }).rev).toBeGreaterThanOrEqual(
      after.rev,
    );
  });

  it('a patient erased: the refresh finds nothing and writes nothing back', async () => {
    expect(await model.refresh('P-ZZZZZZZZ', NOW)).toBe('gone');
  });
});

describe('the hourly sweep: a query of the rows that are due', () => {
  it('finds exactly the silent running plans whose time came, raises their alert once, and takes them out', async () => {
    const later = new Date(NOW.getTime() + 3 * 86_400_000);
    const due = await model.due(later);
    expect(due.length).toBeGreaterThan(0);
    const { rows } = await model.rows(due.map((d) => d.patientId));
    for (const r of rows) {
      expect(r.status).toBe('active');
      expect(Date.parse(r.inactiveDueAt!)).toBeLessThanOrEqual(later.getTime());
    }
    // No row that is not due is among them.
    const everyone = await allPages({ by: 'triage', limit: 100 });
    const expected = everyone.filter(
      (r) => r.inactiveDueAt && Date.parse(r.inactiveDueAt) <= later.getTime(),
    );
    expect(due.map((d) => d.patientId).sort()).toEqual(expected.map((r) => r.patientId).sort());

    const emails: string[] = [];
    const watch = asFunction(
      'clinic-watch',
      createClinicWatchHandler({
        directory: new DynamoClinicDirectory(table.db, table.tableName),
        alerts: new DynamoClinicAlertStore(table.db, table.tableName),
        readModel: model,
        audit: new DynamoAuditLog(table.db, table.tableName),
        hashKey: TEST_HASH_KEY,
        mailer: { send: async (subject: string) => void emails.push(subject) },
        config,
        clock: { now: () => later },
      }),
    );
    // With too little time left (the function's timeout near), it stops and the rows stay due.
    const hurried = (await watch(
      { source: 'aws.events', 'detail-type': 'Scheduled Event' },
      { getRemainingTimeInMillis: () => 10_000 },
    )) as { swept: number; left: number };
    expect(hurried).toEqual({ swept: 0, left: due.length });
    expect(await model.due(later)).toHaveLength(due.length);
    const swept = (await watch(
      { source: 'aws.events', 'detail-type': 'Scheduled Event' },
      { getRemainingTimeInMillis: () => 60_000 },
    )) as { swept: number; left: number };
    expect(swept).toEqual({ swept: due.length, left: 0 });
    expect(emails.filter((e) => e.includes('no session in 2 days')).length).toBe(due.length);
    // Alerted silences fall due no more: the next sweep finds none of them, in one request for
    // the whole clinic (a Query of the due index, never a read per patient).
    expect(await model.due(later)).toEqual([]);
    const counter = countRequests(table.db);
    const quiet = (await watch({ source: 'aws.events', 'detail-type': 'Scheduled Event' })) as {
      swept: number;
    };
    counter.stop();
    expect(quiet.swept).toBe(0);
    expect(counter.counts.requests).toBe(1);
    expect(counter.counts.byCommand).toEqual({ QueryCommand: 1 });
    const { rows: alerted } = await model.rows(due.map((d) => d.patientId));
    expect(alerted.every((r) => r.openKinds!.includes('no-sessions'))).toBe(true);
    expect(alerted.every((r) => (r.severity ?? 0) >= severityMask(['no-sessions']))).toBe(true);
  }, 120_000);
});

describe('the console’s list route', () => {
  it('answers a page with its cursor, searches, and refuses a bad query with the field named', async () => {
    const handler = asFunction(
      'console',
      createConsoleHandler({
        config,
        hashKey: TEST_HASH_KEY,
        directory: new DynamoClinicDirectory(table.db, table.tableName),
        alerts: new DynamoClinicAlertStore(table.db, table.tableName),
        readModel: model,
        audit: new DynamoAuditLog(table.db, table.tableName),
        repo: new DynamoPlanRepository(table.db, table.tableName),
        resendCode: async () => undefined,
        baseUrl: 'https://api.example.com/',
        auth: { authUrl: 'https://x.auth.us-east-1.amazoncognito.com', clientId: 'client' },
      }),
    );
    const get = async (query: Record<string, string>, headers: Record<string, string> = {}) => {
      const event = httpEvent('GET', '/console/api/patients', { headers });
      const answer = await call(handler, {
        ...event,
        rawQueryString: new URLSearchParams(query).toString(),
        queryStringParameters: query,
        requestContext: {
          ...event.requestContext,
          authorizer: {
            jwt: {
              claims: { token_use: 'access', sub: 's', username: 'dr.lee', 'cognito:groups': '[clinician]' },
              scopes: null,
            },
          },
        } as typeof event.requestContext,
      });
      return answer as { status: number; body: { error: { issues: unknown[] } } & Record<string, unknown> };
    };
    const first = await get({});
    expect(first.status).toBe(200);
    // A browser's request: the same page gzipped (a page of 50 rows is ~20 kB of JSON).
    const zipped = (await get({}, { 'accept-encoding': 'gzip, deflate, br' })) as unknown as {
      headers: Record<string, string>;
      text: string;
    };
    expect(zipped.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    expect(JSON.parse(gunzipSync(Buffer.from(zipped.text, 'base64')).toString('utf8'))).toEqual(first.body);
    const body = first.body as unknown as { patients: PatientRow[]; next: string };
    expect(body.patients).toHaveLength(50);
    expect(body.patients[0]!.openKinds.length).toBeGreaterThan(0);
    const second = await get({ cursor: body.next });
    expect((second.body as unknown as { patients: PatientRow[] }).patients[0]!.patientId).not.toBe(
      body.patients[0]!.patientId,
    );
    const search = await get({ q: 'Pérez' });
    expect(
      (search.body as unknown as { patients: PatientRow[] }).patients.every((p) =>
        p.reference!.startsWith('Ana Pérez'),
      ),
    ).toBe(true);
    for (const [query, path] of [
      [{ q: 'ab' }, 'q'],
      [{ status: 'asleep' }, 'status'],
      [{ cursor: 'x!' }, 'cursor'],
      [{ cursor: 'eyJ4IjoxfQ' }, 'cursor'],
      [{ limit: '500' }, 'limit'],
      [{ sort: 'pain' }, 'sort'],
    ] as const) {
      const bad = await get(query);
      expect(bad.status, JSON.stringify(query)).toBe(400);
      expect(JSON.stringify(bad.body.error.issues)).toContain(path);
    }
    expect(keys.clinicList.roster).toBe('CLINIC#ROSTER');
  });
});
