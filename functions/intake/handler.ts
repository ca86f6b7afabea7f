import middy from '@middy/core';
import httpRouterHandler from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { CATALOG } from '../../shared/domain/catalog.ts';
import { silentLog, type Log } from '../../shared/ports.ts';
import { errorResponse, HttpError, json } from '../shared/http.ts';

export interface IntakeDeps {
  log?: Log;
}

type Route = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The catalog as the form and other tools see it: stable ids, names, how-to, category. */
export const movementsBody = CATALOG.map(({ id, name, howTo, category, repUnit, variations }) => ({
  id,
  name,
  howTo,
  category,
  repUnit,
  ...(variations ? { variations } : {}),
}));

export function createIntakeHandler(deps: IntakeDeps = {}) {
  const log = deps.log ?? silentLog;
  const getMovements: Route = async () =>
    json(200, movementsBody, { 'cache-control': 'public, max-age=300' });

  const router = httpRouterHandler({
    routes: [{ method: 'GET', path: '/movements', handler: getMovements }],
    notFoundResponse: ({ method, path }) => {
      throw new HttpError(404, 'not_found', `No route for ${method} ${path}`);
    },
  });

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .onError(async (request) => {
      const error = request.error;
      if (error instanceof HttpError) {
        request.response = errorResponse(
          error.statusCode,
          error.code,
          error.message,
          error.issues,
          error.headers,
        );
        return;
      }
      // An unexpected failure: log it, answer without internals.
      log.error('unhandled error', { error: error instanceof Error ? error.name : 'unknown' });
      request.response = errorResponse(
        500,
        'internal',
        'Something went wrong on our side. Please try again later.',
      );
    })
    .handler(router as unknown as Route);
}
