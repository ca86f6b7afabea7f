import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpError } from './http.ts';

type Middleware = middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * The one place errors become answers, in two steps: this middleware's onError (which runs first)
 * turns any error into the API's error shape, as an error @middy/http-error-handler can render,
 * and @middy/http-error-handler (used before it, so its onError runs last) writes the response.
 * An error nobody recognises is logged and left unexposed, so the error handler answers its
 * fallback (a plain 500 with no internals).
 */
export function errorShaper(toHttpError: (error: unknown) => HttpError | undefined): Middleware {
  return {
    onError: async (request) => {
      if (request.response !== undefined) return;
      const http = toHttpError(request.error);
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
