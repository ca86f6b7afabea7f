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
import { intakeStores } from '../shared/adapters/dynamodb/intake-stores.ts';
import type { Server } from 'node:http';
import { DEFAULT_HOST } from './bind.ts';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createClinicWatchHandler } from '../functions/clinic-watch/handler.ts';
import { CLINIC_WATCH_FILTER_PATTERNS } from '../functions/clinic-watch/event-filter.ts';
import { createConsoleHandler } from '../functions/console/handler.ts';
import { gatewayRouteOf } from '../functions/console/routes.ts';
import { createDeliveryStatusHandler } from '../functions/delivery-status/handler.ts';
import { createInboundHandler } from '../functions/inbound/handler.ts';
import { IntakeService } from '../functions/intake/service.ts';
import { createIntakeHandler } from '../functions/intake/handler.ts';
import { guardOrigin } from '../functions/wiring/origin-guard.ts';
import { SCHEDULE_SYNC_FILTER_PATTERNS } from '../functions/schedule-sync/event-filter.ts';
import { createScheduleSyncHandler } from '../functions/schedule-sync/handler.ts';
import { createSendReminderHandler } from '../functions/send-reminder/handler.ts';
import { clinicStores } from '../shared/adapters/dynamodb/clinic-stores.ts';
import { DynamoPatientEventStore } from '../shared/adapters/dynamodb/patient-events.ts';
import { DynamoPlanRepository } from '../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoRateLimiter } from '../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoReminderLedger } from '../shared/adapters/dynamodb/reminder-ledger.ts';
import type { RuntimeConfig } from '../shared/config.ts';
import { senderBatchSize, senderConcurrency } from '../shared/sending.ts';
import type { Log } from '../shared/ports.ts';
import { DevClock } from './dev-clock.ts';
import { createDevRoutes, devRouteTable, sendJson } from './dev-routes.ts';
import { seedClinic } from './clinic-seed.ts';
import { DevTime } from './dev-time.ts';
import { createHttpServer, firstOf, lambdaContext } from './http-server.ts';
import { localEdge, staticFileServer } from './static-files.ts';
import { deliveryReporter } from './delivery-reports.ts';
import { LOCAL_ORIGINATION_NUMBER } from './inbound-sms.ts';
import { LocalOptOutList } from './opt-out-list.ts';
import { Outbox } from './outbox.ts';
import { DynamoSessionSlots } from '../shared/adapters/dynamodb/session-slots.ts';
import { LocalQueue, type LocalQueueOptions } from './queue.ts';
import { LocalReminderScheduler } from './scheduler.ts';
import { StreamFeeder } from './stream.ts';
import { watchWrites } from './write-watch.ts';
import { asFunction } from './aws-calls.ts';
import { createDevCognito, type DevCognito } from './dev-cognito.ts';
import { HourlyJob, Mailbox } from './mailbox.ts';
import type { APIGatewayProxyEventV2, Context, DynamoDBBatchResponse } from 'aws-lambda';

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
  /**
   * Where the server is reached (the console's sign-in stand-in is issued there, invite links point
   * there). @default config.formUrl, else http://localhost:3000/
   */
  publicUrl?: string;
}

