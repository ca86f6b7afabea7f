import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldIssue } from '../../shared/domain/assessment.ts';

/** Every error the API answers has this shape; the form shows each issue next to its field. */
export interface ErrorBody {
  error: { code: string; message: string; issues: FieldIssue[] };
}

export const JSON_HEADERS = {
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

export function errorResponse(
  statusCode: number,
  code: string,
  message: string,
  issues: FieldIssue[] = [],
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  const body: ErrorBody = { error: { code, message, issues } };
  return json(statusCode, body, headers);
}

/** A client-facing error: handlers throw it, the error middleware turns it into the response. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly headers: Record<string, string> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export type HttpResult = APIGatewayProxyResultV2;
