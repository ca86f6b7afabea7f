/**
 * The local stack listens on this machine only (found by a review: `npm start` listened on every
 * interface, so the dev sign-in, the outbox with codes and plan links, the dev routes and DynamoDB
 * Local were reachable from the network the laptop was on). Read from the kernel's socket table:
 * no traffic leaves the machine.
 */
import { createServer } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { bindAddress } from '../../local/bind.ts';
import { listen } from '../../local/stack.ts';
import { listeningAddresses, LOOPBACK } from '../support/sockets.ts';

describe('the local stack binds to loopback', () => {
  it('the HTTP server listens on 127.0.0.1 by default', async () => {
    const server = createServer();
    try {
      await listen(server, 0);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
    } finally {
      server.close();
    }
  });

  it('HOST opens it wider only when set, with a loud warning naming what it exposes', () => {
    expect(bindAddress({})).toEqual({ host: '127.0.0.1' });
    expect(bindAddress({ HOST: '127.0.0.1' })).toEqual({ host: '127.0.0.1' });
    expect(bindAddress({ HOST: '::1' })).toEqual({ host: '::1' });
    const wide = bindAddress({ HOST: '0.0.0.0' });
    expect(wide.host).toBe('0.0.0.0');
    expect(wide.warning).toMatch(/WARNING/);
    expect(wide.warning).toMatch(/dev sign-in/);
    expect(wide.warning).toMatch(/\/dev\/outbox/);
  });

  it('DynamoDB Local (started by the test run, as npm start starts it) listens on loopback only', () => {
    const port = Number(new URL(inject('dynamoDbEndpoint')).port);
    const addresses = listeningAddresses(port);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(LOOPBACK).toContain(address);
  });
});
