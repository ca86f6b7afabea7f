/**
 * The roster's read model in the table (shared/domain/clinic/read-model.ts): each roster entry
 * carries its row, recomputed whole from the source items by `refresh` and written only over the
 * row it read (a revision number), so two refreshes racing never leave the older one's view; and
 * the row's shadows on gsi2 (its status, its sweep due time, its reference's search tokens).
 * The list is a page of a Query on gsi2, never a read per patient.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { silenceAlertId, type AlertKind, type AlertRules } from '../../domain/clinic/alerts.ts';
import { rankKey, rowState, type RosterRow, type RowState } from '../../domain/clinic/read-model.ts';
import { MAX_TOKENS } from '../../domain/clinic/search.ts';
import { InvalidCursorError } from '../../domain/model.ts';
import type { ClinicReadModel, PatientRecords, RosterPage, RosterQuery } from '../../ports.ts';
import { keys } from '../../table.ts';
import { pagedItems } from './paging.ts';

const INDEX = 'gsi2';
const REFRESH_TRIES = 5;
/** The row's fields a refresh owns (set when known, removed when not). */
const ROW_FIELDS = [
  'planId',
  'status',
  'statusReason',
  'statusHistory',
  'planUpdatedAt',
  'plan',
  'done',
  'lastPain',
  'lastSessionAt',
  'openKinds',
  'lastAlertAt',
  'severity',
  'inactiveDueAt',
] as const satisfies readonly (keyof RowState)[];

type Item = Record<string, unknown>;

/** A page's position, as the client holds it: the Query's LastEvaluatedKey, base64url JSON. */
export function encodeCursor(key: Item | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

const CURSOR_KEYS = new Set(['pk', 'sk', 'gsi2pk', 'gsi2sk']);

/** A cursor back from the client: only this Query's keys, as strings, on this Query's partition. */
export function decodeCursor(cursor: string | undefined, partition: Item): Item | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('cursor is not one this list gave');
  }
  const ok =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.entries(key).every(([k, v]) => CURSOR_KEYS.has(k) && typeof v === 'string' && v.length <= 400) &&
    Object.entries(partition).every(([k, v]) => (key as Item)[k] === v) &&
    // A base-table key (pk, sk), or an index key with the table's (pk, sk, gsi2pk, gsi2sk).
    Object.keys(key).length === ('gsi2pk' in partition ? 4 : 2) &&
    // Only the items these lists hold: a roster row, or a row's shadow.
    /^CLINIC#(PATIENTS|INDEX#P-[0-9A-Z]{8})$/.test(String((key as Item).pk)) &&
    /^(PATIENT#P-[0-9A-Z]{8}|STATUS|REF#\d{1,2})$/.test(String((key as Item).sk));
  if (!ok) throw new InvalidCursorError('cursor is not one this list gave');
  return key as Item;
}

type Shadow = 'STATUS' | 'DUE';

/** A row's shadow item on gsi2 (its status, or its sweep due time), on the patient's index for erasure. */
export function shadowItem(
  row: Pick<RosterRow, 'patientId' | 'phoneHash'> & { expiresAt?: number },
  what: Shadow,
  fields: Item,
): Item {
  return {
    ...keys.clinicIndex(row.patientId, what),
    gsi1pk: keys.patientIndex(row.phoneHash),
    gsi1sk: `CLINIC#INDEX#${what}`,
    type: 'clinic-row-shadow',
    patientId: row.patientId,
    ...(row.expiresAt !== undefined ? { expiresAt: row.expiresAt } : {}),
    ...fields,
  };
}

export const statusShadow = (row: Parameters<typeof shadowItem>[0], state: RowState, rank: string) =>
  shadowItem(row, 'STATUS', { gsi2pk: keys.clinicList.status(state.status ?? 'none'), gsi2sk: rank });

export const dueShadow = (row: Parameters<typeof shadowItem>[0], state: RowState) =>
  shadowItem(
    row,
    'DUE',
    state.inactiveDueAt
      ? { gsi2pk: keys.clinicList.due, gsi2sk: `${state.inactiveDueAt}#${row.patientId}` }
      : {},
  );

