/**
 * Turns plain HTTP requests into API Gateway HTTP API (payload v2.0) events for the same handler
 * Lambda runs, and writes its result back. Only the local stack uses this.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { systemClock } from '../shared/adapters/defaults.ts';
import { type Clock } from '../shared/ports.ts';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/** API Gateway's payload limit: above it, it answers 413 itself and never invokes the function. */
export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/**
 * Reads the whole request, as API Gateway does, so the handler sees the body it would (and answers
 * its own 413 for a big one), and the connection stays usable for the next request: a body left
 * half read would be taken for the start of the next one. Past API Gateway's own limit nothing more
 * is kept, but the rest is still drained.
 */
async function readBody(req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= API_GATEWAY_MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return { body: Buffer.concat(chunks), tooLarge: size > API_GATEWAY_MAX_BODY_BYTES };
}

export async function toApiGatewayEvent(
  req: IncomingMessage,
  body: Buffer,
  clock: Clock = systemClock,
): Promise<APIGatewayProxyEventV2> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies.push(...String(value).split(/;\s*/));
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] ? `${query[k]},${v}` : v;
  const now = clock.now();
  const textual = /^(application\/(json|x-www-form-urlencoded)|text\/)/.test(headers['content-type'] ?? '');
  const method = (req.method ?? 'GET').toUpperCase();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length || method === 'POST' || method === 'PUT'
      ? { body: textual ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !textual }
      : { isBase64Encoded: false }),
  } as APIGatewayProxyEventV2;
}

export function writeResult(res: ServerResponse, result: unknown): void {
  // HTTP API v2 accepts a bare string or object as a 200 JSON answer.
  const structured: APIGatewayProxyStructuredResultV2 =
    result && typeof result === 'object' && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : { statusCode: 200, body: typeof result === 'string' ? result : JSON.stringify(result) };
  const body = structured.body
    ? structured.isBase64Encoded
      ? Buffer.from(structured.body, 'base64')
      : Buffer.from(structured.body, 'utf8')
    : Buffer.alloc(0);
  // Lambda serialises the result as JSON, which drops headers whose value is undefined; do the same.
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name] = String(value);
  }
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(body);
}

export interface RouteTable {
  /** Routes handled in-process by the local stack (dev routes); the rest go to the Lambda handler. */
  local?: (req: IncomingMessage, body: Buffer, res: ServerResponse) => Promise<boolean>;
  lambda: HttpHandler;
}

type LocalRoute = NonNullable<RouteTable['local']>;

/** Local routes tried in turn: the first that answers ends it. */
export function firstOf(...routes: LocalRoute[]): LocalRoute {
  return async (req, body, res) => {
    for (const route of routes) if (await route(req, body, res)) return true;
    return false;
  };
}

export function createHttpServer(
  routes: RouteTable,
  onError: (error: unknown) => void,
  clock: Clock = systemClock,
): Server {
  return createServer(async (req, res) => {
    try {
      const { body, tooLarge } = await readBody(req);
      if (tooLarge) {
        // API Gateway's own answer: the function is never invoked.
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Request Entity Too Large' }));
        return;
      }
      if (routes.local && (await routes.local(req, body, res))) return;
      const event = await toApiGatewayEvent(req, body, clock);
      writeResult(res, await routes.lambda(event, lambdaContext('intake')));
    } catch (error) {
      onError(error);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { code: 'bad_gateway', message: 'The local handler failed', issues: [] } }),
      );
    }
  });
}
