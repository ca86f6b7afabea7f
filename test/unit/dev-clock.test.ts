import { describe, expect, it } from 'vitest';
import { ClockBackwardsError, DevClock } from '../../local/dev-clock.ts';
import { DevTime } from '../../local/dev-time.ts';

/** Real time the test moves by hand. */
function realTime(start = 1_000_000) {
  let now = start;
  return { now: () => now, pass: (ms: number) => (now += ms) };
}

const T0 = new Date('2027-03-13T10:00:00.000Z');

describe('the dev clock', () => {
  it('starts where it is told and runs with real time', () => {
    const real = realTime();
    const clock = new DevClock({ start: T0, realNow: real.now });
    expect(clock.now()).toEqual(T0);
    real.pass(1500);
    expect(clock.now().toISOString()).toBe('2027-03-13T10:00:01.500Z');
  });

  it('stands still when it does not tick', () => {
    const real = realTime();
    const clock = new DevClock({ start: T0, ticking: false, realNow: real.now });
    real.pass(60_000);
    expect(clock.now()).toEqual(T0);
  });

  it('moves forward only: a target before now is refused with a clear message', () => {
    const clock = new DevClock({ start: T0, ticking: false });
    expect(clock.set(new Date('2027-03-14T00:00:00Z')).toISOString()).toBe('2027-03-14T00:00:00.000Z');
    expect(() => clock.set(T0)).toThrow(ClockBackwardsError);
    expect(() => clock.set(T0)).toThrow(
      'The dev clock only moves forward: it is already 2027-03-14T00:00:00.000Z, after 2027-03-13T10:00:00.000Z.',
    );
    expect(clock.now().toISOString()).toBe('2027-03-14T00:00:00.000Z');
  });

  it('waits at the next due instant until it is moved past it, and never goes back when the hold does', () => {
    const real = realTime();
    const clock = new DevClock({ start: T0, realNow: real.now });
    let due: number | undefined = T0.getTime() + 1000;
    clock.holdBefore(() => due);
    real.pass(5000);
    expect(clock.now().getTime()).toBe(T0.getTime() + 1000);
    // A new, earlier due instant cannot take the clock back.
    due = T0.getTime() + 500;
    expect(clock.now().getTime()).toBe(T0.getTime() + 1000);
    due = undefined;
    expect(clock.now().getTime()).toBe(T0.getTime() + 5000);
  });

  it('stands still while pinned (never before now), then runs on from there', () => {
    const real = realTime();
    const clock = new DevClock({ start: T0, realNow: real.now });
    const at = clock.pin(new Date(T0.getTime() + 60_000));
    real.pass(2000);
    expect(clock.now()).toEqual(at);
    clock.release();
    real.pass(250);
    expect(clock.now().getTime()).toBe(T0.getTime() + 60_250);
    expect(clock.pin(T0).getTime()).toBe(T0.getTime() + 60_250);
  });
});

describe('DevTime with a ticking clock', () => {
  /** Every read of real time is 1 ms later than the one before: as on a busy machine. */
  function busyMachine() {
    let realMs = Date.parse('2030-01-01T00:00:00Z');
    const clock = new DevClock({ realNow: () => (realMs += 1) });
    const devTime = new DevTime({
      clock,
      scheduler: { nextFireAt: () => undefined, fireDue: async () => [] },
      queue: { nextVisibleAt: () => undefined, deliverDue: async () => {} },
      stream: { drain: async () => {} },
    });
    return { clock, devTime };
  }

  it('settle delivers up to now without refusing a "now" the running clock has already passed', async () => {
    const { clock, devTime } = busyMachine();
    const before = clock.now().getTime();
    const settled = await devTime.settle();
    expect(settled.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('a move of 0 minutes is "now", never refused as going backwards; a move of n minutes is n on', async () => {
    const { clock, devTime } = busyMachine();
    const before = clock.now().getTime();
    const moved = await devTime.advanceBy(0);
    expect(moved.getTime()).toBeGreaterThanOrEqual(before);
    expect(moved.getTime() - before).toBeLessThan(60_000);
    const later = await devTime.advanceBy(30);
    expect(later.getTime() - moved.getTime()).toBeGreaterThanOrEqual(30 * 60_000);
    expect(later.getTime() - moved.getTime()).toBeLessThan(31 * 60_000);
  });
});
