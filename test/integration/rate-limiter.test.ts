import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { windowAt } from '../../shared/domain/security/rate-limit.ts';
import { useTestTable } from '../support/dynamodb.ts';

const table = useTestTable();
const limiter = () => new DynamoRateLimiter(table.db, table.tableName);
const HOUR = 3600;
/** 00:10 of the next UTC hour: in the future (TTL) and far from the window's end. */
const start = () => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 10 * 60_000);

describe('DynamoRateLimiter (DynamoDB Local)', () => {
  it('allows up to the limit in a window, then refuses without counting, and starts again in the next window', async () => {
    const rule = { name: 'test-rule', limit: 3, windowSeconds: HOUR };
    const subject = randomUUID();
    const now = start();
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await limiter().hit(rule, subject, now));
    expect(decisions.slice(0, 3)).toEqual([
      { allowed: true, count: 1 },
      { allowed: true, count: 2 },
      { allowed: true, count: 3 },
    ]);
    expect(decisions.slice(3)).toEqual([
      { allowed: false, retryAfterSeconds: 50 * 60 },
      { allowed: false, retryAfterSeconds: 50 * 60 },
    ]);

    const item = (await table.scanAll()).find((i) => i.pk === `LIMIT#test-rule#${subject}`);
    expect(item).toMatchObject({ sk: windowAt(now, HOUR).start, count: 3 });
    expect(item?.expiresAt).toBe(windowAt(now, HOUR).end.getTime() / 1000 + 3600);

    const nextWindow = new Date(now.getTime() + 3_600_000);
    expect(await limiter().hit(rule, subject, nextWindow)).toEqual({ allowed: true, count: 1 });
  });

  it('never lets more than the limit through when requests race', async () => {
    const rule = { name: 'race', limit: 5, windowSeconds: HOUR };
    const subject = randomUUID();
    const now = start();
    const decisions = await Promise.all(Array.from({ length: 12 }, () => limiter().hit(rule, subject, now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it('keeps rules and subjects apart', async () => {
    const now = start();
    const a = { name: 'rule-a', limit: 1, windowSeconds: HOUR };
    const b = { name: 'rule-b', limit: 1, windowSeconds: HOUR };
    const subject = randomUUID();
    expect((await limiter().hit(a, subject, now)).allowed).toBe(true);
    expect((await limiter().hit(b, subject, now)).allowed).toBe(true);
    expect((await limiter().hit(a, randomUUID(), now)).allowed).toBe(true);
    expect((await limiter().hit(a, subject, now)).allowed).toBe(false);
  });
});
