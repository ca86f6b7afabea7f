import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SELF_TEST_RECORD_SECONDS, type SelfTestEdge } from '../../domain/ops/self-test.ts';
import type { SelfTestRecorder } from '../../ports.ts';
import { keys } from '../../table.ts';
import { epochSeconds } from './plan-repository.ts';
import { conditionally } from './conditional.ts';

/**
 * Self-test records (`npm run ops:selftest`): one item per edge and run, written once. An
 * UpdateItem that creates the item, because UpdateItem is the only write the sender's role has;
 * the condition makes a redelivery write nothing.
 */
export class DynamoSelfTestRecorder implements SelfTestRecorder {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  recordSelfTest(edge: SelfTestEdge, nonce: string, at: Date, outcome?: string): Promise<boolean> {
    return conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.selfTest(nonce, edge),
          UpdateExpression: `SET #type = :type, recordedAt = :at, expiresAt = :expires${outcome ? ', outcome = :outcome' : ''}`,
          ConditionExpression: 'attribute_not_exists(pk)',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'self-test',
            ':at': at.toISOString(),
            ':expires': epochSeconds(at) + SELF_TEST_RECORD_SECONDS,
            ...(outcome ? { ':outcome': outcome } : {}),
          },
        }),
      ),
    );
  }
}
