/**
 * The local stack's Notifier: nothing leaves the machine. Every SMS or push "sent" is kept in memory
 * (GET /dev/outbox answers them, oldest first) and printed to the terminal with the phone masked.
 */
import { maskPhone } from '../shared/domain/security/privacy.ts';
import type { Channel, MessageKind, OutboundMessage, SendResult } from '../shared/domain/model.ts';
import type { Clock, Notifier } from '../shared/ports.ts';

export interface OutboxEntry {
  channel: Channel;
  /** The phone (E.164) for SMS; for push the patient's phone when known, else the push endpoint. */
  to: string;
  body: string;
  /** The clock's instant when the message was sent, ISO 8601. */
  sentAt: string;
  kind: MessageKind;
  title?: string;
  /** A push's tap target: the patient's plan page (a text carries its link in the body). */
  url?: string;
}

export class Outbox implements Notifier {
  private readonly entries: OutboxEntry[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly print: (line: string) => void = (line) => console.log(line),
    /** Told of each message once it is "sent" (the local stack reports its delivery from here). */
    private readonly onSent?: (entry: OutboxEntry, messageId: string) => void,
    /** Numbers on the opt-out list: their texts are dropped, as End User Messaging drops them. */
    private readonly optedOut?: { blocks(phone: string): boolean },
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.channel === 'sms' && this.optedOut?.blocks(message.to)) {
      // SNS accepts a text to an opted-out number and End User Messaging drops it.
      this.print(
        `[outbox] ${this.clock.now().toISOString()} sms ${message.kind} → ${maskPhone(message.to)}: dropped, the number is on the opt-out list`,
      );
      return { messageId: `local-dropped-${this.entries.length}` };
    }
    const to =
      message.channel === 'sms'
        ? message.to
        : (message.to ?? (message.channel === 'push' ? message.subscription.endpoint : ''));
    const entry: OutboxEntry = {
      // An app's mobile push and Web Push are both "push" to a patient.
      channel: message.channel === 'sms' ? 'sms' : 'push',
      to,
      body: message.body,
      sentAt: this.clock.now().toISOString(),
      kind: message.kind,
      ...(message.channel !== 'sms' ? { title: message.title } : {}),
      ...(message.channel === 'push' && message.url ? { url: message.url } : {}),
    };
    this.entries.push(entry);
    const shownTo =
      message.channel === 'sms' || message.to
        ? maskPhone(to)
        : message.channel === 'push'
          ? new URL(to).host
          : 'app';
    const opens = entry.url ? ` (opens ${entry.url})` : '';
    this.print(`[outbox] ${entry.sentAt} ${entry.channel} ${entry.kind} → ${shownTo}: ${entry.body}${opens}`);
    const messageId = `local-${this.entries.length}`;
    this.onSent?.({ ...entry }, messageId);
    return { messageId };
  }

  /** Every message so far, oldest first. */
  list(): OutboxEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }
}
