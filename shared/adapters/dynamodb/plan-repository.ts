import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { allows, transition, type PlanStatus, type StatusChange } from '../../domain/plan/lifecycle.ts';
import { conditionally } from './conditional.ts';
import { keys, patientIndexed, TABLE, type ItemKey } from '../../table.ts';
import { putNew, transact } from './transaction.ts';
import { pagedItems } from './paging.ts';
import type { Language } from '../../domain/language.ts';
import { statusUpdate, updateExpression } from './plan-status.ts';
import {
  StateConflictError,
  type ActivationGuard,
  type PatientRecord,
  type PlanPageGrant,
  type PlanRecord,
  type SessionTimesUpdate,
  type SlotBooking,
} from '../../domain/model.ts';
import { bookingError, bookingItems, releaseItems, transactWithRetry } from './session-slots.ts';
import type { SessionChanges } from '../../domain/scheduling/due.ts';
import { type PlanRepository } from '../../ports.ts';

const DAY_SECONDS = 86_400;
/** A plan nobody verifies is removed after this long. */
const PENDING_TTL_DAYS = 2;

const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'type',
  'expiresAt',
  'deliveries',
] as const;

/** An item without its keys and bookkeeping attributes (the `deliveries` map included): the record. */
export function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const copy: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy as T;
}

export function epochSeconds(date: Date | string): number {
  return Math.floor(new Date(date).getTime() / 1000);
}

/** TTL of an activated plan and its patient: the plan's end plus the retention period. */
export function retainedUntil(plan: PlanRecord, retentionDays: number): number {
  return epochSeconds(plan.plan.endsAt) + retentionDays * DAY_SECONDS;
}

