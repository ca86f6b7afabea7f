/**
 * Records the AWS requests each function really sends, for the IAM proof
 * (test/infra/iam-proof.test.ts): DynamoDB Local and SDK mocks evaluate no IAM, so the proof
 * replays what the handlers did against the synthesized template's policies.
 *
 * Tests and the local stack run the same handlers Lambda runs. An invocation runs inside
 * `asFunction(name, handler)`; every client the handlers are built with goes through
 * `recordAwsCalls(client)`. A request sent inside an invocation is noted as (function, client,
 * command, the input's addressing fields) when AWS_CALL_LOG_DIR is set; requests the test itself
 * sends (set-up, scans) are outside any invocation and are not. Never bundled (local/ is dev only).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The deployed functions, as their folders under functions/ name them. */
export const FUNCTION_NAMES = [
  'intake',
  'send-reminder',
  'schedule-sync',
  'inbound',
  'console',
  'clinic-watch',
  'delivery-status',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export const AWS_CALL_LOG_DIR_ENV = 'AWS_CALL_LOG_DIR';
/** Where `npm test` has them noted (vitest.config.mts sets the variable to it). */
export const TEST_AWS_CALL_LOG_DIR = fileURLToPath(new URL('../test-results/aws-calls', import.meta.url));

/** One distinct request: no values that could be personal data, only what names the resource. */
export interface RecordedAwsCall {
  fn: FunctionName;
  /** The SDK client's class: DynamoDBDocumentClient, SNSClient, SchedulerClient … */
  client: string;
  /** The command's class: UpdateCommand, PublishCommand, CreateScheduleCommand … */
  command: string;
  input: RecordedInput;
}

export interface RecordedInput {
  TableName?: string;
  IndexName?: string;
  /** BatchWrite / BatchGet: the tables and, per table, the kinds of request (PutRequest, DeleteRequest). */
  RequestItems?: Record<string, string[]>;
  /** TransactWrite / TransactGet: each item's operation and table. */
  TransactItems?: { operation: string; TableName?: string }[];
  TopicArn?: string;
  TargetArn?: string;
  /** Only whether there was one: a phone number is personal data. */
  PhoneNumber?: true;
  GroupName?: string;
  /** Scheduler targets: the queue, the role Scheduler assumes, the dead-letter queue. */
  Target?: { Arn?: string; RoleArn?: string; DeadLetterArn?: string };
  SecretId?: string;
  /** End User Messaging: the opt-out list (its name or ARN; a phone number is never kept). */
  OptOutListName?: string;
}

const invocation = new AsyncLocalStorage<FunctionName>();

/** The handler, with each invocation marked as the named function's (for the recorder). */
export function asFunction<Handler extends (...args: never[]) => unknown>(
  fn: FunctionName,
  handler: Handler,
): Handler {
  // A proxy keeps what middy hangs on the handler (use, before …) for callers that need it.
  return new Proxy(handler, {
    apply: (target, thisArg, args) => invocation.run(fn, () => Reflect.apply(target, thisArg, args)),
  });
}

/**
 * Runs a test's own reads outside the invocation they happen in (a test double that inspects the
 * table while the handler waits on it), so they are not taken for the function's requests.
 */
export function outsideFunctions<T>(run: () => T): T {
  return invocation.exit(run);
}

interface SendingClient {
  send(command: unknown, ...rest: unknown[]): unknown;
}

const recorded = new Set<string>();

/**
 * Notes every command the client sends inside an invocation. The wrapper sits on the instance and
 * calls the prototype's send at call time, so it also sees clients mocked by aws-sdk-client-mock
 * (whose stub replaces the prototype's send) and survives a mock's reset or restore.
 */
export function recordAwsCalls<Client extends SendingClient>(client: Client): Client {
  const prototype = Object.getPrototypeOf(client) as SendingClient;
  client.send = function send(this: Client, command: unknown, ...rest: unknown[]) {
    const fn = invocation.getStore();
    if (fn) note(fn, client, command);
    return prototype.send.call(this, command, ...rest);
  } as Client['send'];
  return client;
}

function note(fn: FunctionName, client: SendingClient, command: unknown): void {
  const dir = process.env[AWS_CALL_LOG_DIR_ENV];
  if (!dir) return;
  const call: RecordedAwsCall = {
    fn,
    client: client.constructor.name,
    command: (command as object).constructor.name,
    input: addressing((command as { input?: Record<string, unknown> }).input ?? {}),
  };
  const line = JSON.stringify(call);
  if (recorded.has(line)) return;
  recorded.add(line);
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${line}\n`);
}

function addressing(input: Record<string, unknown>): RecordedInput {
  const out: RecordedInput = {};
  for (const key of [
    'TableName',
    'IndexName',
    'TopicArn',
    'TargetArn',
    'GroupName',
    'SecretId',
    'OptOutListName',
  ] as const) {
    if (typeof input[key] === 'string') out[key] = input[key];
  }
  if (input.PhoneNumber !== undefined) out.PhoneNumber = true;
  if (input.RequestItems && typeof input.RequestItems === 'object') {
    out.RequestItems = Object.fromEntries(
      Object.entries(input.RequestItems as Record<string, unknown>).map(([table, requests]) => [
        table,
        Array.isArray(requests)
          ? [...new Set(requests.flatMap((r) => Object.keys(r as object)))].sort()
          : ['Keys'],
      ]),
    );
  }
  if (Array.isArray(input.TransactItems)) {
    out.TransactItems = (input.TransactItems as Record<string, { TableName?: string }>[]).map((item) => {
      const [operation, body] = Object.entries(item)[0] ?? ['?', {}];
      return { operation, ...(body?.TableName ? { TableName: body.TableName } : {}) };
    });
  }
  const target = input.Target as
    { Arn?: string; RoleArn?: string; DeadLetterConfig?: { Arn?: string } } | undefined;
  if (target && typeof target === 'object') {
    out.Target = {
      ...(target.Arn ? { Arn: target.Arn } : {}),
      ...(target.RoleArn ? { RoleArn: target.RoleArn } : {}),
      ...(target.DeadLetterConfig?.Arn ? { DeadLetterArn: target.DeadLetterConfig.Arn } : {}),
    };
  }
  return out;
}
