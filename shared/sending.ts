/**
 * How the sender keeps to the SMS rate, computed the same way by the stack (the SQS event source's
 * maximum concurrency and batch size, infra/constructs/delivery.ts) and by the function (its pacer,
 * functions/send-reminder/index.ts). The rate is the origination identity's message **parts** per
 * second (AWS throttles and carriers count segments, not texts): at most `senderConcurrency`
 * invocations run at once, and each waits `parts / perInvocationRate` seconds before a text, so
 * together they never exceed the rate. No shared state is needed (no extra DynamoDB request per
 * text). See docs/PERFORMANCE.md.
 */
import { MAX_SEGMENTS } from './domain/messaging/texts.ts';

/** SQS event sources accept a maximum concurrency from 2 to 1,000. */
const MIN_CONCURRENCY = 2;
const MAX_CONCURRENCY = 1000;
/** Lambda's SQS event source takes at most 10 messages a batch (standard queue, no batching window). */
const MAX_BATCH = 10;
/** What one send may take besides its pacing (claim, opt-out check, publish, record): generous. */
const SEND_WORK_SECONDS = 1;

/**
 * The sender's maximum concurrency, from the SMS rate: one concurrent sender per MAX_SEGMENTS parts
 * per second, never below SQS's minimum of 2 nor above 1,000. Each sender's share then pays for
 * its longest text about once a second, so when the senders of a burst start together and keep in
 * step, one second still holds no more than the rate (with one sender per part a second, every
 * sender's two-part text landed in the same second: twice the rate). A send (opt-out check and
 * publish) takes well under the half second a one-part text leaves it.
 */
export function senderConcurrency(partsPerSecond: number): number {
  return Math.min(MAX_CONCURRENCY, Math.max(MIN_CONCURRENCY, Math.ceil(partsPerSecond / MAX_SEGMENTS)));
}

/**
 * Each invocation paces at this fraction of its share. A text leaves the pacer, then the sender
 * checks the opt-out list and publishes, and that takes a varying few tens of milliseconds, so the
 * texts reach SNS a little less evenly than the pacer spaces them; without headroom, the busiest
 * second of a burst went one text over the rate (docs/PERFORMANCE.md).
 */
export const PACING_HEADROOM = 0.95;

/** Parts per second one invocation may send: its share of the rate, less the headroom. */
export function perInvocationRate(partsPerSecond: number): number {
  return (partsPerSecond * PACING_HEADROOM) / senderConcurrency(partsPerSecond);
}

/**
 * The most texts one queue message may send: its reminder and, on the plan's last day, the plan's
 * end text (send-reminder/service.ts, lastDay).
 */
export const MAX_TEXTS_PER_MESSAGE = 2;

/**
 * Messages per SQS batch such that pacing a whole batch at its worst (every message sending
 * MAX_TEXTS_PER_MESSAGE texts of MAX_SEGMENTS parts each) fits well inside the function's timeout
 * (four fifths of it, allowing each send a second of work): a batch that overran the timeout would
 * come back whole, and a text cut between its send and its record could go twice. 5 at 20 parts a
 * second and up, 4 at 3, 2 at the default 1, 1 at the lowest rate, 0.1.
 */
export function senderBatchSize(partsPerSecond: number, timeoutSeconds: number): number {
  const worstMessage =
    MAX_TEXTS_PER_MESSAGE * (MAX_SEGMENTS / perInvocationRate(partsPerSecond) + SEND_WORK_SECONDS);
  const fits = Math.floor((timeoutSeconds * 0.8) / worstMessage);
  return Math.min(MAX_BATCH, Math.max(1, fits));
}
