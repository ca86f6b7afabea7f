/**
 * Moves the local stack through time: the loop behind `POST /dev/clock`. To advance to a target it
 * first lets the stream reach the scheduler, then repeats "next due instant (a schedule firing or a
 * queue redelivery) → pin the dev clock there → fire the schedules due then → deliver the queue →
 * drain the stream (which may create or delete schedules)" until the next due instant is past the
 * target, and sets the clock to the target. So everything that fell due inside a jump is delivered
 * in time order, each at its own instant, before the move is answered.
 *
 * Between moves the dev clock runs with real time; a ticker runs the same loop up to "now" every
 * second, so reminders also arrive when nobody moves the clock. One loop runs at a time.
 */
import { silentLog } from '../shared/adapters/defaults.ts';
import { type Log } from '../shared/ports.ts';
import { ClockBackwardsError, type DevClock } from './dev-clock.ts';
import type { LocalQueue } from './queue.ts';
import type { LocalReminderScheduler } from './scheduler.ts';

export interface DevTimeDeps {
  clock: DevClock;
  scheduler: Pick<LocalReminderScheduler, 'nextFireAt' | 'fireDue'>;
  queue: Pick<LocalQueue, 'nextVisibleAt' | 'deliverDue'>;
  /**
   * The table's stream into schedule-sync (and the clinic's stream consumer). `changedSinceDrain`
   * says whether the stack wrote to the table since the last drain: inside a move only the stack's
   * own functions write, so a due instant that wrote nothing needs no read of the stream. The first
   * drain of each move is always made (a test or script may have written directly).
   */
  stream: { drain(): Promise<void>; changedSinceDrain?(): boolean };
  /** Jobs on a timer (the clinic's hourly sweep): run at each due instant a move passes. */
  periodic?: { nextDueAt(): Date | undefined; runDue(at: Date): Promise<void> };
  log?: Log;
  /** Told the clock's instant after each move by advanceTo/advanceBy (kept with --persist). */
  onMoved?: (now: Date) => void;
}

export class DevTime {
  private chain: Promise<unknown> = Promise.resolve();
  private ticker: NodeJS.Timeout | undefined;
  private ticking = false;
  private readonly log: Log;

  constructor(private readonly deps: DevTimeDeps) {
    this.log = deps.log ?? silentLog;
    // The clock waits at the next due instant until the loop has delivered what fell due there.
    deps.clock.holdBefore(() => this.nextDue()?.getTime());
  }

  /** The next instant something falls due: a schedule fires or a queue message comes back. */
  nextDue(): Date | undefined {
    const candidates = [
      this.deps.scheduler.nextFireAt(),
      this.deps.queue.nextVisibleAt(),
      this.deps.periodic?.nextDueAt(),
    ].filter((d): d is Date => d !== undefined);
    return candidates.length ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : undefined;
  }

  /** Runs `work` when no loop runs, and no loop runs until it is done. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Moves the clock to `target`, delivering everything that falls due until then, in time order.
   * Answers the clock's instant. ClockBackwardsError if the target is before now.
   */
  advanceTo(target: Date): Promise<Date> {
    return this.exclusive(() => this.runTo(target, true));
  }

  /**
   * Moves the clock on by `minutes` from its instant when the move starts. The target is taken from
   * the loop's own reading of now: read any earlier, a running clock is already a millisecond past
   * it and a move of 0 minutes was refused as going backwards.
   */
  advanceBy(minutes: number): Promise<Date> {
    return this.exclusive(() => this.runTo((start) => new Date(start.getTime() + minutes * 60_000), true));
  }

  /** Delivers what is due now (stream, schedules, queue) without moving the clock on. */
  settle(): Promise<Date> {
    // "Now" is read inside the loop: read here, a ticking clock would already be a little past it.
    return this.exclusive(() => this.runTo(undefined, false));
  }

  /** Runs settle() every `intervalMs` of real time (skipped while a loop runs). */
  startTicking(intervalMs = 1000): void {
    this.ticker ??= setInterval(() => {
      if (this.ticking) return;
      this.ticking = true;
      this.settle()
        .catch((error: unknown) => this.log.error('dev clock tick failed', { error: String(error) }))
        .finally(() => (this.ticking = false));
    }, intervalMs);
  }

  /** Stops the ticker and waits for the loop that runs, if any. */
  async stop(): Promise<void> {
    clearInterval(this.ticker);
    this.ticker = undefined;
    await this.chain;
  }

  /**
   * `requested` undefined: up to the clock's now when the loop starts; a function: a target reckoned
   * from that now.
   */
  private async runTo(requested: Date | ((start: Date) => Date) | undefined, moved: boolean): Promise<Date> {
    const { clock, scheduler, queue, stream } = this.deps;
    const start = clock.now();
    const target = typeof requested === 'function' ? requested(start) : (requested ?? start);
    if (!Number.isFinite(target.getTime())) throw new RangeError('not a valid instant');
    if (target.getTime() < start.getTime()) {
      throw new ClockBackwardsError(
        `The dev clock only moves forward: it is already ${start.toISOString()}, after ${target.toISOString()}.`,
      );
    }
    try {
      await stream.drain();
      for (let next = this.nextDue(); next && next.getTime() <= target.getTime(); next = this.nextDue()) {
        const at = clock.pin(next);
        await scheduler.fireDue(at);
        await this.deps.periodic?.runDue(at);
        await queue.deliverDue();
        if (stream.changedSinceDrain?.() ?? true) await stream.drain();
      }
      // Real time may have run on a little past a target of "now" while the stream was read.
      const now = clock.setAtLeast(target);
      if (moved) this.deps.onMoved?.(now);
      return now;
    } finally {
      clock.release();
    }
  }
}
