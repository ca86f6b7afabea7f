import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { conditionally } from './conditional.ts';
import { keys } from '../../table.ts';
import {
  type ClaimRequest,
  type ClaimResult,
  type DeliveryEntry,
  type PlanRecord,
  type PlanWithDeliveries,
} from '../../domain/model.ts';
import type { StatusChange } from '../../domain/plan/lifecycle.ts';
import type {
  ClaimHolder,
  DeliveryOutcomeStore,
  OutcomeRecorded,
  ReminderLedger,
  SettleRequest,
} from '../../ports.ts';
import type { DeliveryOutcomeRecord } from '../../domain/messaging/sms-delivery.ts';
import { DynamoPlanRepository, strip } from './plan-repository.ts';
import { prunableKeys } from '../../domain/scheduling/reminders.ts';

type Item = Record<string, unknown>;

function withDeliveries(item: Item): PlanWithDeliveries {
  return {
    plan: strip<PlanRecord>(item)!,
    deliveries: (item.deliveries as Record<string, DeliveryEntry> | undefined) ?? {},
  };
}

/** DynamoDB refuses `SET deliveries.#key` when the item has no `deliveries` map at all. */
function isMissingMap(error: unknown): boolean {
  return (
    (error as { name?: string })?.name === 'ValidationException' &&
    /document path/i.test((error as Error).message)
  );
}

/** The patient asked for no more texts (STOP, or SNS says the number opted out). Idempotent. */
export async function markPatientOptedOut(
  db: DynamoDBDocumentClient,
  tableName: string,
  phoneHash: string,
  at: Date,
  before?: string,
): Promise<void> {
  await conditionally(
    db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.patient(phoneHash),
        // The first opt-out's state is the one to restore (a repeat finds the plan stopped).
        UpdateExpression:
          'SET optedOut = :true, optedOutAt = if_not_exists(optedOutAt, :now), updatedAt = :now' +
          (before ? ', optedOutBefore = if_not_exists(optedOutBefore, :before)' : ''),
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':true': true,
          ':now': at.toISOString(),
          ...(before ? { ':before': before } : {}),
        },
      }),
    ),
  );
}

/**
 * Reminder claims and outcomes in the plan item's `deliveries` map. The claim is ONE UpdateItem
 * that both claims and reads the plan (ReturnValues ALL_NEW), and whose refusal says why
 * (ReturnValuesOnConditionCheckFailure ALL_OLD); the outcome is one more. See docs/PATIENTS.md, "Reminders
 * and replies".
 */
