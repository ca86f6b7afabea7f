import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One write of a transaction on the table: a Put, Update, Delete or ConditionCheck, its TableName left out. */
export type TableWrite = {
  [Kind in keyof TransactItem]: Omit<NonNullable<TransactItem[Kind]>, 'TableName'>;
};

/** A transaction a condition cancelled: each write's reason by position (`ConditionalCheckFailed`, `None`…). */
export interface Cancelled {
  reasons: (string | undefined)[];
  error: TransactionCanceledException;
}

/**
 * One transaction on the table, every write's TableName filled in. Undefined when it wrote; when it
 * was cancelled (a condition failed, a race lost), why, by write — the one place the adapters read a
 * cancellation as an answer rather than a failure. Any other error is thrown.
 */
export async function transact(
  db: DynamoDBDocumentClient,
  tableName: string,
  writes: readonly TableWrite[],
): Promise<Cancelled | undefined> {
  const TransactItems = writes.map(
    (write) =>
      Object.fromEntries(
        Object.entries(write).map(([kind, op]) => [kind, { TableName: tableName, ...op }]),
      ) as TransactItem,
  );
  try {
    await db.send(new TransactWriteCommand({ TransactItems }));
    return undefined;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    return { reasons: (error.CancellationReasons ?? []).map((r) => r.Code), error };
  }
}

/** The Put of a new item: only where no item has its key yet. */
export const putNew = (Item: Record<string, unknown>): TableWrite => ({
  Put: { Item, ConditionExpression: 'attribute_not_exists(pk)' },
});
