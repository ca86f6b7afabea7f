import { describe, expect, it } from 'vitest';
import { sendNotificationLazily, WebPushNotifier } from '../../shared/adapters/notifiers/web-push.ts';
import { PUSH_SUBSCRIPTION } from '../support/fixtures.ts';

// web-push is loaded on the first push, not at init (docs/PERFORMANCE.md): the default sender must
// still reach the real library. An endpoint-less subscription is refused by web-push itself,
// before any network call.
describe('the default Web Push sender', () => {
  it('loads web-push on first use and hands it the call', async () => {
    const noEndpoint = { endpoint: '', keys: { p256dh: 'BAx', auth: 'yz' } };
    await expect(sendNotificationLazily(noEndpoint, 'x')).rejects.toThrow(
      /subscription with at least an endpoint/,
    );
  });

  it('is what a WebPushNotifier uses when none is injected', async () => {
    const notifier = new WebPushNotifier(
      { subject: 'mailto:ops@example.org', publicKey: 'BPublic', privateKey: 'private' },
      { ttlSeconds: 60 },
    );
    const message = {
      channel: 'push' as const,
      subscription: { endpoint: '', keys: { p256dh: 'BAx', auth: 'yz' } },
      title: 'Rehab reminders',
      body: 'Session 2',
      kind: 'reminder' as const,
    };
    // A valid subscription passes the notifier's own checks; web-push then refuses the VAPID key.
    await expect(notifier.send({ ...message, subscription: PUSH_SUBSCRIPTION })).rejects.toThrow(
      /Vapid public key/i,
    );
  });
});
