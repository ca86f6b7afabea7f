import { DEFAULT_LANGUAGE } from '../../shared/domain/language.ts';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpRouterHandler from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { silentLog } from '../../shared/adapters/defaults.ts';
import { makeAssessmentSchema } from '../../shared/domain/plan/assessment.ts';
import { homeZoneChoices } from '../../shared/domain/scheduling/zone-choices.ts';
import { originOf } from '../../shared/domain/security/origin.ts';
import { redactPhones } from '../../shared/domain/security/privacy.ts';
import { CONSENT } from '../../shared/domain/plan/rules.ts';
import { helpPageUrl } from '../../shared/domain/messaging/texts.ts';
import type { Log } from '../../shared/ports.ts';
import { apiTextsFor } from '../../shared/domain/plan/api-catalog.ts';
import { RouteNotFoundError } from './errors.ts';
import { INTERNAL_ERROR_BODY, requestLanguage } from './http.ts';
import { toHttpError } from './http-errors.ts';
import { errorShaper, gzipAnswers } from './middlewares.ts';
import { infoPages } from './info-pages.ts';
import { renderFormPage, SECURITY_HEADERS } from './page.ts';
import { intakeRoutes, MAX_BODY_BYTES, type Route } from './routes.ts';
import { IntakeService, type IntakeServiceDeps } from './service.ts';

export { INTAKE_ROUTES, MAX_BODY_BYTES, movementsBody } from './routes.ts';

export interface IntakeDeps extends IntakeServiceDeps {
  /** VAPID public key for Web Push (ENV.vapidPublicKey). Absent: the form offers text messages only. */
  vapidPublicKey?: string;
  /**
   * The origins the plan page is served on (ENV.publicUrl's in AWS). @default the origin of
   * `config.formUrl`; none without it (then a browser's plan page POSTs are refused).
   */
  publicOrigins?: readonly string[];
  log?: Log;
}

/** The intake API: the route table (routes.ts) behind security headers and one error mapping. */
export function createIntakeHandler(deps: IntakeDeps) {
  const log = deps.log ?? silentLog;
  const languages = deps.config.languages ?? [DEFAULT_LANGUAGE];
  const routes = intakeRoutes({
    service: new IntakeService({ ...deps, log }),
    appName: deps.config.appName,
    allowedCountries: deps.config.allowedCountries,
    languages,
    publicOrigins: deps.publicOrigins ?? (deps.config.formUrl ? [originOf(deps.config.formUrl)] : []),
    assessmentSchema: makeAssessmentSchema({
      allowedCountries: deps.config.allowedCountries,
      defaultSessionTimes: deps.config.defaultSessionTimes,
      pushEnabled: Boolean(deps.vapidPublicKey),
      languages: deps.config.languages,
    }),
    info: Object.fromEntries(
      languages.map((language) => [
        language,
        infoPages(
          {
            appName: deps.config.appName,
            ...(deps.config.clinicContact ? { clinicContact: deps.config.clinicContact } : {}),
            ...(deps.config.formUrl ? { helpUrl: helpPageUrl(deps.config.formUrl) } : {}),
            retentionDays: deps.config.retentionDays,
            planLengthDays: deps.config.planLengthDays,
            consent: CONSENT,
            defaultSessionTimes: deps.config.defaultSessionTimes,
          },
          language,
        ),
      ]),
    ),
    page: () =>
      renderFormPage({
        appName: deps.config.appName,
        zones: homeZoneChoices(deps.config.allowedCountries),
        defaultSessionTimes: deps.config.defaultSessionTimes,
        languages,
        ...(deps.vapidPublicKey ? { vapidPublicKey: deps.vapidPublicKey } : {}),
      }),
  });
  const router = httpRouterHandler({
    routes,
    notFoundResponse: ({ method, path }) => {
      const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
      const allowed = [...new Set(routes.filter((r) => r.path === normalised).map((r) => r.method))];
      if (allowed.length > 0) throw new RouteNotFoundError(method, normalised, allowed);
      throw new RouteNotFoundError(method, path.slice(0, 200));
    },
  });
  const shape = (error: unknown, event: APIGatewayProxyEventV2) => {
    const http = toHttpError(error, apiTextsFor(requestLanguage(event, languages, MAX_BODY_BYTES)));
    const e = error as Error | undefined;
    if (!http)
      log.error('unhandled error', {
        errorName: e?.name ?? 'unknown',
        errorMessage: redactPhones(String(e?.message)),
      });
    else if (http.statusCode >= 500)
      log.warn('answered a server error', { code: http.code, errorName: e?.name });
    return http;
  };
  // Middlewares first, the router last. onError runs in reverse: errorShaper shapes the error,
  // httpErrorHandler renders it (last among error handlers), then the security headers go on, and
  // the answer is gzipped last of all (after and onError both run in reverse order of use).
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(gzipAnswers())
    .use(httpSecurityHeaders(SECURITY_HEADERS))
    .use(httpErrorHandler({ logger: false, fallbackMessage: INTERNAL_ERROR_BODY }))
    .use(errorShaper(shape))
    .handler(router as unknown as Route);
}
