import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { keys } from '../../table.ts';
import type { PlanEvent } from '../../domain/model.ts';
import type { ProgressEvent } from '../../domain/plan/progress.ts';
import { type PatientEventStore } from '../../ports.ts';
import { epochSeconds } from './plan-repository.ts';
import { conditionally } from './conditional.ts';
import { markPatientOptedOut } from './reminder-ledger.ts';
import { pagedItems } from './paging.ts';

/** An inbound message's answer marker outlives any SNS redelivery (hours) by far. */
const REPLY_MARKER_DAYS = 7;

/** Replies of patients: session log events, answered-message markers, opt-out. */
export class DynamoPatientEventStore implements PatientEventStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordPlanEvent(event: PlanEvent): Promise<boolean> {
    return this.putOnce(eventItem(event));
  }

  async replacePlanEvent(event: PlanEvent): Promise<{ replaced: boolean; previousPain?: number }> {
    const { Attributes } = await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: eventItem(event), ReturnValues: 'ALL_OLD' }),
    );
    if (!Attributes) return { replaced: false };
    return typeof Attributes.pain === 'number'
      ? { replaced: true, previousPain: Attributes.pain }
      : { replaced: true };
  }

  /**
   * Access pattern 4 (shared/table.ts): the plan's own partition, its events only, done and pain
   * only, and only the attributes progress reads (never `text`, the patient's words). Strongly
   * consistent, so a page opened right after a Done shows it.
   */
  async sessionLog(planId: string): Promise<ProgressEvent[]> {
    const items = pagedItems((ExclusiveStartKey) =>
      this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
          FilterExpression: '#type IN (:done, :pain)',
          ProjectionExpression: '#type, #date, #slot, #pain',
          ExpressionAttributeNames: {
            '#type': 'eventType',
            '#date': 'localDate',
            '#slot': 'slot',
            '#pain': 'pain',
          },
          ExpressionAttributeValues: {
            ':pk': keys.plan(planId).pk,
            ':event': 'EVENT#',
            ':done': 'done' satisfies PlanEvent['type'],
            ':pain': 'pain' satisfies PlanEvent['type'],
          },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      ),
    );
    const events: ProgressEvent[] = [];
    for await (const item of items) {
      events.push({
        type: item.eventType as PlanEvent['type'],
        localDate: String(item.localDate),
        slot: Number(item.slot),
        ...(typeof item.pain === 'number' ? { pain: item.pain } : {}),
      });
    }
    return events;
  }

  async claimReply(inboundMessageId: string, phoneHash: string | undefined, at: Date): Promise<boolean> {
    return this.putOnce({
      ...keys.inboundReply(inboundMessageId),
      ...(phoneHash ? { gsi1pk: keys.patientIndex(phoneHash), gsi1sk: `INBOUND#${at.toISOString()}` } : {}),
      type: 'inbound-reply',
      at: at.toISOString(),
      expiresAt: epochSeconds(at) + REPLY_MARKER_DAYS * 86_400,
    });
  }

  async releaseReply(inboundMessageId: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: keys.inboundReply(inboundMessageId) }),
    );
  }

  async erasureAccepted(inboundMessageId: string): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.inboundReply(inboundMessageId),
        ConsistentRead: true,
      }),
    );
    // The erasure's answer is the one reply claimed without the patient's index (it must outlive them).
    return Item !== undefined && Item.gsi1pk === undefined;
  }

  markOptedOut(phoneHash: string, at: Date, before?: string): Promise<void> {
    return markPatientOptedOut(this.db, this.tableName, phoneHash, at, before);
  }

  async markOptedIn(phoneHash: string, at: Date): Promise<void> {
    await conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.patient(phoneHash),
          UpdateExpression: 'SET optedOut = :false, updatedAt = :now REMOVE optedOutAt, optedOutBefore',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':false': false, ':now': at.toISOString() },
        }),
      ),
    );
  }

  async requestErasure(phoneHash: string, at: Date, codeHash: string): Promise<void> {
    await conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.patient(phoneHash),
          UpdateExpression: 'SET erasureRequestedAt = :now, erasureCodeHash = :hash, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': at.toISOString(), ':hash': codeHash },
        }),
      ),
    );
  }

  private putOnce(item: Record<string, unknown>): Promise<boolean> {
    return conditionally(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }
}

/** A plan event's item: in the plan's partition, on the patient's index (so erasure finds it). */
function eventItem(event: PlanEvent): Record<string, unknown> {
  return {
    ...keys.planEvent(event.planId, event.at, event.type),
    gsi1pk: keys.patientIndex(event.phoneHash),
    gsi1sk: `EVENT#${event.at}`,
    type: 'event',
    eventType: event.type,
    planId: event.planId,
    at: event.at,
    localDate: event.localDate,
    slot: event.slot,
    ...(event.pain !== undefined ? { pain: event.pain } : {}),
    ...(event.text !== undefined ? { text: event.text } : {}),
    inboundMessageId: event.inboundMessageId,
    expiresAt: event.expiresAt,
  };
}
