// Lambda entry: production wiring only. Tests and the local stack call createScheduleSyncHandler with their own deps.
import { loadRuntimeConfig } from '../../shared/config.ts';
import { createLogger } from '../shared/logger.ts';
import { schedulerFromEnv } from '../shared/scheduler.ts';
import { createScheduleSyncHandler } from './handler.ts';

const config = loadRuntimeConfig();

export const handler = createScheduleSyncHandler({
  scheduler: schedulerFromEnv(config),
  log: createLogger('schedule-sync'),
});