export class DynamoReminderLedger implements ReminderLedger, DeliveryOutcomeStore {
  private readonly plans: DynamoPlanRepository;
  /**
   * Housekeeping of the single-item design: the old delivery records a claim saw, by its token,
   * dropped in the same write that settles it (so the map never grows and costs no extra request).
   */
  private readonly prunable = new Map<string, string[]>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.plans = new DynamoPlanRepository(db, tableName);
  }

  async claim(planId: string, key: string, claim: ClaimRequest): Promise<ClaimResult> {
    const entry: DeliveryEntry = {
      state: 'sending',
      at: claim.at.toISOString(),
      token: claim.token,
      leaseUntil: claim.leaseUntil.toISOString(),
      ...(claim.slot !== undefined ? { slot: claim.slot } : {}),
    };
    const result = await this.setIfFree(planId, key, entry, claim.at, true);
    if (result.ok) {
      const claimed = withDeliveries(result.item);
      const old = prunableKeys(Object.keys(claimed.deliveries), claim.at).filter((k) => k !== key);
      if (old.length) this.prunable.set(claim.token, old);
      return { outcome: 'claimed', ...claimed };
    }
    if (!result.item) return { outcome: 'plan-missing' };
    const found = withDeliveries(result.item);
    const existing = found.deliveries[key];
    if (existing && existing.state !== 'sending')
      return { outcome: 'already-done', entry: existing, ...found };
    if (existing && existing.leaseUntil! >= claim.at.toISOString()) {
      return { outcome: 'lease-held', entry: existing, ...found };
    }
    return { outcome: 'not-active', ...found };
  }

  async recordSkip(planId: string, key: string, entry: DeliveryEntry) {
    const result = await this.setIfFree(planId, key, entry, new Date(entry.at), false);
    if (!result.item) return undefined;
    return { recorded: result.ok, ...withDeliveries(result.item) };
  }

  async settle({ planId, key, token, entry }: SettleRequest): Promise<boolean> {
    const old = this.prunable.get(token) ?? [];
    this.prunable.delete(token);
    const removeNames = Object.fromEntries(old.map((k, i) => [`#p${i}`, k]));
    return this.updatePlan(planId, {
      UpdateExpression:
        'SET deliveries.#key = :entry' +
        (old.length
          ? ` REMOVE ${Object.keys(removeNames)
              .map((n) => `deliveries.${n}`)
              .join(', ')}`
          : ''),
      ConditionExpression: 'deliveries.#key.#token = :token',
      ExpressionAttributeNames: { '#key': key, '#token': 'token', ...removeNames },
      ExpressionAttributeValues: { ':entry': { ...entry, token }, ':token': token },
    });
  }

  async release({ planId, key, token }: ClaimHolder): Promise<void> {
    this.prunable.delete(token);
    await this.updatePlan(planId, {
      UpdateExpression: 'REMOVE deliveries.#key',
      ConditionExpression: 'deliveries.#key.#token = :token AND deliveries.#key.#state = :sending',
      ExpressionAttributeNames: { '#key': key, '#token': 'token', '#state': 'state' },
      ExpressionAttributeValues: { ':token': token, ':sending': 'sending' },
    });
  }

  changeStatus(planId: string, change: StatusChange, at: Date): Promise<boolean> {
    return this.plans.changeStatus(planId, change, at);
  }

  markOptedOut(phoneHash: string, at: Date): Promise<void> {
    return markPatientOptedOut(this.db, this.tableName, phoneHash, at);
  }

  /**
   * One strongly consistent read of the plan's delivery records (only them), then one update of the
   * record that carries the message id, conditional on it still carrying it (pruning may race).
   */
  async recordOutcome(
    planId: string,
    messageId: string,
    outcome: DeliveryOutcomeRecord,
    now: Date,
  ): Promise<OutcomeRecorded> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.plan(planId),
        ProjectionExpression: 'deliveries',
        ConsistentRead: true,
      }),
    );
    const deliveries = (Item?.deliveries as Record<string, DeliveryEntry> | undefined) ?? {};
    const key = Object.keys(deliveries).find((k) => deliveries[k]!.messageId === messageId);
    if (key === undefined) {
      const settling = Object.values(deliveries).some(
        (e) => e.state === 'sending' && e.leaseUntil !== undefined && e.leaseUntil >= now.toISOString(),
      );
      return settling ? 'pending' : 'unknown';
    }
    const fields = Object.entries(outcome);
    const recorded = await this.updatePlan(planId, {
      UpdateExpression: `SET ${fields.map((_, i) => `deliveries.#key.#f${i} = :v${i}`).join(', ')}`,
      ConditionExpression: 'deliveries.#key.#messageId = :messageId',
      ExpressionAttributeNames: {
        '#key': key,
        '#messageId': 'messageId',
        ...Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])),
      },
      ExpressionAttributeValues: {
        ':messageId': messageId,
        ...Object.fromEntries(fields.map(([, value], i) => [`:v${i}`, value])),
      },
    });
    return recorded ? 'recorded' : 'unknown';
  }

  /**
   * Writes `entry` under `key` if the key is free: no record, or a `sending` claim whose lease
   * ended before `now` (and, for a claim, only while the plan is active). Returns the item after
   * the write, or the item as it was when refused (undefined: no such plan).
   */
  private async setIfFree(
    planId: string,
    key: string,
    entry: DeliveryEntry,
    now: Date,
    requireActive: boolean,
  ): Promise<{ ok: true; item: Item } | { ok: false; item: Item | undefined }> {
    const command = () =>
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.plan(planId),
        UpdateExpression: 'SET deliveries.#key = :entry',
        ConditionExpression:
          'attribute_exists(pk)' +
          (requireActive ? ' AND #status = :active' : '') +
          ' AND (attribute_not_exists(deliveries.#key) OR (deliveries.#key.#state = :sending AND deliveries.#key.#lease < :now))',
        ExpressionAttributeNames: {
          '#key': key,
          '#state': 'state',
          '#lease': 'leaseUntil',
          ...(requireActive ? { '#status': 'status' } : {}),
        },
        ExpressionAttributeValues: {
          ':entry': entry,
          ':sending': 'sending',
          ':now': now.toISOString(),
          ...(requireActive ? { ':active': 'active' } : {}),
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
    for (let attempt = 0; ; attempt++) {
      try {
        const { Attributes } = await this.db.send(command());
        return { ok: true, item: Attributes! };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          return { ok: false, item: error.Item ? unmarshall(error.Item) : undefined };
        }
        // A plan item written without the map (older data, hand-made items): add it, then retry.
        if (attempt === 0 && isMissingMap(error)) {
          await this.addDeliveriesMap(planId);
          continue;
        }
        throw error;
      }
    }
  }

  private async addDeliveriesMap(planId: string): Promise<void> {
    await this.updatePlan(planId, {
      UpdateExpression: 'SET deliveries = if_not_exists(deliveries, :empty)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':empty': {} },
    });
  }

  /** A conditional update of the plan item; false when the condition failed. */
  private updatePlan(planId: string, input: Omit<UpdateCommandInput, 'TableName' | 'Key'>): Promise<boolean> {
    return conditionally(
      this.db.send(new UpdateCommand({ TableName: this.tableName, Key: keys.plan(planId), ...input })),
    );
  }
}
