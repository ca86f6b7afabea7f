// Lambda entry: production wiring only. Tests and the local stack call createScheduleSyncHandler with their own deps.
import { loadRuntimeConfig } from '../../shared/config.ts';
import { createLogger, withRequestContext } from '../wiring/logger.ts';
import { schedulerFromEnv } from '../wiring/scheduler.ts';
import { tableFromEnv } from '../wiring/runtime.ts';
import { DynamoSessionSlots } from '../../shared/adapters/dynamodb/session-slots.ts';
import { createScheduleSyncHandler } from './handler.ts';

const log = createLogger('schedule-sync');
const config = loadRuntimeConfig();
const { db, tableName } = tableFromEnv();

// Every log line of an invocation carries its request id.
export const handler = withRequestContext(
  log,
  createScheduleSyncHandler({
    scheduler: schedulerFromEnv(config),
    slots: new DynamoSessionSlots(db, tableName),
    log,
  }),
);
