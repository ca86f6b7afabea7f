/**
 * The clinic console's items in the one table (shared/table.ts): the roster and the link from a
 * phone hash to the patient's clinic id, invites, alerts and the audit log. Persistence only: what
 * raises an alert or who may do what is decided in the domain and the use cases.
 */
import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  alertId as alertIdOf,
  alertTier,
  episodeStep,
  inboxKey,
  openEpisode,
  repeated,
  type Alert,
  type AlertTier,
} from '../../domain/clinic/alerts.ts';
import {
  auditKindOf,
  type AuditEntry,
  type ClinicDelivery,
  type ClinicEvent,
  type RosterEntry,
} from '../../domain/clinic/roster.ts';
import { InvalidCursorError } from '../../domain/model.ts';
import type { PatientRecord, PlanRecord } from '../../domain/model.ts';
import type {
  AuditLog,
  ClinicAlertStore,
  ClinicDirectory,
  EnrolmentInvite,
  PatientRecords,
  RaiseOutcome,
  StoredAlert,
  StoredInvite,
} from '../../ports.ts';
import { conditionally } from './conditional.ts';
import { keys, patientIndexed } from '../../table.ts';
import { epochSeconds, strip } from './plan-repository.ts';
import { putNew, transact, type TableWrite } from './transaction.ts';
import { pagedItems } from './paging.ts';

