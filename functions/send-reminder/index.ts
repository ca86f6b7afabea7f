// Lambda entry: production wiring only. Tests and the local stack call createSendReminderHandler with their own deps.
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { DynamoSelfTestRecorder } from '../../shared/adapters/dynamodb/self-test-records.ts';
import { loadRuntimeConfig } from '../../shared/config.ts';
import { instrumentedEntry } from '../wiring/entry.ts';
import { reminderNotifierFromEnv } from '../wiring/channels.ts';
import { textPacer } from '../wiring/pacer.ts';
import { loadHashKey, tableFromEnv } from '../wiring/runtime.ts';
import { METRIC } from '../../shared/metrics.ts';
import { createSendReminderHandler } from './handler.ts';

const config = loadRuntimeConfig();
const { db, tableName } = tableFromEnv();
// Each reminder's plan page link is made with it (shared/domain/plan/page.ts).
const hashKey = await loadHashKey();

export const handler = instrumentedEntry('send-reminder', ({ log, metrics }) =>
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
);
