/**
 * The local stack's wiring, shared by `npm start` (local/main.ts) and the tests: the same handlers
 * Lambda runs, with the DynamoDB adapters on DynamoDB Local, and local stand-ins for the rest:
 *
 *   HTTP ──► intake ──► table ──stream (StreamFeeder, filters)──► schedule-sync ──► LocalReminderScheduler
 *   LocalReminderScheduler ──firing──► LocalQueue ──SQS batches──► send-reminder ──► Outbox
 *   POST /dev/inbound-sms ──SNS event──► inbound ──► Outbox
 *   Outbox (each text) ──delivery status log──► delivery-status ──► the reminder's record (reportDeliveries)
 *
 * Every part reads the one dev clock; DevTime moves it and runs the loop that delivers what falls
 * due. local/main.ts starts DynamoDB Local, creates the table and listens.
 */
import type { Server } from 'node:http';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDeliveryStatusHandler } from '../functions/delivery-status/handler.ts';
import { createInboundHandler } from '../functions/inbound/handler.ts';
import { createIntakeHandler } from '../functions/intake/handler.ts';
import { SCHEDULE_SYNC_FILTER_PATTERNS } from '../functions/schedule-sync/event-filter.ts';
import { createScheduleSyncHandler } from '../functions/schedule-sync/handler.ts';
import { createSendReminderHandler } from '../functions/send-reminder/handler.ts';
import { DynamoPatientEventStore } from '../shared/adapters/dynamodb/patient-events.ts';
import { DynamoPlanRepository } from '../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoPlanPageStore } from '../shared/adapters/dynamodb/plan-pages.ts';
import { DynamoRateLimiter } from '../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoReminderLedger } from '../shared/adapters/dynamodb/reminder-ledger.ts';
import { DynamoVerificationStore } from '../shared/adapters/dynamodb/verification-store.ts';
import type { RuntimeConfig } from '../shared/config.ts';
import { senderBatchSize, senderConcurrency } from '../shared/sending.ts';
import type { PlanRecord } from '../shared/domain/model.ts';
import type { Log } from '../shared/ports.ts';
import { DevClock } from './dev-clock.ts';
import { createDevRoutes, devRouteTable } from './dev-routes.ts';
import { DevTime } from './dev-time.ts';
import { createHttpServer, lambdaContext } from './http-server.ts';
import { deliveryReporter } from './delivery-reports.ts';
import { Outbox } from './outbox.ts';
import { DynamoSessionSlots } from '../shared/adapters/dynamodb/session-slots.ts';
import { LocalQueue, type LocalQueueOptions } from './queue.ts';
import { LocalReminderScheduler } from './scheduler.ts';
import { StreamFeeder } from './stream.ts';
import { asFunction } from './aws-calls.ts';

/** The local HMAC key for phones, clients and codes. Dev only: AWS reads it from Secrets Manager. */
export const LOCAL_HASH_KEY = 'local-dev-only-hash-key-0123456789abcdef';

/** The sender's timeout in the stack (infra/stack.ts): bounds how many paced texts a batch may hold. */
const SENDER_TIMEOUT_SECONDS = 30;

export interface LocalStackOptions {
  db: DynamoDBDocumentClient;
  tableName: string;
  /** Reads the table's stream in DynamoDB Local. */
  streams: DynamoDBStreamsClient;
  streamArn: string;
  config: RuntimeConfig;
  /** @default a dev clock from the real now, running with real time */
  clock?: DevClock;
  log: Log;
  /** Where the outbox prints each message (the terminal by default). */
  print?: (line: string) => void;
  hashKey?: string;
  /**
   * Report each text delivered a moment after it is sent, through the delivery-status function, as
   * SNS's delivery status log does when the stack records deliveries. @default false
   */
  reportDeliveries?: boolean;
  vapidPublicKey?: string;
  /** The reminder queue's settings (batch size, concurrency, visibility, redrive). */
  queue?: Omit<LocalQueueOptions, 'handler' | 'clock' | 'log' | 'context'>;
  /** LATEST when the table holds an earlier run's data (its schedules come from restoreSchedules). */
  streamStart?: 'TRIM_HORIZON' | 'LATEST';
  /** Told the clock's instant after each move (main keeps it with --persist). */
  onClockMoved?: (now: Date) => void;
}

