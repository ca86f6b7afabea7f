// Lambda entry: production wiring only. Tests and the local stack call createSendReminderHandler with their own deps.
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { DynamoSelfTestRecorder } from '../../shared/adapters/dynamodb/self-test-records.ts';
import { loadRuntimeConfig } from '../../shared/config.ts';
import { createLogger, withRequestContext } from '../wiring/logger.ts';
import { createMetrics, flushingMetrics } from '../wiring/metrics.ts';
import { reminderNotifierFromEnv } from '../wiring/channels.ts';
import { textPacer } from '../wiring/pacer.ts';
import { loadHashKey, tableFromEnv } from '../wiring/runtime.ts';
import { METRIC } from '../../shared/metrics.ts';
import { createSendReminderHandler } from './handler.ts';

const log = createLogger('send-reminder');
const config = loadRuntimeConfig();
const { db, tableName } = tableFromEnv();
const metrics = createMetrics('send-reminder');
// Each reminder's plan page link is made with it (shared/domain/plan/page.ts).
const hashKey = await loadHashKey();

// Every log line of an invocation carries its request id.
export const handler = withRequestContext(
  log,
  flushingMetrics(
    metrics,
    createSendReminderHandler({
      ledger: new DynamoReminderLedger(db, tableName),
      notifier: reminderNotifierFromEnv(config, process.env, undefined, {
        onPushMisconfigured: () => metrics.count(METRIC.pushMisconfigured),
      }),
      config,
      hashKey,
      log,
      metrics,
      // Texts keep to this environment's share of the SMS rate; the stack caps the concurrency.
      // The pool's numbers together: each patient's texts go from one of them (number-pool.ts).
      pace: textPacer(config.sms.partsPerSecond * config.sms.identities),
      selfTests: new DynamoSelfTestRecorder(db, tableName),
    }),
  ),
);
