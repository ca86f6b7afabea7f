import { describe, expect, it } from 'vitest';
import { localClientConfig, useTestTable } from '../support/dynamodb.ts';
import { proveRedelivery } from '../prove/redelivery.ts';
import { proofSize } from '../support/proof-size.ts';

/**
 * The small run of `npm run prove:redelivery` (10,000 reminders; figures in docs/RELIABILITY.md):
 * the same simulation on 120 reminders (300 in `npm run prove:full`), so every `npm test` shows exactly-once under duplicates,
 * overlapping copies, 30 % SNS throttling and invocations dying between claim and send.
 */
const table = useTestTable();

describe('redelivery at scale (small run)', () => {
  const reminders = proofSize(120, 300);
  it(`${reminders} reminders, each received 1–3 times with copies overlapping, 30 % of sends throttled, some senders dying: every reminder sent exactly once`, async () => {
    const figures = await proveRedelivery({
      clientConfig: localClientConfig(),
      tableName: table.tableName,
      reminders,
      crashRate: 0.02,
    });
    expect({
      duplicates: figures.duplicates,
      lost: figures.lost,
      deadLettered: figures.deadLettered,
    }).toEqual({
      duplicates: 0,
      lost: 0,
      deadLettered: 0,
    });
    expect(figures.textsSent).toBe(reminders);
    // The faults really happened.
    expect(figures.copies).toBeGreaterThan(reminders * 1.5);
    expect(figures.overlappingCopies).toBeGreaterThan(reminders / 6);
    expect(figures.throttledSends).toBeGreaterThan(reminders / 5);
    expect(figures.inFlightRetries).toBeGreaterThan(0);
    expect(figures.crashes).toBeGreaterThan(0);
  }, 120_000);
});