export interface LocalStack {
  clock: DevClock;
  outbox: Outbox;
  intake: ReturnType<typeof createIntakeHandler>;
  scheduler: LocalReminderScheduler;
  queue: LocalQueue;
  stream: StreamFeeder;
  devTime: DevTime;
  /** Not listening yet: see listen(). */
  server: Server;
  /** Puts the schedules of every active plan in the table (data kept from an earlier run). */
  restoreSchedules(): Promise<number>;
  /** Starts the ticker that delivers what falls due as real time passes. */
  start(): void;
  /** Stops the ticker and the server, waiting for the loop that runs. */
  stop(): Promise<void>;
}

export function createLocalStack(options: LocalStackOptions): LocalStack {
  const { db, tableName, log, config } = options;
  const clock = options.clock ?? new DevClock();
  const hashKey = options.hashKey ?? LOCAL_HASH_KEY;
  const repo = new DynamoPlanRepository(db, tableName);
  const deliveryStatus = asFunction(
    'delivery-status',
    createDeliveryStatusHandler({
      patients: repo,
      deliveries: new DynamoReminderLedger(db, tableName),
      hashKey,
      clock,
      log,
    }),
  );
  const outbox = new Outbox(
    clock,
    options.print,
    options.reportDeliveries ? deliveryReporter({ handler: deliveryStatus, log }) : undefined,
  );

  const intake = asFunction(
    'intake',
    createIntakeHandler({
      log,
      clock,
      config,
      hashKey,
      repo,
      verifications: new DynamoVerificationStore(db, tableName),
      limiter: new DynamoRateLimiter(db, tableName),
      pages: new DynamoPlanPageStore(db, tableName),
      events: new DynamoPatientEventStore(db, tableName),
      slots: new DynamoSessionSlots(db, tableName),
      notifier: outbox,
      ...(options.vapidPublicKey ? { vapidPublicKey: options.vapidPublicKey } : {}),
    }),
  );
  const sendReminder = asFunction(
    'send-reminder',
    createSendReminderHandler({
      ledger: new DynamoReminderLedger(db, tableName),
      notifier: outbox,
      hashKey,
      config,
      clock,
      log,
    }),
  );
  // The deployed event source's batch size and concurrency, from the same SMS rate (shared/sending.ts).
  // Texts are not paced locally: they go to the outbox, and a day of reminders should take seconds.
  const queue = new LocalQueue({
    batchSize: senderBatchSize(config.sms.partsPerSecond, SENDER_TIMEOUT_SECONDS),
    maxConcurrency: senderConcurrency(config.sms.partsPerSecond),
    ...options.queue,
    handler: sendReminder,
    clock,
    log,
    context: () => lambdaContext('send-reminder'),
  });
  const scheduler = new LocalReminderScheduler({ target: (input) => void queue.send(input), log });
  const stream = new StreamFeeder({
    client: options.streams,
    streamArn: options.streamArn,
    handler: asFunction(
      'schedule-sync',
      createScheduleSyncHandler({ scheduler, slots: new DynamoSessionSlots(db, tableName), clock, log }),
    ),
    filters: SCHEDULE_SYNC_FILTER_PATTERNS,
    startingPosition: options.streamStart ?? 'TRIM_HORIZON',
    log,
  });
  const devTime = new DevTime({
    clock,
    scheduler,
    queue,
    stream,
    log,
    ...(options.onClockMoved ? { onMoved: options.onClockMoved } : {}),
  });
  const inbound = asFunction(
    'inbound',
    createInboundHandler({
      repo,
      events: new DynamoPatientEventStore(db, tableName),
      limiter: new DynamoRateLimiter(db, tableName),
      notifier: outbox,
      hashKey,
      config,
      clock,
      log,
    }),
  );

  const server = createHttpServer(
    {
      local: createDevRoutes(devRouteTable({ outbox, engine: { clock, devTime, scheduler, inbound } })),
      lambda: intake,
    },
    (error) => log.error('local server error', { error: String(error) }),
    clock,
  );

  async function restoreSchedules(): Promise<number> {
    let restored = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: 'sk = :plan AND #status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':plan': 'PLAN', ':active': 'active' },
          ExclusiveStartKey,
        }),
      );
      for (const item of (page.Items ?? []) as PlanRecord[]) {
        await scheduler.putPlanSchedules(item.planId, item.plan, clock.now());
        restored += 1;
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return restored;
  }

  return {
    clock,
    outbox,
    intake,
    scheduler,
    queue,
    stream,
    devTime,
    server,
    restoreSchedules,
    start: () => devTime.startTicking(),
    async stop() {
      await devTime.stop();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** Listens on `port` (0: any free port) and answers the base URL. */
export async function listen(server: Server, port: number, host?: string): Promise<string> {
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ready());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return `http://localhost:${actual}`;
}
