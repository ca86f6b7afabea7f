/**
 * Spaces the sends of one execution environment (one concurrent invocation at a time) at least
 * `1 / ratePerSecond` apart. The stack caps the sender at `senderConcurrency` concurrent invocations
 * and each paces itself at its share of the SMS rate (shared/sending.ts), so together they never go
 * above it, with no state shared between them. A library token bucket would do the same for one
 * process; the point here is the split of the rate, so the few lines are ours.
 */
import { perInvocationRate } from '../../shared/sending.ts';
import type { OutboundMessage } from '../../shared/domain/model.ts';

/** Time as the pacer sees it (milliseconds, monotonic) and how it waits; tests pass a fake one. */
export interface PacerTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTime: PacerTime = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type Pacer = () => Promise<void>;

/**
 * A pacer: each call resolves at least one interval after the previous call resolved, and the
 * first one interval after the pacer was made (a new execution environment may take over from
 * one that has just sent). Calls made together are served one after the other.
 */
export function createPacer(ratePerSecond: number, time: PacerTime = realTime): Pacer {
  if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
    throw new RangeError(`the rate must be a positive number of sends per second, got ${ratePerSecond}`);
  }
  const interval = 1000 / ratePerSecond;
  let last = time.now();
  let queue: Promise<void> = Promise.resolve();
  const next = async () => {
    // Timers may fire a little early: wait again until the interval has really passed.
    for (let wait = last + interval - time.now(); wait > 0; wait = last + interval - time.now()) {
      await time.sleep(wait);
    }
    last = time.now();
  };
  return () => {
    queue = queue.then(next);
    return queue;
  };
}

/**
 * The sender's `pace` hook: texts wait for this environment's share of the SMS rate
 * (shared/sending.ts); pushes have no such rate and go at once.
 */
export function textPacer(
  messagesPerSecond: number,
  time: PacerTime = realTime,
): (message: Pick<OutboundMessage, 'channel'>) => Promise<void> {
  const pace = createPacer(perInvocationRate(messagesPerSecond), time);
  return (message) => (message.channel === 'sms' ? pace() : Promise.resolve());
}
