/**
 * Property-based fuzzing (fast-check) of every way in: the intake's HTTP routes, the inbound SNS
 * messages and the reminder queue's messages, through the real handlers on DynamoDB Local. What is
 * proven for every case: no 5xx (no rejected invocation for the event handlers), the error shape,
 * and for input refused as invalid no write request reaches DynamoDB and no text is sent. A write
 * counter on the DynamoDB client sees every request; `scanEachCase` also compares full table scans.
 * Used by the fuzz tests (a few hundred cases) and scripts/prove/fuzz.ts (`npm run prove:fuzz`).
 */
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, SNSEvent } from 'aws-lambda';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import examples from 'libphonenumber-js/mobile/examples';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/min';
import { createInboundHandler } from '../../functions/inbound/handler.ts';
import { INTAKE_ROUTES } from '../../functions/intake/handler.ts';
import { WEB_ASSETS } from '../../functions/intake/web-assets.generated.ts';
import { createSendReminderHandler } from '../../functions/send-reminder/handler.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { MOVEMENT_IDS } from '../../shared/domain/plan/catalog.ts';
import { reminderMessageSchema } from '../../shared/domain/scheduling/reminders.ts';
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
import { erasedText } from '../../shared/domain/messaging/texts.ts';
import type { DeliveryEntry, OutboundMessage, PlanRecord } from '../../shared/domain/model.ts';
import { keys } from '../../shared/table.ts';
import type { TestTable } from '../support/dynamodb.ts';
import { planRecord, TEST_HASH_KEY } from '../support/fixtures.ts';
import { call, httpEvent } from '../support/http.ts';
import { snsRecord, twoWayPayload } from '../support/inbound.ts';
import { assessmentBody, createTestIntake, RecordingNotifier, TestClock } from '../support/intake.ts';
import { sqsEvent, sqsRecord } from '../support/reminders.ts';

export interface FuzzOptions {
  clientConfig: DynamoDBClientConfig;
  tableName: string;
  /** Cases in all for this target, shared among its properties. */
  runs: number;
  /** fast-check's seed: the same seed replays the same cases. */
  seed?: number;
  /** Also compare a full scan of the table before and after each case (slow on big tables). */
  scanEachCase?: boolean;
}

export interface FuzzFigures {
  target: string;
  cases: number;
  /** Cases refused as invalid (each proven to write nothing and send nothing). */
  invalid: number;
  /** How the cases were answered ("400 invalid_request", "dropped", …) and how often. */
  outcomes: Record<string, number>;
  ms: number;
}

const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

/**
 * A document client that counts the write requests DynamoDB carried out (a conditional write it
 * refused changed nothing and is not counted).
 */
function countingClient(config: DynamoDBClientConfig) {
  const db = createDocumentClient({ ...config });
  const counts = { writes: 0 };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (WRITE_COMMANDS.has(context.commandName ?? '')) counts.writes++;
      return result;
    },
    { step: 'initialize', name: 'countWrites' },
  );
  return { db, counts };
}

async function scanAll(db: DynamoDBDocumentClient, tableName: string): Promise<string> {
  const items: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey }),
    );
    for (const item of page.Items ?? []) items.push(JSON.stringify(item));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort().join('\n');
}

/**
 * Runs one case and says what it wrote and sent. With `scanEachCase`, the table is scanned after
 * each case and compared with the scan after the case before (one scan a case).
 */
function observer(
  options: FuzzOptions,
  db: DynamoDBDocumentClient,
  counts: { writes: number },
  sent: unknown[],
) {
  let table: string | undefined;
  return async <T>(run: () => Promise<T>) => {
    if (options.scanEachCase && table === undefined) table = await scanAll(db, options.tableName);
    const before = { writes: counts.writes, sent: sent.length, table };
    const value = await run();
    if (options.scanEachCase) table = await scanAll(db, options.tableName);
    return {
      value,
      writes: counts.writes - before.writes,
      sent: sent.slice(before.sent) as OutboundMessage[],
      tableChanged: table !== before.table,
    };
  };
}

function expectNothingDone(seen: { writes: number; sent: unknown[]; tableChanged: boolean }, what: string) {
  assert.equal(seen.writes, 0, `${what}: a write request was sent`);
  assert.equal(seen.tableChanged, false, `${what}: the table changed`);
  assert.deepEqual(seen.sent, [], `${what}: a text was sent`);
}

