/**
 * The intake API's one route table: what each route does with the use case (service.ts). The
 * handler routes by it; INTAKE_ROUTES (what API Gateway may send here) is read from it.
 */
import { DEFAULT_LANGUAGE, preferredLanguage, type Language } from '../../shared/domain/language.ts';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import {
  proposalBodySchema,
  screeningBodySchema,
  toFieldIssues,
  withLanguage,
} from '../../shared/domain/plan/assessment.ts';
import { CATALOG } from '../../shared/domain/plan/catalog.ts';
import { INVITE_COOKIE, inviteFromCookies } from '../../shared/domain/clinic/secrets.ts';
import {
  PAGE_NOTES,
  howToOf,
  languageBodySchema,
  movementNameOf,
  PAGE_TOKEN_PATTERN,
  painCheckInBodySchema,
  sessionActionBodySchema,
  timesBodySchema,
  type PageNote,
} from '../../shared/domain/plan/page.ts';
import { phoneFormat } from '../../shared/domain/messaging/phone.ts';
import { crossOriginProblem } from '../../shared/domain/security/origin.ts';
import { canonicalTimeZone } from '../../shared/domain/time.ts';
import { homeZoneChoices, type ZoneChoice } from '../../shared/domain/scheduling/zone-choices.ts';
import { resendBodySchema, verificationBodySchema } from '../../shared/domain/security/verification.ts';
import * as z from '../../shared/domain/zod.ts';
import { API_EN, type ApiTexts } from '../../shared/domain/plan/api-texts.ts';
import { apiTextsFor, infoTextsFor } from '../../shared/domain/plan/api-catalog.ts';
import { actionBody, clientAddress, HttpError, isFormPost, json, jsonBody, requestLanguage } from './http.ts';
import { toHttpError } from './http-errors.ts';
import { INFO_PAGES, type InfoPage } from './info-pages.ts';
import { PAGE_PERMISSIONS, rendered } from './page.ts';
import { PlanPageNotFoundError } from './errors.ts';
import { renderPageNotFound, renderPlanPage } from './plan-page.ts';
import type { Client, IntakeService } from './service.ts';
import { WEB_ASSETS, type WebAsset } from './web-assets.generated.ts';

export type Route = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the routes work with: the use case, the rendered page and the assessment's schema. */
export interface IntakeApp {
  service: IntakeService;
  /** The name the pages show (the runtime config's appName). */
  appName: string;
  /** The form page, rendered on its first request. */
  page: () => WebAsset;
  /** The pages an SMS registration asks for (info-pages.ts), in each language offered. */
  info: Partial<Record<Language, Record<InfoPage, WebAsset>>>;
  /**
   * The service's public origins (the form's URL: formUrl, or the API's own): the plan page's POSTs
   * are taken from these only (shared/domain/security/origin.ts).
   */
  publicOrigins: readonly string[];
  assessmentSchema: z.ZodMiniType;
  /** The countries texts may go to (the phone's default country comes from them and the zone). */
  allowedCountries: readonly string[];
  /** The languages patients may choose (config `languages`): the plan page's switch offers them. */
  languages: readonly Language[];
}

/** POST bodies above this are refused with 413: a full assessment with a push subscription is ~2 KB. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * The catalog as the form and other tools see it: stable ids, names, how-to, category; the names and
 * how-to in a language (catalog-es.ts), the ids, categories, units and holds' ids the same in all.
 */
export function movementsIn(language: Language) {
  return CATALOG.map(({ id, name, category, repUnit, variations }) => ({
    id,
    name: movementNameOf({ id, name }, language),
    howTo: howToOf({ id }, language),
    category,
    repUnit,
    ...(variations ? { variations } : {}),
  }));
}

/** The catalog in English: what GET /movements answers without `lang` (and before languages existed). */
export const movementsBody = movementsIn(DEFAULT_LANGUAGE);

/** GET /movements' query: `lang`, one of the languages offered; anything else is let be. */
const movementsQuerySchema = (offered: readonly Language[]) =>
  z.object({
    lang: z.optional(
      z.enum(offered as [Language, ...Language[]], {
        error: `must be one of the languages offered here: ${offered.join(', ')}`,
      }),
    ),
  });

