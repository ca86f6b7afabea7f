import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import type { HttpError } from './http.ts';

type Middleware = middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * The one place errors become answers, in two steps: this middleware's onError (which runs first)
 * turns any error into the API's error shape, as an error @middy/http-error-handler can render,
 * and @middy/http-error-handler (used before it, so its onError runs last) writes the response.
 * An error nobody recognises is logged and left unexposed, so the error handler answers its
 * fallback (a plain 500 with no internals).
 */
export function errorShaper(
  toHttpError: (error: unknown, event: APIGatewayProxyEventV2) => HttpError | undefined,
): Middleware {
  return {
    onError: async (request) => {
      if (request.response !== undefined) return;
      const http = toHttpError(request.error, request.event);
      if (!http) {
        request.error = Object.assign(new Error('internal'), { statusCode: 500, expose: false });
        return;
      }
      const body = { error: { code: http.code, message: http.message, issues: http.issues, ...http.extra } };
      request.error = Object.assign(new Error(JSON.stringify(body)), {
        statusCode: http.statusCode,
        expose: true,
        headers: { 'cache-control': 'no-store', ...http.headers },
      });
    },
  };
}

/** Content types worth compressing: pages, JSON, CSV, the manifest. */
const COMPRESSIBLE = /^(text\/|application\/(json|fhir\+json|manifest\+json|javascript))/;

/** True when the request's Accept-Encoding takes gzip (a q of 0 refuses it). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    return q === undefined || Number(q) > 0;
  }
  return false;
}

/**
 * Gzips answers of `minBytes` or more when the client takes gzip: the plan page (20 kB of HTML,
 * opened from every reminder) and the console's lists go to phones and browsers ~5× smaller.
 * CloudFront cannot do it for them: it compresses only what it may cache, and the API is never
 * cached (docs/PERFORMANCE.md section 9). Our own few lines, not @middy/http-content-encoding: the
 * registry reachable here has no release of it for middy 6. Level 6: well under a millisecond for
 * a page.
 */
export function gzipAnswers({ minBytes = 1024 }: { minBytes?: number } = {}): Middleware {
  const compress: middy.MiddlewareFn<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = async (
    request,
  ) => {
    const response = request.response;
    if (!response || typeof response.body !== 'string' || response.isBase64Encoded) return;
    const headers = Object.fromEntries(
      Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    const vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
    const type = headers['content-type'] ?? '';
    if (
      headers['content-encoding'] ||
      !COMPRESSIBLE.test(type) ||
      Buffer.byteLength(response.body) < minBytes
    ) {
      return;
    }
    const others = Object.entries(response.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'vary');
    response.headers = { ...Object.fromEntries(others), vary };
    if (!acceptsGzip(request.event.headers?.['accept-encoding'])) return;
    response.body = gzipSync(response.body, { level: 6 }).toString('base64');
    response.isBase64Encoded = true;
    response.headers['content-encoding'] = 'gzip';
  };
  return { after: compress, onError: compress };
}