function figuresOf(target: string) {
  const started = performance.now();
  const figures: FuzzFigures = { target, cases: 0, invalid: 0, outcomes: {}, ms: 0 };
  return {
    figures,
    count(outcome: string, invalid: boolean) {
      figures.cases++;
      if (invalid) figures.invalid++;
      figures.outcomes[outcome] = (figures.outcomes[outcome] ?? 0) + 1;
    },
    done() {
      figures.ms = Math.round(performance.now() - started);
      return figures;
    },
  };
}

/** Splits `runs` by weight, at least one case each. */
function share(runs: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.max(1, Math.round((runs * w) / total)));
}

// ---------------------------------------------------------------------------------------------
// Shared generators

/** Any JSON value, a little deep. */
const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Long strings, around and beyond the 16 KB body limit and the schemas' limits. */
const hugeString = fc
  .integer({ min: 1000, max: 40_000 })
  .chain((n) => fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }).map((c) => c.repeat(n)));
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
  hugeString,
);

/** A valid object with one change: a field removed, retyped, huge, one added; or left valid. */
function mutated(valid: () => Record<string, unknown>) {
  const fields = Object.keys(valid());
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(null).map(() => valid()) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...fields).map((f) => {
        const body = valid();
        delete body[f];
        return body;
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...fields), wrongType).map(([f, v]) => ({ ...valid(), [f]: v })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ minLength: 1, maxLength: 12 }), anyJson)
        .map(([k, v]) => ({ ...valid(), [k]: v })),
    },
  );
}

/** Bodies as strings: any JSON, any text, a mutated valid body, a valid body with a huge field. */
function bodies(valid: () => Record<string, unknown>) {
  const first = Object.keys(valid())[0]!;
  return fc.oneof(
    { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 4, arbitrary: mutated(valid).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: hugeString.map((s) => JSON.stringify({ ...valid(), [first]: s })) },
  );
}

/** Mobile numbers of every country libphonenumber knows, in E.164. */
export const WORLD_PHONES = Object.entries(examples as Record<string, string>).map(([country, national]) => ({
  country,
  e164: `+${getCountryCallingCode(country as CountryCode)}${national}`,
}));

// ---------------------------------------------------------------------------------------------
// The intake's HTTP routes

/** Answers that refuse the request as it stands: nothing may have been written or sent. */
const REFUSED_AS_INVALID = new Set([
  'invalid_request',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'not_found',
  'method_not_allowed',
]);
const POST_PATHS = new Set(INTAKE_ROUTES.filter((r) => r.method === 'POST').map((r) => r.path));

type Answer = Awaited<ReturnType<typeof call>>;

/**
 * A plan page that opens nothing is a page for a person, not JSON: the same HTML 404 for every
 * token (functions/intake/plan-page.ts), so nothing tells a guess from a revoked link.
 */
function isPlanPageNotFound(res: Answer, what: string): boolean {
  return (
    res.status === 404 &&
    /^GET \/p\//.test(what) &&
    String(res.headers['content-type'] ?? '').startsWith('text/html')
  );
}

function assertWellFormed(res: Answer, what: string) {
  assert.ok(res.status < 500, `${what}: answered ${res.status} ${res.text.slice(0, 200)}`);
  if (res.status >= 400 && !isPlanPageNotFound(res, what)) {
    const error = (res.body as { error?: { code: unknown; message: unknown; issues: unknown } })?.error;
    assert.ok(error, `${what}: a ${res.status} without the error shape`);
    assert.equal(typeof error.code, 'string');
    assert.equal(typeof error.message, 'string');
    assert.ok(Array.isArray(error.issues));
    for (const issue of error.issues as { path: unknown; message: unknown }[]) {
      assert.equal(typeof issue.path, 'string');
      assert.equal(typeof issue.message, 'string');
    }
  }
}

const contentType = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json;',
      'application/vnd.api+json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
      'text/html',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

