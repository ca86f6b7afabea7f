/**
 * The long proofs (bursts of concurrent requests, redeliveries, fuzzing, concurrent booking) run at a
 * quick size in `npm test`, where they guard every change, and at their full size in
 * `npm run prove:full` (REHAB_PROOF=full), where they are the figures docs/RELIABILITY.md and
 * docs/SECURITY.md quote. The quick size keeps each proof's shape: the same ratio of refused to
 * served, the same kinds of faults.
 */
export const FULL_PROOF = process.env.REHAB_PROOF === 'full';

export function proofSize(quick: number, full: number): number {
  return FULL_PROOF ? full : quick;
}
