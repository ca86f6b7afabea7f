import { describe, expect, it } from 'vitest';
import { SCHEDULE_SYNC_FILTER_PATTERNS } from '../../functions/schedule-sync/event-filter.ts';
import { matchesAnyPattern, matchesPattern } from '../../local/event-filter.ts';

const planRecord = (oldStatus?: string, newStatus?: string, sk = 'PLAN') => ({
  eventName: 'MODIFY',
  dynamodb: {
    Keys: { pk: { S: 'PLAN#p1' }, sk: { S: sk } },
    ...(oldStatus ? { OldImage: { sk: { S: sk }, status: { S: oldStatus } } } : {}),
    ...(newStatus ? { NewImage: { sk: { S: sk }, status: { S: newStatus } } } : {}),
  },
});

describe("Lambda's event filtering, as the local stream feeder applies it", () => {
  it("lets through exactly the plan records schedule-sync's patterns name", () => {
    const passes = (r: object) => matchesAnyPattern(r, SCHEDULE_SYNC_FILTER_PATTERNS);
    expect(passes(planRecord('pending_verification', 'active'))).toBe(true);
    expect(passes(planRecord(undefined, 'active'))).toBe(true);
    expect(passes(planRecord('active', 'active'))).toBe(true);
    expect(passes(planRecord('active', 'paused'))).toBe(true);
    expect(passes(planRecord('active', undefined))).toBe(true);
    expect(passes(planRecord(undefined, 'pending_verification'))).toBe(false);
    // Plans that held session places without running: their end gives the places back.
    expect(passes(planRecord('paused', 'stopped'))).toBe(true);
    expect(passes(planRecord('pending_verification', undefined))).toBe(true);
    expect(passes(planRecord('completed', undefined))).toBe(false);
    expect(passes(planRecord('stopped', 'stopped'))).toBe(false);
    expect(passes(planRecord(undefined, 'active', 'PROFILE'))).toBe(false);
    expect(passes({ eventName: 'INSERT' })).toBe(false);
  });

  it('matches values, alternatives, arrays in the event and the content filters', () => {
    const event = { a: 'Hello', n: 3, tags: ['x', 'y'], nested: { b: null } };
    expect(matchesPattern(event, { a: ['Hello', 'Bye'] })).toBe(true);
    expect(matchesPattern(event, { a: ['hello'] })).toBe(false);
    expect(matchesPattern(event, { a: [{ 'equals-ignore-case': 'hello' }] })).toBe(true);
    expect(matchesPattern(event, { a: [{ prefix: 'He' }], n: [3] })).toBe(true);
    expect(matchesPattern(event, { a: [{ suffix: 'lo' }], n: [4] })).toBe(false);
    expect(matchesPattern(event, { tags: ['y'] })).toBe(true);
    expect(matchesPattern(event, { a: [{ 'anything-but': ['Hello'] }] })).toBe(false);
    expect(matchesPattern(event, { a: [{ 'anything-but': 'Bye' }] })).toBe(true);
    expect(matchesPattern(event, { nested: { b: [null] } })).toBe(true);
    expect(matchesPattern(event, { missing: [{ exists: false }], a: [{ exists: true }] })).toBe(true);
    expect(matchesPattern(event, { missing: ['x'] })).toBe(false);
    expect(matchesPattern(event, { a: { deeper: ['x'] } })).toBe(false);
    expect(matchesAnyPattern(event, [])).toBe(true);
  });

  it('refuses what it does not implement rather than half matching it', () => {
    expect(() => matchesPattern({ n: 3 }, { n: [{ numeric: ['>', 1] }] })).toThrow(
      /unsupported filter operator/,
    );
    expect(() => matchesPattern({ n: 3 }, { n: 3 } as never)).toThrow(/must be an object or a list/);
  });
});
