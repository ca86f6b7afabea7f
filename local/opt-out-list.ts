/**
 * The local stand-in for the stack's End User Messaging opt-out list: numbers on it get no texts
 * (the outbox drops them, as End User Messaging does), and a number comes off it at most once
 * every 30 days of the dev clock, as AWS allows (DeleteOptedOutNumber).
 */
import type { Clock, OptInOutcome, OptOutList } from '../shared/ports.ts';

const THIRTY_DAYS_MS = 30 * 86_400_000;

export class LocalOptOutList implements OptOutList {
  private readonly listed = new Map<string, string>();
  private readonly removed = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  async putOptedOutNumber(phone: string): Promise<void> {
    if (!this.listed.has(phone)) this.listed.set(phone, this.clock.now().toISOString());
  }

  async deleteOptedOutNumber(phone: string): Promise<OptInOutcome> {
    if (!this.listed.has(phone)) return 'not-listed';
    const now = this.clock.now().getTime();
    const last = this.removed.get(phone);
    if (last !== undefined && now - last < THIRTY_DAYS_MS) return 'refused';
    this.listed.delete(phone);
    this.removed.set(phone, now);
    return 'removed';
  }

  async describeOptedOutNumber(phone: string): Promise<boolean> {
    return this.listed.has(phone);
  }

  /** Whether a text to `phone` is dropped (the outbox asks before it keeps one). */
  blocks(phone: string): boolean {
    return this.listed.has(phone);
  }
}
