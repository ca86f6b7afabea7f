/**
 * Production wiring shared by the Lambda entry points (index.ts files): read once at module load,
 * reused by every invocation of the warm container.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { noOptOutList } from '../../shared/adapters/defaults.ts';
import { SnsSmsNotifier, type SnsSmsOptions } from '../../shared/adapters/notifiers/sns-sms.ts';
import { EumOptOutList } from '../../shared/adapters/sms-voice/opt-out-list.ts';
import { poolNumberFor } from '../../shared/domain/messaging/number-pool.ts';
import type { OptOutList } from '../../shared/ports.ts';
import { ConfigError, requireEnv } from '../../shared/config.ts';
import { ENV } from '../../shared/env.ts';

type Env = Record<string, string | undefined>;

/** Reads a secret's string value (used at init for the HMAC key and the VAPID private key). */
export async function readSecret(arn: string, client = new SecretsManagerClient({})): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!SecretString) throw new ConfigError(`secret ${arn} has no string value`);
  return SecretString;
}

/**
 * The HMAC key for phone hashes and verification codes: from Secrets Manager in AWS (the stack
 * generates it), or HASH_KEY where the local stack or a test sets it.
 */
export async function loadHashKey(env: Env = process.env): Promise<string> {
  const plain = env[ENV.hashKey];
  if (plain) return plain;
  const key = await readSecret(requireEnv(env, ENV.hashKeySecretArn));
  if (key.length < 32) throw new ConfigError('the hash key secret must be at least 32 characters');
  return key;
}

export function tableFromEnv(env: Env = process.env): { db: DynamoDBDocumentClient; tableName: string } {
  return { db: createDocumentClient(), tableName: requireEnv(env, ENV.tableName) };
}

export function smsNotifierFromEnv(
  env: Env = process.env,
  sns = new SNSClient({}),
  extra: Pick<SnsSmsOptions, 'checkOptOut' | 'optOutList'> = {},
): SnsSmsNotifier {
  const maxPrice = env[ENV.smsMaxPriceUsd];
  return new SnsSmsNotifier(sns, {
    ...(env[ENV.smsOriginationNumber] ? { originationNumber: env[ENV.smsOriginationNumber] } : {}),
    ...(env[ENV.smsOriginationPool]
      ? { originationPool: env[ENV.smsOriginationPool]!.split(',').filter(Boolean) }
      : {}),
    ...(env[ENV.smsCodesOriginationNumber]
      ? { codesOriginationNumber: env[ENV.smsCodesOriginationNumber] }
      : {}),
    ...(env[ENV.smsSenderId] ? { senderId: env[ENV.smsSenderId] } : {}),
    ...(maxPrice ? { maxPriceUsd: Number(maxPrice) } : {}),
    ...extra,
  });
}

/**
 * The stack's opt-out list (End User Messaging) when the stack declares one, else none. The
 * client is made only then, so functions of a stack without a channel never load it.
 */
export function optOutListFromEnv(
  env: Env = process.env,
  client: () => PinpointSMSVoiceV2Client = () => new PinpointSMSVoiceV2Client({}),
): OptOutList {
  const name = env[ENV.smsOptOutListName];
  return name ? new EumOptOutList(client(), name) : noOptOutList;
}

/** The number a patient texts START to: their number of the pool, or the reminders number. */
export function startNumberFromEnv(env: Env = process.env): (phone: string) => string | undefined {
  const pool = env[ENV.smsOriginationPool]?.split(',').filter(Boolean);
  const single = env[ENV.smsOriginationNumber];
  return (phone) =>
    pool?.length ? poolNumberFor(phone, pool) : single?.startsWith('+') ? single : undefined;
}

/**
 * The origin guard's secret reader (functions/wiring/origin-guard.ts): undefined where the
 * function is not behind CloudFront (ORIGIN_SECRET_ARN unset: tests, the bench).
 */
export function originSecretFromEnv(
  env: Env = process.env,
  client?: SecretsManagerClient,
): (() => Promise<string>) | undefined {
  const arn = env[ENV.originSecretArn];
  if (!arn) return undefined;
  return () => readSecret(arn, client);
}
