// Lambda entry: production wiring only, all at module load (once per container). Tests and the
// local stack call createClinicWatchHandler with their own deps.
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoClinicAlertStore, DynamoClinicDirectory } from '../../shared/adapters/dynamodb/clinic.ts';
import { SnsClinicMailer } from '../../shared/adapters/notifiers/sns-email.ts';
import { loadRuntimeConfig, requireEnv } from '../../shared/config.ts';
import { ENV } from '../../shared/env.ts';
import { createLogger, withRequestContext } from '../wiring/logger.ts';
import { tableFromEnv } from '../wiring/runtime.ts';
import { createClinicWatchHandler } from './handler.ts';

const log = createLogger('clinic-watch');
const config = loadRuntimeConfig();
const { db, tableName } = tableFromEnv();

export const handler = withRequestContext(
  log,
  createClinicWatchHandler({
    log,
    config,
    directory: new DynamoClinicDirectory(db, tableName),
    alerts: new DynamoClinicAlertStore(db, tableName),
    mailer: new SnsClinicMailer(new SNSClient({}), requireEnv(process.env, ENV.clinicAlertTopicArn)),
  }),
);
