import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../table.ts';
import type { PlanPageStore } from '../../ports.ts';
import { epochSeconds } from './plan-repository.ts';

/** The plan pages' links (access pattern 7 in shared/table.ts); activation writes them. */
export class DynamoPlanPageStore implements PlanPageStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findPlanId(tokenHash: string, at: Date): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.planPage(tokenHash),
        ProjectionExpression: 'planId, expiresAt',
      }),
    );
    // TTL deletes some time after expiry: an expired item is no link any more.
    if (!Item || typeof Item.planId !== 'string' || Number(Item.expiresAt) <= epochSeconds(at))
      return undefined;
    return Item.planId;
  }
}
