/**
 * Spaces the sends of one execution environment (one concurrent invocation at a time): a send that
 * costs `units` (a text's parts) goes at least `units / ratePerSecond` after the previous one. The stack caps the sender at `senderConcurrency` concurrent invocations
 * and each paces itself at its share of the SMS rate (shared/sending.ts), so together they never go
 * above it, with no state shared between them. A library token bucket would do the same for one
 * process; the point here is the split of the rate, so the few lines are ours.
 */
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
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

/** Waits for `units` (default 1) of the rate: a two-part text is two units. */
export type Pacer = (units?: number) => Promise<void>;

/**
 * A pacer: a call of `units` resolves at least `units` intervals after the previous call resolved,
 * and the first one that long after the pacer was made (a new execution environment may take over
 * from one that has just sent). Each send waits for its own cost before it goes, so over any stretch
 * the units never exceed the rate. Calls made together are served one after the other.
 */
export function createPacer(ratePerSecond: number, time: PacerTime = realTime): Pacer {
  if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
    throw new RangeError(`the rate must be a positive number of sends per second, got ${ratePerSecond}`);
  }
  const interval = 1000 / ratePerSecond;
  let last = time.now();
  let queue: Promise<void> = Promise.resolve();
  const next = async (units: number) => {
    const due = () => last + units * interval - time.now();
    // Timers may fire a little early: wait again until the interval has really passed.
    for (let wait = due(); wait > 0; wait = due()) await time.sleep(wait);
    last = time.now();
  };
  return (units = 1) => {
    if (!(units > 0) || !Number.isFinite(units)) {
      throw new RangeError(`a send costs a positive number of units, got ${units}`);
    }
    queue = queue.then(() => next(units));
    return queue;
  };
}

/**
 * The sender's `pace` hook: each text waits for its parts (GSM-7 / UCS-2 segments, as carriers
 * count and AWS throttles them) at this environment's share of the identity's parts per second
 * (shared/sending.ts), so a two-part text takes two parts' time; pushes have no such rate and go at once.
 */
export function textPacer(
  partsPerSecond: number,
  time: PacerTime = realTime,
): (message: Pick<OutboundMessage, 'channel' | 'body'>) => Promise<void> {
  const pace = createPacer(perInvocationRate(partsPerSecond), time);
  return (message) =>
    message.channel === 'sms' ? pace(smsSegments(message.body).segments) : Promise.resolve();
}
