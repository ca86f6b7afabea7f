/**
 * The local stack's stand-in for the clinic's alert topic and its email subscription: nothing
 * leaves the machine. Each email is kept (GET /dev/emails answers them, oldest first) and printed.
 */
import type { ClinicMailer, Clock } from '../shared/ports.ts';

export interface MailboxEntry {
  subject: string;
  body: string;
  sentAt: string;
}

export class Mailbox implements ClinicMailer {
  private readonly entries: MailboxEntry[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly print: (line: string) => void = (line) => console.log(line),
  ) {}

  async send(subject: string, body: string): Promise<void> {
    const entry = { subject, body, sentAt: this.clock.now().toISOString() };
    this.entries.push(entry);
    this.print(`[email to the clinic] ${entry.sentAt} ${subject}`);
  }

  list(): MailboxEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }
}

/**
 * An hourly job on the dev clock (EventBridge's `rate(1 hour)` rule): due on every full hour after
 * the clock's start; DevTime runs it at each such instant a move passes, in time order.
 */
export class HourlyJob {
  private next: Date;

  constructor(
    start: Date,
    private readonly run: (at: Date) => Promise<unknown>,
  ) {
    this.next = new Date(Math.floor(start.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
  }

  nextDueAt(): Date {
    return this.next;
  }

  /** Runs the job once for the latest due hour up to `at` (a sweep covers what it missed). */
  async runDue(at: Date): Promise<void> {
    if (this.next.getTime() > at.getTime()) return;
    this.next = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
    await this.run(at);
  }
}
