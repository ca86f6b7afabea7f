// Lambda entry: production wiring only, all at module load (once per container). Tests and the
// local stack call createClinicWatchHandler with their own deps.
import { SNSClient } from '@aws-sdk/client-sns';
import { clinicStores } from '../../shared/adapters/dynamodb/clinic-stores.ts';
import { SnsClinicMailer } from '../../shared/adapters/notifiers/sns-email.ts';
import { loadRuntimeConfig, requireEnv } from '../../shared/config.ts';
import { ENV } from '../../shared/env.ts';
import { createLogger, withRequestContext } from '../wiring/logger.ts';
import { loadHashKey, tableFromEnv } from '../wiring/runtime.ts';
import { createClinicWatchHandler } from './handler.ts';

const log = createLogger('clinic-watch');
const config = loadRuntimeConfig();
const { db, tableName } = tableFromEnv();
// An invite's reference is sealed again for the patient who uses it (shared/domain/clinic/secrets.ts).
const hashKey = await loadHashKey();

export const handler = withRequestContext(
  log,
  createClinicWatchHandler({
    log,
    config,
    ...clinicStores(db, tableName, config.clinic),
    hashKey,
    mailer: new SnsClinicMailer(new SNSClient({}), requireEnv(process.env, ENV.clinicAlertTopicArn)),
  }),
);
