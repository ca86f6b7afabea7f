import { describe, expect, it } from 'vitest';
import { fuzzIntake } from '../prove/fuzz.ts';
import { localClientConfig, useTestTable } from '../support/dynamodb.ts';
import { proofSize } from '../support/proof-size.ts';

/**
 * Property-based fuzzing of every intake route through the real middy chain on DynamoDB Local
 * (test/prove/fuzz.ts; `npm run prove:fuzz` runs thousands of cases): POST bodies of every shape
 * and content type, the verification routes, and any method, path, headers and body. Never a 5xx,
 * always the error shape; input refused as invalid writes nothing (no write request, the table
 * scanned before and after each case) and sends nothing.
 */
const table = useTestTable();
/** Fixed, so `npm test` runs the same cases every time (`npm run prove:fuzz` draws new ones). */
const SEED = 20300306;

describe('fuzzing the intake routes', () => {
  const runs = proofSize(150, 300);
  it(`${runs} cases: never a 5xx, and nothing written or sent for invalid input`, async () => {
    const figures = await fuzzIntake({
      clientConfig: localClientConfig(),
      tableName: table.tableName,
      runs,
      scanEachCase: true,
      seed: SEED,
    });
    expect(figures.cases).toBeGreaterThanOrEqual(runs);
    // The fuzzing reached refusals of every kind, and acceptances.
    const outcomes = Object.keys(figures.outcomes).join(' | ');
    for (const seen of [
      '201',
      '400 invalid_request',
      '400 invalid_json',
      '404 not_found',
      '405 method_not_allowed',
      '413 payload_too_large',
      '415 unsupported_media_type',
    ]) {
      expect(outcomes).toContain(seen);
    }
    expect(figures.invalid).toBeGreaterThan(figures.cases / 2);
  }, 120_000);
});
