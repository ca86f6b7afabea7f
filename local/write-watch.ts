/**
 * Counts the writes the local stack's own functions make to the table, so the dev-time loop reads
 * the stream only when something may have changed. Measured reason: a move of the dev clock over a
 * day passes ~30 due instants (hourly sweeps, schedules, redeliveries) and each stream drain costs
 * two DynamoDB Local round trips per shard per consumer, ~15 ms, whether or not anything was written.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Commands that only read; anything else (Put, Update, Delete, Transact/BatchWrite, PartiQL) counts. */
const READS = /^(Get|BatchGet|TransactGet|Query|Scan|Describe|List)/;

export interface WatchedTable {
  /** The client to hand the stack's adapters: the same client, counting its writes. */
  db: DynamoDBDocumentClient;
  /** How many writes went through it so far. */
  writes(): number;
}

export function watchWrites(db: DynamoDBDocumentClient): WatchedTable {
  let writes = 0;
  const send = (command: object, ...rest: unknown[]) => {
    if (!READS.test(command.constructor.name)) writes++;
    return (db.send as (...args: unknown[]) => Promise<unknown>).call(db, command, ...rest);
  };
  const watched = new Proxy(db, {
    get: (target, property, receiver) =>
      property === 'send' ? send : (Reflect.get(target, property, receiver) as unknown),
  });
  return { db: watched, writes: () => writes };
}
