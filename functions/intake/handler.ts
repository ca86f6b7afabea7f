import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from '../../shared/domain/zod.ts';
import { makeAssessmentSchema, toFieldIssues } from '../../shared/domain/assessment.ts';
import { CATALOG } from '../../shared/domain/catalog.ts';
import { redactPhones } from '../../shared/domain/privacy.ts';
import { CONSENT } from '../../shared/domain/rules.ts';
import { resendBodySchema, verificationBodySchema } from '../../shared/domain/verification.ts';
import { silentLog } from '../../shared/adapters/defaults.ts';
import {
  NotifierThrottledError,
  RecipientUnreachableError,
  StateConflictError,
} from '../../shared/domain/model.ts';
import { type Log } from '../../shared/ports.ts';
import { HttpError, json } from '../shared/http.ts';
import {
  AlreadyVerifiedError,
  BusyError,
  CodesPausedError,
  CodeExpiredError,
  CodeLockedError,
  NotPendingError,
  PlanNotFoundError,
  RateLimitedError,
  ResendTooSoonError,
  WrongCodeError,
} from './errors.ts';
import { bodyLimit, errorShaper } from './middlewares.ts';
import { renderFormPage } from './page.ts';
import { IntakeService, type Client, type IntakeServiceDeps } from './service.ts';
import { WEB_ASSETS, type WebAsset } from './web-assets.generated.ts';

export interface IntakeDeps extends IntakeServiceDeps {
  /** VAPID public key for Web Push (ENV.vapidPublicKey). Absent: the form offers text messages only. */
  vapidPublicKey?: string;
  log?: Log;
}

type Route = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type JsonEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: unknown };

/** POST bodies above this are refused with 413: a full assessment with a push subscription is ~2 KB. */
export const MAX_BODY_BYTES = 16 * 1024;

/** The catalog as the form and other tools see it: stable ids, names, how-to, category. */
export const movementsBody = CATALOG.map(({ id, name, howTo, category, repUnit, variations }) => ({
  id,
  name,
  howTo,
  category,
  repUnit,
  ...(variations ? { variations } : {}),
}));

/** Files of web/ served as they are, at /<name>. The page itself (index.html) is rendered and served at /. */
const STATIC_FILES = Object.keys(WEB_ASSETS).filter((name) => name !== 'index.html');

/**
 * Every route the intake answers. API Gateway can route `$default` (or these) to the function; the
 * handler itself answers 404 for other paths and 405 (with Allow) for other methods.
 */
export const INTAKE_ROUTES: readonly { method: 'GET' | 'POST'; path: string }[] = [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/movements' },
  ...STATIC_FILES.map((name) => ({ method: 'GET' as const, path: `/${name}` })),
  { method: 'POST', path: '/assessments' },
  { method: 'POST', path: '/verifications' },
  { method: 'POST', path: '/verifications/resend' },
];

/**
 * The page's Content-Security-Policy: only this origin's own files, no inline script or style, no
 * plugins, no framing, and Trusted Types so the one script URL the page creates (the service
 * worker) goes through a named policy. Keys middy sets by default that do not fit are switched off:
 * there is no report endpoint, `sandbox` would stop the script, `navigate-to` was dropped by
 * browsers, and the deployed API is HTTPS only (upgrade-insecure-requests would break local HTTP).
 */
const CONTENT_SECURITY_POLICY = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
  'require-trusted-types-for': "'script'",
  'trusted-types': 'rehab-sw',
  'report-to': undefined,
  sandbox: undefined,
  'navigate-to': undefined,
  'upgrade-insecure-requests': undefined,
} as unknown as Record<string, string>;

const SECURITY_HEADERS = {
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  // Deprecated or empty without report endpoints; the CSP above does their job.
  xssProtection: false,
  reportTo: false,
  reportingEndpoints: false,
  // middy's list names features Chromium no longer knows (console noise); the page sets a short one.
  permissionsPolicy: false,
} as Parameters<typeof httpSecurityHeaders>[0];

const PAGE_PERMISSIONS = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

