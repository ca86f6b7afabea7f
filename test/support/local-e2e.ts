/**
 * The local stack for an e2e file (its own server on a free port, the handlers on DynamoDB Local,
 * the dev clock and the outbox), with what the journeys ask of it: the dev API, the outbox, console
 * problems and axe with no sideways scroll. Used by the Spanish, plan-page and patient-phone e2e files.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RuntimeConfig } from '../../shared/config.ts';
import { silentLog } from '../../shared/adapters/defaults.ts';
import type { OutboxEntry } from '../../local/outbox.ts';
import { createLocalStack, listen, type LocalStack } from '../../local/stack.ts';
import { freePort } from '../../tools/dynamodb-local.ts';
import { axeViolations } from './browser.ts';
import { localClientConfig, type TestTable } from './dynamodb.ts';
import { GENEROUS_LIMITS, testConfig } from './intake.ts';

/** Starts the stack before the file's tests (config on top of the test config), stops it after. */
export function useLocalStack(table: TestTable, config: Partial<RuntimeConfig> = {}) {
  let stack: LocalStack;
  let base = '';
  beforeAll(async () => {
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    // The texts' links point at this server, as `npm start` points them at its own port.
    const port = await freePort();
    stack = createLocalStack({
      db: table.db,
      tableName: table.tableName,
      streams: new DynamoDBStreamsClient(localClientConfig()),
      streamArn: Table!.LatestStreamArn!,
      config: testConfig({ limits: GENEROUS_LIMITS, formUrl: `http://127.0.0.1:${port}/`, ...config }),
      log: silentLog,
      print: () => {},
    });
    base = await listen(stack.server, port, '127.0.0.1');
  });
  afterAll(async () => {
    await stack.stop();
  });

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body !== undefined
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
        : {}),
    });
    expect(response.ok, `${method} ${path}`).toBe(true);
    return (await response.json()) as T;
  }
  return {
    base: () => base,
    api,
    outbox: () => api<OutboxEntry[]>('GET', '/dev/outbox'),
  };
}

/** Console errors (CSP violations among them) and uncaught exceptions. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/** axe 0 violations, and nothing wider than the screen. */
export async function expectAccessible(page: Page, state: string) {
  expect(await axeViolations(page), `axe violations in "${state}"`).toEqual([]);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    `nothing wider than the screen in "${state}"`,
  ).toBeLessThanOrEqual(0);
}