/** The search token items of a reference: every slot, the unused ones out of the index. */
export function tokenItems(
  patientId: string,
  phoneHash: string,
  tokens: readonly string[],
  expiresAt?: number,
): Item[] {
  return Array.from({ length: MAX_TOKENS }, (_, n) => ({
    ...keys.clinicIndex(patientId, `REF#${n}`),
    gsi1pk: keys.patientIndex(phoneHash),
    gsi1sk: `CLINIC#INDEX#REF#${n}`,
    type: 'clinic-search-token',
    patientId,
    ...(tokens[n] ? { gsi2pk: keys.clinicList.reference(tokens[n]!), gsi2sk: patientId } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  }));
}

/**
 * A whole row as one item, with its shadows (what a refresh writes, for a writer that builds the
 * rows itself: the local seed).
 */
export function freshRowItems(entry: RosterRow & { expiresAt?: number }, state: RowState): Item[] {
  const rank = rankKey({ ...entry, ...state });
  const row: Item = {
    ...keys.clinicPatient(entry.patientId),
    gsi1pk: keys.patientIndex(entry.phoneHash),
    gsi1sk: 'CLINIC#ROSTER',
    type: 'clinic-patient',
    ...entry,
    ...state,
    rev: 1,
    gsi2pk: keys.clinicList.roster,
    gsi2sk: rank,
  };
  for (const field of ROW_FIELDS) if (row[field] === undefined) delete row[field];
  return [row, statusShadow(entry, state, rank), dueShadow(entry, state)];
}

/** Gathers what a refresh reads: the patient's records and open alerts (clinic.ts does the reading). */
export interface RowSources {
  records(phoneHash: string): Promise<PatientRecords>;
}

export class DynamoRosterReadModel implements ClinicReadModel {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly sources: RowSources,
    private readonly rules: Pick<AlertRules, 'inactiveDays'>,
  ) {}

  async row(patientId: string): Promise<RosterRow | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.clinicPatient(patientId), ConsistentRead: true }),
    );
    return Item as RosterRow | undefined;
  }

  /** The patient's open alerts, from their pointers (one Query of the alerts partition). */
  private async openAlerts(patientId: string): Promise<{ kind: AlertKind; lastAt: string }[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :open)',
        ExpressionAttributeValues: {
          ':pk': keys.clinicOpenAlert(patientId, '').pk,
          ':open': keys.clinicOpenAlert(patientId, '').sk,
        },
        ConsistentRead: true,
      }),
    );
    return Items.filter((p) => p.alertId).map((p) => ({
      kind: String(p.sk).split('#')[2] as AlertKind,
      lastAt: typeof p.at === 'string' ? p.at : '',
    }));
  }

  async refresh(patientId: string, now: Date): Promise<'refreshed' | 'unchanged' | 'gone'> {
    for (let attempt = 0; attempt < REFRESH_TRIES; attempt++) {
      const row = (await this.row(patientId)) as
        (RosterRow & { rev?: number; expiresAt?: number }) | undefined;
      if (!row) return 'gone';
      const [records, open] = await Promise.all([
        this.sources.records(row.phoneHash),
        this.openAlerts(patientId),
      ]);
      const state = rowState(records.plan, records.events, open, now, this.rules);
      if (state.inactiveDueAt && state.planId) {
        // A silence already alerted (open, or acknowledged) never falls due again.
        const { Item } = await this.db.send(
          new GetCommand({
            TableName: this.tableName,
            Key: keys.clinicAlert(silenceAlertId(state.planId, state.lastSessionAt)),
            ProjectionExpression: 'pk',
          }),
        );
        if (Item) delete state.inactiveDueAt;
      }
      if (sameState(row, state)) return 'unchanged';
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: this.writes(row, state) }));
        return 'refreshed';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        // Another refresh wrote first (or the patient was erased): read again.
      }
    }
    throw new Error(`roster row ${patientId}: lost ${REFRESH_TRIES} races to refresh it`);
  }

  private writes(row: RosterRow & { rev?: number; expiresAt?: number }, state: RowState) {
    const names: Record<string, string> = { '#rev': 'rev' };
    const values: Item = { ':next': (row.rev ?? 0) + 1, ':roster': keys.clinicList.roster };
    const set = ['#rev = :next', 'gsi2pk = :roster', 'gsi2sk = :rank'];
    const remove: string[] = [];
    const next = { ...row, ...state };
    values[':rank'] = rankKey(next);
    ROW_FIELDS.forEach((field, i) => {
      names[`#f${i}`] = field;
      const value = state[field];
      if (value === undefined) remove.push(`#f${i}`);
      else {
        set.push(`#f${i} = :f${i}`);
        values[`:f${i}`] = value;
      }
    });
    const condition =
      row.rev === undefined
        ? 'attribute_exists(pk) AND attribute_not_exists(#rev)'
        : 'attribute_exists(pk) AND #rev = :rev';
    if (row.rev !== undefined) values[':rev'] = row.rev;
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.clinicPatient(row.patientId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
    ];
    const rank = values[':rank'] as string;
    // The shadows only when they change (a reminder's refresh mostly changes neither).
    if (row.status !== state.status || (row as unknown as Item).gsi2sk !== rank || row.rev === undefined)
      items.push({ Put: { TableName: this.tableName, Item: statusShadow(row, state, rank) } });
    if (row.inactiveDueAt !== state.inactiveDueAt || row.rev === undefined)
      items.push({ Put: { TableName: this.tableName, Item: dueShadow(row, state) } });
    return items;
  }

  async page(query: RosterQuery): Promise<RosterPage> {
    const limit = query.limit;
    if (query.by === 'id') {
      const partition = { pk: keys.clinicPatient('').pk };
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :id)',
          ExpressionAttributeValues: { ':pk': partition.pk, ':id': keys.clinicPatient(query.prefix).sk },
          ExclusiveStartKey: decodeCursor(query.cursor, partition),
          Limit: limit,
        }),
      );
      return { rows: (page.Items ?? []) as RosterRow[], next: encodeCursor(page.LastEvaluatedKey), reads: 1 };
    }
    const gsi2pk =
      query.by === 'triage'
        ? keys.clinicList.roster
        : query.by === 'status'
          ? keys.clinicList.status(query.status)
          : keys.clinicList.reference(query.token);
    const alertsOnly = query.by !== 'token' && query.alertsOnly;
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEX,
        KeyConditionExpression: `gsi2pk = :pk${alertsOnly ? ' AND gsi2sk >= :one' : ''}`,
        ExpressionAttributeValues: { ':pk': gsi2pk, ...(alertsOnly ? { ':one': '001' } : {}) },
        ExclusiveStartKey: decodeCursor(query.cursor, { gsi2pk }),
        ScanIndexForward: query.by === 'token',
        Limit: limit,
      }),
    );
    const next = encodeCursor(page.LastEvaluatedKey);
    if (query.by === 'triage') return { rows: (page.Items ?? []) as RosterRow[], next, reads: 1 };
    // Shadows name the rows: one BatchGetItem reads them, in the shadows' order.
    const ids = (page.Items ?? []).map((i) => String(i.patientId));
    const { rows, reads } = await this.rows(ids);
    const byId = new Map(rows.map((r) => [r.patientId, r]));
    const ordered = ids.flatMap((id) => {
      const row = byId.get(id);
      // A shadow a moment behind its row (the index is eventually consistent): the row decides.
      if (!row || (query.by === 'status' && (row.status ?? 'none') !== query.status)) return [];
      return [row];
    });
    return { rows: ordered, next, reads: 1 + reads };
  }

  /** Rows by patient id (BatchGetItem, 100 at a time; what DynamoDB leaves unprocessed, asked again). */
  async rows(patientIds: readonly string[]): Promise<{ rows: RosterRow[]; reads: number }> {
    const rows: RosterRow[] = [];
    let reads = 0;
    for (let i = 0; i < patientIds.length; i += 100) {
      let request: Record<string, { Keys: Item[] }> | undefined = {
        [this.tableName]: {
          Keys: [...new Set(patientIds.slice(i, i + 100))].map((id) => keys.clinicPatient(id)),
        },
      };
      for (let tries = 0; request && Object.keys(request).length && tries < 8; tries++) {
        const result = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        reads += 1;
        rows.push(...((result.Responses?.[this.tableName] ?? []) as RosterRow[]));
        request = result.UnprocessedKeys as typeof request;
      }
    }
    return { rows, reads };
  }

  async due(now: Date): Promise<{ patientId: string; phoneHash?: string }[]> {
    const items = pagedItems((ExclusiveStartKey) =>
      this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEX,
          KeyConditionExpression: 'gsi2pk = :due AND gsi2sk <= :now',
          ExpressionAttributeValues: { ':due': keys.clinicList.due, ':now': `${now.toISOString()}#~` },
          ProjectionExpression: 'patientId',
          ExclusiveStartKey,
        }),
      ),
    );
    const out: { patientId: string }[] = [];
    for await (const item of items) out.push({ patientId: String(item.patientId) });
    return out;
  }

  async setSearchTokens(patientId: string, phoneHash: string, tokens: readonly string[], expiresAt?: number) {
    // Every slot written, the unused ones out of the index: a reference that got shorter leaves nothing behind.
    const items = tokenItems(patientId, phoneHash, tokens, expiresAt);
    for (let i = 0; i < items.length; i += 25) {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: items.slice(i, i + 25).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
        }),
      );
    }
  }
}

/** JSON with object keys sorted: a map read back from DynamoDB keeps no key order. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function sameState(row: RosterRow & { rev?: number }, state: RowState): boolean {
  if (row.rev === undefined) return false;
  return ROW_FIELDS.every((f) => stable(row[f]) === stable(state[f]));
}
