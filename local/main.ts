/**
 * `npm start`: the whole service on one machine with no AWS account. DynamoDB Local (AWS's engine)
 * holds the table; the same Lambda handlers serve HTTP, keep schedules in step from the table's
 * stream, send reminders from an in-process queue and answer texts; texts and pushes go to the
 * outbox (terminal and dev page). Options: `--persist` keeps data (and the dev clock) in
 * .local-data/ instead of memory. PORT sets the port (default 3000). Runs with no terminal
 * attached; SIGINT or SIGTERM stops everything it started.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import webpush from 'web-push';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.ts';
import { recordAwsCalls } from './aws-calls.ts';
import { ensureTable } from '../shared/adapters/dynamodb/table-admin.ts';
import { loadRuntimeConfig } from '../shared/config.ts';
import { redactPhones } from '../shared/domain/security/privacy.ts';
import { ENV } from '../shared/env.ts';
import { DevClock } from './dev-clock.ts';
import {
  JavaMissingError,
  LOCAL_TABLE_NAME,
  LOOPBACK_UNAVAILABLE,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from '../tools/dynamodb-local.ts';
import { bindAddress } from './bind.ts';
import { consoleLog } from './log.ts';
import { createLocalStack, LOCAL_HASH_KEY, listen, type LocalStack } from './stack.ts';

const DATA_DIR = resolve(import.meta.dirname, '..', '.local-data');
const CLOCK_FILE = resolve(DATA_DIR, 'dev-clock.json');

/** With --persist the dev clock never goes back across runs either. */
function savedClock(): Date | undefined {
  if (!existsSync(CLOCK_FILE)) return undefined;
  const at = new Date((JSON.parse(readFileSync(CLOCK_FILE, 'utf8')) as { now?: string }).now ?? NaN);
  return Number.isFinite(at.getTime()) ? at : undefined;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const seconds = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
  // Node 20 is supported for development; the SDK's notice about Node 22 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // No terminal attached: a reader that goes away must not crash the service.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  const port = Number(process.env.PORT ?? 3000);
  const persist = process.argv.includes('--persist');
  const say = (m: string) => console.log(m);
  const log = consoleLog('local');
  // The same config schema as in AWS: set REHAB_CONFIG (JSON) to try other limits or countries.
  // The reminders' plan page links point here unless REHAB_CONFIG names another formUrl.
  const loaded = loadRuntimeConfig();
  const config = { ...loaded, formUrl: loaded.formUrl ?? `http://localhost:${port}/` };
  // Web Push needs a VAPID key pair: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY if set, else a throwaway pair
  // for this run. The form subscribes with the public key; a local push sender signs with the private one.
  const vapid = process.env[ENV.vapidPublicKey]
    ? { publicKey: process.env[ENV.vapidPublicKey]!, privateKey: process.env.VAPID_PRIVATE_KEY ?? '' }
    : webpush.generateVAPIDKeys();

  say('Starting the rehab reminder service locally (no AWS account needed).');
  say(`- DynamoDB Local: starting (${persist ? 'data kept in .local-data/' : 'data in memory'}) ...`);
  let db: DynamoDbLocal | undefined;
  // Filled in once running; SIGINT may come before that.
  const running: { stack?: LocalStack } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping ...`);
    const stack = running.stack;
    // A long clock move in progress is not waited for beyond a few seconds.
    if (stack) await Promise.race([stack.stop(), new Promise((r) => setTimeout(r, 5000).unref())]);
    if (stack && persist) writeFileSync(CLOCK_FILE, JSON.stringify({ now: stack.clock.now() }));
    if (db) say(`- DynamoDB Local (pid ${db.pid}): stopping ...`);
    await db?.stop();
    say('Stopped. Nothing left running.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));

  try {
    if (persist) mkdirSync(DATA_DIR, { recursive: true });
    db = await startDynamoDbLocal({ log: say, ...(persist ? { dbPath: DATA_DIR } : {}) });
  } catch (error) {
    if (error instanceof JavaMissingError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (stopping) return;
  say(`- DynamoDB Local: ready on ${db.endpoint} (pid ${db.pid}, ${seconds()})`);
  const clientConfig = {
    endpoint: db.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const client = new DynamoDBClient(clientConfig);
  const streamArn = await ensureTable(client, LOCAL_TABLE_NAME);
  if (!streamArn) throw new Error(`table ${LOCAL_TABLE_NAME} has no stream`);
  say(`- Table "${LOCAL_TABLE_NAME}": ready, with its stream`);

  const saved = persist ? savedClock() : undefined;
  const clock = new DevClock({
    start: saved && saved.getTime() > Date.now() ? saved : new Date(),
  });
  const stack = createLocalStack({
    // Noted for the IAM proof when AWS_CALL_LOG_DIR is set (the e2e test sets it).
    db: recordAwsCalls(createDocumentClient(clientConfig)),
    tableName: LOCAL_TABLE_NAME,
    streams: new DynamoDBStreamsClient(clientConfig),
    streamArn,
    streamStart: persist ? 'LATEST' : 'TRIM_HORIZON',
    config,
    clock,
    log,
    hashKey: process.env[ENV.hashKey] || LOCAL_HASH_KEY,
    vapidPublicKey: vapid.publicKey,
    // As a deployed stack that records deliveries: each text is reported delivered on its record.
    reportDeliveries: true,
    ...(persist ? { onClockMoved: (now: Date) => writeFileSync(CLOCK_FILE, JSON.stringify({ now })) } : {}),
  });
  running.stack = stack;
  if (persist) {
    const restored = await stack.restoreSchedules();
    say(`- Schedules of ${restored} active plan(s) kept from the last run: restored`);
  }
  say(
    `- Engine: stream → schedule-sync → local scheduler → reminder queue (batches of ${stack.queue.batchSize}, ` +
      `${stack.queue.maxConcurrency} at once) → send-reminder → outbox; inbound texts → inbound`,
  );
  const bind = bindAddress(process.env);
  const url = await listen(stack.server, port, bind.host);
  stack.start();
  say(
    `- HTTP API: listening on ${bind.host}:${port}${bind.warning ? '' : ' (this machine only; HOST changes it)'}`,
  );
  if (bind.warning) console.error(`\n${bind.warning}\n`);
  if (db.bound !== 'loopback') console.error(`\n${LOOPBACK_UNAVAILABLE}\n`);
  say(`- Dev clock: ${clock.now().toISOString()}, runs with real time; POST /dev/clock moves it on`);
  say('');
  say(`Ready in ${seconds()}. Open the form: ${url}/`);
  say(`Dev page (outbox, clock, replies by text): ${url}/dev`);
  say(
    `Clinic console: ${url}/console (dev sign-in: pick a name and a role; alert emails at ${url}/dev/emails)`,
  );
  say(`Outbox as JSON: ${url}/dev/outbox`);
  say('Press Ctrl-C to stop.');
  if (stopping) await stop('late');
}

main().catch((error: unknown) => {
  console.error(`Start-up failed: ${redactPhones(error instanceof Error ? error.message : String(error))}`);
  process.exit(1);
});