/**
 * GET /movements: `?lang=` among the offered languages, else Accept-Language among them, else
 * English, as it always answered (a default that does not move under existing callers).
 */
function movementsRoute(app: IntakeApp): Route {
  const schema = movementsQuerySchema(app.languages);
  const bodies: Partial<Record<Language, string>> = { [DEFAULT_LANGUAGE]: JSON.stringify(movementsBody) };
  return async (event) => {
    const { lang } = parse(schema, event.queryStringParameters ?? {}, textsOf(app, event));
    const accepted = preferredLanguage(event.headers?.['accept-language']?.slice(0, 256), [
      DEFAULT_LANGUAGE,
      ...app.languages.filter((l) => l !== DEFAULT_LANGUAGE),
    ]);
    const language = lang ?? (app.languages.includes(accepted) ? accepted : DEFAULT_LANGUAGE);
    return {
      statusCode: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'public, max-age=300',
        'content-language': language,
        vary: 'Accept-Language',
      },
      body: (bodies[language] ??= JSON.stringify(movementsIn(language))),
    };
  };
}

function asset(
  source: WebAsset | (() => WebAsset),
  cacheControl: string,
  extra: Record<string, string> = {},
): Route {
  // A function is rendered on the first request, not at init (the form page: ~30 ms of zones in words).
  let rendered: WebAsset | undefined = typeof source === 'function' ? undefined : source;
  return async (event) => {
    const file = (rendered ??= (source as () => WebAsset)());
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
  const invite = inviteFromCookies(event.cookies);
  const acceptLanguage = event.headers?.['accept-language'];
  return {
    address: clientAddress(event),
    ...(invite ? { invite } : {}),
    ...(acceptLanguage ? { acceptLanguage: acceptLanguage.slice(0, 256) } : {}),
  };
}

/**
 * The body checked against its schema; a refusal names each field, in `texts`' language (English:
 * the schemas' own words, with their details; another: the catalog's sentence for each issue).
 */
function parse<S extends z.ZodMiniType>(schema: S, body: unknown, texts: ApiTexts): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new HttpError(400, 'invalid_request', texts.errors.invalidRequest, [
    ...toFieldIssues(result.error, texts === API_EN ? undefined : texts.issues),
  ]);
}

/** The words of this request's answer (http.ts `requestLanguage`). */
const textsOf = (app: IntakeApp, event: APIGatewayProxyEventV2) =>
  apiTextsFor(requestLanguage(event, app.languages, MAX_BODY_BYTES));

/** A JSON POST route: the body checked (413, 415, 400), then validated against its schema. */
function post<S extends z.ZodMiniType>(
  schema: (app: IntakeApp) => S,
  act: (app: IntakeApp, input: z.output<S>, client: Client, language: Language) => Promise<unknown>,
  status: number,
): (app: IntakeApp) => Route {
  return (app) => {
    const checked = schema(app);
    return async (event) => {
      const language = requestLanguage(event, app.languages, MAX_BODY_BYTES);
      const texts = apiTextsFor(language);
      const input = parse(checked, jsonBody(event, MAX_BODY_BYTES, texts.errors), texts);
      return json(status, await act(app, input, clientOf(event), language));
    };
  };
}

/**
 * A JSON POST of the form's steps, answered 200: its body may name the answer's language
 * (`language`, among those offered), checked with the rest.
 */
function postInLanguage<S extends z.ZodMiniObject>(
  schema: S,
  act: (
    service: IntakeService,
    input: z.output<ReturnType<typeof withLanguage<S>>>,
    client: Client,
    language: Language,
  ) => Promise<unknown>,
): (app: IntakeApp) => Route {
  return post(
    (app) => withLanguage(schema, app.languages),
    (app, input, client, language) => act(app.service, input, client, language),
    200,
  );
}

interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  handler: (app: IntakeApp) => Route;
}

