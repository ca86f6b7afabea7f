/**
 * Only CloudFront may call the API. CloudFront adds a secret header to every request it sends the
 * API origin (its value from a Secrets Manager secret, infra/constructs/edge.ts); the API's
 * functions refuse a request without it (403, in the API's error shape), so no one goes around the
 * distribution, its cache rules or its WAF by calling the execute-api address directly.
 *
 * On a request that carries the secret, and only there, the viewer's address CloudFront saw
 * (`CloudFront-Viewer-Address: <ip>:<port>`) becomes the request's source address: the one place
 * the per-client limits read it (functions/intake/http.ts clientAddress). Any client can send that
 * header itself; a request without the secret never gets this far.
 *
 * Rotation: CloudFront's header value is fixed at deploy time (a dynamic reference CloudFormation
 * resolves), so a new secret value takes effect with the next deploy. Until then CloudFront still
 * sends the old one: when a request carries a value that does not match, the guard reads the secret
 * again (at most once a minute), so it follows the deployed value without a restart.
 */
import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** The header CloudFront adds (lower case: API Gateway's payload v2 lower-cases header names). */
export const ORIGIN_SECRET_HEADER = 'x-origin-verify';
/** The viewer's address and port, as CloudFront forwards it (origin request policy). */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';
/** How often a mismatch may make the guard read the secret again. */
export const REFRESH_AFTER_MS = 60_000;

export const FORBIDDEN_ORIGIN_BODY = JSON.stringify({
  error: {
    code: 'forbidden_origin',
    message:
      "Requests reach this API through the service's own address only (its CloudFront distribution), not the API's.",
    issues: [],
  },
});

type Handler<C, R> = (event: APIGatewayProxyEventV2, context: C) => Promise<R>;

export interface OriginGuardOptions {
  /** Reads the secret's current value (Secrets Manager in AWS). */
  readSecret: () => Promise<string>;
  now?: () => number;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `203.0.113.7:46532` → `203.0.113.7`; `2001:db8::1:443` → `2001:db8::1`. */
export function viewerIp(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const at = value.lastIndexOf(':');
  const ip = (at > 0 ? value.slice(0, at) : value).replace(/^\[|\]$/g, '').trim();
  return ip || undefined;
}

/**
 * The handler behind the guard. The secret is read on the first request (not at init, so a cold
 * start does not wait on it), then kept.
 */
export function guardOrigin<C, R>(
  handler: Handler<C, R>,
  options: OriginGuardOptions,
): Handler<C, R | APIGatewayProxyStructuredResultV2> {
  const now = options.now ?? Date.now;
  let secret: Promise<string> | undefined;
  let readAt = 0;
  const current = () => {
    if (!secret) {
      readAt = now();
      secret = options.readSecret().catch((error: unknown) => {
        secret = undefined;
        throw error;
      });
    }
    return secret;
  };
  const forbidden = (): APIGatewayProxyStructuredResultV2 => ({
    statusCode: 403,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: FORBIDDEN_ORIGIN_BODY,
  });
  return async (event, context) => {
    const headers = event.headers ?? {};
    const given = headers[ORIGIN_SECRET_HEADER];
    if (!given) return forbidden();
    let expected = await current();
    if (!same(given, expected) && now() - readAt >= REFRESH_AFTER_MS) {
      secret = undefined;
      expected = await current();
    }
    if (!same(given, expected)) return forbidden();
    const rest = { ...headers };
    delete rest[ORIGIN_SECRET_HEADER];
    delete rest[VIEWER_ADDRESS_HEADER];
    const viewer = viewerIp(headers[VIEWER_ADDRESS_HEADER]);
    const http = event.requestContext?.http;
    const requestContext =
      viewer && http
        ? { ...event.requestContext, http: { ...http, sourceIp: viewer } }
        : event.requestContext;
    return handler({ ...event, headers: rest, requestContext }, context);
  };
}

/** The handler behind the guard when the function is behind CloudFront (a reader given), else as it is. */
export function behindCloudFront<C, R>(
  handler: Handler<C, R>,
  readSecret: (() => Promise<string>) | undefined,
): Handler<C, R | APIGatewayProxyStructuredResultV2> {
  return readSecret ? guardOrigin(handler, { readSecret }) : handler;
}
