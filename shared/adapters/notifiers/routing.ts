import type { OutboundMessage, SendResult } from '../../domain/model.ts';
import type { Notifier } from '../../ports.ts';

export type ChannelNotifiers = Partial<Record<OutboundMessage['channel'], Notifier>>;

/** One Notifier for the handlers: each message goes to the adapter of its channel. */
export class RoutingNotifier implements Notifier {
  constructor(private readonly channels: ChannelNotifiers) {}

  send(message: OutboundMessage): Promise<SendResult> {
    const notifier = this.channels[message.channel];
    // A deployment without the channel configured: retried, then dead-lettered (an operator's fix).
    if (!notifier)
      return Promise.reject(new Error(`no notifier is configured for channel ${message.channel}`));
    return notifier.send(message);
  }
}