// The page templates of web/ are rendered here: index.html at /, plan.html at /p/{token}, the
// manifest. Every other file (scripts, styles, the service worker, the icon, the pictures) is static,
// served from the edge (CloudFront and S3) and, locally, by the local stack (shared/web/static-files.ts).

/**
 * The web app manifest with the operator's app name (what the Home Screen shows). The name is
 * GSM-7-safe plain text (shared/config.ts), put in as a JSON string.
 */
export function renderManifest(appName: string, template = WEB_ASSETS['manifest.webmanifest']!): WebAsset {
  return rendered(template.contentType, template.body.replace(/"\{\{appName\}\}"/g, JSON.stringify(appName)));
}

/** A private page: never cached anywhere, never indexed, never sent on as a referrer. */
const PRIVATE_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
  // Referrer-Policy: no-referrer comes with every answer's security headers (page.ts), once.
  'permissions-policy': PAGE_PERMISSIONS,
};

const tokenOf = (event: APIGatewayProxyEventV2) => event.pathParameters?.token ?? '';

/** The plan page's token in the path: one of the wrong shape opens nothing (404, before any read). */
function pageTokenOf(event: APIGatewayProxyEventV2): string {
  const token = tokenOf(event);
  if (!PAGE_TOKEN_PATTERN.test(token)) throw new PlanPageNotFoundError('not a token');
  return token;
}

/** A redirect back to the plan page after a form's post, with the note the page shows. */
function backToPage(token: string, note: PageNote, extra: Record<string, string> = {}, anchor = 'main') {
  const query = new URLSearchParams({ note, ...extra }).toString();
  return {
    statusCode: 303,
    headers: {
      location: `/p/${token}?${query}#${anchor}`,
      'cache-control': 'no-store',
    },
    body: '',
  };
}

/**
 * A plan page's action (pause, stop, skip…): a script's request gets JSON; a plain form's post
 * (the page without JavaScript) gets a redirect back to the page with the note of what happened,
 * or of what went wrong (never a JSON error page on a phone).
 */
function pageAction<S extends z.ZodMiniType>(
  schema: S | undefined,
  act: (
    app: IntakeApp,
    token: string,
    input: z.output<S>,
    client: Client,
  ) => Promise<{ note: PageNote; extra?: Record<string, string>; anchor?: string; answer: unknown }>,
): (app: IntakeApp) => Route {
  return (app) => async (event) => {
    sameOrigin(app, event);
    const token = pageTokenOf(event);
    const form = isFormPost(event);
    try {
      const texts = textsOf(app, event);
      const raw = actionBody(event, MAX_BODY_BYTES, texts.errors);
      const input = schema ? parse(schema, formValues(raw), texts) : (undefined as z.output<S>);
      const { note, extra, anchor, answer } = await act(app, token, input, clientOf(event));
      return form ? backToPage(token, note, extra, anchor) : json(200, answer);
    } catch (error) {
      const http = form && !(error instanceof PlanPageNotFoundError) ? toHttpError(error) : undefined;
      if (!http || http.statusCode >= 500) throw error;
      if (http.code === 'session_times_full') {
        const free = (http.extra.suggestedSessionTimes as string[] | undefined)?.join(',');
        return backToPage(token, 'times-full', free ? { suggest: free } : {}, 'reminders-title');
      }
      if (http.code === 'invalid_request' && /times/.test(event.rawPath ?? ''))
        return backToPage(token, 'times-refused', {}, 'reminders-title');
      return backToPage(token, http.code === 'outside_plan' ? 'not-running' : 'nothing');
    }
  };
}

/** A form's fields as the JSON bodies have them: numbers for `minutes`. */
function formValues(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const fields = { ...(raw as Record<string, unknown>) };
  if (typeof fields.minutes === 'string' && /^\d{1,3}$/.test(fields.minutes))
    fields.minutes = Number(fields.minutes);
  if (typeof fields.sessionTimes === 'string') fields.sessionTimes = [fields.sessionTimes];
  return fields;
}

