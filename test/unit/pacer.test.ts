import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPacer, textPacer, type PacerTime } from '../../functions/wiring/pacer.ts';
import {
  PACING_HEADROOM,
  perInvocationRate,
  MAX_TEXTS_PER_MESSAGE,
  senderBatchSize,
  senderConcurrency,
} from '../../shared/sending.ts';
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
import { MAX_SEGMENTS } from '../../shared/domain/messaging/texts.ts';
import { maxInWindow } from '../../bench/lib/stats.ts';

const ONE_PART = 'Rehab reminders: session 1 of 3. Reply DONE when done.';
/** 200 GSM-7 characters: two parts of 153. */
const TWO_PARTS_GSM7 = 'a'.repeat(200);
/** 100 characters with one outside GSM-7: UCS-2, two parts of 67. */
const TWO_PARTS_UCS2 = `${'a'.repeat(99)}–`;

/** A clock the test owns: sleeping moves it on (by `early` ms less than asked, to mimic early timers). */
function fakeTime(early = 0): PacerTime & { t: number; sleeps: number[] } {
  const time = {
    t: 0,
    sleeps: [] as number[],
    now: () => time.t,
    sleep: async (ms: number) => {
      time.sleeps.push(ms);
      time.t += Math.max(0.001, ms - early);
    },
  };
  return time;
}

async function callTimes(pace: () => Promise<void>, time: { t: number }, calls: number): Promise<number[]> {
  const at: number[] = [];
  for (let i = 0; i < calls; i++) {
    await pace();
    at.push(time.t);
  }
  return at;
}

describe('the pacer', () => {
  it('spaces calls one interval apart, the first one interval after it was made', async () => {
    const time = fakeTime();
    const pace = createPacer(4, time);
    expect(await callTimes(pace, time, 4)).toEqual([250, 500, 750, 1000]);
  });

  it('does not wait when the last call was an interval ago or more', async () => {
    const time = fakeTime();
    const pace = createPacer(2, time);
    time.t = 10_000;
    expect(await callTimes(pace, time, 2)).toEqual([10_000, 10_500]);
    expect(time.sleeps).toEqual([500]);
  });

  it('serves calls made together one after the other', async () => {
    const time = fakeTime();
    const pace = createPacer(10, time);
    const at: number[] = [];
    await Promise.all([1, 2, 3].map(() => pace().then(() => at.push(time.t))));
    expect(at).toEqual([100, 200, 300]);
  });

  it('waits again when a timer fires early, so it is never early itself', async () => {
    const time = fakeTime(3);
    const pace = createPacer(1, time);
    const at = await callTimes(pace, time, 3);
    for (const [i, t] of at.entries()) expect(t).toBeGreaterThanOrEqual((i + 1) * 1000);
    expect(time.sleeps.length).toBeGreaterThan(3);
  });

  it('keeps every two calls at least an interval apart, however the calls arrive', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0.1, max: 200, noNaN: true }),
        fc.array(fc.nat({ max: 5000 }), { minLength: 1, maxLength: 30 }),
        async (rate, gaps) => {
          const time = fakeTime();
          const pace = createPacer(rate, time);
          const at: number[] = [];
          for (const gap of gaps) {
            time.t += gap;
            await pace();
            at.push(time.t);
          }
          const interval = 1000 / rate;
          expect(at[0]).toBeGreaterThanOrEqual(interval);
          for (let i = 1; i < at.length; i++)
            expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(interval - 1e-9);
        },
      ),
    );
  });

  it('refuses a rate that is not a positive number', () => {
    for (const rate of [0, -1, Number.NaN, Infinity]) expect(() => createPacer(rate)).toThrow(RangeError);
  });

  it('paces texts at this environment’s share of the SMS rate and lets pushes through', async () => {
    const time = fakeTime();
    const pace = textPacer(20, time);
    await pace({ channel: 'push', body: 'x'.repeat(400) });
    expect(time.t).toBe(0);
    await pace({ channel: 'sms', body: ONE_PART });
    await pace({ channel: 'sms', body: ONE_PART });
    // 20 parts/s over 10 concurrent senders: a little under two parts a second each.
    expect(time.t).toBeCloseTo(2 * (1000 / (2 * PACING_HEADROOM)), 6);
  });

  it('sends two-part texts at half the message rate of one-part texts', async () => {
    expect(smsSegments(ONE_PART).segments).toBe(1);
    expect(smsSegments(TWO_PARTS_GSM7).segments).toBe(2);
    expect(smsSegments(TWO_PARTS_UCS2)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    const textsPerSecond = async (body: string) => {
      const time = fakeTime();
      const pace = textPacer(3, time);
      const at = await callTimes(() => pace({ channel: 'sms', body }), time, 30);
      return (at.length - 1) / ((at.at(-1)! - at[0]!) / 1000);
    };
    const one = await textsPerSecond(ONE_PART);
    // 3 parts/s over 2 senders: one environment sends 1.425 one-part texts a second.
    expect(one).toBeCloseTo((3 * PACING_HEADROOM) / 2, 9);
    expect(await textsPerSecond(TWO_PARTS_GSM7)).toBeCloseTo(one / 2, 9);
    expect(await textsPerSecond(TWO_PARTS_UCS2)).toBeCloseTo(one / 2, 9);
  });

  it('waits for each text’s own parts, in the order the texts come', async () => {
    const time = fakeTime();
    const pace = textPacer(2, time); // 2 senders: 0.95 parts/s each
    const at: number[] = [];
    for (const body of [ONE_PART, TWO_PARTS_GSM7]) {
      await pace({ channel: 'sms', body });
      at.push(time.t);
    }
    const part = 1000 / PACING_HEADROOM;
    expect(at[0]).toBeCloseTo(part, 6);
    expect(at[1]! - at[0]!).toBeCloseTo(2 * part, 6);
  });

  it('refuses a cost that is not a positive number of units', () => {
    const pace = createPacer(1, fakeTime());
    for (const units of [0, -1, Number.NaN, Infinity]) expect(() => pace(units)).toThrow(RangeError);
  });
});

