import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MOVEMENT_IDS } from '../../shared/domain/catalog.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { call, httpEvent } from '../support/http.ts';
import { assessmentBody, createTestIntake, type TestIntake } from '../support/intake.ts';

/**
 * Property-based fuzzing of the two POST bodies through the real middy chain on DynamoDB Local:
 * whatever arrives, the answer is never a 5xx and always the error shape, and a body refused as
 * invalid writes no item and sends no text.
 */
const table = useTestTable();
let intake: TestIntake;
beforeAll(() => {
  intake = createTestIntake(table);
});

/** Answers that mean "your body is not acceptable": nothing may have been written or sent. */
const REFUSED_AS_INVALID = new Set([
  'invalid_request',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
]);

const snapshot = async () => (await table.scanAll()).map((i) => JSON.stringify(i)).sort();

const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Long strings, around and beyond the 16 KB body limit. */
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

/** A valid body with one change: a field removed, retyped, huge, or one added; or left valid. */
function mutated(valid: () => Record<string, unknown>) {
  const base = valid();
  const fields = Object.keys(base);
  return fc.oneof(
    fc.constant(null).map(() => valid()),
    fc.constantFrom(...fields).map((f) => {
      const body = valid();
      delete body[f];
      return body;
    }),
    fc.tuple(fc.constantFrom(...fields), wrongType).map(([f, v]) => ({ ...valid(), [f]: v })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), anyJson).map(([k, v]) => ({ ...valid(), [k]: v })),
  );
}

const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', '');

function bodies(valid: () => Record<string, unknown>) {
  return fc.oneof(
    anyJson.map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    mutated(valid).map((v) => JSON.stringify(v)),
    hugeString.map((s) => JSON.stringify({ ...valid(), phone: s })),
  );
}

interface Answer {
  status: number;
  body: unknown;
}

function expectWellFormed(res: Answer) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    const error = (res.body as { error: { code: unknown; message: unknown; issues: unknown } }).error;
    expect(typeof error.code).toBe('string');
    expect(typeof error.message).toBe('string');
    expect(Array.isArray(error.issues)).toBe(true);
    for (const issue of error.issues as { path: unknown; message: unknown }[]) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.message).toBe('string');
    }
  }
}

async function postAndCheck(path: string, body: string, type: string) {
  const before = await snapshot();
  const sentBefore = intake.notifier.sent.length;
  const res = await call(
    intake.handler,
    httpEvent('POST', path, { body, headers: { 'content-type': type } }),
  );
  expectWellFormed(res);
  const code = (res.body as { error?: { code: string } }).error?.code;
  const noPlan = res.status === 201 && (res.body as { planId: unknown }).planId === null;
  if ((code && REFUSED_AS_INVALID.has(code)) || noPlan) {
    expect(await snapshot()).toEqual(before);
    expect(intake.notifier.sent.length).toBe(sentBefore);
  }
  return res;
}

describe('fuzzing POST /assessments', () => {
  it('never answers 5xx, and an invalid body writes nothing and sends nothing', async () => {
    const valid = () => {
      const body = assessmentBody() as Record<string, unknown>;
      body.scores = Object.fromEntries(MOVEMENT_IDS.slice(0, 5).map((id, i) => [id, i % 4]));
      return body;
    };
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(bodies(valid), contentType, async (body, type) => {
        statuses.add((await postAndCheck('/assessments', body, type)).status);
      }),
      { numRuns: 150 },
    );
    // The fuzzing reached both refusals and acceptances.
    expect([...statuses].some((s) => s === 400)).toBe(true);
  });

  it('scores of every shape: numbers out of range, fractions, strings, unknown movements', async () => {
    const score = fc.oneof(
      fc.integer({ min: -5, max: 15 }),
      fc.double({ noNaN: false }),
      fc.string({ maxLength: 3 }),
      fc.constant(null),
    );
    const id = fc.oneof(fc.constantFrom(...MOVEMENT_IDS), fc.string({ maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(id, score, { maxKeys: 12 }), async (scores) => {
        await postAndCheck('/assessments', JSON.stringify(assessmentBody({ scores })), 'application/json');
      }),
      { numRuns: 100 },
    );
  });
});

describe('fuzzing POST /verifications', () => {
  it('never answers 5xx, and an invalid body writes nothing and sends nothing', async () => {
    const pending = await call(intake.handler, httpEvent('POST', '/assessments', { body: assessmentBody() }));
    const planId = (pending.body as { planId: string }).planId;
    const valid = () => ({ planId, code: '000000' }) as Record<string, unknown>;
    const codeLike = fc.oneof(fc.stringMatching(/^\d{6}$/), fc.string({ maxLength: 10 }), wrongType);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          bodies(valid),
          codeLike.map((code) => JSON.stringify({ planId, code })),
        ),
        contentType,
        async (body, type) => {
          const res = await postAndCheck('/verifications', body, type);
          expect([200, 400, 404, 413, 415, 423, 429]).toContain(res.status);
        },
      ),
      { numRuns: 150 },
    );
  });
});
