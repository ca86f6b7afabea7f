import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { toLambdaRecord } from '../../local/stream.ts';
import { localClientConfig, type TestTable } from './dynamodb.ts';

/**
 * Reads a test table's stream in DynamoDB Local and hands back the records as Lambda delivers them
 * (DynamoDBStreamEvent shape), oldest first. Real records from AWS's engine: what schedule-sync
 * sees, including the claim and outcome updates it must ignore.
 */
export function useStream(table: TestTable) {
  let client: DynamoDBStreamsClient | undefined;

  async function all(): Promise<DynamoDBRecord[]> {
    client ??= new DynamoDBStreamsClient(localClientConfig());
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    const StreamArn = Table!.LatestStreamArn!;
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn }));
    const records: DynamoDBRecord[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      let { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn,
          ShardId: shard.ShardId!,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      while (ShardIterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator }));
        if (!page.Records?.length) break;
        records.push(...page.Records.map((r) => toLambdaRecord(r, StreamArn, 'us-east-1')));
        ShardIterator = page.NextShardIterator;
      }
    }
    return records.sort((a, b) =>
      BigInt(a.dynamodb!.SequenceNumber!) < BigInt(b.dynamodb!.SequenceNumber!) ? -1 : 1,
    );
  }

  return {
    /** Every record so far, oldest first. */
    records: all,
    /** Every record so far of the item with this partition key. */
    async recordsOf(pk: string): Promise<DynamoDBRecord[]> {
      return (await all()).filter((r) => r.dynamodb?.Keys?.pk?.S === pk);
    },
    event(records: DynamoDBRecord[]): DynamoDBStreamEvent {
      return { Records: records };
    },
    close() {
      client?.destroy();
    },
  };
}
