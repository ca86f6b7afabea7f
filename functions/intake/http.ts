/**
 * The intake API's HTTP vocabulary: the JSON answer, the client-facing error and the JSON request
 * body, read the way the API's contract says (413, then 415, then 400), with no middleware's
 * messages to interpret afterwards.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldIssue } from '../../shared/domain/plan/assessment.ts';
import { API_EN, type ErrorTexts } from '../../shared/domain/plan/api-texts.ts';
import { isLanguage, preferredLanguage, type Language } from '../../shared/domain/language.ts';
import { namedError } from '../../shared/domain/named-error.ts';

/** Every error the API answers has this shape; the form shows each issue next to its field. */
export interface ErrorBody {
  error: { code: string; message: string; issues: FieldIssue[] };
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
} as const;

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/**
 * The client's address, as every per-client limit keys it (hashed, never stored): the one place
 * that reads it from a request (`requestContext.http.sourceIp`). Behind CloudFront, API Gateway sees
 * CloudFront's address; the origin guard (functions/wiring/origin-guard.ts) puts the viewer's
 * (`CloudFront-Viewer-Address`) there, on requests that carry CloudFront's secret header only (any
 * client can send the viewer header itself; without the secret the request is refused first).
 */
export function clientAddress(event: APIGatewayProxyEventV2): string {
  return event.requestContext?.http?.sourceIp || 'unknown';
}

/** What a 500 says: nothing of what went wrong inside. */
export const INTERNAL_ERROR_BODY = JSON.stringify({
  error: {
    code: 'internal',
    message: 'Something went wrong on our side. Please try again later.',
    issues: [],
  },
} satisfies ErrorBody);

/** A client-facing error: routes throw it, the error middleware turns it into the response. */
export class HttpError extends namedError('HttpError') {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly headers: Record<string, string> = {},
    options?: ErrorOptions,
    /** More of the answer, beside code, message and issues (e.g. the free times to offer). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message, options);
  }
}

/** application/json, a +json type, with or without parameters (what browsers and tools send). */
const JSON_MEDIA_TYPE = /^application\/(.+\+)?json($|;.+)/;

/**
 * The request's JSON body: 413 past `maxBytes` (decoded) before anything parses it, 415 when it is
 * not sent as JSON, 400 when it is not valid JSON. Written here rather than with middy's body
 * parser, whose 415 for broken JSON would have to be told apart by its message.
 */
export function jsonBody(
  event: APIGatewayProxyEventV2,
  maxBytes: number,
  words: ErrorTexts = API_EN.errors,
): unknown {
  const { body, isBase64Encoded } = event;
  const bytes = typeof body === 'string' ? Buffer.byteLength(body, isBase64Encoded ? 'base64' : 'utf8') : 0;
  if (bytes > maxBytes) {
    throw new HttpError(413, 'payload_too_large', words.payloadTooLarge(maxBytes, bytes));
  }
  const contentType = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
  if (!JSON_MEDIA_TYPE.test(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', words.unsupportedMediaType);
  }
  try {
    return JSON.parse(isBase64Encoded ? Buffer.from(body ?? '', 'base64').toString('utf8') : (body ?? ''));
  } catch (error) {
    throw new HttpError(400, 'invalid_json', words.invalidJson, [], {}, { cause: error });
  }
}

const FORM_MEDIA_TYPE = /^application\/x-www-form-urlencoded\b/i;

/** Whether the request is a plain HTML form's post (no script): it is answered with a redirect. */
export function isFormPost(event: APIGatewayProxyEventV2): boolean {
  const contentType = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
  const accept = event.headers?.accept ?? event.headers?.Accept ?? '';
  return FORM_MEDIA_TYPE.test(contentType) && !/application\/json/i.test(accept);
}

/**
 * The body of a page's action: a form's fields (a field given more than once is a list), JSON, or
 * nothing (an empty object). 413 past `maxBytes`, 415 for any other type.
 */
export function actionBody(
  event: APIGatewayProxyEventV2,
  maxBytes: number,
  words: ErrorTexts = API_EN.errors,
): unknown {
  const contentType = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
  const { body, isBase64Encoded } = event;
  if (!body) return {};
  if (!FORM_MEDIA_TYPE.test(contentType)) return jsonBody(event, maxBytes, words);
  const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  if (Buffer.byteLength(text) > maxBytes)
    throw new HttpError(413, 'payload_too_large', words.payloadTooLarge(maxBytes));
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const seen = fields[key];
    fields[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return fields;
}

/**
 * The language of a request's answer words (docs/API.md, "Language of messages"): the body's
 * `language` when it is one of those offered, else the first of Accept-Language among those
 * offered, else the first offered. The body is read only when small enough to be taken (the route
 * refuses the others with 413 anyway) and never trusted beyond this one field.
 */
export function requestLanguage(
  event: APIGatewayProxyEventV2,
  offered: readonly Language[],
  maxBytes = 16 * 1024,
): Language {
  const asked = bodyLanguage(event, maxBytes);
  if (asked && offered.includes(asked)) return asked;
  return preferredLanguage(event.headers?.['accept-language']?.slice(0, 256), offered);
}

function bodyLanguage(event: APIGatewayProxyEventV2, maxBytes: number): Language | undefined {
  const { body, isBase64Encoded } = event;
  if (typeof body !== 'string' || !body || body.length > maxBytes * 2) return undefined;
  const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  if (!/language/.test(text)) return undefined;
  const contentType = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
  try {
    const value = FORM_MEDIA_TYPE.test(contentType)
      ? new URLSearchParams(text).get('language')
      : (JSON.parse(text) as { language?: unknown } | null)?.language;
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
