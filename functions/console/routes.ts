/**
 * The clinic console's one route table. API routes (/console/api/...) sit behind the HTTP API's JWT
 * authorizer (the Cognito user pool): each takes the staff member from the claims the authorizer
 * checked, and the use case checks the role. Pages and their files (/console, /console/...) and the
 * invite link (/i/{token}) carry no data and need no token. CONSOLE_ROUTES (what API Gateway
 * routes here, and with what) is read from it.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { toFieldIssues } from '../../shared/domain/plan/assessment.ts';
import {
  actionBodySchema,
  alertsQuerySchema,
  auditFilterSchema,
  alertIdSchema,
  csvQuerySchema,
  fhirQuerySchema,
  inviteIdSchema,
  monthSchema,
  patientIdSchema,
  patientsQuerySchema,
  referenceBodySchema,
  staffFromClaims,
  timelineQuerySchema,
} from '../../shared/domain/clinic/api.ts';
import { INVITE_COOKIE, INVITE_TOKEN_PATTERN } from '../../shared/domain/clinic/secrets.ts';
import { PATIENT_ID_PATTERN, type Staff } from '../../shared/domain/clinic/roster.ts';
import type * as z from '../../shared/domain/zod.ts';
import { clientAddress, HttpError, json, jsonBody } from '../intake/http.ts';
import { ForbiddenError, NotSignedInError } from './errors.ts';
import type { ConsoleService } from './service.ts';

export type Route = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the routes work with: the use case and the pages (pages.ts). */
export interface ConsoleApp {
  service: ConsoleService;
  pages: {
    /** A console page by name, or the invite's "link not valid" page. */
    render(name: string): APIGatewayProxyStructuredResultV2;
  };
}

export const MAX_BODY_BYTES = 4 * 1024;

/** How long the invite cookie lasts in the patient's browser: long enough to fill the form in. */
const INVITE_COOKIE_SECONDS = 7 * 86_400;

type Claims = Record<string, unknown> | undefined;

type Identity = ReturnType<typeof staffFromClaims> & object;

/** Who the authorizer let through (401 without an access token); the role may be none. */
function identityOf(event: APIGatewayProxyEventV2): Identity['staff'] {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt
    ?.claims;
  const found = staffFromClaims(claims);
  if (!found) throw new NotSignedInError('no access token on the request');
  return found.staff;
}

/** The staff member the authorizer let through; 401 without one, 403 in no staff group. */
export function staffOf(event: APIGatewayProxyEventV2): Staff {
  const who = identityOf(event);
  if (!who.role) throw new ForbiddenError('you are in no clinic staff group');
  return who as Staff;
}

/**
 * A console API route's work as the staff member, with every refusal (403: a role too low, or no
 * staff group) written to the audit log: who tried what, when, and about which patient.
 */
function asStaff(
  app: ConsoleApp,
  act: (staff: Staff, event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>,
): Route {
  return async (event) => {
    const who = identityOf(event);
    try {
      return await act(staffOf(event), event);
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      const patientId = event.pathParameters?.patientId;
      await app.service.recordDenied(
        who,
        `${event.requestContext?.http?.method ?? '?'} ${event.rawPath ?? ''}`,
        error.message,
        patientId && PATIENT_ID_PATTERN.test(patientId) ? patientId : undefined,
      );
      throw error;
    }
  };
}

function parse<S extends z.ZodMiniType>(schema: S, value: unknown, path?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = [...toFieldIssues(result.error)].map((i) =>
    path ? { path, message: `${path} ${i.message.replace(/^\S+ /, '')}` } : i,
  );
  throw new HttpError(400, 'invalid_request', 'The request needs a fix: each issue names its field.', issues);
}

const param = (event: APIGatewayProxyEventV2, name: string) =>
  decodeURIComponent(event.pathParameters?.[name] ?? '');

const clientOf = (event: APIGatewayProxyEventV2) => ({ address: clientAddress(event) });

interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** Behind the JWT authorizer (API Gateway refuses requests without a valid token first). */
  auth: boolean;
  handler: (app: ConsoleApp) => Route;
}

/** An API route: the staff member first (401/403), then the use case. */
function api(
  method: RouteSpec['method'],
  path: string,
  act: (app: ConsoleApp, staff: Staff, event: APIGatewayProxyEventV2) => Promise<unknown>,
  status = 200,
): RouteSpec {
  return {
    method,
    path: `/console/api${path}`,
    auth: true,
    handler: (app) => asStaff(app, async (staff, event) => json(status, await act(app, staff, event))),
  };
}

