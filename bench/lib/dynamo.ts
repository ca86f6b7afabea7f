/** DynamoDB Local for the benchmarks: one engine per run, a fresh table per measurement, seeded plans. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../tools/dynamodb-local.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { newPageNonce } from '../../shared/domain/plan/page.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { ensureTable } from '../../shared/adapters/dynamodb/table-admin.ts';
import type { PlanRecord } from '../../shared/domain/model.ts';
import { planRecord } from '../../test/support/fixtures.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';

export interface BenchDb {
  engine: DynamoDbLocal;
  clientConfig: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  client: DynamoDBClient;
  /** A document client built as production builds it (shared/adapters/dynamodb/client.ts). */
  db: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export async function startBenchDb(log: (m: string) => void = () => {}): Promise<BenchDb> {
  const engine = await startDynamoDbLocal({ log });
  const clientConfig = {
    endpoint: engine.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const client = new DynamoDBClient(clientConfig);
  return {
    engine,
    clientConfig,
    client,
    db: createDocumentClient(clientConfig),
    async stop() {
      client.destroy();
      await engine.stop();
    },
  };
}

/** A new table from the one definition (shared/table.ts). */
export async function freshTable(client: DynamoDBClient, prefix: string): Promise<string> {
  const tableName = `bench-${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  return tableName;
}

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * `count` active plans as the intake leaves them once verified (created pending, code verified,
 * activated), made at `madeAt`: dated in the future, since DynamoDB Local deletes expired items.
 */
export async function seedActivePlans(
  db: DynamoDBDocumentClient,
  tableName: string,
  count: number,
  madeAt: Date,
): Promise<PlanRecord[]> {
  const repo = new DynamoPlanRepository(db, tableName);
  const sentAt = new Date(madeAt.getTime() - 60_000);
  const records = Array.from({ length: count }, () =>
    planRecord({
      now: madeAt,
      // As activation stores it: reminders carry the plan page's link made from it.
      pageNonce: newPageNonce(),
      verification: {
        codeHash: 'c'.repeat(64),
        sentAt: sentAt.toISOString(),
        expiresAt: new Date(sentAt.getTime() + 600_000).toISOString(),
        attempts: 0,
        sends: 1,
        verifiedAt: madeAt.toISOString(),
      },
    }),
  );
  await mapLimit(records, 8, async (record) => {
    await repo.createPendingPlan(record, 30);
    await repo.activatePlan(record.planId, madeAt, 30);
  });
  return records.map((r) => ({ ...r, status: transition({ kind: 'verify' }).to }));
}
