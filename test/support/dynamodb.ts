import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { ensureTable } from '../../shared/adapters/dynamodb/table-admin.ts';
import { outsideFunctions, recordAwsCalls } from '../../local/aws-calls.ts';

export interface TestTable {
  tableName: string;
  client: DynamoDBClient;
  db: DynamoDBDocumentClient;
  /** Every item in the table, for tests that prove nothing (or exactly something) was written. */
  scanAll(): Promise<Record<string, unknown>[]>;
}

export function localClientConfig() {
  return {
    endpoint: inject('dynamoDbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}

/** A fresh table (from the one definition) in DynamoDB Local for this test file, deleted after it. */
export function useTestTable(): TestTable {
  const table = {} as TestTable;
  beforeAll(async () => {
    table.tableName = `test-${randomUUID().slice(0, 8)}`;
    table.client = new DynamoDBClient(localClientConfig());
    table.db = recordAwsCalls(createDocumentClient(localClientConfig()));
    await ensureTable(table.client, table.tableName);
    table.scanAll = async () => {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await outsideFunctions(() =>
          table.db.send(
            new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey }),
          ),
        );
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    };
  });
  afterAll(async () => {
    await table.client?.send(new DeleteTableCommand({ TableName: table.tableName }));
    table.client?.destroy();
  });
  return table;
}
