/** Every log line of an invocation carries its Lambda request id (functions/wiring/logger.ts). */
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, withRequestContext } from '../../functions/wiring/logger.ts';
import { testContext } from '../support/http.ts';

afterEach(() => vi.restoreAllMocks());

function linesWritten(): () => Record<string, unknown>[] {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return () =>
    written
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('withRequestContext', () => {
  it("puts each invocation's request id on the lines it logs", async () => {
    const log = createLogger('send-reminder');
    const handler = withRequestContext(log, async (event: { n: number }) => {
      log.info('working', { n: event.n });
      return event.n;
    });
    const lines = linesWritten();
    await handler({ n: 1 }, { ...testContext, awsRequestId: 'req-1' } as Context);
    await handler({ n: 2 }, { ...testContext, awsRequestId: 'req-2' } as Context);
    expect(lines().map((l) => [l.message, l.function_request_id, l.n])).toEqual([
      ['working', 'req-1', 1],
      ['working', 'req-2', 2],
    ]);
  });
});