describe('the split of the SMS rate between concurrent senders', () => {
  it('keeps any one second within the rate when every sender starts at once and keeps in step', async () => {
    for (const rate of [4, 20, 100, 1000]) {
      for (const body of [ONE_PART, TWO_PARTS_GSM7]) {
        // Each sender's own clock starts at 0: the burst's senders, all started together.
        const partsAt: number[] = [];
        for (let sender = 0; sender < senderConcurrency(rate); sender++) {
          const time = fakeTime();
          const pace = textPacer(rate, time);
          for (const t of await callTimes(() => pace({ channel: 'sms', body }), time, 20)) {
            for (let part = 0; part < smsSegments(body).segments; part++) partsAt.push(t);
          }
        }
        expect(
          maxInWindow(partsAt, 1000),
          `${rate} parts/s, ${smsSegments(body).segments}-part texts`,
        ).toBeLessThanOrEqual(rate);
      }
    }
  });

  it('never adds up to more than the rate', () => {
    for (const rate of [0.1, 0.5, 1, 3, 20, 100, 1000, 5000]) {
      expect(senderConcurrency(rate) * perInvocationRate(rate)).toBeLessThanOrEqual(rate * (1 + 1e-12));
    }
    // One sender per two parts a second: each pays for a two-part text about once a second.
    expect(perInvocationRate(20)).toBeCloseTo(2 * PACING_HEADROOM, 12);
    expect(perInvocationRate(1)).toBeCloseTo(0.5 * PACING_HEADROOM, 12);
    expect(PACING_HEADROOM).toBeGreaterThanOrEqual(0.9);
  });

  it('makes batches whose paced sending fits the function timeout, every message at its worst (a reminder and the last-day text, each at the longest)', () => {
    expect(MAX_TEXTS_PER_MESSAGE).toBe(2);
    expect(senderBatchSize(3, 30)).toBe(4);
    expect(senderBatchSize(20, 30)).toBe(5);
    expect(senderBatchSize(1, 30)).toBe(2);
    expect(senderBatchSize(0.1, 30)).toBe(1);
    for (const rate of [0.5, 1, 2, 3, 20, 100, 1000]) {
      const batch = senderBatchSize(rate, 30);
      const worstMessage = MAX_TEXTS_PER_MESSAGE * (MAX_SEGMENTS / perInvocationRate(rate) + 1);
      expect(batch * worstMessage, `at ${rate} parts/s`).toBeLessThanOrEqual(30 * 0.8);
    }
  });
});
