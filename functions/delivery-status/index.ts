// Lambda entry: production wiring only. Tests and the local stack call createDeliveryStatusHandler with their own deps.
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { DynamoSelfTestRecorder } from '../../shared/adapters/dynamodb/self-test-records.ts';
import { instrumentedEntry } from '../wiring/entry.ts';
import { loadHashKey, tableFromEnv } from '../wiring/runtime.ts';
import { createDeliveryStatusHandler } from './handler.ts';

const { db, tableName } = tableFromEnv();
const hashKey = await loadHashKey();

export const handler = instrumentedEntry('delivery-status', ({ log, metrics }) =>
  createDeliveryStatusHandler({
    patients: new DynamoPlanRepository(db, tableName),
    deliveries: new DynamoReminderLedger(db, tableName),
    hashKey,
    log,
    metrics,
    selfTests: new DynamoSelfTestRecorder(db, tableName),
  }),
);
