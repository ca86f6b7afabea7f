// Lambda entry: production wiring only, all at module load (once per container). Tests and the
// local stack call createIntakeHandler with their own deps.
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoPlanPageStore } from '../../shared/adapters/dynamodb/plan-pages.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoVerificationStore } from '../../shared/adapters/dynamodb/verification-store.ts';
import { loadRuntimeConfig } from '../../shared/config.ts';
import { ENV } from '../../shared/env.ts';
import { DynamoSessionSlots } from '../../shared/adapters/dynamodb/session-slots.ts';
import { createLogger, withRequestContext } from '../wiring/logger.ts';
import { createMetrics, flushingMetrics } from '../wiring/metrics.ts';
import { loadHashKey, smsNotifierFromEnv, tableFromEnv } from '../wiring/runtime.ts';
import { createIntakeHandler } from './handler.ts';

const log = createLogger('intake');
const metrics = createMetrics('intake');
const config = loadRuntimeConfig();
const hashKey = await loadHashKey();
const { db, tableName } = tableFromEnv();

// Every log line of an invocation carries its request id.
export const handler = withRequestContext(
  log,
  flushingMetrics(
    metrics,
    createIntakeHandler({
      log,
      metrics,
      config,
      hashKey,
      repo: new DynamoPlanRepository(db, tableName),
      verifications: new DynamoVerificationStore(db, tableName),
      limiter: new DynamoRateLimiter(db, tableName),
      pages: new DynamoPlanPageStore(db, tableName),
      events: new DynamoPatientEventStore(db, tableName),
      slots: new DynamoSessionSlots(db, tableName),
      notifier: smsNotifierFromEnv(),
      ...(process.env[ENV.vapidPublicKey] ? { vapidPublicKey: process.env[ENV.vapidPublicKey] } : {}),
    }),
  ),
);