/** The note of a simple action: what changed, else "nothing changed". */
const noted = (note: PageNote) => (answer: { changed: boolean }) => ({
  note: answer.changed ? note : ('nothing' as PageNote),
  answer,
});

/** A POST of the plan page: from its own origin only (a page elsewhere may not press Done). 403 otherwise. */
function sameOrigin(app: IntakeApp, event: APIGatewayProxyEventV2): void {
  const problem = crossOriginProblem(event.headers, app.publicOrigins);
  if (problem) throw new HttpError(403, 'cross_origin', textsOf(app, event).errors.crossOrigin(problem));
}

/**
 * GET /p/{token}: the plan page; a token that opens nothing gets one and the same HTML 404 (a
 * patient taps it on a phone, so it is a page, not JSON).
 */
function planPageRoute(app: IntakeApp): Route {
  // The page of a link that opens nothing: no plan, so the browser's language among those offered.
  const notFound = Object.fromEntries(
    app.languages.map((l) => [l, renderPageNotFound(app.appName, infoTextsFor(l))]),
  ) as Partial<Record<Language, string>>;
  // The zones in words in each language a page is shown in, made on the first page that needs
  // them, not at init (~20 ms a language: docs/PERFORMANCE.md section 9).
  const zones: Partial<Record<Language, ZoneChoice[]>> = {};
  const zonesIn = (language: Language) =>
    (zones[language] ??= homeZoneChoices(app.allowedCountries, new Date(), language));
  return async (event) => {
    const token = tokenOf(event);
    const query = event.queryStringParameters ?? {};
    const note = query.note && query.note in PAGE_NOTES ? (query.note as PageNote) : undefined;
    const confirm = query.confirm === 'stop' || query.confirm === 'erase' ? query.confirm : undefined;
    const suggest = query.suggest
      ?.split(',')
      .filter((t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t))
      .slice(0, 3);
    try {
      const view = await app.service.planPage(token, clientOf(event));
      return {
        statusCode: 200,
        headers: PRIVATE_PAGE_HEADERS,
        body: renderPlanPage(view, token, app.appName, {
          zones: zonesIn(view.record.language ?? DEFAULT_LANGUAGE),
          note,
          confirm,
          suggest,
          languages: app.languages,
        }).body,
      };
    } catch (error) {
      if (!(error instanceof PlanPageNotFoundError)) throw error;
      const language = preferredLanguage(event.headers?.['accept-language']?.slice(0, 256), app.languages);
      return {
        statusCode: 404,
        headers: { ...PRIVATE_PAGE_HEADERS, 'content-language': language, vary: 'Accept-Language' },
        body: notFound[language] ?? renderPageNotFound(app.appName),
      };
    }
  };
}

/**
 * An info page (/help, /privacy…) in the browser's language among those offered (Accept-Language),
 * else the first offered; `Vary: Accept-Language` so a cache keeps each apart.
 */
function infoPageRoute(app: IntakeApp, path: InfoPage): Route {
  const byLanguage = Object.fromEntries(
    app.languages.flatMap((l) => {
      const page = app.info[l]?.[path];
      return page ? [[l, asset(page, 'no-cache', { 'content-language': l, vary: 'Accept-Language' })]] : [];
    }),
  ) as Partial<Record<Language, Route>>;
  const fallback = Object.values(byLanguage)[0]!;
  return (event, context) => {
    const language = preferredLanguage(event.headers?.['accept-language']?.slice(0, 256), app.languages);
    return (byLanguage[language] ?? fallback)(event, context);
  };
}

