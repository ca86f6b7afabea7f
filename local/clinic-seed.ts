/**
 * A clinic of N patients written straight into the table (dev and bench only, never deployed):
 * `npm run seed:clinic -- --patients 10000` against a running `npm start`, and the clinic bench.
 *
 * Each patient is what the service itself would have written by now: a plan activated some days
 * ago (active, paused, stopped or completed, with its status history), the patient's profile and
 * clinic link, the sessions done and pain scores as plan events, a few open alerts (with the
 * pointers episodes keep), a sealed reference with its search tokens for some, and the roster row
 * with its shadows as a refresh computes them (the same domain and item builders). Deterministic
 * for a seed. Written with BatchWriteItem, 25 items a request, several in flight; no texts, no
 * schedules (seeded plans send nothing).
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { freshRowItems, tokenItems } from '../shared/adapters/dynamodb/clinic-roster.ts';
import { epochSeconds } from '../shared/adapters/dynamodb/plan-repository.ts';
import {
  alertId,
  alertTier,
  inboxKey,
  openEpisode,
  type Alert,
  type AlertKind,
  type AlertRules,
} from '../shared/domain/clinic/alerts.ts';
import { rowState } from '../shared/domain/clinic/read-model.ts';
import type { ClinicEvent } from '../shared/domain/clinic/roster.ts';
import { searchTokens } from '../shared/domain/clinic/search.ts';
import { sealReference } from '../shared/domain/clinic/secrets.ts';
import { CONSENT } from '../shared/domain/plan/rules.ts';
import type { PlanStatus } from '../shared/domain/plan/lifecycle.ts';
import { buildPlan } from '../shared/domain/plan/plan.ts';
import type { Plan } from '../shared/domain/plan/types.ts';
import { planSessions } from '../shared/domain/scheduling/due.ts';
import type { StatusMark } from '../shared/domain/scheduling/due.ts';
import { hashPhone } from '../shared/domain/security/privacy.ts';
import { zonedInstant } from '../shared/domain/time.ts';
import { keys } from '../shared/table.ts';
import { seededRandom } from '../tools/seeded-random.ts';

const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const NAMES = [
  'Ana Pérez',
  'Bob Bell',
  'Carla Díaz',
  'Dan Moe',
  'Eve Roe',
  'Femi Ade',
  'Gus Lin',
  'Hana Ito',
];

export interface SeedOptions {
  patients: number;
  now: Date;
  hashKey: string;
  rules: AlertRules;
  seed?: number;
  /** Requests in flight at once. @default 8 */
  concurrency?: number;
}

export interface SeedResult {
  patients: number;
  items: number;
  requests: number;
  seconds: number;
  /** How many of each status and open alert kind were written. */
  statuses: Record<string, number>;
  openAlerts: Record<string, number>;
}

type Item = Record<string, unknown>;

