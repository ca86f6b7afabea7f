import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryAfterSeconds, windowAt, type RateRule } from '../../domain/security/rate-limit.ts';
import type { RateDecision } from '../../domain/model.ts';
import type { RateLimiter } from '../../ports.ts';
import { keys } from '../../table.ts';

/** Counters outlive their window by this much, then TTL removes them. */
const TTL_SLACK_SECONDS = 3600;

/**
 * Fixed-window counters in the table (`LIMIT#<rule>#<subject>` / `<window start>`), one UpdateItem
 * per check: ADD 1 only while the count is below the limit. Concurrent requests are serialised by
 * DynamoDB on the one item, so a limit is never exceeded, and a refused request writes nothing.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async hit(rule: RateRule, subject: string, now: Date): Promise<RateDecision> {
    const window = windowAt(now, rule.windowSeconds, rule.offsetSeconds);
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.limit(rule.name, subject, window.start),
          UpdateExpression: 'ADD #count :one SET #type = :type, expiresAt = if_not_exists(expiresAt, :ttl)',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': rule.limit,
            ':type': 'limit',
            ':ttl': Math.floor(window.end.getTime() / 1000) + TTL_SLACK_SECONDS,
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { allowed: true, count: Number(Attributes?.count ?? 1) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return {
          allowed: false,
          retryAfterSeconds: retryAfterSeconds(now, rule.windowSeconds, rule.offsetSeconds),
        };
      }
      throw error;
    }
  }
}
