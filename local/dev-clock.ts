/**
 * The local stack's clock: every handler and adapter of `npm start` reads it (intake too, so plan
 * dates follow it). It starts at the real now and runs with real time, and `POST /dev/clock` moves
 * it on; it never goes back.
 *
 * Two things make what falls due land on its own instant:
 * - a hold: the clock never runs past the next due instant (the next schedule firing or queue
 *   redelivery, asked of `holdAt`) on its own; it waits there until the local engine has delivered
 *   what fell due and moved it on;
 * - a pin: while the engine delivers what fell due at an instant, the clock stands still at it, so
 *   each text is stamped with the instant it fell due, not with the real milliseconds it took.
 */
import type { Clock } from '../shared/ports.ts';
import { namedError } from '../shared/domain/named-error.ts';

export class ClockBackwardsError extends namedError('ClockBackwardsError') {}

export interface DevClockOptions {
  /** @default the real now */
  start?: Date;
  /** Runs with real time between moves. false: stands still unless moved. @default true */
  ticking?: boolean;
  /** Real milliseconds since some origin. @default Date.now */
  realNow?: () => number;
}

export class DevClock implements Clock {
  private base: number;
  private realBase: number;
  private pinned: number | undefined;
  private last: number;
  private holdAt: () => number | undefined = () => undefined;
  private readonly ticking: boolean;
  private readonly realNow: () => number;

  constructor(options: DevClockOptions = {}) {
    this.realNow = options.realNow ?? Date.now;
    this.ticking = options.ticking ?? true;
    this.base = (options.start ?? new Date(this.realNow())).getTime();
    this.realBase = this.realNow();
    this.last = this.base;
  }

  now(): Date {
    let at = this.pinned ?? this.base + (this.ticking ? this.realNow() - this.realBase : 0);
    if (this.pinned === undefined) {
      const hold = this.holdAt();
      if (hold !== undefined && hold < at) at = hold;
    }
    // Never back, whatever a hold said meanwhile.
    this.last = Math.max(this.last, at);
    return new Date(this.last);
  }

  /** What the clock may not run past on its own (epoch ms, or undefined for nothing due). */
  holdBefore(next: () => number | undefined): void {
    this.holdAt = next;
  }

  /** Stands still at `at` (not before now) until release() or set(). */
  pin(at: Date): Date {
    const target = Math.max(at.getTime(), this.now().getTime());
    this.pinned = target;
    this.last = target;
    return new Date(target);
  }

  /** Moves to `to` and runs on from there. ClockBackwardsError when `to` is before now. */
  set(to: Date): Date {
    const now = this.now().getTime();
    if (!Number.isFinite(to.getTime())) throw new RangeError('not a valid instant');
    if (to.getTime() < now) {
      throw new ClockBackwardsError(
        `The dev clock only moves forward: it is already ${new Date(now).toISOString()}, after ${to.toISOString()}.`,
      );
    }
    return this.moveTo(to.getTime());
  }

  /** Moves to `to`, or stays at now if real time has already carried it past `to`; never throws. */
  setAtLeast(to: Date): Date {
    return this.moveTo(Math.max(to.getTime(), this.now().getTime()));
  }

  private moveTo(at: number): Date {
    this.pinned = undefined;
    this.base = at;
    this.realBase = this.realNow();
    this.last = at;
    return new Date(at);
  }

  /** Runs on from where it was pinned. */
  release(): void {
    if (this.pinned === undefined) return;
    this.base = this.pinned;
    this.realBase = this.realNow();
    this.pinned = undefined;
  }
}
