/**
 * Dev-only HTTP routes of the local stack (never deployed): answered in-process before a request
 * reaches the Lambda handler, through createHttpServer's `local` hook. Add a route by adding an
 * entry to the table built in devRouteTable.
 *
 *   GET  /dev                the dev page (outbox, clock, inbound SMS)
 *   GET  /dev/outbox         [{ channel, to, body, sentAt, kind, title? }], oldest first
 *   GET  /dev/clock          { now, nextDue }
 *   POST /dev/clock          { advanceMinutes } or { to }: moves on, delivers what fell due, → { now }
 *   POST /dev/inbound-sms    { from, body }: as the two-way SNS topic would → { messageId, replies }
 *   GET  /dev/schedules      the local scheduler's schedules
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SNSEvent } from 'aws-lambda';
import * as z from 'zod';
import type { Clock } from '../shared/ports.ts';
import { ClockBackwardsError } from './dev-clock.ts';
import { DEV_PAGE_CSP, DEV_PAGE_CSS, DEV_PAGE_HTML, DEV_PAGE_JS } from './dev-page.ts';
import type { DevTime } from './dev-time.ts';
import type { RouteTable } from './http-server.ts';
import { inboundSmsEvent } from './inbound-sms.ts';
import type { Outbox } from './outbox.ts';
import type { LocalReminderScheduler } from './scheduler.ts';

export type DevRoute = (req: IncomingMessage, body: Buffer, res: ServerResponse) => Promise<void>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The API's error shape: { error: { code, message, issues: [{ path, message }] } }. */
function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  issues: { path: string; message: string }[] = [],
): void {
  sendJson(res, status, { error: { code, message, issues } });
}

function sendText(res: ServerResponse, type: string, text: string, headers: Record<string, string> = {}) {
  res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export interface DevRouteDeps {
  outbox: Outbox;
  /** The engine: clock moves, schedules, inbound texts. Without it only the outbox is served. */
  engine?: {
    clock: Clock;
    devTime: DevTime;
    scheduler: LocalReminderScheduler;
    inbound: (event: SNSEvent) => Promise<void>;
  };
}

const clockMove = z.union(
  [
    z.strictObject({
      advanceMinutes: z
        .number({ error: 'must be a number of minutes' })
        .min(0, { error: 'must be 0 or more: the dev clock never goes back' })
        .max(10 * 366 * 24 * 60, { error: 'must be at most ten years' }),
    }),
    z.strictObject({
      to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant like 2027-03-13T10:00:00Z' }),
    }),
  ],
  { error: 'must be { "advanceMinutes": <minutes ≥ 0> } or { "to": "<ISO 8601 instant>" }' },
);

const inboundText = z.strictObject({
  from: z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'must be an E.164 number like +14155550142' }),
  body: z.string().max(1600),
});

/** The JSON body, or undefined after answering 400. */
function parseBody<S extends z.ZodType>(
  schema: S,
  body: Buffer,
  res: ServerResponse,
): z.output<S> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8') || 'null');
  } catch {
    sendError(res, 400, 'invalid_json', 'The body is not valid JSON.');
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  sendError(
    res,
    400,
    'invalid_request',
    'The body is not what this route takes.',
    parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
  return undefined;
}

/** "METHOD /path" → route. */
export function devRouteTable(deps: DevRouteDeps): Record<string, DevRoute> {
  const { outbox, engine } = deps;
  const routes: Record<string, DevRoute> = {
    'GET /dev/outbox': async (_req, _body, res) => sendJson(res, 200, outbox.list()),
  };
  if (!engine) return routes;
  const { clock, devTime, scheduler } = engine;
  return {
    ...routes,
    'GET /dev': async (_req, _body, res) =>
      sendText(res, 'text/html', DEV_PAGE_HTML, {
        'content-security-policy': DEV_PAGE_CSP,
        'x-content-type-options': 'nosniff',
      }),
    'GET /dev/app.js': async (_req, _body, res) => sendText(res, 'text/javascript', DEV_PAGE_JS),
    'GET /dev/style.css': async (_req, _body, res) => sendText(res, 'text/css', DEV_PAGE_CSS),
    'GET /dev/clock': async (_req, _body, res) =>
      sendJson(res, 200, {
        now: clock.now().toISOString(),
        nextDue: devTime.nextDue()?.toISOString() ?? null,
      }),
    'POST /dev/clock': async (_req, body, res) => {
      const move = parseBody(clockMove, body, res);
      if (!move) return;
      try {
        const now =
          'to' in move
            ? await devTime.advanceTo(new Date(move.to))
            : await devTime.advanceBy(move.advanceMinutes);
        sendJson(res, 200, { now: now.toISOString() });
      } catch (error) {
        if (!(error instanceof ClockBackwardsError)) throw error;
        sendError(res, 400, 'clock_backwards', error.message, [{ path: 'to', message: error.message }]);
      }
    },
    'POST /dev/inbound-sms': async (_req, body, res) => {
      const text = parseBody(inboundText, body, res);
      if (!text) return;
      const before = outbox.list().length;
      const event = inboundSmsEvent(text, clock);
      await devTime.exclusive(() => engine.inbound(event));
      // A STOP or PAUSE stops the plan: let the stream delete its schedules before answering.
      await devTime.settle();
      const replies = outbox
        .list()
        .slice(before)
        .filter((m) => m.kind === 'reply' && m.to === text.from);
      const { inboundMessageId } = JSON.parse(event.Records[0]!.Sns.Message) as { inboundMessageId: string };
      sendJson(res, 200, { messageId: inboundMessageId, replies });
    },
    'GET /dev/schedules': async (_req, _body, res) =>
      sendJson(
        res,
        200,
        scheduler.list().map((s) => ({
          name: s.name,
          expression: s.expression,
          timeZone: s.timeZone,
          startDate: s.startDate?.toISOString() ?? null,
          endDate: s.endDate.toISOString(),
          next: s.next?.toISOString() ?? null,
        })),
      ),
  };
}

export function createDevRoutes(table: Record<string, DevRoute>): NonNullable<RouteTable['local']> {
  return async (req, body, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/(.)\/$/, '$1');
    const route = table[`${(req.method ?? 'GET').toUpperCase()} ${path}`];
    if (!route) return false;
    await route(req, body, res);
    return true;
  };
}
