import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createDevRoutes, devRouteTable } from '../../local/dev-routes.ts';
import { Outbox } from '../../local/outbox.ts';
import { TestClock } from '../support/intake.ts';

describe('the local outbox', () => {
  it('records each message with the clock instant, oldest first, and prints the phone masked', async () => {
    const clock = new TestClock(new Date('2030-01-01T08:00:00.000Z'));
    const lines: string[] = [];
    const outbox = new Outbox(clock, (line) => lines.push(line));

    await outbox.send({ channel: 'sms', to: '+14155550123', body: 'code 123456', kind: 'verification' });
    clock.advance(60_000);
    await outbox.send({
      channel: 'push',
      subscription: { endpoint: 'https://push.example.com/x', keys: { p256dh: 'p', auth: 'a' } },
      title: 'Session 1',
      body: 'Do it',
      kind: 'reminder',
      url: '/p/abcdefghijklmnopqrstuv',
    });

    expect(outbox.list()).toEqual([
      {
        channel: 'sms',
        to: '+14155550123',
        body: 'code 123456',
        sentAt: '2030-01-01T08:00:00.000Z',
        kind: 'verification',
      },
      {
        channel: 'push',
        to: 'https://push.example.com/x',
        body: 'Do it',
        sentAt: '2030-01-01T08:01:00.000Z',
        kind: 'reminder',
        title: 'Session 1',
        url: '/p/abcdefghijklmnopqrstuv',
      },
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('+1********23');
    expect(lines.join('\n')).not.toContain('4155550123');
    expect(lines[1]).toContain('push.example.com');
    // The push's plan page shows, so the journey can be followed locally.
    expect(lines[1]).toContain('(opens /p/abcdefghijklmnopqrstuv)');
  });
});

describe('GET /dev/outbox', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('answers the outbox as JSON, and leaves other requests to the Lambda handler', async () => {
    const outbox = new Outbox(new TestClock(new Date('2030-01-01T08:00:00.000Z')), () => {});
    await outbox.send({ channel: 'sms', to: '+14155550123', body: 'hello', kind: 'reply' });
    const dev = createDevRoutes(devRouteTable({ outbox }));
    server = createServer(async (req, res) => {
      if (!(await dev(req, Buffer.alloc(0), res))) res.writeHead(418).end();
    });
    await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
    const port = (server.address() as { port: number }).port;

    const res = await fetch(`http://127.0.0.1:${port}/dev/outbox`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual(outbox.list());
    expect((await fetch(`http://127.0.0.1:${port}/dev/outbox`, { method: 'POST' })).status).toBe(418);
    expect((await fetch(`http://127.0.0.1:${port}/movements`)).status).toBe(418);
  });
});