/** Every item of a partition, page by page (the clinic's lists are one partition each). */
async function queryAll(
  db: DynamoDBDocumentClient,
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<Record<string, unknown>[]> {
  const pages = pagedItems((ExclusiveStartKey) => db.send(new QueryCommand({ ...input, ExclusiveStartKey })));
  const items: Record<string, unknown>[] = [];
  for await (const item of pages) items.push(item);
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

/**
 * An audit entry as an item: a random suffix, or `key` for an entry that must be written once. An
 * action on a patient is also on gsi2 under the patient's id (their timeline); reads are not.
 */
function auditItem(entry: AuditEntry, key?: string) {
  const id = key ?? randomBytes(6).toString('hex');
  return {
    ...keys.clinicAudit(entry.at, id),
    type: 'clinic-audit',
    ...entry,
    ...(entry.patientId && auditKindOf(entry.action) === 'changes'
      ? { gsi2pk: keys.clinicList.patientAudit(entry.patientId), gsi2sk: `${entry.at}#${id}` }
      : {}),
  };
}

/** One page of a Query, newest first, of the items before `before` (an ISO instant). */
async function newestBefore(
  db: DynamoDBDocumentClient,
  input: {
    TableName: string;
    IndexName?: string;
    pkName: string;
    pk: string;
    skName: string;
    prefix: string;
  },
  before: string | undefined,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: input.TableName,
      ...(input.IndexName ? { IndexName: input.IndexName } : {}),
      KeyConditionExpression: !input.prefix
        ? `${input.pkName} = :pk${before ? ` AND ${input.skName} < :before` : ''}`
        : before
          ? `${input.pkName} = :pk AND ${input.skName} BETWEEN :from AND :before`
          : `${input.pkName} = :pk AND begins_with(${input.skName}, :from)`,
      ExpressionAttributeValues: {
        ':pk': input.pk,
        ...(input.prefix ? { ':from': input.prefix } : {}),
        ...(before ? { ':before': `${input.prefix}${before}` } : {}),
      },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  // BETWEEN is inclusive: what sits exactly at `before` was on the page before.
  return before ? Items.filter((i) => String(i[input.skName]) < `${input.prefix}${before}`) : Items;
}

export class DynamoClinicDirectory implements ClinicDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async enrol(
    entry: RosterEntry,
    expiresAt: number,
    invite?: EnrolmentInvite,
  ): Promise<'enrolled' | 'invite-gone' | 'exists'> {
    const withInvite: RosterEntry = invite
      ? { ...entry, source: 'invite', inviteId: invite.inviteId, sealedReference: invite.sealedReference }
      : entry;
    const cancelled = await transact(this.db, this.tableName, [
      putNew({
        ...keys.clinicLink(entry.phoneHash),
        ...patientIndexed(entry.phoneHash, 'CLINIC#LINK'),
        type: 'clinic-link',
        patientId: entry.patientId,
        expiresAt,
      }),
      putNew({
        ...keys.clinicPatient(entry.patientId),
        ...patientIndexed(entry.phoneHash, 'CLINIC#ROSTER'),
        type: 'clinic-patient',
        ...withInvite,
        expiresAt,
      }),
      ...(invite ? this.useInvite(invite) : []),
    ]);
    if (!cancelled) return 'enrolled';
    if (cancelled.reasons[0] === 'ConditionalCheckFailed') return 'exists';
    // The invite was used meanwhile: the patient is enrolled as self-enrolled.
    if (invite && cancelled.reasons[2] === 'ConditionalCheckFailed') {
      const outcome = await this.enrol(entry, expiresAt);
      return outcome === 'enrolled' ? 'invite-gone' : outcome;
    }
    throw cancelled.error;
  }

  async attachInvite(
    patientId: string,
    invite: EnrolmentInvite,
  ): Promise<'attached' | 'has-reference' | 'invite-gone' | 'no-patient'> {
    const cancelled = await transact(this.db, this.tableName, [
      {
        Update: {
          Key: keys.clinicPatient(patientId),
          UpdateExpression: 'SET #source = :invite, inviteId = :inviteId, sealedReference = :reference',
          // Never over a reference: changing one is a staff action (the console's, audited).
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(sealedReference)',
          ExpressionAttributeNames: { '#source': 'source' },
          ExpressionAttributeValues: {
            ':invite': 'invite',
            ':inviteId': invite.inviteId,
            ':reference': invite.sealedReference,
          },
        },
      },
      ...this.useInvite(invite),
    ]);
    if (!cancelled) return 'attached';
    const [entry, used] = cancelled.reasons;
    if (entry === 'ConditionalCheckFailed')
      return (await this.rosterEntry(patientId)) ? 'has-reference' : 'no-patient';
    if (used === 'ConditionalCheckFailed') return 'invite-gone';
    throw cancelled.error;
  }

  /** The invite used up, and the audit entry that says so, in the write that attaches it. */
  private useInvite(invite: EnrolmentInvite): TableWrite[] {
    return [
      { Delete: { Key: keys.clinicInvite(invite.tokenHash), ConditionExpression: 'attribute_exists(pk)' } },
      ...(invite.audit ? [putNew(auditItem(invite.audit.entry, invite.audit.key))] : []),
    ];
  }

  async extend(patientId: string, phoneHash: string, expiresAt: number): Promise<void> {
    for (const Key of [keys.clinicPatient(patientId), keys.clinicLink(phoneHash)]) {
      await conditionally(
        this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: 'SET expiresAt = :ttl',
            // Never shortened: an older plan's event must not cut a newer plan's retention.
            ConditionExpression: 'attribute_exists(pk) AND expiresAt < :ttl',
            ExpressionAttributeValues: { ':ttl': expiresAt },
          }),
        ),
      );
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
    return conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.clinicPatient(patientId),
          UpdateExpression: 'SET sealedReference = :reference',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':reference': sealedReference },
        }),
      ),
    );
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
    // TTL deletes late: an expired invite opens nothing, whether or not it is gone yet; nor a revoked one.
    return invite && !invite.revokedAt && Date.parse(invite.validUntil) > at.getTime() ? invite : undefined;
  }

  async invites(at: Date): Promise<StoredInvite[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.clinicInvite('').pk },
    });
    return items
      .map((item) => strip<StoredInvite>(item)!)
      .filter((invite) => !invite.revokedAt && Date.parse(invite.validUntil) > at.getTime());
  }

  async revokeInvite(tokenHash: string, by: string, at: Date): Promise<boolean> {
    return conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.clinicInvite(tokenHash),
          // An update, not a delete: the console deletes nothing but by erasure; TTL takes it.
          UpdateExpression: 'SET revokedAt = :at, revokedBy = :by REMOVE nonce',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at.toISOString(), ':by': by },
        }),
      ),
    );
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

  /** A text of the plan with what became of it, kept for the whole plan (the map keeps two days). */
  async logText(
    planId: string,
    phoneHash: string,
    key: string,
    entry: ClinicDelivery,
    expiresAt: number | undefined,
  ): Promise<void> {
    const {
      token: _token,
      leaseUntil: _lease,
      ...kept
    } = entry as ClinicDelivery & {
      token?: string;
      leaseUntil?: string;
    };
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.planText(planId, key),
          gsi1pk: keys.patientIndex(phoneHash),
          gsi1sk: `TEXT#${key}`,
          type: 'plan-text',
          key,
          ...kept,
          ...(expiresAt !== undefined ? { expiresAt } : {}),
        },
      }),
    );
  }

  /** The plan's texts, newest first, before `before`. */
  async textsPage(planId: string, before: string | undefined, limit: number) {
    const items = await newestBefore(
      this.db,
      { TableName: this.tableName, pkName: 'pk', pk: keys.plan(planId).pk, skName: 'sk', prefix: 'TEXT#' },
      before,
      limit,
    );
    return items.map((i) => ({ key: String(i.key), entry: strip<ClinicDelivery>(i)! }));
  }

  /** The plan's events, newest first, before `before`. */
  async eventsPage(planId: string, before: string | undefined, limit: number): Promise<ClinicEvent[]> {
    const items = await newestBefore(
      this.db,
      { TableName: this.tableName, pkName: 'pk', pk: keys.plan(planId).pk, skName: 'sk', prefix: 'EVENT#' },
      before,
      limit,
    );
    return items.map(eventOf);
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

/** A stored alert as an episode; alerts stored before episodes count once, at their cause's tier. */
function episodeOf(item: Record<string, unknown>): StoredAlert {
  const alert = strip<StoredAlert>(item)!;
  return {
    ...alert,
    count: alert.count ?? 1,
    lastAt: alert.lastAt ?? alert.at,
    tier: alert.tier ?? alertTier(alert.kind, alert.detail ?? {}),
    // An alert emailed before tiers were noted was emailed at its tier.
    ...(alert.emailedAt && !alert.emailedTier
      ? { emailedTier: alert.tier ?? alertTier(alert.kind, alert.detail ?? {}) }
      : {}),
  };
}

/** gsi2's partition of closed alerts, newest first. */
const CLOSED_ALERTS = 'CLINIC#CLOSED';

function decodeAlertCursor(cursor: string | undefined, gsi2pk: string): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const names = Object.keys(key).sort().join(',');
    if (
      names === 'gsi2pk,gsi2sk,pk,sk' &&
      key.gsi2pk === gsi2pk &&
      Object.values(key).every((v) => typeof v === 'string' && v.length <= 400)
    )
      return key;
  } catch {
    // refused below
  }
  throw new InvalidCursorError('cursor is not one this list gave');
}

