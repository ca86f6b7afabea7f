// Lambda entry: production wiring only, all at module load (once per container). Tests and the
// local stack call createIntakeHandler with their own deps.
import { intakeStores } from '../../shared/adapters/dynamodb/intake-stores.ts';
import { loadRuntimeConfig, publicOriginFromEnv } from '../../shared/config.ts';
import { ENV } from '../../shared/env.ts';
import { instrumentedEntry } from '../wiring/entry.ts';
import { behindCloudFront } from '../wiring/origin-guard.ts';
import {
  loadHashKey,
  originSecretFromEnv,
  optOutListFromEnv,
  smsNotifierFromEnv,
  startNumberFromEnv,
  tableFromEnv,
} from '../wiring/runtime.ts';
import { createIntakeHandler } from './handler.ts';

const config = loadRuntimeConfig();
const hashKey = await loadHashKey();
const { db, tableName } = tableFromEnv();

const unguarded = instrumentedEntry('intake', ({ log, metrics }) =>
  createIntakeHandler({
    log,
    metrics,
    config,
    hashKey,
    ...intakeStores(db, tableName),
    notifier: smsNotifierFromEnv(),
    publicOrigins: [publicOriginFromEnv(process.env, ENV.publicUrl)],
    optOutList: optOutListFromEnv(),
    startNumberFor: startNumberFromEnv(),
    ...(process.env[ENV.vapidPublicKey] ? { vapidPublicKey: process.env[ENV.vapidPublicKey] } : {}),
  }),
);

// Only CloudFront's requests (they carry its secret header): nothing goes around the edge.
export const handler = behindCloudFront(unguarded, originSecretFromEnv());
