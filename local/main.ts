/**
 * `npm start`: the whole service on one machine with no AWS account. DynamoDB Local (AWS's engine)
 * holds the table; the same Lambda handlers serve HTTP. Options: `--persist` keeps data in
 * .local-data/ instead of memory. PORT sets the port (default 3000).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import webpush from 'web-push';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.ts';
import { ensureTable } from '../shared/adapters/dynamodb/table-admin.ts';
import { loadRuntimeConfig } from '../shared/config.ts';
import { ENV } from '../shared/env.ts';
import { systemClock } from '../shared/ports.ts';
import { JavaMissingError, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { consoleLog } from './log.ts';
import { createLocalStack, LOCAL_HASH_KEY, listen } from './stack.ts';

const TABLE_NAME = 'rehab-local';

async function main(): Promise<void> {
  // Node 20 is supported for development; the SDK's notice about Node 22 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const port = Number(process.env.PORT ?? 3000);
  const persist = process.argv.includes('--persist');
  const say = (m: string) => console.log(m);
  const log = consoleLog('local');
  // The same config schema as in AWS: set REHAB_CONFIG (JSON) to try other limits or countries.
  const config = loadRuntimeConfig();
  // Web Push needs a VAPID key pair: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY if set, else a throwaway pair
  // for this run. The form subscribes with the public key; a local push sender signs with the private one.
  const vapid = process.env[ENV.vapidPublicKey]
    ? { publicKey: process.env[ENV.vapidPublicKey]!, privateKey: process.env.VAPID_PRIVATE_KEY ?? '' }
    : webpush.generateVAPIDKeys();

  say('Starting the rehab reminder service locally (no AWS account needed).');
  say(`- DynamoDB Local: starting (${persist ? 'data kept in .local-data/' : 'data in memory'}) ...`);
  let db: DynamoDbLocal | undefined;
  // Filled in once listening; SIGINT may come before that.
  const running: { server?: Server } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping ...`);
    running.server?.close();
    running.server?.closeAllConnections();
    await db?.stop();
    say('Stopped. Nothing left running.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    db = await startDynamoDbLocal({
      log: say,
      ...(persist ? { dbPath: resolve(import.meta.dirname, '..', '.local-data') } : {}),
    });
  } catch (error) {
    if (error instanceof JavaMissingError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  say(`- DynamoDB Local: ready on ${db.endpoint}`);
  const clientConfig = {
    endpoint: db.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const client = new DynamoDBClient(clientConfig);
  await ensureTable(client, TABLE_NAME);
  say(`- Table "${TABLE_NAME}": ready`);

  const stack = createLocalStack({
    db: createDocumentClient(clientConfig),
    tableName: TABLE_NAME,
    config,
    clock: systemClock,
    log,
    hashKey: process.env[ENV.hashKey] || LOCAL_HASH_KEY,
    vapidPublicKey: vapid.publicKey,
  });
  running.server = stack.server;
  const url = await listen(stack.server, port);
  say(`- HTTP API: listening on port ${port}`);
  say('');
  say(`Ready. Open the form: ${url}/`);
  say(`Catalog: ${url}/movements`);
  say(`Outbox (texts and pushes "sent"): ${url}/dev/outbox`);
  say('Press Ctrl-C to stop.');
  if (stopping) await stop('late');
}

main().catch((error: unknown) => {
  console.error(`Failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