/** The console's pages: shells with no data (their script asks the API with the token). */
export const CONSOLE_PAGES = ['patients', 'patient', 'alerts', 'invites', 'audit', 'callback'] as const;
export type ConsolePage = (typeof CONSOLE_PAGES)[number];

const page = (path: string, name: string): RouteSpec => ({
  method: 'GET',
  path,
  auth: false,
  handler: (app) => async () => app.pages.render(name),
});

const ROUTE_TABLE: readonly RouteSpec[] = [
  api('GET', '/me', async (app, staff) => app.service.me(staff)),
  api('GET', '/patients', async (app, staff, event) => {
    const query = parse(patientsQuerySchema, event.queryStringParameters ?? {});
    const { patients, next } = await app.service.patients(staff, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(query.alerts === 'open' ? { alertsOnly: true } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.limit ? { limit: Number(query.limit) } : {}),
    });
    return { patients, next };
  }),
  api('GET', '/patients/{patientId}', (app, staff, event) =>
    app.service.patient(staff, parse(patientIdSchema, param(event, 'patientId'), 'patientId')),
  ),
  api('GET', '/patients/{patientId}/timeline', (app, staff, event) => {
    const patientId = parse(patientIdSchema, param(event, 'patientId'), 'patientId');
    const { before } = parse(timelineQuerySchema, event.queryStringParameters ?? {});
    return app.service.timeline(staff, patientId, before);
  }),
  api('PUT', '/patients/{patientId}/reference', async (app, staff, event) => {
    const patientId = parse(patientIdSchema, param(event, 'patientId'), 'patientId');
    const { reference } = parse(referenceBodySchema, jsonBody(event, MAX_BODY_BYTES));
    return app.service.setReference(staff, patientId, reference);
  }),
  api('POST', '/patients/{patientId}/actions', (app, staff, event) => {
    const patientId = parse(patientIdSchema, param(event, 'patientId'), 'patientId');
    const body = parse(actionBodySchema, jsonBody(event, MAX_BODY_BYTES));
    return app.service.act(staff, patientId, body.action, {
      ...(body.confirm !== undefined ? { confirm: body.confirm } : {}),
      client: clientOf(event),
    });
  }),
  api('GET', '/alerts', async (app, staff, event) => {
    const query = parse(alertsQuerySchema, event.queryStringParameters ?? {});
    // "all" (the query before pages) reads as the open ones: the closed are a list of their own.
    const state = query.state === 'acknowledged' ? 'acknowledged' : 'open';
    return app.service.alertList(staff, state, query.cursor);
  }),
  api('POST', '/alerts/{alertId}/acknowledge', (app, staff, event) =>
    app.service.acknowledge(staff, parse(alertIdSchema, param(event, 'alertId'), 'alertId')),
  ),
  api('GET', '/invites', async (app, staff) => ({ invites: await app.service.inviteList(staff) })),
  api('POST', '/invites/{inviteId}/revoke', (app, staff, event) =>
    app.service.revokeInvite(staff, parse(inviteIdSchema, param(event, 'inviteId'), 'inviteId')),
  ),
  api(
    'POST',
    '/invites',
    (app, staff, event) =>
      app.service.createInvite(staff, parse(referenceBodySchema, jsonBody(event, MAX_BODY_BYTES)).reference),
    201,
  ),
  // A cleared invite: a clinician has checked the patient's back pain (use-cases/clearances.ts).
  api(
    'POST',
    '/clearances',
    (app, staff, event) =>
      app.service.createClearedInvite(
        staff,
        parse(referenceBodySchema, jsonBody(event, MAX_BODY_BYTES)).reference,
      ),
    201,
  ),
  api('GET', '/audit', async (app, staff, event) => {
    const { month, ...filter } = parse(auditFilterSchema, event.queryStringParameters ?? {});
    return app.service.auditMonth(
      staff,
      month === undefined ? undefined : parse(monthSchema, month, 'month'),
      filter,
    );
  }),
  {
    method: 'GET',
    path: '/console/api/export/patients.csv',
    auth: true,
    handler: (app) =>
      asStaff(app, async (staff, event) => {
        const query = parse(csvQuerySchema, event.queryStringParameters ?? {});
        const { filename, body, next } = await app.service.exportCsv(staff, {
          ...(query.cursor ? { cursor: query.cursor } : {}),
          ...(query.tz ? { timeZone: query.tz } : {}),
        });
        // A page at a time (use-cases/exports.ts): the next page's address in a Link header (RFC 8288).
        const nextUrl = next
          ? `/console/api/export/patients.csv?${new URLSearchParams({ cursor: next, ...(query.tz ? { tz: query.tz } : {}) })}`
          : undefined;
        return {
          statusCode: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${filename}"`,
            'cache-control': 'no-store',
            ...(nextUrl ? { link: `<${nextUrl}>; rel="next"`, 'x-next-cursor': next! } : {}),
          },
          body,
        };
      }),
  },
  {
    method: 'GET',
    path: '/console/api/patients/{patientId}/fhir',
    auth: true,
    handler: (app) =>
      asStaff(app, async (staff, event) => {
        const patientId = parse(patientIdSchema, param(event, 'patientId'), 'patientId');
        const { type } = parse(fhirQuerySchema, event.queryStringParameters ?? {});
        const bundle = await app.service.exportFhir(staff, patientId, type ?? 'collection');
        return {
          ...json(200, bundle),
          headers: {
            'content-type': 'application/fhir+json; charset=utf-8',
            'content-disposition': `attachment; filename="${patientId}${type === 'transaction' ? '.transaction' : ''}.fhir.json"`,
            'cache-control': 'no-store',
          },
        };
      }),
  },
  page('/console', 'patients'),
  page('/console/patient', 'patient'),
  page('/console/alerts', 'alerts'),
  page('/console/invites', 'invites'),
  page('/console/audit', 'audit'),
  page('/console/callback', 'callback'),
  {
    // The invite link: puts the invite on the patient's browser (for the assessment only) and opens
    // the form; a link that opens nothing says so, and still leads to the form.
    method: 'GET',
    path: '/i/{token}',
    auth: false,
    handler: (app) => async (event) => {
      const token = param(event, 'token');
      if (!INVITE_TOKEN_PATTERN.test(token) || !(await app.service.inviteOpens(token))) {
        return { ...app.pages.render('invite-not-found'), statusCode: 404 };
      }
      return {
        statusCode: 303,
        headers: { location: '/', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
        // Sent only with the assessment, and with the safety step (a cleared invite lets weak flags
        // alone go on: intake's use-cases/screening.ts).
        cookies: ['/assessments', '/screenings'].map(
          (path) =>
            `${INVITE_COOKIE}=${token}; Path=${path}; Max-Age=${INVITE_COOKIE_SECONDS}; HttpOnly; Secure; SameSite=Strict`,
        ),
      };
    },
  },
];