/** The items of one seeded patient. */
function patientItems(i: number, options: SeedOptions, rnd: () => number, plans: Map<string, Plan>) {
  const now = options.now;
  const zone = ZONES[i % ZONES.length]!;
  const startedDaysAgo = Math.floor(rnd() * 13);
  const startKey = `${zone}|${startedDaysAgo}`;
  let plan = plans.get(startKey);
  if (!plan) {
    const created = new Date(now.getTime() - startedDaysAgo * 86_400_000 - 3_600_000);
    plan = buildPlan(
      {
        scores: { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 },
        redFlags: [],
        timeZone: zone,
        sessionTimes: ['08:00', '13:00', '19:00'],
      },
      { now: created },
    ).plan!;
    plans.set(startKey, plan);
  }
  const phone = `+1415${String(2_000_000 + i).padStart(7, '0')}`;
  const phoneHash = hashPhone(phone, options.hashKey);
  const planId = `seed-${String(i).padStart(6, '0')}`;
  let idBits = Math.floor(rnd() * 2 ** 40);
  let id = '';
  for (let k = 0; k < 8; k++, idBits = Math.floor(idBits / 32)) id = CROCKFORD[idBits % 32]! + id;
  const patientId = `P-${id}`;
  const activatedAt = zonedInstant(plan.startDate, '07:00', zone);
  const history: StatusMark[] = [{ to: 'active', at: activatedAt.toISOString() }];
  const roll = rnd();
  let status: PlanStatus = 'active';
  let statusReason: string | undefined;
  const changeAt = new Date(activatedAt.getTime() + rnd() * (now.getTime() - activatedAt.getTime()));
  if (Date.parse(plan.endsAt) <= now.getTime()) {
    status = 'completed';
    statusReason = 'plan-ended';
    history.push({ to: 'completed', at: plan.endsAt });
  } else if (roll < 0.1) {
    status = 'paused';
    statusReason = ['patient-paused', 'pain-reported', 'clinic-paused'][Math.floor(rnd() * 3)]!;
    history.push({ to: 'paused', at: changeAt.toISOString() });
  } else if (roll < 0.16) {
    status = 'stopped';
    statusReason = rnd() < 0.5 ? 'opted-out' : 'clinic-stopped';
    history.push({ to: 'stopped', at: changeAt.toISOString() });
  }
  const lastChange = history.at(-1)!.at;
  const expiresAt = epochSeconds(plan.endsAt) + 30 * 86_400;
  const adherence = 0.2 + rnd() * 0.75;
  const events: ClinicEvent[] = [];
  const until = status === 'active' ? now.getTime() : Date.parse(lastChange);
  for (const s of planSessions(plan)) {
    if (s.at.getTime() < activatedAt.getTime() || s.at.getTime() > until) continue;
    if (rnd() < adherence)
      events.push({
        type: 'done',
        at: new Date(s.at.getTime() + 300_000).toISOString(),
        localDate: s.localDate,
        slot: s.slot,
      });
    if (s.slot === 2 && rnd() < 0.3)
      events.push({
        type: 'pain',
        at: new Date(s.at.getTime() + 600_000).toISOString(),
        localDate: s.localDate,
        slot: 2,
        pain: Math.floor(rnd() * 8),
      });
  }
  const kinds: AlertKind[] = [];
  const chance: [AlertKind, number][] = [
    ['red-flag', 0.01],
    ['pain-high', 0.04],
    ['pain-rising', 0.03],
    ['texts-failing', 0.01],
    ['message', 0.03],
  ];
  for (const [kind, p] of chance) if (rnd() < p) kinds.push(kind);
  if (statusReason === 'opted-out') kinds.push('opted-out');
  const alerts: Alert[] = kinds.map((kind, k) => {
    const at = new Date(now.getTime() - (k + 1) * 3_600_000 - Math.floor(rnd() * 86_400_000)).toISOString();
    const detail = kind === 'pain-high' ? { pain: 7 } : kind === 'message' ? { text: 'a question' } : {};
    return {
      alertId: alertId(kind, planId, at),
      kind,
      patientId,
      planId,
      at,
      tier: alertTier(kind, detail),
      detail,
    };
  });
  const reference = rnd() < 0.2 ? `${NAMES[i % NAMES.length]} · MRN ${100000 + i}` : undefined;
  const entry = {
    patientId,
    phoneHash,
    source: reference ? ('invite' as const) : ('self' as const),
    enrolledAt: activatedAt.toISOString(),
    ...(reference ? { sealedReference: sealReference(reference, options.hashKey, { patientId }) } : {}),
    expiresAt,
  };
  const record = {
    planId,
    phoneHash,
    phone,
    country: 'US',
    channel: 'sms' as const,
    status,
    ...(statusReason ? { statusReason } : {}),
    statusHistory: history,
    plan,
    consent: { version: CONSENT.version, text: CONSENT.text, acceptedAt: activatedAt.toISOString() },
    assessment: {
      scores: { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 },
      redFlags: [],
    },
    createdAt: activatedAt.toISOString(),
    updatedAt: lastChange,
    activatedAt: activatedAt.toISOString(),
  };
  const state = rowState(
    record,
    events,
    alerts.map((a) => ({ kind: a.kind, lastAt: a.at })),
    now,
    options.rules,
  );
  const items: Item[] = [
    {
      ...keys.plan(planId),
      gsi1pk: keys.patientIndex(phoneHash),
      gsi1sk: `PLAN#${record.createdAt}`,
      type: 'plan',
      ...record,
      deliveries: {},
      expiresAt,
    },
    {
      ...keys.patient(phoneHash),
      gsi1pk: keys.patientIndex(phoneHash),
      gsi1sk: 'PROFILE',
      type: 'patient',
      phoneHash,
      phone,
      country: 'US',
      currentPlanId: planId,
      optedOut: statusReason === 'opted-out',
      consent: record.consent,
      createdAt: record.createdAt,
      updatedAt: lastChange,
      expiresAt,
    },
    {
      ...keys.clinicLink(phoneHash),
      gsi1pk: keys.patientIndex(phoneHash),
      gsi1sk: 'CLINIC#LINK',
      type: 'clinic-link',
      patientId,
      expiresAt,
    },
    ...events.map((e) => ({
      ...keys.planEvent(planId, e.at, e.type),
      gsi1pk: keys.patientIndex(phoneHash),
      gsi1sk: `EVENT#${e.at}`,
      type: 'event',
      eventType: e.type,
      planId,
      at: e.at,
      localDate: e.localDate,
      slot: e.slot,
      ...(e.pain !== undefined ? { pain: e.pain } : {}),
      expiresAt,
    })),
    ...alerts.flatMap((a) => [
      {
        ...keys.clinicAlert(a.alertId),
        gsi1pk: keys.patientIndex(phoneHash),
        gsi1sk: `ALERT#${a.at}`,
        type: 'clinic-alert',
        ...openEpisode(a, a.at),
        gsi2pk: keys.clinicList.inbox,
        gsi2sk: inboxKey(a.kind, a.at),
        expiresAt,
      },
      {
        ...keys.clinicOpenAlert(patientId, a.kind),
        gsi1pk: keys.patientIndex(phoneHash),
        gsi1sk: `ALERTOPEN#${a.kind}`,
        type: 'clinic-alert-open',
        alertId: a.alertId,
        at: a.at,
        expiresAt,
      },
    ]),
    ...freshRowItems(entry, state),
    ...(reference
      ? tokenItems(patientId, phoneHash, searchTokens(reference, options.hashKey), expiresAt).filter(
          (t) => t.gsi2pk,
        )
      : []),
  ];
  return { items, status, kinds };
}

