/** Small statistics for the benchmarks (pure; unit-tested in test/unit/bench-helpers.test.ts). */

/** The q-quantile (0..1) of the samples, by linear interpolation between closest ranks. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new RangeError('no samples');
  if (q < 0 || q > 1) throw new RangeError(`quantile ${q} is outside 0..1`);
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * Ratio of a measured figure to its bare baseline. `higherIsBetter` says which way the budget
 * reads; the ratio itself is always measured / bare.
 */
export function ratio(measured: number, bare: number): number {
  if (!(bare > 0)) throw new RangeError(`the bare baseline must be positive, got ${bare}`);
  return measured / bare;
}

/**
 * The most events inside any window of `windowMs` (sliding, closed at its start): what a rate
 * limiter with that window would see at its busiest.
 */
export function maxInWindow(timesMs: readonly number[], windowMs: number): number {
  const sorted = [...timesMs].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Events per second over a run: (n − 1) intervals between the first and the last event. */
export function eventRate(timesMs: readonly number[]): number {
  if (timesMs.length < 2) return 0;
  const first = Math.min(...timesMs);
  const last = Math.max(...timesMs);
  return last > first ? ((timesMs.length - 1) * 1000) / (last - first) : Infinity;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}
