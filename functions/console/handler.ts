import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpRouterHandler from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { silentLog } from '../../shared/adapters/defaults.ts';
import type { Log } from '../../shared/ports.ts';
import { HttpError, INTERNAL_ERROR_BODY } from '../intake/http.ts';
import { errorShaper, gzipAnswers } from '../intake/middlewares.ts';
import { toConsoleHttpError } from './http-errors.ts';
import { consolePages, type ConsolePageOptions } from './pages.ts';
import { consoleRoutes, type Route } from './routes.ts';
import { ConsoleService, type ConsoleDeps } from './service.ts';

export { CONSOLE_ROUTES } from './routes.ts';

export interface ConsoleHandlerDeps extends ConsoleDeps {
  /** The sign-in service the pages use (Cognito's domain in AWS) and the console's app client. */
  auth: Pick<ConsolePageOptions, 'authUrl' | 'clientId' | 'idpUrl'>;
  log?: Log;
}

/**
 * The clinic console: its route table (routes.ts) behind one error mapping. The API routes trust
 * the claims API Gateway's JWT authorizer checked; the use case checks the role.
 */
export function createConsoleHandler(deps: ConsoleHandlerDeps) {
  const log = deps.log ?? silentLog;
  const routes = consoleRoutes({
    service: new ConsoleService({ ...deps, log }),
    pages: consolePages({ appName: deps.config.appName, ...deps.auth }),
  });
  const router = httpRouterHandler({
    routes,
    notFoundResponse: ({ method, path }) => {
      const allowed = [...new Set(routes.filter((r) => r.path === path).map((r) => r.method))];
      if (allowed.length > 0) {
        throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${path}`, [], {
          allow: allowed.join(', '),
        });
      }
      throw new HttpError(404, 'not_found', `No route for ${method} ${path.slice(0, 200)}`);
    },
  });
  const shape = (error: unknown) => {
    const http = toConsoleHttpError(error);
    if (!http) log.error('unhandled error', { errorName: (error as Error | undefined)?.name ?? 'unknown' });
    return http;
  };
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(gzipAnswers())
    .use(httpErrorHandler({ logger: false, fallbackMessage: INTERNAL_ERROR_BODY }))
    .use(errorShaper(shape))
    .handler(router as unknown as Route);
}
