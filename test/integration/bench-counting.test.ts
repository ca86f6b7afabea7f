// The request counter the cost benchmark rests on (bench/lib/counting.ts), against DynamoDB Local.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { countRequests } from '../../bench/lib/counting.ts';
import { useTestTable } from '../support/dynamodb.ts';

const table = useTestTable();

describe('the benchmark request counter', () => {
  it('counts every request, adds up the capacity DynamoDB reports, and stops when told', async () => {
    const counter = countRequests(table.db);
    const Key = { pk: 'BENCH#1', sk: 'X' };
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: { ...Key, n: 1 } }));
    await table.db.send(new GetCommand({ TableName: table.tableName, Key, ConsistentRead: true }));
    await expect(
      table.db.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key,
          UpdateExpression: 'SET n = :two',
          ConditionExpression: 'n = :zero',
          ExpressionAttributeValues: { ':two': 2, ':zero': 0 },
        }),
      ),
    ).rejects.toThrow();
    expect(counter.counts.requests).toBe(3);
    expect(counter.counts.failed).toBe(1);
    expect(counter.counts.byCommand).toEqual({ PutItemCommand: 1, GetItemCommand: 1, UpdateItemCommand: 1 });
    // A 1 KB write and a strongly consistent read: one unit each, on the table.
    expect(counter.counts.capacityUnits).toBe(2);
    expect(counter.counts.tableUnits).toBe(2);

    counter.reset();
    counter.stop();
    await table.db.send(new GetCommand({ TableName: table.tableName, Key }));
    expect(counter.counts.requests).toBe(0);
  });
});
