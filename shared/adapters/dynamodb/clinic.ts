/**
 * The clinic console's items in the one table (shared/table.ts): the roster and the link from a
 * phone hash to the patient's clinic id, invites, alerts and the audit log. Persistence only: what
 * raises an alert or who may do what is decided in the domain and the use cases.
 */
import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { alertId as alertIdOf, type Alert } from '../../domain/clinic/alerts.ts';
import type { AuditEntry, ClinicDelivery, ClinicEvent, RosterEntry } from '../../domain/clinic/roster.ts';
import type { PatientRecord, PlanRecord } from '../../domain/model.ts';
import type {
  AuditLog,
  ClinicAlertStore,
  ClinicDirectory,
  PatientRecords,
  StoredAlert,
  StoredInvite,
} from '../../ports.ts';
import { keys } from '../../table.ts';
import { epochSeconds, strip } from './plan-repository.ts';

/** Every item of a partition, page by page (the clinic's lists are one partition each). */
async function queryAll(
  db: DynamoDBDocumentClient,
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const ROSTER_FIELDS = [
  'patientId',
  'phoneHash',
  'source',
  'enrolledAt',
  'sealedReference',
  'inviteId',
] as const;

function rosterEntryOf(item: Record<string, unknown>): RosterEntry {
  const entry: Record<string, unknown> = {};
  for (const field of ROSTER_FIELDS) if (item[field] !== undefined) entry[field] = item[field];
  return entry as unknown as RosterEntry;
}

function eventOf(item: Record<string, unknown>): ClinicEvent {
  return {
    type: item.eventType as ClinicEvent['type'],
    at: String(item.at),
    localDate: String(item.localDate),
    slot: Number(item.slot),
    ...(item.pain !== undefined ? { pain: Number(item.pain) } : {}),
    ...(item.text !== undefined ? { text: String(item.text) } : {}),
  };
}

export class DynamoClinicDirectory implements ClinicDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async enrol(
    entry: RosterEntry,
    expiresAt: number,
    invite?: Pick<StoredInvite, 'tokenHash' | 'inviteId' | 'sealedReference'>,
  ): Promise<'enrolled' | 'invite-attached' | 'exists'> {
    const withInvite: RosterEntry = invite
      ? { ...entry, source: 'invite', inviteId: invite.inviteId, sealedReference: invite.sealedReference }
      : entry;
    const useInvite = invite
      ? [
          {
            Delete: {
              TableName: this.tableName,
              Key: keys.clinicInvite(invite.tokenHash),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        ]
      : [];
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.clinicLink(entry.phoneHash),
                  gsi1pk: keys.patientIndex(entry.phoneHash),
                  gsi1sk: 'CLINIC#LINK',
                  type: 'clinic-link',
                  patientId: entry.patientId,
                  expiresAt,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.clinicPatient(entry.patientId),
                  gsi1pk: keys.patientIndex(entry.phoneHash),
                  gsi1sk: 'CLINIC#ROSTER',
                  type: 'clinic-patient',
                  ...withInvite,
                  expiresAt,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...useInvite,
          ],
        }),
      );
      return 'enrolled';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((r) => r.Code);
      // The invite was used meanwhile: the patient is enrolled as self-enrolled.
      if (invite && reasons[2] === 'ConditionalCheckFailed' && reasons[0] !== 'ConditionalCheckFailed')
        return this.enrol(entry, expiresAt);
      if (reasons[0] !== 'ConditionalCheckFailed') throw error;
    }
    // On the roster already (a new plan of the same patient): an invite gives the entry its reference.
    const patientId = await this.patientIdOf(entry.phoneHash);
    if (!invite || !patientId) return 'exists';
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.clinicPatient(patientId),
                UpdateExpression: 'SET #source = :invite, inviteId = :inviteId, sealedReference = :reference',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#source': 'source' },
                ExpressionAttributeValues: {
                  ':invite': 'invite',
                  ':inviteId': invite.inviteId,
                  ':reference': invite.sealedReference,
                },
              },
            },
            ...useInvite,
          ],
        }),
      );
      return 'invite-attached';
    } catch (error) {
      if (error instanceof TransactionCanceledException) return 'exists';
      throw error;
    }
  }

  async extend(patientId: string, phoneHash: string, expiresAt: number): Promise<void> {
    for (const Key of [keys.clinicPatient(patientId), keys.clinicLink(phoneHash)]) {
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: 'SET expiresAt = :ttl',
            // Never shortened: an older plan's event must not cut a newer plan's retention.
            ConditionExpression: 'attribute_exists(pk) AND expiresAt < :ttl',
            ExpressionAttributeValues: { ':ttl': expiresAt },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  async patientIdOf(phoneHash: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.clinicLink(phoneHash), ConsistentRead: true }),
    );
    return Item ? String(Item.patientId) : undefined;
  }

  async roster(): Promise<RosterEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.clinicPatient('').pk },
    });
    return items.map(rosterEntryOf);
  }

  async rosterEntry(patientId: string): Promise<RosterEntry | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.clinicPatient(patientId), ConsistentRead: true }),
    );
    return Item ? rosterEntryOf(Item) : undefined;
  }

  async setReference(patientId: string, sealedReference: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.clinicPatient(patientId),
          UpdateExpression: 'SET sealedReference = :reference',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':reference': sealedReference },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async putInvite(invite: StoredInvite): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.clinicInvite(invite.tokenHash),
          type: 'clinic-invite',
          ...invite,
          expiresAt: epochSeconds(invite.validUntil),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findInvite(tokenHash: string, at: Date): Promise<StoredInvite | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.clinicInvite(tokenHash), ConsistentRead: true }),
    );
    const invite = strip<StoredInvite>(Item);
    // TTL deletes late: an expired invite opens nothing, whether or not it is gone yet.
    return invite && Date.parse(invite.validUntil) > at.getTime() ? invite : undefined;
  }

  async invites(at: Date): Promise<StoredInvite[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.clinicInvite('').pk },
    });
    return items
      .map((item) => strip<StoredInvite>(item)!)
      .filter((invite) => Date.parse(invite.validUntil) > at.getTime());
  }

  async records(phoneHash: string): Promise<PatientRecords> {
    const { Item: profile } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.patient(phoneHash), ConsistentRead: true }),
    );
    const patient = strip<PatientRecord>(profile);
    const planId = patient?.currentPlanId ?? (await this.newestPlanId(phoneHash));
    if (!planId) return { ...(patient ? { patient } : {}), deliveries: {}, events: [] };
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.plan(planId), ConsistentRead: true }),
    );
    const plan = strip<PlanRecord>(Item);
    return {
      ...(patient ? { patient } : {}),
      ...(plan ? { plan } : {}),
      deliveries: (Item?.deliveries as Record<string, ClinicDelivery> | undefined) ?? {},
      events: plan ? await this.planEvents(planId) : [],
    };
  }

  /**
   * A patient who has no profile yet (enrolled through an invite, the code not yet confirmed): the
   * newest plan on the patient's index.
   */
  private async newestPlanId(phoneHash: string): Promise<string | undefined> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :plan)',
        ExpressionAttributeValues: { ':pk': keys.patientIndex(phoneHash), ':plan': 'PLAN#' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const pk = Items?.[0]?.pk;
    return typeof pk === 'string' ? pk.slice('PLAN#'.length) : undefined;
  }

  async planEvents(planId: string): Promise<ClinicEvent[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
      ExpressionAttributeValues: { ':pk': keys.plan(planId).pk, ':event': 'EVENT#' },
      ConsistentRead: true,
    });
    return items.map(eventOf);
  }
}

