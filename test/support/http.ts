import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/** A minimal API Gateway HTTP API (v2) event, as the real service sends it. */
export function httpEvent(
  method: string,
  path: string,
  options: { body?: string | object; headers?: Record<string, string>; sourceIp?: string } = {},
): APIGatewayProxyEventV2 {
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers = {
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: options.sourceIp ?? '203.0.113.7',
        userAgent: 'vitest',
      },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}

export const testContext = {
  functionName: 'test',
  awsRequestId: 'req',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

/**
 * Lambda's time left for each invocation: middy aborts a handler that outlives it (500). A burst
 * of many concurrent requests in one test process needs more than one invocation would.
 */
export const burstContext = { ...testContext, getRemainingTimeInMillis: () => 300_000 } as Context;

export async function call(
  handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>,
  event: APIGatewayProxyEventV2,
  context: Context = testContext,
) {
  const result = (await handler(event, context)) as APIGatewayProxyStructuredResultV2;
  const text = result.body ?? '';
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return {
    status: result.statusCode ?? 200,
    headers: (result.headers ?? {}) as Record<string, string>,
    body,
    text,
  };
}
