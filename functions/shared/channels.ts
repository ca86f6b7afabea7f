/**
 * Production wiring of the reminder channels (send-reminder only: the others need not bundle
 * web-push and its crypto dependencies).
 */
import { SNSClient } from '@aws-sdk/client-sns';
import { RoutingNotifier } from '../../shared/adapters/notifiers/routing.ts';
import { SnsMobilePushNotifier } from '../../shared/adapters/notifiers/sns-mobile-push.ts';
import { WebPushNotifier } from '../../shared/adapters/notifiers/web-push.ts';
import { requireEnv, type RuntimeConfig } from '../../shared/config.ts';
import { ENV } from '../../shared/env.ts';
import { readSecret, smsNotifierFromEnv } from './runtime.ts';

type Env = Record<string, string | undefined>;

/**
 * Every channel behind one Notifier: SMS (checking SNS's opt-out list first), SNS mobile push, and
 * Web Push when the VAPID settings are present (the private key read from its secret, once).
 */
export async function reminderNotifierFromEnv(
  config: Pick<RuntimeConfig, 'lateAfterMinutes'>,
  env: Env = process.env,
  sns = new SNSClient({}),
): Promise<RoutingNotifier> {
  const publicKey = env[ENV.vapidPublicKey];
  const secretArn = env[ENV.vapidPrivateKeySecretArn];
  const push =
    publicKey && secretArn
      ? new WebPushNotifier(
          { publicKey, privateKey: await readSecret(secretArn), subject: requireEnv(env, ENV.vapidSubject) },
          { ttlSeconds: config.lateAfterMinutes * 60 },
        )
      : undefined;
  return new RoutingNotifier({
    sms: smsNotifierFromEnv(env, sns, { checkOptOut: true }),
    'mobile-push': new SnsMobilePushNotifier(sns),
    ...(push ? { push } : {}),
  });
}