export class DynamoClinicAlertStore implements ClinicAlertStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async raise(alert: Alert, phoneHash: string, raisedAt: Date, expiresAt: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.clinicAlert(alert.alertId),
            gsi1pk: keys.patientIndex(phoneHash),
            gsi1sk: `ALERT#${alert.at}`,
            type: 'clinic-alert',
            ...alert,
            raisedAt: raisedAt.toISOString(),
            state: 'open',
            expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(alertId: string): Promise<StoredAlert | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.clinicAlert(alertId), ConsistentRead: true }),
    );
    return strip<StoredAlert>(Item);
  }

  async markEmailed(alertId: string, at: Date): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.clinicAlert(alertId),
          UpdateExpression: 'SET emailedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
    } catch (error) {
      // Erased meanwhile: nothing left to mark.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async list(): Promise<StoredAlert[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.clinicAlert('').pk },
    });
    return items.map((item) => strip<StoredAlert>(item)!);
  }

  /**
   * The patient's alerts on their index (newest first, up to `at`), the plan's newest red-flag one
   * by its key (alertId: kind~plan~cause), and one conditional write on it.
   */
  async markMisread(phoneHash: string, planId: string, at: string): Promise<string | undefined> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.patientIndex(phoneHash),
          ':from': 'ALERT#',
          ':to': `ALERT#${at}`,
        },
        ScanIndexForward: false,
      }),
    );
    const prefix = keys.clinicAlert(alertIdOf('red-flag', planId, '')).sk;
    const hit = Items.find((item) => String(item.sk).startsWith(prefix));
    if (!hit) return undefined;
    const id = String(hit.sk).slice(keys.clinicAlert('').sk.length);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.clinicAlert(id),
          UpdateExpression: 'SET misreadAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return id;
    } catch (error) {
      // Erased meanwhile: nothing left to mark.
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async acknowledge(alertId: string, by: string, at: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.clinicAlert(alertId),
          UpdateExpression: 'SET #state = :acknowledged, acknowledgedAt = :at, acknowledgedBy = :by',
          ConditionExpression: '#state = :open',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':acknowledged': 'acknowledged',
            ':open': 'open',
            ':at': at.toISOString(),
            ':by': by,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.clinicAudit(entry.at, randomBytes(6).toString('hex')),
          type: 'clinic-audit',
          ...entry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async month(month: string): Promise<AuditEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.clinicAudit(`${month}-01`, '').pk },
      ScanIndexForward: false,
    });
    return items.map((item) => strip<AuditEntry>(item)!);
  }
}