export async function fuzzIntake(options: FuzzOptions): Promise<FuzzFigures> {
  const { db, counts } = countingClient(options.clientConfig);
  const intake = createTestIntake({ db, tableName: options.tableName } as TestTable, {
    clock: new TestClock(),
  });
  const observe = observer(options, db, counts, intake.notifier.sent);
  const run = figuresOf('intake (HTTP)');
  const accepted = new Set<string>();
  const params = (numRuns: number) => ({
    numRuns,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });

  async function request(event: APIGatewayProxyEventV2) {
    const what = `${event.requestContext.http.method} ${event.rawPath.slice(0, 80)}`;
    const seen = await observe(() => call(intake.handler, event));
    const res = seen.value;
    assertWellFormed(res, what);
    const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
    const adviceOnly = res.status === 201 && (res.body as { planId?: unknown }).planId === null;
    const mayWrite = event.requestContext.http.method === 'POST' && POST_PATHS.has(event.rawPath);
    const invalid = !mayWrite || (code !== undefined && REFUSED_AS_INVALID.has(code)) || adviceOnly;
    if (invalid) expectNothingDone(seen, what);
    const made = (res.body as { planId?: unknown } | undefined)?.planId;
    if (res.status === 201 && typeof made === 'string') accepted.add(made);
    run.count(`${res.status}${code ? ` ${code}` : ''}`, invalid);
    return res;
  }
  const post = (path: string, body: string, type: string) =>
    request(httpEvent('POST', path, { body, headers: { 'content-type': type } }));

  // A plan waiting for its code, for the verification routes.
  const pending = await call(intake.handler, httpEvent('POST', '/assessments', { body: assessmentBody() }));
  const planId = (pending.body as { planId: string }).planId;
  const validAssessment = () => {
    const body = assessmentBody() as Record<string, unknown>;
    body.scores = Object.fromEntries(MOVEMENT_IDS.slice(0, 5).map((id, i) => [id, i % 4]));
    return body;
  };
  const [assessments, scores, verifications, resends, anything] = share(options.runs, [30, 10, 20, 15, 25]);

  await fc.assert(
    fc.asyncProperty(bodies(validAssessment), contentType, async (body, type) => {
      await post('/assessments', body, type);
    }),
    params(assessments!),
  );
  const score = fc.oneof(
    fc.integer({ min: -5, max: 15 }),
    fc.double(),
    fc.string({ maxLength: 3 }),
    fc.constant(null),
  );
  const movementId = fc.oneof(fc.constantFrom(...MOVEMENT_IDS), fc.string({ maxLength: 20 }));
  await fc.assert(
    fc.asyncProperty(fc.dictionary(movementId, score, { maxKeys: 12 }), async (s) => {
      await post('/assessments', JSON.stringify(assessmentBody({ scores: s })), 'application/json');
    }),
    params(scores!),
  );
  const codeLike = fc.oneof(fc.stringMatching(/^\d{6}$/), fc.stringMatching(/^[\d -]{0,12}$/), wrongType);
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        bodies(() => ({ planId, code: '000000' })),
        codeLike.map((code) => JSON.stringify({ planId, code })),
      ),
      contentType,
      async (body, type) => {
        const res = await post('/verifications', body, type);
        assert.ok(
          [200, 400, 404, 409, 413, 415, 423, 429].includes(res.status),
          `verifications: ${res.status}`,
        );
      },
    ),
    params(verifications!),
  );
  const planIdLike = fc.oneof(fc.constant(planId), fc.uuid(), fc.string({ maxLength: 40 }), wrongType);
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        bodies(() => ({ planId })),
        planIdLike.map((id) => JSON.stringify({ planId: id })),
      ),
      contentType,
      async (body, type) => {
        const res = await post('/verifications/resend', body, type);
        assert.ok([200, 400, 404, 409, 413, 415, 423, 429].includes(res.status), `resend: ${res.status}`);
      },
    ),
    params(resends!),
  );

  // Any method, path, headers and body.
  const knownPaths = INTAKE_ROUTES.map((r) => r.path);
  const method = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('GET', 'POST') },
    {
      weight: 3,
      arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'CONNECT'),
    },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{1,10}$/) },
  );
  const path = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...knownPaths) },
    fc
      .tuple(
        fc.constantFrom(...knownPaths),
        fc.constantFrom('/', '//', '/x', '%2F', '/..', '.json', '%00', ';a=1', '/../movements', '?a=1'),
      )
      .map(([p, suffix]) => p + suffix),
    fc.constantFrom(...knownPaths).map((p) => p.toUpperCase()),
    // API Gateway's rawPath always starts with "/" (an event without one is not an HTTP API event).
    fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
    fc.string({ maxLength: 60 }).map((s) => `/${s}`),
    fc.constantFrom(
      '/%E0%A4%A',
      '/%',
      '/..%2f..%2fetc%2fpasswd',
      '/\u0000',
      '//',
      '/\u202e',
      `/${'a'.repeat(5000)}`,
    ),
  );
  const etags = Object.values(WEB_ASSETS).map((a) => a.etag);
  const headers = fc
    .tuple(
      fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.string({ maxLength: 100 }), {
        maxKeys: 5,
      }),
      fc.option(contentType, { nil: undefined }),
      fc.option(fc.oneof(fc.constantFrom(...etags), fc.string({ maxLength: 30 })), { nil: undefined }),
    )
    .map(([extra, type, etag]) => ({
      ...extra,
      ...(type !== undefined ? { 'content-type': type } : {}),
      ...(etag !== undefined ? { 'if-none-match': etag } : {}),
    }));
  const body = fc.option(
    fc.oneof(
      bodies(validAssessment),
      bodies(() => ({ planId, code: '000000' })),
      hugeString,
    ),
    { nil: undefined },
  );
  await fc.assert(
    fc.asyncProperty(
      method,
      path,
      headers,
      body,
      fc.boolean(),
      fc.string({ maxLength: 40 }),
      async (m, p, h, b, base64, query) => {
        const event = httpEvent(
          m,
          p,
          b === undefined ? {} : { body: base64 ? Buffer.from(b).toString('base64') : b },
        );
        event.headers = h;
        event.isBase64Encoded = base64 && b !== undefined;
        event.rawQueryString = query;
        await request(event);
      },
    ),
    params(anything!),
  );
  // Whatever was refused, the plans in the table are exactly the ones the intake answered with.
  const plans = (await scanAll(db, options.tableName)).split('\n').filter((i) => i.includes('"sk":"PLAN"'));
  assert.equal(plans.length, accepted.size + 1, 'plan items that no answer accounts for');
  return run.done();
}