/** Writes the clinic; answers what it wrote and how long it took. */
export async function seedClinic(
  db: DynamoDBDocumentClient,
  tableName: string,
  options: SeedOptions,
): Promise<SeedResult> {
  const started = performance.now();
  // A seed always writes the same clinic.
  const rnd = seededRandom(options.seed ?? 26);
  const plans = new Map<string, Plan>();
  const statuses: Record<string, number> = {};
  const openAlerts: Record<string, number> = {};
  const queue: Item[][] = [];
  let batch: Item[] = [];
  let items = 0;
  for (let i = 0; i < options.patients; i++) {
    const made = patientItems(i, options, rnd, plans);
    statuses[made.status] = (statuses[made.status] ?? 0) + 1;
    for (const k of made.kinds) openAlerts[k] = (openAlerts[k] ?? 0) + 1;
    for (const item of made.items) {
      batch.push(item);
      items += 1;
      if (batch.length === 25) {
        queue.push(batch);
        batch = [];
      }
    }
  }
  if (batch.length) queue.push(batch);
  let requests = 0;
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      let request: Record<string, { PutRequest: { Item: Item } }[]> | undefined = {
        [tableName]: queue[next++]!.map((Item) => ({ PutRequest: { Item } })),
      };
      for (let tries = 0; request && Object.keys(request).length; tries++) {
        if (tries > 20) throw new Error('seed: DynamoDB kept items unprocessed');
        const result = await db.send(new BatchWriteCommand({ RequestItems: request }));
        requests += 1;
        request = result.UnprocessedItems as typeof request;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return {
    patients: options.patients,
    items,
    requests,
    seconds: (performance.now() - started) / 1000,
    statuses,
    openAlerts,
  };
}