/**
 * The HTTP API's routes to the console function (infra/constructs/clinic-console.ts makes them, the
 * local stack routes by them): the API under the JWT authorizer, the rest open.
 */
export const CONSOLE_GATEWAY_ROUTES = [
  { path: '/console', auth: false },
  { path: '/console/{proxy+}', auth: false },
  { path: '/console/api/{proxy+}', auth: true },
  { path: '/i/{token}', auth: false },
] as const;

/** The gateway route a path takes (API Gateway picks the most specific one), if any. */
export function gatewayRouteOf(path: string): (typeof CONSOLE_GATEWAY_ROUTES)[number] | undefined {
  if (path === '/console') return CONSOLE_GATEWAY_ROUTES[0];
  if (/^\/console\/api\/.+/.test(path)) return CONSOLE_GATEWAY_ROUTES[2];
  if (/^\/console\/.+/.test(path)) return CONSOLE_GATEWAY_ROUTES[1];
  if (/^\/i\/[^/]+$/.test(path)) return CONSOLE_GATEWAY_ROUTES[3];
  return undefined;
}

/** Every route the console answers, and whether it sits behind the JWT authorizer. */
export const CONSOLE_ROUTES: readonly { method: RouteSpec['method']; path: string; auth: boolean }[] =
  ROUTE_TABLE.map(({ method, path, auth }) => ({ method, path, auth }));

export function consoleRoutes(
  app: ConsoleApp,
): { method: RouteSpec['method']; path: string; handler: Route }[] {
  return ROUTE_TABLE.map(({ method, path, handler }) => ({ method, path, handler: handler(app) }));
}