const INTERNAL_ERROR = JSON.stringify({
  error: {
    code: 'internal',
    message: 'Something went wrong on our side. Please try again later.',
    issues: [],
  },
});

function asset(file: WebAsset, cacheControl: string, extra: Record<string, string> = {}): Route {
  return async (event) => {
    if (event.headers?.['if-none-match'] === file.etag) {
      return { statusCode: 304, headers: { etag: file.etag, 'cache-control': cacheControl } };
    }
    return {
      statusCode: 200,
      headers: { 'content-type': file.contentType, etag: file.etag, 'cache-control': cacheControl, ...extra },
      body: file.body,
    };
  };
}

function clientOf(event: APIGatewayProxyEventV2): Client {
  return { address: event.requestContext?.http?.sourceIp || 'unknown' };
}

function parse<S extends z.ZodMiniType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new HttpError(400, 'invalid_request', 'Some answers need a fix: each issue names its field.', [
    ...toFieldIssues(result.error),
  ]);
}

/** A JSON POST route: body size (413), then content type (415) and JSON syntax (400), then the handler. */
function jsonRoute(handler: (event: JsonEvent) => Promise<APIGatewayProxyStructuredResultV2>): Route {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(bodyLimit(MAX_BODY_BYTES))
    .use(httpJsonBodyParser<APIGatewayProxyEventV2>())
    .handler((event) => handler(event as unknown as JsonEvent)) as unknown as Route;
}

function retryAfter(seconds: number): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil(seconds))) };
}

/** Known errors → the API's answer; undefined for anything unexpected (a 500 without details). */
export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof RateLimitedError) {
    return new HttpError(
      429,
      'rate_limited',
      error.message,
      error.issues,
      retryAfter(error.retryAfterSeconds),
    );
  }
  if (error instanceof PlanNotFoundError) {
    return new HttpError(404, 'plan_not_found', 'There is no plan waiting for a code with this id.', [
      { path: 'planId', message: 'planId is not a plan waiting for a code' },
    ]);
  }
  if (error instanceof WrongCodeError) {
    return new HttpError(400, 'wrong_code', `The code ${error.message}.`, [
      { path: 'code', message: `code ${error.message}` },
    ]);
  }
  if (error instanceof CodeExpiredError) {
    return new HttpError(400, 'code_expired', 'The code has expired: ask for a new one.', [
      { path: 'code', message: 'code has expired: ask for a new one' },
    ]);
  }
  if (error instanceof CodeLockedError) {
    return new HttpError(
      423,
      'code_locked',
      'Too many wrong codes: this plan is locked. Send the form again to get a new code.',
      [{ path: 'code', message: 'code was wrong too many times: this plan is locked; send the form again' }],
    );
  }
  if (error instanceof ResendTooSoonError) {
    return new HttpError(
      429,
      'resend_too_soon',
      `Please ${error.message}.`,
      [],
      retryAfter(error.retryAfterSeconds),
    );
  }
  if (error instanceof AlreadyVerifiedError) {
    return new HttpError(409, 'already_verified', 'This plan is confirmed already: its reminders are on.');
  }
  if (error instanceof NotPendingError) {
    return new HttpError(409, 'not_pending', 'This plan is not waiting for a code any more.');
  }
  if (error instanceof BusyError || error instanceof StateConflictError) {
    return new HttpError(409, 'conflict', 'The plan changed meanwhile. Please try again.');
  }
  if (error instanceof RecipientUnreachableError) {
    return new HttpError(400, 'phone_unreachable', 'We cannot send texts to this number.', [
      {
        path: 'phone',
        message: 'phone cannot receive our texts: check the number',
      },
    ]);
  }
  if (error instanceof CodesPausedError) {
    return new HttpError(
      503,
      'codes_paused',
      'We cannot send codes right now. Please try again later.',
      [],
      retryAfter(error.retryAfterSeconds),
    );
  }
  if (error instanceof NotifierThrottledError) {
    return new HttpError(
      503,
      'sms_busy',
      'Texts are busy right now. Please try again in a minute.',
      [],
      retryAfter(60),
    );
  }
  // Errors of middy's own middlewares: http-json-body-parser answers 415 for both a wrong content type
  // and a body that is not JSON; only the first is a media type problem.
  const middyError = error as { statusCode?: unknown; message?: unknown; cause?: { package?: unknown } };
  if (
    typeof middyError?.statusCode === 'number' &&
    String(middyError.cause?.package ?? '').startsWith('@middy/')
  ) {
    if (/malformed JSON/i.test(String(middyError.message))) {
      return new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
    }
    if (middyError.statusCode === 415) {
      return new HttpError(
        415,
        'unsupported_media_type',
        'Send the body as JSON with content-type: application/json.',
      );
    }
  }
  return undefined;
}

