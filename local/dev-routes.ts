/**
 * Dev-only HTTP routes of the local stack (never deployed): answered in-process before a request
 * reaches the Lambda handler, through createHttpServer's `local` hook. Add a route by adding an
 * entry to the table built in createDevRoutes (e.g. "POST /dev/clock", "POST /dev/inbound-sms").
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Outbox } from './outbox.ts';
import type { RouteTable } from './http-server.ts';

export type DevRoute = (req: IncomingMessage, body: Buffer, res: ServerResponse) => Promise<void>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export interface DevRouteDeps {
  outbox: Outbox;
}

/** "METHOD /path" → route. */
export function devRouteTable(deps: DevRouteDeps): Record<string, DevRoute> {
  return {
    'GET /dev/outbox': async (_req, _body, res) => sendJson(res, 200, deps.outbox.list()),
  };
}

export function createDevRoutes(table: Record<string, DevRoute>): NonNullable<RouteTable['local']> {
  return async (req, body, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = table[`${(req.method ?? 'GET').toUpperCase()} ${path}`];
    if (!route) return false;
    await route(req, body, res);
    return true;
  };
}
