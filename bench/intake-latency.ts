/**
 * Intake latency: POST /assessments on the local stack's HTTP server (the intake handler Lambda
 * runs, behind local/http-server.ts, on DynamoDB Local) with autocannon at 1, 8 and 32 concurrent
 * clients, against a bare HTTP server that makes one PutItem per request, at the same concurrency.
 * The limits are raised so the rate limiter answers yes; every request has a phone of its own
 * (the tests' valid five-movement body, test/support/intake.ts).
 */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import autocannon, { type Result } from 'autocannon';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createLocalStack, listen } from '../local/stack.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.ts';
import { ensureTable } from '../shared/adapters/dynamodb/table-admin.ts';
import { parseRuntimeConfig } from '../shared/config.ts';
import { silentLog } from '../shared/adapters/defaults.ts';
import { GENEROUS_LIMITS, assessmentBody } from '../test/support/intake.ts';
import { countRequests } from './lib/counting.ts';
import { freshTable, type BenchDb } from './lib/dynamo.ts';
import { ratio } from './lib/stats.ts';

export interface LatencyLevel {
  connections: number;
  requests: number;
  intake: { p50: number; p99: number; perSecond: number; non2xx: number; errors: number };
  bare: { p50: number; p99: number; perSecond: number; non2xx: number; errors: number };
  p50Ratio: number;
  p99Ratio: number;
}

export interface IntakeLatency {
  levels: LatencyLevel[];
  /** DynamoDB requests one POST /assessments makes (counted, not timed). */
  dynamoRequestsPerPost: number;
}

function bareServer(bench: BenchDb, tableName: string): Server {
  const db = createDocumentClient(bench.clientConfig);
  return createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    await db.send(
      new PutCommand({ TableName: tableName, Item: { pk: `BENCH#${randomUUID()}`, sk: 'BARE', body } }),
    );
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
}

async function load(url: string, connections: number, amount: number): Promise<Result> {
  return autocannon({
    url: `${url}/assessments`,
    connections,
    amount,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      { method: 'POST', setupRequest: (request) => ({ ...request, body: JSON.stringify(assessmentBody()) }) },
    ],
  });
}

const summary = (r: Result) => ({
  p50: r.latency.p50,
  p99: r.latency.p99,
  perSecond: r.requests.average,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
});

export async function measureIntakeLatency(
  bench: BenchDb,
  levels: readonly { connections: number; requests: number }[],
): Promise<IntakeLatency> {
  const tableName = await freshTable(bench.client, 'intake');
  const streamArn = (await ensureTable(bench.client, tableName))!;
  const db = createDocumentClient(bench.clientConfig);
  const streams = new DynamoDBStreamsClient(bench.clientConfig);
  // The local stack as npm start builds it; its engine is not started: only the intake is loaded.
  const stack = createLocalStack({
    db,
    tableName,
    streams,
    streamArn,
    config: parseRuntimeConfig({ allowedCountries: ['US'], limits: GENEROUS_LIMITS }),
    log: silentLog,
    print: () => {},
  });
  const bare = bareServer(bench, tableName);
  const intakeUrl = await listen(stack.server, 0, '127.0.0.1');
  const bareUrl = await listen(bare, 0, '127.0.0.1');
  const counter = countRequests(db);
  try {
    // Warm both up (JIT, connections, DynamoDB Local); count one POST's requests meanwhile.
    counter.reset();
    await load(intakeUrl, 1, 20);
    const dynamoRequestsPerPost = counter.counts.requests / 20;
    await load(bareUrl, 1, 20);
    const results: LatencyLevel[] = [];
    for (const [i, level] of levels.entries()) {
      // Alternate which goes first, so a drift in load favours neither.
      const first = i % 2 === 0 ? intakeUrl : bareUrl;
      const a = await load(first, level.connections, level.requests);
      const b = await load(first === intakeUrl ? bareUrl : intakeUrl, level.connections, level.requests);
      const [intake, plain] = first === intakeUrl ? [a, b] : [b, a];
      results.push({
        ...level,
        intake: summary(intake),
        bare: summary(plain),
        p50Ratio: ratio(intake.latency.p50, Math.max(plain.latency.p50, 0.001)),
        p99Ratio: ratio(intake.latency.p99, Math.max(plain.latency.p99, 0.001)),
      });
    }
    return { levels: results, dynamoRequestsPerPost };
  } finally {
    counter.stop();
    bare.closeAllConnections();
    await Promise.all([stack.stop(), new Promise((r) => bare.close(r))]);
    db.destroy();
    streams.destroy();
  }
}