export function createIntakeHandler(deps: IntakeDeps) {
  const log = deps.log ?? silentLog;
  const service = new IntakeService({ ...deps, log });
  const assessmentSchema = makeAssessmentSchema({
    allowedCountries: deps.config.allowedCountries,
    defaultSessionTimes: deps.config.defaultSessionTimes,
    pushEnabled: Boolean(deps.vapidPublicKey),
  });
  const page = renderFormPage({
    appName: deps.config.appName,
    consent: CONSENT,
    defaultSessionTimes: deps.config.defaultSessionTimes,
    ...(deps.vapidPublicKey ? { vapidPublicKey: deps.vapidPublicKey } : {}),
  });

  const routes: { method: 'GET' | 'POST'; path: string; handler: Route }[] = [
    {
      method: 'GET',
      path: '/',
      handler: asset(page, 'no-cache', { 'permissions-policy': PAGE_PERMISSIONS }),
    },
    {
      method: 'GET',
      path: '/movements',
      handler: async () => json(200, movementsBody, { 'cache-control': 'public, max-age=300' }),
    },
    ...STATIC_FILES.map((name) => ({
      method: 'GET' as const,
      path: `/${name}`,
      // No fingerprints in the names: browsers revalidate (cheap, with the ETag) instead of caching stale files.
      handler: asset(WEB_ASSETS[name]!, 'no-cache'),
    })),
    {
      method: 'POST',
      path: '/assessments',
      handler: jsonRoute(async (event) => {
        const input = parse(assessmentSchema, event.body);
        return json(201, await service.assess(input, clientOf(event as APIGatewayProxyEventV2)));
      }),
    },
    {
      method: 'POST',
      path: '/verifications',
      handler: jsonRoute(async (event) => {
        const body = parse(verificationBodySchema, event.body);
        return json(200, await service.verify(body, clientOf(event as APIGatewayProxyEventV2)));
      }),
    },
    {
      method: 'POST',
      path: '/verifications/resend',
      handler: jsonRoute(async (event) => {
        const { planId } = parse(resendBodySchema, event.body);
        return json(200, await service.resend(planId, clientOf(event as APIGatewayProxyEventV2)));
      }),
    },
  ];

  const router = httpRouterHandler({
    routes,
    notFoundResponse: ({ method, path }) => {
      const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
      const allowed = routes.filter((r) => r.path === normalised).map((r) => r.method);
      if (allowed.length > 0) {
        throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${normalised}`, [], {
          allow: [...new Set(allowed)].join(', '),
        });
      }
      throw new HttpError(404, 'not_found', `No route for ${method} ${path.slice(0, 200)}`);
    },
  });

  // Order: middlewares first, the router last. onError runs in reverse: errorShaper shapes the error,
  // httpErrorHandler renders it (last among error handlers), then the security headers go on the answer.
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpSecurityHeaders(SECURITY_HEADERS))
    .use(httpErrorHandler({ logger: false, fallbackMessage: INTERNAL_ERROR }))
    .use(
      errorShaper((error) => {
        const http = toHttpError(error);
        if (!http) {
          const e = error as Error | undefined;
          log.error('unhandled error', {
            errorName: e?.name ?? 'unknown',
            errorMessage: redactPhones(String(e?.message)),
          });
        } else if (http.statusCode >= 500) {
          log.warn('answered a server error', { code: http.code, errorName: (error as Error)?.name });
        }
        return http;
      }),
    )
    .handler(router as unknown as Route);
}
