import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { StateConflictError, type VerificationState, type VerificationStore } from '../../ports.ts';
import { keys } from '../../table.ts';

/**
 * The verification map on a plan item. Every change is conditional on the plan still pending and on
 * the code hash, try count and send count the caller read, so racing requests cannot both count a
 * try as the same one, or both replace the code.
 */
export class DynamoVerificationStore implements VerificationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordWrongCode(planId: string, seen: VerificationState, at: Date, lock: boolean): Promise<void> {
    await this.update(planId, seen, {
      UpdateExpression: lock
        ? 'SET #v.#attempts = #v.#attempts + :one, #v.#lockedAt = :now, updatedAt = :now'
        : 'SET #v.#attempts = #v.#attempts + :one, updatedAt = :now',
      ExpressionAttributeNames: {},
      ExpressionAttributeValues: { ':one': 1, ':now': at.toISOString() },
    });
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
