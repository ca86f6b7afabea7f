import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poolNumberFor } from '../../shared/domain/messaging/number-pool.ts';

const POOL = ['+18885550101', '+18885550102', '+18885550103', '+18885550104'];
const phones = Array.from({ length: 4000 }, (_, i) => `+1415${String(5550000 + i).padStart(7, '0')}`);

describe('a pool of numbers: each patient keeps one', () => {
  it('always the same number for a patient, whatever the pool order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...phones),
        fc.shuffledSubarray(POOL, { minLength: 4, maxLength: 4 }),
        (phone, order) => {
          expect(poolNumberFor(phone, order)).toBe(poolNumberFor(phone, POOL));
          expect(POOL).toContain(poolNumberFor(phone, POOL));
        },
      ),
    );
    expect(poolNumberFor('+14155550100', [])).toBeUndefined();
  });

  it('spreads patients evenly: each number within 10 % of its share', () => {
    const counts = new Map<string, number>();
    for (const phone of phones)
      counts.set(poolNumberFor(phone, POOL)!, (counts.get(poolNumberFor(phone, POOL)!) ?? 0) + 1);
    for (const number of POOL)
      expect(Math.abs(counts.get(number)! / phones.length - 0.25)).toBeLessThan(0.025);
  });

  it('a number added to the pool takes only its share of patients; the others keep theirs', () => {
    const bigger = [...POOL, '+18885550105'];
    const moved = phones.filter((p) => poolNumberFor(p, POOL) !== poolNumberFor(p, bigger));
    for (const p of moved) expect(poolNumberFor(p, bigger)).toBe('+18885550105');
    expect(Math.abs(moved.length / phones.length - 0.2)).toBeLessThan(0.03);
  });
});
