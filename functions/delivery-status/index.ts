// Lambda entry: production wiring only. Tests and the local stack call createDeliveryStatusHandler with their own deps.
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { DynamoSelfTestRecorder } from '../../shared/adapters/dynamodb/self-test-records.ts';
import { createLogger, withRequestContext } from '../wiring/logger.ts';
import { createMetrics, flushingMetrics } from '../wiring/metrics.ts';
import { loadHashKey, tableFromEnv } from '../wiring/runtime.ts';
import { createDeliveryStatusHandler } from './handler.ts';

const log = createLogger('delivery-status');
const { db, tableName } = tableFromEnv();
const metrics = createMetrics('delivery-status');

export const handler = withRequestContext(
  log,
  flushingMetrics(
    metrics,
    createDeliveryStatusHandler({
      patients: new DynamoPlanRepository(db, tableName),
      deliveries: new DynamoReminderLedger(db, tableName),
      hashKey: await loadHashKey(),
      log,
      metrics,
      selfTests: new DynamoSelfTestRecorder(db, tableName),
    }),
  ),
);
