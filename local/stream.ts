/**
 * The table's stream feeding a function as Lambda's DynamoDB event source mapping does: it reads
 * DynamoDB Local's real stream (shards, iterators, GetRecords), builds DynamoDBStreamEvent records
 * (the table's NEW_AND_OLD_IMAGES), drops records that match none of the filter patterns, invokes
 * the handler with batches of up to `batchSize` records in stream order, and honours
 * ReportBatchItemFailures: everything before the lowest failed sequence number is checkpointed,
 * and the batch is retried from there. A batch that still fails after `retryAttempts` retries is
 * logged as sent to the on-failure destination and skipped, as Lambda does; an invocation that
 * throws is bisected (bisectBatchOnError).
 *
 * Nothing polls by itself: drain() reads until nothing new is left, so the dev-time engine can
 * wait for every change to have reached the scheduler before it moves the clock on.
 *
 * Each drain starts every shard with a fresh iterator from its checkpoint (AFTER_SEQUENCE_NUMBER)
 * or, before any record was consumed, from TRIM_HORIZON, and follows NextShardIterator only while
 * pages hold records. Measured reason: in DynamoDB Local, with several tables in one database, an
 * iterator handed out while a shard is empty can skip the records written later, or fail with
 * TrimmedDataAccessException, once other tables' writes move the engine's sequence numbers on; an
 * iterator anchored to a record never did. "LATEST" is therefore read as "skip what is there now".
 */
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record,
  type DynamoDBStreamsClient,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { silentLog } from '../shared/adapters/defaults.ts';
import { type Log } from '../shared/ports.ts';
import { matchesAnyPattern } from './event-filter.ts';

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context?: Context,
) => Promise<DynamoDBBatchResponse | void>;

export interface StreamFeederOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  handler: StreamHandler;
  /** The event source's filter patterns (OR-ed). @default none: every record */
  filters?: readonly object[];
  /** Records per invocation (the stack's event source). @default 100 */
  batchSize?: number;
  /** Retries of a failing batch before it goes to the on-failure destination. @default 10 */
  retryAttempts?: number;
  /** Where reading starts in the shards open at the first drain. @default TRIM_HORIZON */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  region?: string;
  log?: Log;
}

export interface StreamStats {
  /** Records read from the stream. */
  read: number;
  /** Records dropped by the filter patterns. */
  filteredOut: number;
  invocations: number;
  /** Invocations that reported failures or threw, retried. */
  retries: number;
  /** Records given up on after every retry. */
  sentToOnFailure: number;
}

interface ShardState {
  shardId: string;
  parentShardId?: string;
  /** The last sequence number consumed (processed or filtered out). */
  checkpoint?: string;
  /** Closed and read to its end. */
  done: boolean;
  /** Open at the first drain with startingPosition LATEST: what it holds then is skipped, not delivered. */
  skipExisting: boolean;
}

/** A stream record as Lambda hands it to a function. */
export function toLambdaRecord(record: _Record, streamArn: string, region = 'local'): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID!,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb as object),
      // Lambda's events carry epoch seconds where the SDK gives a Date.
      ApproximateCreationDateTime: Math.floor(new Date(created ?? 0).getTime() / 1000),
    } as DynamoDBRecord['dynamodb'],
  };
}

export class StreamFeeder {
  private readonly shards = new Map<string, ShardState>();
  private described = false;
  private readonly log: Log;
  private readonly batchSize: number;
  private readonly retryAttempts: number;
  private readonly counts: StreamStats = {
    read: 0,
    filteredOut: 0,
    invocations: 0,
    retries: 0,
    sentToOnFailure: 0,
  };

  constructor(private readonly options: StreamFeederOptions) {
    this.log = options.log ?? silentLog;
    this.batchSize = options.batchSize ?? 100;
    this.retryAttempts = options.retryAttempts ?? 10;
  }

  stats(): StreamStats {
    return { ...this.counts };
  }

  /** Reads every shard until nothing new is left, delivering what passes the filters. */
  async drain(): Promise<void> {
    if (!this.described) await this.describe();
    do {
      // Insertion order puts parents before their children, so a child whose parent closes
      // during this round is read in the same round.
      for (const shard of this.shards.values()) {
        const parent = shard.parentShardId ? this.shards.get(shard.parentShardId) : undefined;
        // A child shard waits until its parent is read to its end: stream order per item.
        if (shard.done || (parent && !parent.done)) continue;
        await this.readShard(shard);
      }
    } while (await this.describe());
  }

  /**
   * Moves past every record there is now without delivering any (the local seed: a clinic written
   * straight into the table, its read model written with it, is nothing to react to).
   */
  async skip(): Promise<void> {
    await this.describe();
    do {
      for (const shard of this.shards.values()) {
        if (shard.done) continue;
        shard.skipExisting = true;
        await this.readShard(shard);
      }
    } while (await this.describe());
  }