// ---------------------------------------------------------------------------------------------
// The inbound SNS messages (two-way SMS)

// 07:00 in New York on 2031-06-02 (EDT): the plans start that day. Future-dated for TTL.
const MADE_AT = new Date('2031-06-02T11:00:00Z');
const NOW = new Date('2031-06-03T17:00:30Z'); // 13:00:30 in New York, the second session

async function deliveriesOf(db: DynamoDBDocumentClient, tableName: string, planId: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.plan(planId), ConsistentRead: true }),
  );
  return (Item?.deliveries ?? {}) as Record<string, DeliveryEntry>;
}

async function activePlans(
  db: DynamoDBDocumentClient,
  tableName: string,
  count: number,
): Promise<PlanRecord[]> {
  const repo = new DynamoPlanRepository(db, tableName);
  const plans: PlanRecord[] = [];
  for (let i = 0; i < count; i++) plans.push(await activePlan(repo, planRecord({ now: MADE_AT })));
  return plans;
}

async function activePlan(repo: DynamoPlanRepository, record: PlanRecord): Promise<PlanRecord> {
  await repo.createPendingPlan(record, 30);
  await repo.activatePlan(record.planId, MADE_AT, 30);
  return { ...record, status: 'active' };
}

function assertFitsTwoSegments(message: OutboundMessage) {
  const { encoding, segments } = smsSegments(message.body);
  assert.equal(encoding, 'GSM-7', `not GSM-7: ${message.body}`);
  assert.ok(segments <= 2, `${segments} segments: ${message.body}`);
}

