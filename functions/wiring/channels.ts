/**
 * Production wiring of the reminder channels (send-reminder only: the others need not bundle
 * web-push and its crypto dependencies).
 */
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { RoutingNotifier } from '../../shared/adapters/notifiers/routing.ts';
import { EumOptOutList } from '../../shared/adapters/sms-voice/opt-out-list.ts';
import { WebPushNotifier } from '../../shared/adapters/notifiers/web-push.ts';
import type { RuntimeConfig } from '../../shared/config.ts';
import type { OutboundMessage, SendResult } from '../../shared/domain/model.ts';
import type { Notifier } from '../../shared/ports.ts';
import { ENV } from '../../shared/env.ts';
import { readSecret, smsNotifierFromEnv } from './runtime.ts';

type Env = Record<string, string | undefined>;

/**
 * Web Push whose VAPID private key is read from its secret on the first push, not at init: a
 * missing or wrong secret then fails pushes only (counted, alarmed, retried, dead-lettered) and
 * never the sender's module init, which would stop every text too. A failed read is tried again on
 * the next push, so fixing the secret needs no redeploy.
 */
export class LazyVapidPushNotifier implements Notifier {
  private notifier: Promise<WebPushNotifier> | undefined;

  constructor(
    private readonly make: () => Promise<WebPushNotifier>,
    private readonly onMisconfigured: () => void = () => {},
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    this.notifier ??= this.make();
    let notifier: WebPushNotifier;
    try {
      notifier = await this.notifier;
    } catch (error) {
      this.notifier = undefined;
      this.onMisconfigured();
      throw new Error('push is misconfigured: the VAPID private key could not be read', { cause: error });
    }
    return notifier.send(message);
  }
}

/**
 * Every channel behind one Notifier: SMS (checking first the opt-out list the numbers use: the
 * stack's End User Messaging list when it has one, else SNS's) and Web Push when the VAPID settings
 * are present (the private key read lazily, see above).
 */
export function reminderNotifierFromEnv(
  config: Pick<RuntimeConfig, 'lateAfterMinutes'>,
  env: Env = process.env,
  sns = new SNSClient({}),
  options: {
    onPushMisconfigured?: () => void;
    secrets?: SecretsManagerClient;
    smsVoice?: PinpointSMSVoiceV2Client;
  } = {},
): RoutingNotifier {
  const listName = env[ENV.smsOptOutListName];
  const optOutList = listName
    ? new EumOptOutList(options.smsVoice ?? new PinpointSMSVoiceV2Client({}), listName)
    : undefined;
  const publicKey = env[ENV.vapidPublicKey];
  const secretArn = env[ENV.vapidPrivateKeySecretArn];
  const subject = env[ENV.vapidSubject];
  const push =
    publicKey && secretArn && subject
      ? new LazyVapidPushNotifier(
          async () =>
            new WebPushNotifier(
              { publicKey, privateKey: await readSecret(secretArn, options.secrets), subject },
              { ttlSeconds: config.lateAfterMinutes * 60 },
            ),
          options.onPushMisconfigured,
        )
      : undefined;
  return new RoutingNotifier({
    sms: smsNotifierFromEnv(env, sns, { checkOptOut: true, ...(optOutList ? { optOutList } : {}) }),
    ...(push ? { push } : {}),
  });
}