/** How many times a raise reads again after losing a race (another cause, or a clinician closing it). */
const RAISE_TRIES = 5;

export class DynamoClinicAlertStore implements ClinicAlertStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async raise(alert: Alert, phoneHash: string, raisedAt: Date, expiresAt: number): Promise<RaiseOutcome> {
    const pointerKey = keys.clinicOpenAlert(alert.patientId, alert.kind);
    for (let attempt = 0; attempt < RAISE_TRIES; attempt++) {
      const { Item: pointer } = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: pointerKey, ConsistentRead: true }),
      );
      // A pointer with no alert id was let go by an acknowledgement: nothing is open.
      const open = pointer?.alertId ? await this.get(String(pointer.alertId)) : undefined;
      if (pointer?.alertId && open?.state !== 'open') {
        // A pointer left by TTL or an erasure cut short: it finds nothing open, so it goes.
        await this.dropPointer(pointerKey, String(pointer.alertId));
        continue;
      }
      const step = episodeStep(open, alert);
      if (step === 'duplicate') return { step, alertId: open!.alertId };
      if (step === 'open') {
        const outcome = await this.open(alert, phoneHash, raisedAt, expiresAt);
        if (outcome) return outcome;
        continue;
      }
      const next = repeated(open!, alert);
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.clinicAlert(open!.alertId),
            UpdateExpression:
              'SET #count = :count, lastAt = :lastAt, tier = :tier, detail = :detail, gsi2sk = :inbox',
            // Only on the episode as read: another cause or a clinician's close meanwhile reads again.
            ConditionExpression: '#state = :open AND (lastAt = :seen OR attribute_not_exists(lastAt))',
            ExpressionAttributeNames: { '#count': 'count', '#state': 'state' },
            ExpressionAttributeValues: {
              ':count': next.count,
              ':lastAt': next.lastAt,
              ':tier': next.tier,
              ':detail': next.detail,
              ':open': 'open',
              ':seen': open!.lastAt,
              ':inbox': inboxKey(open!.kind, next.lastAt),
            },
          }),
        );
        return { step, alertId: open!.alertId };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new Error(`alert ${alert.alertId}: lost ${RAISE_TRIES} races for its episode`);
  }

  /** A new episode and the pointer to it, in one write; undefined when another opened one first. */
  private async open(
    alert: Alert,
    phoneHash: string,
    raisedAt: Date,
    expiresAt: number,
  ): Promise<RaiseOutcome | undefined> {
    const cancelled = await transact(this.db, this.tableName, [
      putNew({
        ...keys.clinicAlert(alert.alertId),
        ...patientIndexed(phoneHash, `ALERT#${alert.at}`),
        type: 'clinic-alert',
        ...openEpisode(alert, raisedAt.toISOString()),
        // In the inbox while open, most urgent first (gsi2).
        gsi2pk: keys.clinicList.inbox,
        gsi2sk: inboxKey(alert.kind, alert.at),
        expiresAt,
      }),
      {
        Put: {
          Item: {
            ...keys.clinicOpenAlert(alert.patientId, alert.kind),
            // On the patient's index: erasure takes it with the alerts.
            ...patientIndexed(phoneHash, `ALERTOPEN#${alert.kind}`),
            type: 'clinic-alert-open',
            alertId: alert.alertId,
            // The roster row orders patients by their newest open alert (read-model.ts).
            at: alert.at,
            expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(alertId)',
        },
      },
    ]);
    if (!cancelled) return { step: 'open', alertId: alert.alertId };
    // The alert of this very cause exists (a redelivery after it was closed): counted already.
    if (cancelled.reasons[0] === 'ConditionalCheckFailed')
      return { step: 'duplicate', alertId: alert.alertId };
    return undefined;
  }

  private async dropPointer(Key: { pk: string; sk: string }, alertId: string): Promise<void> {
    await conditionally(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key,
          ConditionExpression: 'alertId = :id',
          ExpressionAttributeValues: { ':id': alertId },
        }),
      ),
    );
  }

  async get(alertId: string): Promise<StoredAlert | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.clinicAlert(alertId), ConsistentRead: true }),
    );
    return Item ? episodeOf(Item) : undefined;
  }

  async markEmailed(alertId: string, tier: AlertTier, at: Date): Promise<void> {
    // Erased meanwhile: nothing left to mark.
    await conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.clinicAlert(alertId),
          UpdateExpression: 'SET emailedAt = :at, emailedTier = :tier',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at.toISOString(), ':tier': tier },
        }),
      ),
    );
  }

  /**
   * A page of the inbox: open alerts most urgent first, then the newest (gsi2); or the closed
   * ones, the most recently acknowledged first.
   */
  async page(
    state: 'open' | 'closed',
    limit: number,
    cursor?: string,
  ): Promise<{ alerts: StoredAlert[]; next?: string }> {
    const gsi2pk = state === 'open' ? keys.clinicList.inbox : CLOSED_ALERTS;
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi2pk },
        ExclusiveStartKey: decodeAlertCursor(cursor, gsi2pk),
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const next = page.LastEvaluatedKey
      ? Buffer.from(JSON.stringify(page.LastEvaluatedKey)).toString('base64url')
      : undefined;
    return { alerts: (page.Items ?? []).map(episodeOf), ...(next ? { next } : {}) };
  }

  /** The patient's alerts, from their index (keys) and one BatchGetItem of the alerts. */
  async forPatient(phoneHash: string): Promise<StoredAlert[]> {
    const keyItems = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :alert)',
      ExpressionAttributeValues: { ':pk': keys.patientIndex(phoneHash), ':alert': 'ALERT#' },
    });
    const found: StoredAlert[] = [];
    for (let i = 0; i < keyItems.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.tableName]: { Keys: keyItems.slice(i, i + 100).map((k) => ({ pk: k.pk, sk: k.sk })) },
      };
      for (let tries = 0; request && Object.keys(request).length && tries < 8; tries++) {
        const result = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        found.push(...(result.Responses?.[this.tableName] ?? []).map(episodeOf));
        request = result.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  async list(): Promise<StoredAlert[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alert)',
      ExpressionAttributeValues: { ':pk': keys.clinicAlert('').pk, ':alert': keys.clinicAlert('').sk },
    });
    return items.map(episodeOf);
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
    const marked = await conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.clinicAlert(id),
          UpdateExpression: 'SET misreadAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
    // Erased meanwhile: nothing left to mark.
    return marked ? id : undefined;
  }

  async acknowledge(alertId: string, by: string, at: Date): Promise<boolean> {
    const alert = await this.get(alertId);
    if (!alert) return false;
    const pointerKey = keys.clinicOpenAlert(alert.patientId, alert.kind);
    const { Item: pointer } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: pointerKey, ConsistentRead: true }),
    );
    const close = {
      TableName: this.tableName,
      Key: keys.clinicAlert(alertId),
      // Out of the inbox, into the list of closed alerts, newest first.
      UpdateExpression:
        'SET #state = :acknowledged, acknowledgedAt = :at, acknowledgedBy = :by, gsi2pk = :closed, gsi2sk = :at',
      ConditionExpression: '#state = :open',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':acknowledged': 'acknowledged',
        ':open': 'open',
        ':at': at.toISOString(),
        ':by': by,
        ':closed': CLOSED_ALERTS,
      },
    };
    if (pointer?.alertId !== alertId) {
      // No pointer to it (an alert from before episodes): the alert alone.
      return conditionally(this.db.send(new UpdateCommand(close)));
    }
    const cancelled = await transact(this.db, this.tableName, [
      { Update: close },
      {
        // Let go in the same write (an update: the console deletes nothing but by erasure):
        // the next cause of its kind opens a new alert.
        Update: {
          Key: pointerKey,
          UpdateExpression: 'REMOVE alertId',
          ConditionExpression: 'alertId = :id',
          ExpressionAttributeValues: { ':id': alertId },
        },
      },
    ]);
    return !cancelled;
  }
}

export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: AuditEntry, options: { key?: string } = {}): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: auditItem(entry, options.key),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // A keyed entry is written once: a repeat of what wrote it writes nothing.
      if (!(options.key && error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** The actions on a patient (never the reads), newest first, before `before`. */
  async patientActions(patientId: string, before: string | undefined, limit: number): Promise<AuditEntry[]> {
    const items = await newestBefore(
      this.db,
      {
        TableName: this.tableName,
        IndexName: 'gsi2',
        pkName: 'gsi2pk',
        pk: keys.clinicList.patientAudit(patientId),
        skName: 'gsi2sk',
        prefix: '',
      },
      before,
      limit,
    );
    return items.map((item) => strip<AuditEntry>(item)!);
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
