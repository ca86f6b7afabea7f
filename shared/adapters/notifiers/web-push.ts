import type webpush from 'web-push';
import { pushSubscriptionProblem } from '../../domain/messaging/push.ts';
import {
  NotifierThrottledError,
  RecipientUnreachableError,
  type OutboundMessage,
  type SendResult,
} from '../../domain/model.ts';
import { type Notifier } from '../../ports.ts';

export interface VapidDetails {
  /** mailto: or https: contact the push services may use. */
  subject: string;
  publicKey: string;
  privateKey: string;
}

export interface WebPushOptions {
  /** Seconds the push service keeps an undelivered notification; a reminder is stale after the lateness limit. */
  ttlSeconds: number;
  /** Socket timeout of the request to the push service, in ms. @default 5000 */
  timeoutMs?: number;
}

/** The library's send function, injectable so tests can stand at its boundary. */
export type SendNotification = typeof webpush.sendNotification;

/**
 * web-push, loaded on the first push rather than at init: it and its crypto dependencies (bn.js,
 * asn1.js, jws, http_ece) cost the sender ~50 ms of every cold start, and most deployments text
 * (docs/PERFORMANCE.md).
 */
export const sendNotificationLazily: SendNotification = async (...args) =>
  (await import('web-push')).default.sendNotification(...args);

/** What the service worker receives (JSON): it shows `title` and `body`; a tap opens `url`. */
export interface PushPayload {
  title: string;
  body: string;
  kind: string;
  url?: string;
}

/**
 * Web Push with VAPID through the `web-push` library, to the subscription the form saved. The
 * subscription is checked first (a known push service's host on port 443, keys of the right
 * length and curve: shared/domain/messaging/push.ts), so a stored one from before those checks never makes
 * a request elsewhere. Permanent, never retried: a subscription that fails the checks or that
 * `web-push` refuses for its keys, and the push service's 400 / 413 (invalid), 404 / 410 (gone).
 * 429 is throttling. Anything else (401/403 about our VAPID keys, a 5xx, a network error) is
 * retried and, if it persists, lands in the dead-letter queue: it is not the patient's doing.
 */
export class WebPushNotifier implements Notifier {
  constructor(
    private readonly vapid: VapidDetails,
    private readonly options: WebPushOptions,
    private readonly sendNotification: SendNotification = sendNotificationLazily,
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.channel !== 'push') throw new TypeError('WebPushNotifier sends Web Push only');
    const problem = pushSubscriptionProblem(message.subscription);
    if (problem)
      throw new RecipientUnreachableError(`the push subscription is invalid: ${problem}`, 'invalid-endpoint');
    const payload: PushPayload = {
      title: message.title,
      body: message.body,
      kind: message.kind,
      ...(message.url ? { url: message.url } : {}),
    };
    try {
      // The normal form the check read (pushEndpointProblem refuses any other), and only it.
      const subscription = { ...message.subscription, endpoint: new URL(message.subscription.endpoint).href };
      const result = await this.sendNotification(subscription, JSON.stringify(payload), {
        vapidDetails: this.vapid,
        TTL: this.options.ttlSeconds,
        timeout: this.options.timeoutMs ?? 5000,
        urgency: 'normal',
        // A newer reminder replaces one still waiting on a phone that was offline.
        topic: message.kind,
      });
      return { messageId: result.headers?.location ?? `web-push-${result.statusCode}` };
    } catch (error) {
      throw mapWebPushError(error);
    }
  }
}

/** What `web-push` throws, before any request, for a subscription whose keys it cannot use. */
const KEY_ERROR = /p256dh|auth key|user auth|user public key|public key is not valid|EC_POINT/i;

export function mapWebPushError(error: unknown): Error {
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (status === 404 || status === 410) {
    return new RecipientUnreachableError(`the push subscription is gone (${status})`, 'disabled-endpoint', {
      cause: error,
    });
  }
  if (
    status === 400 ||
    status === 413 ||
    (status === undefined && KEY_ERROR.test(String((error as Error)?.message)))
  ) {
    return new RecipientUnreachableError(
      `the push service refused the subscription (${String(status ?? 'keys')})`,
      'invalid-endpoint',
      { cause: error },
    );
  }
  if (status === 429) return new NotifierThrottledError('the push service throttled us', { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