export interface LocalStack {
  clock: DevClock;
  outbox: Outbox;
  /** The opt-out list's stand-in (the outbox drops texts to numbers on it). */
  optOutList: LocalOptOutList;
  intake: ReturnType<typeof createIntakeHandler>;
  /** The clinic console's function, and the local sign-in and JWT authorizer in front of it. */
  console: ReturnType<typeof createConsoleHandler>;
  devCognito: DevCognito;
  /** The clinic's alert emails (the alert topic's stand-in). */
  mailbox: Mailbox;
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

/**
 * The origins the local server is reached at: its public URL's, and on this machine the other
 * names of the loopback address (a developer opens localhost or 127.0.0.1 alike).
 */
export function localOrigins(publicUrl: string): string[] {
  const url = new URL(publicUrl);
  if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return [url.origin];
  const port = url.port ? `:${url.port}` : '';
  return ['localhost', '127.0.0.1', '[::1]'].map((host) => `${url.protocol}//${host}${port}`);
}

export function createLocalStack(options: LocalStackOptions): LocalStack {
  const { tableName, log, config } = options;
  // Every adapter below writes through this one client, so the dev clock knows when to read the stream.
  const table = watchWrites(options.db);
  const db = table.db;
  // Where the server is reached: the console's sign-in is issued there, invite links and alert
  // emails point there, and the plan page's POSTs come from there.
  const publicUrl = options.publicUrl ?? config.formUrl ?? 'http://localhost:3000/';
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
  // The stack's opt-out list (End User Messaging): inbound puts numbers on it and takes them off,
  // the form and the console's resend ask it, and the outbox drops texts to listed numbers.
  const optOutList = new LocalOptOutList(clock);
  const startNumberFor = () => LOCAL_ORIGINATION_NUMBER;
  const outbox = new Outbox(
    clock,
    options.print,
    options.reportDeliveries ? deliveryReporter({ handler: deliveryStatus, log }) : undefined,
    optOutList,
  );

  const intake = asFunction(
    'intake',
    createIntakeHandler({
      log,
      clock,
      config,
      hashKey,
      ...intakeStores(db, tableName),
      repo,
      notifier: outbox,
      publicOrigins: localOrigins(publicUrl),
      optOutList,
      startNumberFor,
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
  const clinic = clinicStores(db, tableName, config.clinic);
  // The clinic's stream consumer and its hourly sweep (an EventBridge rule in AWS).
  const mailbox = new Mailbox(clock, options.print);
  const clinicWatch = asFunction(
    'clinic-watch',
    createClinicWatchHandler({
      ...clinic,
      hashKey,
      mailer: mailbox,
      config: {
        ...config,
        clinic: {
          ...config.clinic,
          consoleUrl: config.clinic.consoleUrl ?? new URL('/console/', publicUrl).href,
        },
      },
      clock,
      log,
    }),
  );
  const clinicStream = new StreamFeeder({
    client: options.streams,
    streamArn: options.streamArn,
    handler: (event) => clinicWatch(event) as Promise<DynamoDBBatchResponse>,
    filters: CLINIC_WATCH_FILTER_PATTERNS,
    startingPosition: options.streamStart ?? 'TRIM_HORIZON',
    log,
  });
  /** The table's write count when the stream was last read to its end (-1: never). */
  let drainedAt = -1;
  const sweep = new HourlyJob(clock.now(), () =>
    clinicWatch({ source: 'aws.events', 'detail-type': 'Scheduled Event' }),
  );
  const devTime = new DevTime({
    clock,
    scheduler,
    queue,
    stream: {
      async drain() {
        const seen = table.writes();
        await stream.drain();
        await clinicStream.drain();
        drainedAt = seen;
      },
      changedSinceDrain: () => table.writes() !== drainedAt,
    },
    periodic: sweep,
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
      optOutList,
      slots: new DynamoSessionSlots(db, tableName),
      hashKey,
      config,
      clock,
      log,
    }),
  );

  // The clinic console: the same function, behind the local stand-ins for Cognito and API
  // Gateway's JWT authorizer (dev-cognito.ts).
  const devCognito = createDevCognito({
    issuer: new URL('/dev/cognito', publicUrl).href,
    consoleUrl: new URL('/console/', publicUrl).href,
  });
  const resender = new IntakeService({
    ...intakeStores(db, tableName),
    repo,
    notifier: outbox,
    optOutList,
    startNumberFor,
    config,
    hashKey,
    clock,
    log,
  });
  const consoleFn = asFunction(
    'console',
    createConsoleHandler({
      log,
      clock,
      config,
      hashKey,
      ...clinic,
      repo,
      resendCode: (planId, client) => resender.resend(planId, client),
      baseUrl: publicUrl,
      auth: { authUrl: devCognito.issuer, clientId: devCognito.clientId, idpUrl: devCognito.idpUrl },
    }),
  );
  // CloudFront's secret origin header: the local edge adds it, the functions check it, as in AWS.
  const edge = localEdge();
  const guardedIntake = guardOrigin(intake, { readSecret: edge.readSecret });
  const guardedConsole = guardOrigin(consoleFn, { readSecret: edge.readSecret });
  /** API Gateway's routing: the console's routes (the API under the authorizer), the rest to intake. */
  const gateway = async (viewerEvent: APIGatewayProxyEventV2, context: Context) => {
    const event = edge.forward(viewerEvent);
    const route = gatewayRouteOf(event.rawPath);
    if (!route) return guardedIntake(event, context);
    if (!route.auth) return guardedConsole(event, context);
    const claims = await devCognito.authorize(event);
    if (!claims) {
      return {
        statusCode: 401,
        headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
        body: JSON.stringify({ message: 'Unauthorized' }),
      };
    }
    const requestContext = { ...event.requestContext, authorizer: { jwt: { claims, scopes: null } } };
    return guardedConsole({ ...event, requestContext } as APIGatewayProxyEventV2, context);
  };

  const server = createHttpServer(
    {
      // CloudFront's two origins in one: the static files (the S3 origin's), then the dev routes.
      local: firstOf(
        staticFileServer(),
        createDevRoutes({
          ...devRouteTable({ outbox, engine: { clock, devTime, scheduler, inbound } }),
          ...devCognito.routes,
          'GET /dev/emails': async (_req, _body, res) => sendJson(res, 200, mailbox.list()),
          // A clinic of N patients in the table at once (npm run seed:clinic; local/clinic-seed.ts).
          'POST /dev/seed/clinic': async (_req, body, res) => {
            const patients = Number(
              (JSON.parse(body.toString('utf8') || '{}') as { patients?: unknown }).patients,
            );
            if (!Number.isInteger(patients) || patients < 1 || patients > 100_000) {
              return sendJson(res, 400, {
                error: {
                  code: 'invalid_request',
                  message: 'The request needs a fix: each issue names its field.',
                  issues: [{ path: 'patients', message: 'patients must be a whole number from 1 to 100000' }],
                },
              });
            }
            sendJson(res, 200, await seed(patients));
          },
        }),
      ),
      lambda: gateway,
    },
    (error) => log.error('local server error', { error: String(error) }),
    clock,
  );

  /**
   * Seeds a clinic while no loop runs: what the stream holds is delivered first, and the seed's own
   * records skipped after (the rows are written with it; 200,000 events are not 200,000 refreshes).
   */
  function seed(patients: number) {
    return devTime.exclusive(async () => {
      await stream.drain();
      await clinicStream.drain();
      const result = await seedClinic(db, tableName, {
        patients,
        now: clock.now(),
        hashKey,
        rules: config.clinic,
      });
      await stream.skip();
      await clinicStream.skip();
      return result;
    });
  }

  async function restoreSchedules(): Promise<number> {
    let restored = 0;
    // The same Scan as the operator's resync (PlanRepository.activePlans).
    for await (const record of repo.activePlans()) {
      await scheduler.putPlanSchedules(record.planId, record.plan, clock.now());
      restored += 1;
    }
    return restored;
  }

  return {
    clock,
    outbox,
    optOutList,
    intake,
    console: consoleFn,
    devCognito,
    mailbox,
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
/** Listens on `host` (this machine only unless told otherwise: local/bind.ts) and gives the URL. */
export async function listen(server: Server, port: number, host = DEFAULT_HOST): Promise<string> {
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ready());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return `http://localhost:${actual}`;
}