export class DynamoPlanRepository implements PlanRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Only the plan: the patient's profile (consent, "known number" for replies) is written when the
   * plan is activated by its code, so a stranger who submits someone's number changes nothing of
   * theirs.
   */
  async createPendingPlan(record: PlanRecord, _retentionDays: number, booking?: SlotBooking): Promise<void> {
    const put = {
      TableName: this.tableName,
      Item: {
        ...keys.plan(record.planId),
        gsi1pk: keys.patientIndex(record.phoneHash),
        gsi1sk: `PLAN#${record.createdAt}`,
        type: 'plan',
        ...record,
        ...(booking ? { bookedSlots: [...booking.slots] } : {}),
        deliveries: {},
        expiresAt: epochSeconds(record.createdAt) + PENDING_TTL_DAYS * DAY_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    if (!booking) {
      await this.db.send(new PutCommand(put));
      return;
    }
    // The plan and its places in one write: a plan never exists without them, nor they without it.
    try {
      await transactWithRetry(this.db, [{ Put: put }, ...bookingItems(this.tableName, booking)]);
    } catch (error) {
      throw bookingError(error, booking, 1);
    }
  }

  async getPlan(planId: string): Promise<PlanRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.plan(planId), ConsistentRead: true }),
    );
    return strip<PlanRecord>(Item);
  }

  async getPatient(phoneHash: string): Promise<PatientRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.patient(phoneHash), ConsistentRead: true }),
    );
    return strip<PatientRecord>(Item);
  }

  async activatePlan(
    planId: string,
    at: Date,
    retentionDays: number,
    guard?: ActivationGuard,
    page?: PlanPageGrant,
  ): Promise<{ replacedPlanId?: string }> {
    const plan = await this.getPlan(planId);
    if (!plan) throw new StateConflictError(`plan ${planId} does not exist`);
    const verify = transition({ kind: 'verify' });
    if (!allows(verify, plan.status)) {
      throw new StateConflictError(`plan ${planId} is ${plan.status}, not pending verification`);
    }
    const patient = await this.getPatient(plan.phoneHash);
    const previousId = patient?.currentPlanId;
    const previous = previousId && previousId !== planId ? await this.getPlan(previousId) : undefined;
    const replace = transition({ kind: 'replaced', byPlanId: planId });
    const replacing = previous && allows(replace, previous.status);
    const activation = statusUpdate(verify, at);
    const replacement = statusUpdate(replace, at);
    const now = at.toISOString();
    const ttl = retainedUntil(plan, retentionDays);

    const cancelled = await transact(this.db, this.tableName, [
      {
        Update: {
          Key: keys.plan(planId),
          UpdateExpression: updateExpression(activation, [
            'activatedAt = :now',
            'expiresAt = :ttl',
            ...(page ? ['pageNonce = :nonce'] : []),
          ]),
          // With a guard: only for the code the try was judged against, within the tries, unlocked.
          ConditionExpression: guard
            ? `${activation.condition} AND #v.codeHash = :hash AND #v.attempts <= :max AND ` +
              'attribute_not_exists(#v.lockedAt)'
            : activation.condition,
          ExpressionAttributeNames: { ...activation.names, ...(guard ? { '#v': 'verification' } : {}) },
          ExpressionAttributeValues: {
            ...activation.values,
            ':ttl': ttl,
            ...(guard ? { ':hash': guard.codeHash, ':max': guard.maxAttempts } : {}),
            ...(page ? { ':nonce': page.nonce } : {}),
          },
        },
      },
      {
        Update: {
          Key: keys.patient(plan.phoneHash),
          // The patient's fields come from the plan too: a patient item that TTL removed while
          // the plan waited for its code (a re-assessment near the end of retention) is made
          // again rather than leaving the plan impossible to activate.
          UpdateExpression:
            'SET currentPlanId = :id, optedOut = :false, updatedAt = :now, expiresAt = :ttl, ' +
            '#type = :type, gsi1pk = :gsi1pk, gsi1sk = :profile, phoneHash = :hash, phone = :phone, ' +
            'country = :country, consent = :consent, createdAt = if_not_exists(createdAt, :now) REMOVE optedOutAt, optedOutBefore',
          // Optimistic lock: nobody activated another plan for this patient meanwhile.
          ConditionExpression: previousId
            ? 'currentPlanId = :previous'
            : 'attribute_not_exists(currentPlanId)',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':id': planId,
            ':false': false,
            ':now': now,
            ':ttl': ttl,
            ':type': 'patient',
            ':gsi1pk': keys.patientIndex(plan.phoneHash),
            ':profile': 'PROFILE',
            ':hash': plan.phoneHash,
            ':phone': plan.phone,
            ':country': plan.country,
            ':consent': plan.consent,
            ...(previousId ? { ':previous': previousId } : {}),
          },
        },
      },
      // The plan page's link (plan-page.ts): found by the token's hash, gone with the plan's data.
      ...(page
        ? [
            putNew({
              ...keys.planPage(page.tokenHash),
              ...patientIndexed(plan.phoneHash, `PAGE#${planId}`),
              type: 'plan-page',
              planId,
              expiresAt: ttl,
            }),
          ]
        : []),
      ...(replacing
        ? [
            {
              Update: {
                Key: keys.plan(previous.planId),
                UpdateExpression: updateExpression(replacement),
                // Still running: a plan stopped meanwhile cancels the activation (read again).
                ConditionExpression: replacement.condition,
                ExpressionAttributeNames: replacement.names,
                ExpressionAttributeValues: replacement.values,
              },
            },
          ]
        : []),
    ]);
    if (cancelled) {
      const reasons = cancelled.reasons.map((code) => code ?? 'None').join(',');
      throw new StateConflictError(
        `plan ${planId} could not be activated: state changed meanwhile (${reasons})`,
        {
          cause: cancelled.error,
        },
      );
    }
    return replacing ? { replacedPlanId: previous.planId } : {};
  }

  async changeStatus(planId: string, change: StatusChange, at: Date): Promise<boolean> {
    const update = statusUpdate(change, at);
    // Not in a status it may leave that way: a repeat, or the plan changed meanwhile.
    return conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.plan(planId),
          UpdateExpression: updateExpression(update),
          ConditionExpression: update.condition,
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: update.values,
        }),
      ),
    );
  }

  async setLanguage(planId: string, language: Language): Promise<boolean> {
    // Erased meanwhile: nothing to change.
    return conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.plan(planId),
          UpdateExpression: 'SET #language = :language',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#language': 'language' },
          ExpressionAttributeValues: { ':language': language },
        }),
      ),
    );
  }

  async changeSessionTimes(planId: string, update: SessionTimesUpdate, at: Date): Promise<boolean> {
    const planUpdate = {
      Update: {
        TableName: this.tableName,
        Key: keys.plan(planId),
        UpdateExpression:
          'SET #plan.#times = :times, #plan.#zone = :zone, #plan.#startsAt = :startsAt, ' +
          '#plan.#endsAt = :endsAt, bookedSlots = :slots, sessionChanges = :changes, updatedAt = :now, ' +
          'timesHistory = list_append(if_not_exists(timesHistory, :noMarks), :mark)',
        // Still running, with the times and zone it was read with: a repeat or a race writes nothing.
        ConditionExpression:
          '#status IN (:active, :paused) AND #plan.#times = :seenTimes AND #plan.#zone = :seenZone',
        ExpressionAttributeNames: {
          '#plan': 'plan',
          '#status': 'status',
          '#times': 'sessionTimes',
          '#zone': 'timeZone',
          '#startsAt': 'startsAt',
          '#endsAt': 'endsAt',
        },
        ExpressionAttributeValues: {
          ':times': [...update.plan.sessionTimes],
          ':zone': update.plan.timeZone,
          ':startsAt': update.plan.startsAt,
          ':endsAt': update.plan.endsAt,
          ':slots': update.bookedSlots,
          ':changes': update.sessionChanges,
          ':now': at.toISOString(),
          ':noMarks': [],
          ':mark': [update.mark],
          ':active': 'active' satisfies PlanStatus,
          ':paused': 'paused' satisfies PlanStatus,
          ':seenTimes': [...update.seen.sessionTimes],
          ':seenZone': update.seen.timeZone,
        },
      },
    };
    let release = [...update.release];
    for (;;) {
      const giveBack = releaseItems(this.tableName, release);
      try {
        await transactWithRetry(this.db, [
          planUpdate,
          ...giveBack,
          ...bookingItems(this.tableName, update.book),
        ]);
        return true;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
        if (reasons[0] === 'ConditionalCheckFailed') return false;
        // A counter already at zero (or gone with its week) has nothing to give back: keep the others.
        const atZero = new Set(
          reasons.flatMap((code, i) =>
            i >= 1 && i <= release.length && code === 'ConditionalCheckFailed' ? [i - 1] : [],
          ),
        );
        if (atZero.size) {
          release = release.filter((_, i) => !atZero.has(i));
          continue;
        }
        throw bookingError(error, update.book, 1 + release.length);
      }
    }
  }

  async setSessionChanges(
    planId: string,
    seen: SessionChanges | undefined,
    next: SessionChanges,
    at: Date,
  ): Promise<boolean> {
    return conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.plan(planId),
          UpdateExpression: 'SET sessionChanges = :next, updatedAt = :now',
          ConditionExpression: `#status = :active AND ${
            seen ? 'sessionChanges = :seen' : 'attribute_not_exists(sessionChanges)'
          }`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':next': next,
            ':now': at.toISOString(),
            ':active': 'active' satisfies PlanStatus,
            ...(seen ? { ':seen': seen } : {}),
          },
        }),
      ),
    );
  }

  /**
   * Every active plan, page by page: a Scan of the whole table, for the operator's resync of the
   * schedules (scripts/ops/resync.ts), never on a patient's request path.
   */
  async *activePlans(): AsyncGenerator<PlanRecord> {
    const items = pagedItems((ExclusiveStartKey) =>
      this.db.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :plan AND #status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':plan': keys.plan('').sk, ':active': 'active' satisfies PlanStatus },
          ExclusiveStartKey,
        }),
      ),
    );
    for await (const item of items) yield strip<PlanRecord>(item)!;
  }

  async erasePatient(phoneHash: string): Promise<{ deletedItems: number; planIds: string[] }> {
    const itemKeys = new Map<string, ItemKey>();
    const planIds = new Set<string>();
    const items = pagedItems((ExclusiveStartKey) =>
      this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TABLE.globalSecondaryIndexes[0].indexName,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.patientIndex(phoneHash) },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey,
        }),
      ),
    );
    for await (const item of items) {
      const key = { pk: String(item.pk), sk: String(item.sk) };
      itemKeys.set(`${key.pk}|${key.sk}`, key);
      if (key.sk === 'PLAN') planIds.add(key.pk.slice('PLAN#'.length));
    }
    // The index is eventually consistent: also take the profile and its plan by their keys.
    const profile = keys.patient(phoneHash);
    itemKeys.delete(`${profile.pk}|${profile.sk}`);
    const patient = await this.getPatient(phoneHash);
    if (patient?.currentPlanId) {
      const planKey = keys.plan(patient.currentPlanId);
      itemKeys.set(`${planKey.pk}|${planKey.sk}`, planKey);
      planIds.add(patient.currentPlanId);
    }
    // The profile goes last, in a request of its own: an erasure cut short (a failed request, a
    // timeout) still finds the patient when it is repeated, and finishes.
    const others = [...itemKeys.values()];
    const chunks: ItemKey[][] = [];
    for (let i = 0; i < others.length; i += 25) chunks.push(others.slice(i, i + 25));
    if (patient) chunks.push([profile]);
    for (const chunk of chunks) {
      let requests: Record<string, unknown[]> | undefined = {
        [this.tableName]: chunk.map((Key) => ({ DeleteRequest: { Key } })),
      };
      for (let attempt = 0; requests && Object.keys(requests).length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        const result = await this.db.send(new BatchWriteCommand({ RequestItems: requests as never }));
        requests = result.UnprocessedItems as Record<string, unknown[]> | undefined;
      }
    }
    return { deletedItems: others.length + (patient ? 1 : 0), planIds: [...planIds] };
  }
}
