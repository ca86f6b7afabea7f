/**
 * `npm start`: the whole service on one machine with no AWS account. DynamoDB Local (AWS's engine)
 * holds the table; the same Lambda handlers serve HTTP. Options: `--persist` keeps data in
 * .local-data/ instead of memory. PORT sets the port (default 3000).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { resolve } from 'node:path';
import { createIntakeHandler } from '../functions/intake/handler.ts';
import { ensureTable } from '../shared/adapters/dynamodb/table-admin.ts';
import { JavaMissingError, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { createHttpServer } from './http-server.ts';
import { consoleLog } from './log.ts';

const TABLE_NAME = 'rehab-local';

async function main(): Promise<void> {
  // Node 20 is supported for development; the SDK's notice about Node 22 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const port = Number(process.env.PORT ?? 3000);
  const persist = process.argv.includes('--persist');
  const say = (m: string) => console.log(m);
  const log = consoleLog('local');

  say('Starting the rehab reminder service locally (no AWS account needed).');
  say(`- DynamoDB Local: starting (${persist ? 'data kept in .local-data/' : 'data in memory'}) ...`);
  let db: DynamoDbLocal | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping ...`);
    server.close();
    server.closeAllConnections();
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
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, TABLE_NAME);
  say(`- Table "${TABLE_NAME}": ready`);

  const intake = createIntakeHandler({ log });
  const server = createHttpServer({ lambda: intake }, (error) =>
    log.error('local server error', { error: String(error) }),
  );
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, () => ready());
  });
  say(`- HTTP API: listening on port ${port}`);
  say('');
  say(`Ready. Open the form: http://localhost:${port}/`);
  say(`Catalog: http://localhost:${port}/movements`);
  say('Press Ctrl-C to stop.');
  if (stopping) await stop('late');
}

main().catch((error: unknown) => {
  console.error(`Failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
