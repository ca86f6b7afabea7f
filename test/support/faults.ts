import { ProvisionedThroughputExceededException, ThrottlingException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Fault injection at the DynamoDB SDK boundary, on a real client talking to DynamoDB Local: a
 * middleware throws the error a fault rule chooses for chosen requests, before the request leaves.
 *
 * `final`: the error reaches the caller as it would once the SDK's own retries are spent (the
 * middleware sits in front of the retry loop). `each-attempt`: the middleware sits inside the retry
 * loop, so the SDK's standard retry strategy (3 attempts, back-off, retry quota) sees every
 * injected error and retries throttling as it does in Lambda.
 */
export type FaultPlacement = 'final' | 'each-attempt';

/** What a request of the engine's adapters is, read from its input. */
export type LedgerOperation =
  'claim' | 'skip' | 'settle' | 'release' | 'plan-status' | 'patient-update' | 'other-update' | string;

export interface DynamoRequest {
  command: string;
  operation: LedgerOperation;
  input: Record<string, unknown>;
}

type Values = Record<string, unknown>;

function stateOf(entry: unknown): unknown {
  const e = entry as { state?: unknown; M?: { state?: { S?: unknown } } } | undefined;
  return e?.state ?? e?.M?.state?.S;
}

/** Names the reminder ledger's writes (claim, skip, settle, release) and status moves. */
export function operationOf(command: string, input: Record<string, unknown>): LedgerOperation {
  if (command !== 'UpdateItemCommand') return command.replace(/Command$/, '');
  const update = String(input.UpdateExpression ?? '');
  const condition = String(input.ConditionExpression ?? '');
  const values = (input.ExpressionAttributeValues ?? {}) as Values;
  if (update.startsWith('REMOVE deliveries.#key')) return 'release';
  if (update.startsWith('SET deliveries.#key = :entry')) {
    if (condition.includes(':token')) return 'settle';
    return stateOf(values[':entry']) === 'sending' ? 'claim' : 'skip';
  }
  if (update.includes('#status = :to')) return 'plan-status';
  if (JSON.stringify(input.Key ?? {}).includes('PROFILE')) return 'patient-update';
  return 'other-update';
}

export const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'The level of configured provisioned throughput for the table was exceeded',
    $metadata: { httpStatusCode: 400 },
  });

export const throttlingException = () =>
  new ThrottlingException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} });

export interface InjectedFaults {
  /** Every request seen (one per attempt with `each-attempt`), and whether it was failed. */
  readonly log: { operation: LedgerOperation; failed: boolean }[];
  count(operation: LedgerOperation, failed?: boolean): number;
}

const OPERATION = Symbol('faultOperation');

/**
 * Adds the fault middleware to `db` (a document client of its own: the middleware stays on it).
 * `decide` returns the error to throw for a request, or undefined to let it through.
 */
export function injectDynamoFaults(
  db: DynamoDBDocumentClient,
  placement: FaultPlacement,
  decide: (request: DynamoRequest) => Error | undefined,
): InjectedFaults {
  const log: InjectedFaults['log'] = [];
  const judge = (request: DynamoRequest) => {
    const error = decide(request);
    log.push({ operation: request.operation, failed: error !== undefined });
    if (error) throw error;
  };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const request = {
        command: context.commandName ?? 'unknown',
        operation: operationOf(context.commandName ?? '', input),
        input,
      };
      (context as Record<symbol, unknown>)[OPERATION] = request;
      if (placement === 'final') judge(request);
      return next(args);
    },
    { step: 'initialize', priority: 'low', name: 'faultClassifier' },
  );
  if (placement === 'each-attempt') {
    db.middlewareStack.add(
      (next, context) => async (args) => {
        judge((context as Record<symbol, unknown>)[OPERATION] as DynamoRequest);
        return next(args);
      },
      // After the retry middleware (finalizeRequest, high): inside the retry loop.
      { step: 'finalizeRequest', priority: 'low', name: 'faultEachAttempt' },
    );
  }
  return {
    log,
    count: (operation, failed) =>
      log.filter((l) => l.operation === operation && (failed === undefined || l.failed === failed)).length,
  };
}

/** Fails the first `times` requests that `matches` picks, then lets everything through. */
export function failFirst(
  times: number,
  matches: (request: DynamoRequest) => boolean,
  error: () => Error = throttled,
) {
  let left = times;
  return (request: DynamoRequest) => {
    if (left > 0 && matches(request)) {
      left--;
      return error();
    }
    return undefined;
  };
}

/** Fault patterns repeat exactly from run to run (tools/seeded-random.ts). */
export { seededRandom } from '../../tools/seeded-random.ts';
