// Lambda entry: production wiring only. Tests and the local stack call createInboundHandler with their own deps.
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoSessionSlots } from '../../shared/adapters/dynamodb/session-slots.ts';
import { DynamoSelfTestRecorder } from '../../shared/adapters/dynamodb/self-test-records.ts';
import { loadRuntimeConfig } from '../../shared/config.ts';
import { ENV } from '../../shared/env.ts';
import { instrumentedEntry } from '../wiring/entry.ts';
import { loadHashKey, optOutListFromEnv, smsNotifierFromEnv, tableFromEnv } from '../wiring/runtime.ts';
import { createInboundHandler } from './handler.ts';

const config = loadRuntimeConfig();
const { db, tableName } = tableFromEnv();
const hashKey = await loadHashKey();

export const handler = instrumentedEntry('inbound', ({ log, metrics }) =>
  createInboundHandler({
    repo: new DynamoPlanRepository(db, tableName),
    events: new DynamoPatientEventStore(db, tableName),
    limiter: new DynamoRateLimiter(db, tableName),
    notifier: smsNotifierFromEnv(),
    optOutList: optOutListFromEnv(),
    slots: new DynamoSessionSlots(db, tableName),
    hashKey,
    config,
    helpAnsweredByChannel: process.env[ENV.smsHelpAnsweredByChannel] === 'true',
    log,
    metrics,
    selfTests: new DynamoSelfTestRecorder(db, tableName),
  }),
);