const ROUTE_TABLE: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: '/',
    handler: (app) => asset(app.page, 'no-cache', { 'permissions-policy': PAGE_PERMISSIONS }),
  },
  {
    // What the form shows above the phone field for this zone: the country and an example of its
    // mobile numbers, as the server will read a number without + (POST /assessments).
    method: 'GET',
    path: '/phone-format',
    handler: (app) => async (event) => {
      const zone = canonicalTimeZone(event.queryStringParameters?.timeZone ?? '');
      return json(200, phoneFormat(zone, app.allowedCountries), { 'cache-control': 'public, max-age=3600' });
    },
  },
  {
    method: 'GET',
    path: '/movements',
    handler: movementsRoute,
  },
  ...INFO_PAGES.map((path) => ({
    method: 'GET' as const,
    path,
    handler: (app: IntakeApp) => infoPageRoute(app, path),
  })),
  {
    method: 'GET',
    path: '/manifest.webmanifest',
    handler: (app) => asset(renderManifest(app.appName), 'no-cache'),
  },
  {
    method: 'POST',
    path: '/assessments',
    handler: post(
      (app) => app.assessmentSchema,
      (app, input, client) => app.service.assess(input as never, client),
      201,
    ),
  },
  {
    // The invite the browser carries (its cookie is sent to /assessments… only, and is HttpOnly):
    // the form says "Invited by <clinic>" and offers to remove it.
    method: 'GET',
    path: '/assessments/invite',
    handler: (app) => async (event) => json(200, await app.service.inviteStatus(clientOf(event))),
  },
  {
    // Removes the invite from this browser (an invite the patient did not mean to carry).
    method: 'DELETE',
    path: '/assessments/invite',
    handler: () => async () => ({
      ...json(200, { invited: false }),
      cookies: [`${INVITE_COOKIE}=; Path=/assessments; Max-Age=0; HttpOnly; Secure; SameSite=Strict`],
    }),
  },
  {
    method: 'POST',
    path: '/screenings',
    handler: postInLanguage(screeningBodySchema, (service, input, client, language) =>
      service.screen(input, client, language),
    ),
  },
  {
    method: 'POST',
    path: '/proposals',
    handler: postInLanguage(proposalBodySchema, (service, input, client, language) =>
      service.propose(input, client, language),
    ),
  },
  {
    method: 'POST',
    path: '/verifications',
    handler: postInLanguage(verificationBodySchema, (service, body, client) => service.verify(body, client)),
  },
  { method: 'GET', path: '/p/{token}', handler: planPageRoute },
  {
    // What a re-assessment starts from (the form pre-fills it): JSON, never cached.
    method: 'GET',
    path: '/p/{token}/previous',
    handler: (app) => async (event) => {
      const answer = json(200, await app.service.previousAssessment(tokenOf(event), clientOf(event)));
      return { ...answer, headers: { ...answer.headers, 'cache-control': 'no-store' } };
    },
  },
  {
    // No body: the token names the plan, the server's clock the session. A form's post (no
    // script) is answered with the page again, the session logged on it.
    method: 'POST',
    path: '/p/{token}/done',
    handler: pageAction(undefined, async (app, token, _input, client) => {
      const answer = await app.service.markSessionDone(token, client);
      return { note: 'done', anchor: 'done-title', answer };
    }),
  },
  // Pause, resume, and stop: revoking consent from the page (after its confirmation step), as STOP
  // by text. No body; the note says what changed.
  ...(
    [
      ['pause', 'paused'],
      ['resume', 'resumed'],
      ['stop', 'stopped'],
    ] as const
  ).map(([action, note]) => ({
    method: 'POST' as const,
    path: `/p/{token}/${action}`,
    handler: pageAction(undefined, async (app, token, _i, client) =>
      noted(note)(await app.service[action](token, client)),
    ),
  })),
  {
    // Erasing everything (after its confirmation step): the page is gone, so a form goes to /erased.
    method: 'POST',
    path: '/p/{token}/erase',
    handler: (app) => async (event) => {
      sameOrigin(app, event);
      const token = pageTokenOf(event);
      const answer = await app.service.erase(token, clientOf(event));
      return isFormPost(event)
        ? { statusCode: 303, headers: { location: '/erased', 'cache-control': 'no-store' }, body: '' }
        : json(200, answer);
    },
  },
  {
    // The page's language switch: { language } among those offered; the page, the texts and the
    // reminders follow it from now on (as ESPAÑOL / ENGLISH by text).
    method: 'POST',
    path: '/p/{token}/language',
    handler: (app) =>
      pageAction(languageBodySchema(app.languages), async (app, token, input, client) =>
        noted('language')(await app.service.setLanguage(token, client, input.language)),
      )(app),
  },
  {
    // Skip today's next session, or snooze it: { action: "skip" } or { action: "snooze", minutes }.
    method: 'POST',
    path: '/p/{token}/session',
    handler: pageAction(sessionActionBodySchema, async (app, token, input, client) => {
      const answer = await app.service.changeSession(token, client, input);
      return {
        note: answer.changed ? (input.action === 'skip' ? 'skipped' : 'snoozed') : 'nothing',
        anchor: 'next-title',
        answer,
      };
    }),
  },
  {
    // New session times or zone: { sessionTimes?: ["HH:MM" ×3], timeZone? }. Against the rule: 400
    // naming the field and the allowed window; full minutes: 409 with the nearest free times.
    method: 'POST',
    path: '/p/{token}/times',
    handler: pageAction(timesBodySchema, async (app, token, input, client) => {
      const typed = input.otherTimeZone?.trim();
      const answer = await app.service.changeTimes(token, client, {
        ...(input.sessionTimes ? { sessionTimes: input.sessionTimes } : {}),
        ...(typed || input.timeZone ? { timeZone: typed || input.timeZone } : {}),
      });
      switch (answer.outcome) {
        case 'changed':
        case 'unchanged':
          return {
            note: answer.outcome === 'changed' ? 'times' : 'nothing',
            anchor: 'reminders-title',
            answer: { outcome: answer.outcome, message: answer.message, plan: answer.record.plan },
          };
        case 'refused':
          throw new HttpError(400, 'invalid_request', answer.message, answer.issues);
        case 'full':
          throw new HttpError(409, 'session_times_full', answer.message, [], {}, undefined, {
            ...(answer.suggested ? { suggestedSessionTimes: answer.suggested } : {}),
          });
        case 'not-running':
          throw new HttpError(409, 'outside_plan', answer.message);
      }
    }),
  },
  {
    // "Add to calendar": the plan's three sessions, daily for its days left, in the patient's zone.
    method: 'GET',
    path: '/p/{token}/calendar.ics',
    handler: (app) => async (event) => {
      const token = pageTokenOf(event);
      const host = event.headers?.host ?? event.requestContext?.domainName ?? 'localhost';
      const body = await app.service.calendar(token, clientOf(event), `https://${host}/`);
      return {
        statusCode: 200,
        headers: {
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': 'attachment; filename="exercise-reminders.ics"',
          'cache-control': 'no-store',
          'x-robots-tag': 'noindex, nofollow',
        },
        body,
      };
    },
  },
  {
    // "How is your back today?": { pain: 0..10 }. A token of the wrong shape opens nothing (404 before
    // the body is read, with no read of the table); then the body (413, 415, 400 naming `pain`).
    method: 'POST',
    path: '/p/{token}/pain',
    handler: (app) => async (event) => {
      sameOrigin(app, event);
      const token = pageTokenOf(event);
      const texts = textsOf(app, event);
      const { pain } = parse(painCheckInBodySchema, jsonBody(event, MAX_BODY_BYTES, texts.errors), texts);
      return json(200, await app.service.checkInPain(token, pain, clientOf(event)));
    },
  },
  {
    method: 'POST',
    path: '/verifications/resend',
    handler: postInLanguage(resendBodySchema, (service, { planId }, client) =>
      service.resend(planId, client),
    ),
  },
];

/**
 * Every route the intake answers. API Gateway can route `$default` (or these) to the function; the
 * handler itself answers 404 for other paths and 405 (with Allow) for other methods.
 */
export const INTAKE_ROUTES: readonly { method: RouteSpec['method']; path: string }[] = ROUTE_TABLE.map(
  ({ method, path }) => ({ method, path }),
);

/** The route table with its handlers bound to the app, as the router takes it. */
export function intakeRoutes(
  app: IntakeApp,
): { method: RouteSpec['method']; path: string; handler: Route }[] {
  return ROUTE_TABLE.map(({ method, path, handler }) => ({ method, path, handler: handler(app) }));
}
