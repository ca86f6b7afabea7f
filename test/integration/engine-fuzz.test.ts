import { describe, expect, it } from 'vitest';
import { fuzzInbound, fuzzReminderQueue } from '../prove/fuzz.ts';
import { localClientConfig, useTestTable } from '../support/dynamodb.ts';
import { proofSize } from '../support/proof-size.ts';

/**
 * Property-based fuzzing of the engine's inputs through the real handlers on DynamoDB Local
 * (test/prove/fuzz.ts; `npm run prove:fuzz` runs thousands of cases): SNS two-way SMS messages of
 * every shape, from patients, strangers and numbers of every country, and reminder queue messages
 * of every shape. Never a failed invocation, texts only to the patient who wrote or whose reminder
 * it is (once per reminder), and nothing written or sent for what is not theirs.
 */
const table = useTestTable();
/** Fixed, so `npm test` runs the same cases every time (`npm run prove:fuzz` draws new ones). */
const SEED = 20300306;

describe('fuzzing the engine', () => {
  const inboundRuns = proofSize(50, 100);
  it(`inbound SNS messages: ${inboundRuns} cases`, async () => {
    const figures = await fuzzInbound({
      clientConfig: localClientConfig(),
      tableName: table.tableName,
      runs: inboundRuns,
      scanEachCase: true,
      seed: SEED,
    });
    expect(figures.cases).toBe(inboundRuns);
    expect(figures.invalid).toBeGreaterThan(inboundRuns / 5);
    expect(figures.cases - figures.invalid).toBeGreaterThan(inboundRuns / 7);
  }, 120_000);

  const queueRuns = proofSize(60, 150);
  it(`reminder queue messages: ${queueRuns} cases`, async () => {
    const figures = await fuzzReminderQueue({
      clientConfig: localClientConfig(),
      tableName: table.tableName,
      runs: queueRuns,
      scanEachCase: true,
      seed: SEED,
    });
    expect(figures.cases).toBe(queueRuns);
    expect(figures.invalid).toBeGreaterThan(queueRuns / 7.5);
    expect(figures.cases - figures.invalid).toBeGreaterThan(queueRuns / 15);
  }, 120_000);
});
