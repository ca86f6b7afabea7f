/**
 * A pool of origination numbers (pure): each patient is texted from one number of the pool, always
 * the same, so replies, HELP and STOP go to the number the patient knows. Rendezvous hashing picks
 * it: the number with the highest hash of (number, patient's phone). Adding a number to the pool
 * moves only the patients the new number now wins (about 1 in n), removing one moves only its own.
 */
import { createHash } from 'node:crypto';

function weight(number: string, destination: string): bigint {
  return createHash('sha256').update(`${number}|${destination}`).digest().readBigUInt64BE(0);
}

/** The pool's number for this destination (E.164); undefined for an empty pool. */
export function poolNumberFor(destination: string, pool: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestWeight = -1n;
  for (const number of pool) {
    const w = weight(number, destination);
    if (w > bestWeight || (w === bestWeight && best !== undefined && number < best)) {
      best = number;
      bestWeight = w;
    }
  }
  return best;
}
