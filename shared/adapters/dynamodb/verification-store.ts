import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { StateConflictError, type VerificationState } from '../../domain/model.ts';
import { type VerificationStore } from '../../ports.ts';
import { keys } from '../../table.ts';

/**
 * The verification map on a plan item. A try is counted by one conditional increment (DynamoDB
 * serialises racing ones on the item, so each gets a try of its own and none past the limit); a
 * code is replaced only in the state the caller read (code hash, try and send counts), so racing
 * resends cannot both replace it.
 */
export class DynamoVerificationStore implements VerificationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async countTry(planId: string, at: Date, maxAttempts: number): Promise<VerificationState | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.plan(planId),
          UpdateExpression: 'SET #v.#attempts = #v.#attempts + :one, updatedAt = :now',
          ConditionExpression:
            '#status = :pending AND attribute_not_exists(#v.#lockedAt) AND #v.#attempts < :max ' +
            'AND #v.#expiresAt > :now',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#v': 'verification',
            '#attempts': 'attempts',
            '#lockedAt': 'lockedAt',
            '#expiresAt': 'expiresAt',
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ':max': maxAttempts,
            ':pending': 'pending_verification',
            ':now': at.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes?.verification as VerificationState;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async lock(planId: string, at: Date): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.plan(planId),
          UpdateExpression: 'SET #v.#lockedAt = :now, updatedAt = :now',
          ConditionExpression: '#status = :pending AND attribute_not_exists(#v.#lockedAt)',
          ExpressionAttributeNames: { '#status': 'status', '#v': 'verification', '#lockedAt': 'lockedAt' },
          ExpressionAttributeValues: { ':pending': 'pending_verification', ':now': at.toISOString() },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new StateConflictError(`plan ${planId}: not pending, or locked already`, { cause: error });
      }
      throw error;
    }
  }

  async replaceCode(
    planId: string,
    seen: VerificationState,
    next: VerificationState,
    at: Date,
  ): Promise<void> {
    await this.update(planId, seen, {
      UpdateExpression: 'SET #v = :next, updatedAt = :now',
      ExpressionAttributeNames: {},
      ExpressionAttributeValues: { ':next': next, ':now': at.toISOString() },
    });
  }

  async markVerified(planId: string, at: Date): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.plan(planId),
          UpdateExpression: 'SET #v.verifiedAt = :now',
          ConditionExpression: 'attribute_exists(#v) AND attribute_not_exists(#v.verifiedAt)',
          ExpressionAttributeNames: { '#v': 'verification' },
          ExpressionAttributeValues: { ':now': at.toISOString() },
        }),
      );
    } catch (error) {
      // Already noted (a repeated confirmation): nothing to do.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private async update(
    planId: string,
    seen: VerificationState,
    change: Required<
      Pick<UpdateCommandInput, 'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>
    >,
  ): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.plan(planId),
          UpdateExpression: change.UpdateExpression,
          ConditionExpression:
            '#status = :pending AND #v.#codeHash = :hash AND #v.#attempts = :attempts AND #v.#sends = :sends ' +
            'AND attribute_not_exists(#v.#lockedAt)',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#v': 'verification',
            '#codeHash': 'codeHash',
            '#attempts': 'attempts',
            '#sends': 'sends',
            '#lockedAt': 'lockedAt',
            ...change.ExpressionAttributeNames,
          },
          ExpressionAttributeValues: {
            ':pending': 'pending_verification',
            ':hash': seen.codeHash,
            ':attempts': seen.attempts,
            ':sends': seen.sends,
            ...change.ExpressionAttributeValues,
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new StateConflictError(`plan ${planId}: verification changed meanwhile or plan not pending`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}