export async function fuzzInbound(options: FuzzOptions): Promise<FuzzFigures> {
  const { db, counts } = countingClient(options.clientConfig);
  const repo = new DynamoPlanRepository(db, options.tableName);
  const notifier = new RecordingNotifier();
  const observe = observer(options, db, counts, notifier.sent);
  const run = figuresOf('inbound (SNS two-way SMS)');
  const patients = await activePlans(db, options.tableName, 8);
  const known = new Set(patients.map((p) => p.phone));
  let clock = NOW.getTime();
  const handler = createInboundHandler({
    repo,
    events: new DynamoPatientEventStore(db, options.tableName),
    limiter: new DynamoRateLimiter(db, options.tableName),
    notifier,
    hashKey: TEST_HASH_KEY,
    config: { appName: 'Rehab reminders', formUrl: 'https://form.example/', retentionDays: 30 },
    clock: { now: () => new Date(clock) },
  });

  const word = fc.constantFrom(
    'HELP',
    'DONE',
    'PAUSE',
    'RESUME',
    'PAIN 3',
    'PAIN 9',
    'PAIN 11',
    'PAIN',
    'STOP',
    'ARRET',
    'UNSUBSCRIBE',
    'DELETE',
    'DELETE YES',
    'START',
    'YES',
    'END',
    'OPT-OUT',
  );
  const command = fc
    .tuple(
      word,
      fc.constantFrom('', ' ', '  ', '\n', '\t'),
      fc.constantFrom('', '.', '!', '?', ' !!'),
      fc.boolean(),
    )
    .map(([w, pad, end, lower]) => `${pad}${lower ? w.toLowerCase() : w}${end}${pad}`);
  const messageBody = fc.oneof(
    command,
    fc.string({ maxLength: 200 }),
    fc.string({ maxLength: 200, unit: 'grapheme' }),
    hugeString.map((s) => s.slice(0, 3000)),
  );
  const from = fc.oneof(
    fc.constantFrom(...known),
    fc.constantFrom(...WORLD_PHONES.map((p) => p.e164)),
    fc.stringMatching(/^\+\d{1,15}$/),
    fc.string({ maxLength: 40 }),
  );
  const timestamp = fc.oneof(
    fc.integer({ min: -3_600_000, max: 3_600_000 }).map((ms) => new Date(NOW.getTime() + ms).toISOString()),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.string({ maxLength: 30 }),
  );
  let ids = 0;
  const twoWay = fc
    .tuple(from, messageBody, fc.option(fc.string({ minLength: 1, maxLength: 60 }), { nil: undefined }))
    .map(([f, b, id]) => twoWayPayload(f, b, id ?? `fuzz-${++ids}`) as Record<string, unknown>);
  const message = fc.oneof(
    { weight: 6, arbitrary: twoWay.map((p) => JSON.stringify(p)) },
    { weight: 2, arbitrary: twoWay.chain((p) => mutated(() => ({ ...p }))).map((p) => JSON.stringify(p)) },
    { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  );
  const event = fc
    .array(fc.tuple(message, timestamp, fc.option(fc.uuid(), { nil: undefined })), {
      minLength: 1,
      maxLength: 3,
    })
    .map((records): SNSEvent => ({
      Records: records.map(([m, ts, id]) =>
        snsRecord(m, { timestamp: ts, ...(id ? { messageId: id } : {}) }),
      ),
    }));

  /** The patient's number, if the record is a two-way text from a patient (known before the case). */
  const patientOf = (message: string): string | undefined => {
    try {
      const from = (JSON.parse(message) as { originationNumber?: unknown }).originationNumber;
      return typeof from === 'string' && known.has(from) ? from : undefined;
    } catch {
      return undefined;
    }
  };

  await fc.assert(
    fc.asyncProperty(event, async (e) => {
      clock += 1000;
      const fromPatients = e.Records.map((r) => patientOf(r.Sns.Message)).filter((p): p is string => !!p);
      const seen = await observe(() => handler(e)); // rejects on any error: the property fails
      assert.ok(seen.sent.length <= e.Records.length, 'more answers than texts');
      for (const text of seen.sent) {
        assert.equal(text.channel, 'sms');
        assert.ok(
          text.channel === 'sms' && fromPatients.includes(text.to),
          `a text to ${text.to}, who did not write`,
        );
        assertFitsTwoSegments(text);
      }
      if (fromPatients.length === 0) expectNothingDone(seen, 'a text from no patient');
      run.count(
        fromPatients.length === 0 ? 'ignored (no patient)' : `patient: ${seen.sent.length} answer(s)`,
        fromPatients.length === 0,
      );
      // A patient who erased their data is a patient again for the next cases.
      for (const text of seen.sent) {
        if (text.channel === 'sms' && text.body === erasedText('Rehab reminders')) {
          await activePlan(repo, planRecord({ now: MADE_AT, phone: text.to }));
        }
      }
    }),
    { numRuns: options.runs, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
  );
  return run.done();
}

// ---------------------------------------------------------------------------------------------
// The reminder queue's messages

export async function fuzzReminderQueue(options: FuzzOptions): Promise<FuzzFigures> {
  const { db, counts } = countingClient(options.clientConfig);
  const notifier = new RecordingNotifier();
  const observe = observer(options, db, counts, notifier.sent);
  const run = figuresOf('reminder queue (SQS)');
  const plans = await activePlans(db, options.tableName, 6);
  const phones = new Map(plans.map((p) => [p.planId, p.phone]));
  const handler = createSendReminderHandler({
    ledger: new DynamoReminderLedger(db, options.tableName),
    notifier,
    config: { appName: 'Rehab reminders', lateAfterMinutes: 60, formUrl: 'https://form.example/' },
    clock: { now: () => NOW },
  });
  const textsPerKey = new Map<string, number>();

  const nearNow = fc.integer({ min: -120, max: 30 }).map((m) => new Date(NOW.getTime() + m * 60_000));
  const scheduledTime = fc.oneof(
    // Around now: on time, late, a little early; in UTC and with an offset.
    { weight: 4, arbitrary: nearNow.map((d) => d.toISOString()) },
    { weight: 1, arbitrary: nearNow.map((d) => d.toISOString().replace('Z', '+00:00')) },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: wrongType },
  );
  const planId = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...phones.keys()) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9A-Za-z_.-]{1,120}$/) },
    { weight: 1, arbitrary: fc.string({ maxLength: 120 }) },
    { weight: 1, arbitrary: wrongType },
  );
  const slot = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: wrongType },
  );
  const shaped = fc
    .record({
      v: fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: anyJson }),
      planId,
      slot,
      scheduledTime,
    })
    .chain((m) =>
      fc.oneof({ weight: 2, arbitrary: fc.constant(m) }, { weight: 1, arbitrary: mutated(() => ({ ...m })) }),
    );
  const body = fc.oneof(
    { weight: 6, arbitrary: shaped.map((m) => JSON.stringify(m)) },
    { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    { weight: 1, arbitrary: hugeString },
  );

  /** The record can be delivered: a reminder message, of a plan that exists, not from the future. */
  const deliverable = (raw: string) => {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const parsed = reminderMessageSchema.safeParse(json);
    if (!parsed.success || !phones.has(parsed.data.planId)) return undefined;
    return parsed.data;
  };

  await fc.assert(
    fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 5 }), async (records) => {
      const messages = records.map(deliverable);
      const firstText = notifier.sent.length;
      const seen = await observe(() => handler(sqsEvent(...records.map((r) => sqsRecord(r)))));
      assert.deepEqual(seen.value, { batchItemFailures: [] }, 'a record was reported failed');
      // Each text is the one its plan's record names (the recording notifier's message ids count up).
      const recordOf = new Map<string, string>();
      for (const planId of new Set(messages.flatMap((m) => (m ? [m.planId] : [])))) {
        for (const [key, entry] of Object.entries(await deliveriesOf(db, options.tableName, planId))) {
          if (entry.messageId) recordOf.set(entry.messageId, `${planId}#${key}`);
        }
      }
      seen.sent.forEach((text, i) => {
        const key = recordOf.get(`test-${firstText + i + 1}`);
        assert.ok(key, `a text to ${text.channel === 'sms' ? text.to : '?'} that no record names`);
        const planId = key.slice(0, key.indexOf('#'));
        assert.ok(
          text.channel === 'sms' && phones.get(planId) === text.to,
          `a text for ${key} to another number`,
        );
        assert.ok(
          messages.some((m) => m?.planId === planId),
          `a text for ${key}, which got no message`,
        );
        assertFitsTwoSegments(text);
        textsPerKey.set(key, (textsPerKey.get(key) ?? 0) + 1);
        assert.equal(textsPerKey.get(key), 1, `a second text for ${key}`);
      });
      // Not deliverable, or scheduled more than 15 minutes ahead of the clock: nothing at all.
      const ahead = (m: { scheduledTime: string }) =>
        Date.parse(m.scheduledTime) - NOW.getTime() > 15 * 60_000;
      const invalid = messages.every((m) => !m || ahead(m));
      if (invalid) expectNothingDone(seen, 'no deliverable reminder');
      run.count(invalid ? 'dropped, nothing written' : `delivered: ${seen.sent.length} text(s)`, invalid);
    }),
    { numRuns: options.runs, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
  );
  return run.done();
}