  /** Learns the stream's shards; true if there were new ones. */
  private async describe(): Promise<boolean> {
    const found: Shard[] = [];
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.options.client.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ExclusiveStartShardId }),
      );
      found.push(...(StreamDescription?.Shards ?? []));
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    let added = false;
    for (const shard of found) {
      if (this.shards.has(shard.ShardId!)) continue;
      added = true;
      this.shards.set(shard.ShardId!, {
        shardId: shard.ShardId!,
        ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
        done: false,
        skipExisting: !this.described && this.options.startingPosition === 'LATEST',
      });
    }
    this.described = true;
    return added;
  }

  private async iteratorFor(shard: ShardState): Promise<string | undefined> {
    const type: ShardIteratorType = shard.checkpoint ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON';
    const { ShardIterator } = await this.options.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: shard.shardId,
        ShardIteratorType: type,
        ...(shard.checkpoint ? { SequenceNumber: shard.checkpoint } : {}),
      }),
    );
    return ShardIterator;
  }

  /** Reads one shard to its current end, from a fresh iterator (see the header). */
  private async readShard(shard: ShardState): Promise<void> {
    let iterator = await this.iteratorFor(shard);
    // No iterator at all: a closed shard with nothing left in it.
    if (!iterator) shard.done = true;
    let expired = false;
    let trimmed = false;
    while (iterator) {
      let page;
      try {
        page = await this.options.client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      } catch (error) {
        if (error instanceof ExpiredIteratorException && !expired) {
          expired = true;
          iterator = await this.iteratorFor(shard);
          continue;
        }
        if (error instanceof TrimmedDataAccessException && !trimmed && shard.checkpoint) {
          // The checkpoint's record is gone (24 hours): go on from the oldest record left.
          trimmed = true;
          this.log.warn('stream records trimmed past the checkpoint', { shardId: shard.shardId });
          delete shard.checkpoint;
          iterator = await this.iteratorFor(shard);
          continue;
        }
        throw error;
      }
      const records = page.Records ?? [];
      if (records.length) {
        if (shard.skipExisting) shard.checkpoint = records.at(-1)!.dynamodb?.SequenceNumber;
        else await this.deliver(shard, records);
      }
      if (!page.NextShardIterator) {
        shard.done = true;
        break;
      }
      if (!records.length) break;
      iterator = page.NextShardIterator;
    }
    shard.skipExisting = false;
  }

  private async deliver(shard: ShardState, records: _Record[]): Promise<void> {
    const region = this.options.region ?? 'local';
    const filters = this.options.filters ?? [];
    let pending: DynamoDBRecord[] = [];
    for (const raw of records) {
      this.counts.read += 1;
      const record = toLambdaRecord(raw, this.options.streamArn, region);
      if (matchesAnyPattern(record, filters)) pending.push(record);
      else this.counts.filteredOut += 1;
    }
    let limit = this.batchSize;
    let attempts = 0;
    while (pending.length) {
      const batch = pending.slice(0, limit);
      const failedAt = await this.invoke(batch);
      if (failedAt === undefined) {
        pending = pending.slice(batch.length);
        limit = this.batchSize;
        attempts = 0;
        continue;
      }
      if (failedAt.index > 0) {
        // Checkpoint what went through; retry from the lowest failure.
        pending = pending.slice(failedAt.index);
        attempts = 0;
      }
      attempts += 1;
      if (attempts > this.retryAttempts) {
        const given = pending.slice(0, Math.min(limit, pending.length));
        this.counts.sentToOnFailure += given.length;
        this.log.error('stream records failed every retry: sent to the on-failure destination', {
          shardId: shard.shardId,
          firstSequenceNumber: given[0]!.dynamodb?.SequenceNumber,
          lastSequenceNumber: given.at(-1)!.dynamodb?.SequenceNumber,
          count: given.length,
        });
        pending = pending.slice(given.length);
        limit = this.batchSize;
        attempts = 0;
        continue;
      }
      this.counts.retries += 1;
      if (failedAt.threw && batch.length > 1) limit = Math.ceil(batch.length / 2);
    }
    shard.checkpoint = records.at(-1)!.dynamodb?.SequenceNumber ?? shard.checkpoint;
  }

  /** One invocation; the index of the lowest failed record, or undefined when all went through. */
  private async invoke(batch: DynamoDBRecord[]): Promise<{ index: number; threw: boolean } | undefined> {
    this.counts.invocations += 1;
    let response: DynamoDBBatchResponse | void;
    try {
      response = await this.options.handler({ Records: batch });
    } catch (error) {
      this.log.warn('stream batch failed: retried', { error: String(error), size: batch.length });
      return { index: 0, threw: true };
    }
    const failures = response?.batchItemFailures ?? [];
    if (!failures.length) return undefined;
    const indexes = failures.map((f) =>
      batch.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier),
    );
    // An unknown or empty identifier fails the whole batch, as in Lambda.
    return { index: indexes.includes(-1) ? 0 : Math.min(...indexes), threw: false };
  }
}
