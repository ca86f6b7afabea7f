import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../../tools/dynamodb-local.ts';
import { createLocalStack, listen, type LocalStack } from '../../local/stack.ts';
import { silentLog } from '../../shared/adapters/defaults.ts';
import { consoleLog } from '../../local/log.ts';
import type { RuntimeConfigInput } from '../../shared/config.ts';
import type { StaffRole } from '../../shared/domain/clinic/roster.ts';
import { localClientConfig, type TestTable } from './dynamodb.ts';
import { GENEROUS_LIMITS, testConfig } from './intake.ts';

export interface RunningStack {
  stack: LocalStack;
  base: string;
  /** A fetch against the local server, with a staff member's access token when a role is given. */
  request(
    method: string,
    path: string,
    options?: { role?: StaffRole; token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown; text: string; headers: Headers }>;
  token(role: StaffRole, username?: string): string;
}

/** The local stack (the same handlers, DynamoDB Local, dev clock, console and its sign-in) on a free port. */
export function useLocalStack(table: TestTable, config: RuntimeConfigInput = {}): RunningStack {
  const running = {} as RunningStack;
  beforeAll(async () => {
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    const port = await freePort();
    const stack = createLocalStack({
      db: table.db,
      tableName: table.tableName,
      streams: new DynamoDBStreamsClient(localClientConfig()),
      streamArn: Table!.LatestStreamArn!,
      config: testConfig({ limits: GENEROUS_LIMITS, formUrl: `http://127.0.0.1:${port}/`, ...config }),
      log: process.env.CONSOLE_TEST_LOG ? consoleLog('test') : silentLog,
      print: () => {},
    });
    running.stack = stack;
    running.base = await listen(stack.server, port, '127.0.0.1');
    running.base = `http://127.0.0.1:${port}`;
    running.token = (role, username = `test.${role}`) => stack.devCognito.issue({ username, groups: [role] });
    running.request = async (method, path, options = {}) => {
      const token = options.token ?? (options.role ? running.token(options.role) : undefined);
      const response = await fetch(`${running.base}${path}`, {
        method,
        redirect: 'manual',
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: response.status, body, text, headers: response.headers };
    };
  });
  afterAll(async () => {
    await running.stack?.stop();
  });
  return running;
}
