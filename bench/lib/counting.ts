/**
 * Counts the DynamoDB requests a client sends and the capacity DynamoDB says they consumed: an SDK
 * middleware that asks every request for ReturnConsumedCapacity INDEXES and adds up the answers.
 */
import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RequestCounts {
  requests: number;
  byCommand: Record<string, number>;
  /** Capacity units DynamoDB reported, in all. */
  capacityUnits: number;
  /** Of which on the table itself, and on each index. */
  tableUnits: number;
  indexUnits: Record<string, number>;
  /** Requests that failed (a refused condition still consumes capacity, but the error does not say how much). */
  failed: number;
}

export function emptyCounts(): RequestCounts {
  return { requests: 0, byCommand: {}, capacityUnits: 0, tableUnits: 0, indexUnits: {}, failed: 0 };
}

/** Adds one response's ConsumedCapacity (one entry, or one per table for batches and transactions). */
export function addCapacity(
  counts: RequestCounts,
  consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
) {
  for (const c of consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) {
    counts.capacityUnits += c.CapacityUnits ?? 0;
    counts.tableUnits += c.Table?.CapacityUnits ?? 0;
    for (const [name, index] of Object.entries(c.GlobalSecondaryIndexes ?? {})) {
      counts.indexUnits[name] = (counts.indexUnits[name] ?? 0) + (index.CapacityUnits ?? 0);
    }
  }
}

const NAME = 'benchRequestCounter';

/**
 * Starts counting on `client` (a document client shares its base client's middleware stack, so
 * either may be given); `stop()` removes the middleware.
 */
export function countRequests(client: DynamoDBClient | DynamoDBDocumentClient): {
  readonly counts: RequestCounts;
  reset(): void;
  stop(): void;
} {
  const state = { counts: emptyCounts() };
  const stack = client.middlewareStack as DynamoDBClient['middlewareStack'];
  stack.add(
    (next, context) => async (args) => {
      const counts = state.counts;
      const name = context.commandName ?? 'unknown';
      counts.requests += 1;
      counts.byCommand[name] = (counts.byCommand[name] ?? 0) + 1;
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'INDEXES';
      try {
        const result = await next(args);
        addCapacity(counts, (result.output as { ConsumedCapacity?: ConsumedCapacity }).ConsumedCapacity);
        return result;
      } catch (error) {
        counts.failed += 1;
        throw error;
      }
    },
    { step: 'initialize', name: NAME, override: true },
  );
  return {
    get counts() {
      return state.counts;
    },
    reset: () => {
      state.counts = emptyCounts();
    },
    stop: () => {
      stack.remove(NAME);
    },
  };
}

/**
 * An item's size as DynamoDB bills it, approximately: attribute names and string values in UTF-8
 * bytes, numbers about one byte per two digits plus one, booleans and nulls one byte, and three
 * bytes plus one per element of overhead for maps and lists.
 */
export function approxItemBytes(item: Record<string, unknown>): number {
  const value = (v: unknown): number => {
    if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
    if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace(/[.-]/g, '').length / 2) + 1;
    if (typeof v === 'boolean' || v === null || v === undefined) return 1;
    if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + value(x), 0);
    if (typeof v === 'object') {
      return 3 + Object.entries(v).reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k, 'utf8') + value(x), 0);
    }
    return 0;
  };
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k, 'utf8') + value(v), 0);
}
