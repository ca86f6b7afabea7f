/**
 * The local server keeps API Gateway's contract for big bodies: the handler answers them (413),
 * and the connection that carried one stays usable, as it does behind API Gateway.
 */
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeHandler } from '../../functions/intake/handler.ts';
import { API_GATEWAY_MAX_BODY_BYTES, createHttpServer } from '../../local/http-server.ts';
import { offlineIntakeDeps } from '../support/intake.ts';

const server = createHttpServer({ lambda: createIntakeHandler(offlineIntakeDeps()) }, () => {});
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let port: number;

beforeAll(async () => {
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

function send(method: string, path: string, body?: Buffer) {
  return new Promise<{ status: number; text: string; reusedSocket: boolean }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, reusedSocket: req.reusedSocket }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('big request bodies on the local server', () => {
  it("a 2 MB assessment gets the handler's 413, and the next request on the same connection works", async () => {
    const big = Buffer.from(JSON.stringify({ phone: 'x'.repeat(2 * 1024 * 1024) }));
    const tooBig = await send('POST', '/assessments', big);
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.text)).toMatchObject({ error: { code: expect.any(String) } });

    const next = await send('GET', '/movements');
    expect(next.reusedSocket).toBe(true);
    expect(next.status).toBe(200);
    expect(JSON.parse(next.text)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'cat-camel' })]),
    );
  });

  it("past API Gateway's own 10 MB limit, its 413 without invoking the function; the connection still works", async () => {
    const huge = Buffer.alloc(API_GATEWAY_MAX_BODY_BYTES + 1, 0x20);
    const tooBig = await send('POST', '/assessments', huge);
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.text)).toEqual({ message: 'Request Entity Too Large' });
    const next = await send('GET', '/movements');
    expect(next.reusedSocket).toBe(true);
    expect(next.status).toBe(200);
  });
});
