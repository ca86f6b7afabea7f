import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  intakeRateRules,
  retryAfterSeconds,
  windowAt,
  type RateRule,
} from '../../shared/domain/security/rate-limit.ts';
import { parseRuntimeConfig } from '../../shared/config.ts';

describe('rate-limit windows', () => {
  it('aligns hours and UTC days to the epoch', () => {
    const now = new Date('2030-03-04T05:06:07.000Z');
    expect(windowAt(now, 3600)).toEqual({
      start: '2030-03-04T05:00:00.000Z',
      end: new Date('2030-03-04T06:00:00.000Z'),
    });
    expect(windowAt(now, 86_400).start).toBe('2030-03-04T00:00:00.000Z');
    expect(retryAfterSeconds(now, 3600)).toBe(3600 - 6 * 60 - 7);
  });

  it('always holds `now`, and Retry-After always reaches the next window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.constantFrom(60, 3600, 86_400), (ms, size) => {
        const now = new Date(ms);
        const w = windowAt(now, size);
        expect(Date.parse(w.start)).toBeLessThanOrEqual(ms);
        expect(w.end.getTime()).toBeGreaterThan(ms);
        const after = retryAfterSeconds(now, size);
        expect(after).toBeGreaterThanOrEqual(1);
        expect(windowAt(new Date(ms + after * 1000), size).start).not.toBe(w.start);
      }),
    );
  });

  it('builds the intake rules from the config limits (defaults chosen in shared/config.ts)', () => {
    const rules = intakeRateRules(parseRuntimeConfig({}).limits);
    expect(Object.values(rules).map((r) => [r.name, r.limit, r.windowSeconds])).toEqual([
      ['assessments-client-hour', 10, 3600],
      ['assessments-phone-day', 3, 86_400],
      ['codes-phone-hour', 3, 3600],
      ['codes-phone-day', 3, 86_400],
      ['codes-phone-day-12h', 3, 86_400],
      ['codes-client-hour', 20, 3600],
      ['code-checks-client-hour', 30, 3600],
      ['plan-page-client-hour', 120, 3600],
      ['form-requests-client-hour', 120, 3600],
      ['resends-client-hour', 30, 3600],
      ['codes-service-hour', 300, 3600],
    ]);
  });

  it('the two staggered day windows allow at most codesPerPhonePer24Hours in ANY 24 hours, whatever the times', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 5 * 86_400 }), { minLength: 1, maxLength: 120 }),
        (cap, offsets) => {
          const rules = intakeRateRules({ ...parseRuntimeConfig({}).limits, codesPerPhonePer24Hours: cap });
          const windows: RateRule[] = [rules.codesPerPhoneDay, rules.codesPerPhoneDayStaggered];
          const counts = new Map<string, number>();
          const sent: number[] = [];
          for (const t of offsets.sort((a, b) => a - b).map((s) => 1.9e12 + s * 1000)) {
            const keys = windows.map(
              (r) => `${r.name}@${windowAt(new Date(t), r.windowSeconds, r.offsetSeconds).start}`,
            );
            // As the limiter does: a send counts in each window it passes, and must pass both.
            if (keys.every((k, i) => (counts.get(k) ?? 0) < windows[i]!.limit)) {
              for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
              sent.push(t);
            }
          }
          for (const t of sent)
            expect(sent.filter((u) => u >= t && u < t + 86_400_000).length).toBeLessThanOrEqual(cap);
        },
      ),
      { numRuns: 300 },
    );
  });
});
