import { describe, expect, it } from 'vitest';
import { fuzzInbound, fuzzReminderQueue } from '../prove/fuzz.ts';
import { localClientConfig, useTestTable } from '../support/dynamodb.ts';

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
  it('inbound SNS messages: 100 cases', async () => {
    const figures = await fuzzInbound({
      clientConfig: localClientConfig(),
      tableName: table.tableName,
      runs: 100,
      scanEachCase: true,
      seed: SEED,
    });
    expect(figures.cases).toBe(100);
    expect(figures.invalid).toBeGreaterThan(20);
    expect(figures.cases - figures.invalid).toBeGreaterThan(15);
  }, 120_000);

  it('reminder queue messages: 150 cases', async () => {
    const figures = await fuzzReminderQueue({
      clientConfig: localClientConfig(),
      tableName: table.tableName,
      runs: 150,
      scanEachCase: true,
      seed: SEED,
    });
    expect(figures.cases).toBe(150);
    expect(figures.invalid).toBeGreaterThan(20);
    expect(figures.cases - figures.invalid).toBeGreaterThan(10);
  }, 120_000);
});
