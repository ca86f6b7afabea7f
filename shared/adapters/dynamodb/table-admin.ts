import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TABLE } from '../../table.ts';

/** CreateTable input from the one table definition (CDK builds its TableV2 from the same object). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const gsiKeys = TABLE.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey]);
  const attributeNames = [...new Set([TABLE.partitionKey, TABLE.sortKey, ...gsiKeys])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeNames.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((g) => ({
      IndexName: g.indexName,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' },
        { AttributeName: g.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: g.projection },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.streamView },
  };
}

/** Creates the table (for DynamoDB Local) if it does not exist; returns its stream ARN. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<string | undefined> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    await waitUntilTableExists(
      { client, maxWaitTime: 30, minDelay: 0.1, maxDelay: 0.5 },
      { TableName: tableName },
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return Table?.LatestStreamArn;
}
