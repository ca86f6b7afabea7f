/**
 * What the proof scripts share: a DynamoDB Local of their own (a free port, stopped by its PID
 * when done), a fresh table from the one definition, and the machine's description for the figures.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { cpus, totalmem } from 'node:os';
import { startDynamoDbLocal } from '../../tools/dynamodb-local.ts';
import { ensureTable } from '../../shared/adapters/dynamodb/table-admin.ts';

export interface LocalDynamoDb {
  clientConfig: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  /** Makes a fresh, empty table from the one definition and answers its name. */
  newTable(): Promise<string>;
}

/** Runs `work` against a DynamoDB Local started for it (a free port), and stops it by its PID after. */
export async function withDynamoDbLocal<T>(work: (local: LocalDynamoDb) => Promise<T>): Promise<T> {
  const engine = await startDynamoDbLocal({ log: (m) => console.error(m) });
  const clientConfig = {
    endpoint: engine.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const client = new DynamoDBClient(clientConfig);
  let tables = 0;
  try {
    return await work({
      clientConfig,
      newTable: async () => {
        const tableName = `prove-${Date.now()}-${++tables}`;
        await ensureTable(client, tableName);
        return tableName;
      },
    });
  } finally {
    client.destroy();
    await engine.stop();
  }
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** Prints figures as an aligned two-column list. */
export function printFigures(title: string, figures: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  console.log(`\n${title}`);
  for (const [name, value] of Object.entries(figures)) {
    const shown = typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
    console.log(`  ${name.padEnd(width)}  ${shown}`);
  }
}
