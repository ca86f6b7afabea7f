/**
 * The local stack's wiring, shared by `npm start` (local/main.ts) and the browser tests: the same
 * intake handler Lambda runs, with DynamoDB adapters on DynamoDB Local, the outbox as notifier, a
 * fixed dev HMAC key, and the dev routes in front. local/main.ts starts DynamoDB Local and listens;
 * later parts (scheduler, queue, dev clock) plug in here.
 */
import type { Server } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createIntakeHandler } from '../functions/intake/handler.ts';
import { DynamoPlanRepository } from '../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoRateLimiter } from '../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoVerificationStore } from '../shared/adapters/dynamodb/verification-store.ts';
import type { RuntimeConfig } from '../shared/config.ts';
import type { Clock, Log } from '../shared/ports.ts';
import { createDevRoutes, devRouteTable } from './dev-routes.ts';
import { createHttpServer } from './http-server.ts';
import { Outbox } from './outbox.ts';

/** The local HMAC key for phones, clients and codes. Dev only: AWS reads it from Secrets Manager. */
export const LOCAL_HASH_KEY = 'local-dev-only-hash-key-0123456789abcdef';

export interface LocalStackOptions {
  db: DynamoDBDocumentClient;
  tableName: string;
  config: RuntimeConfig;
  clock: Clock;
  log: Log;
  /** Where the outbox prints each message (the terminal by default). */
  print?: (line: string) => void;
  hashKey?: string;
  vapidPublicKey?: string;
}

export interface LocalStack {
  outbox: Outbox;
  intake: ReturnType<typeof createIntakeHandler>;
  /** Not listening yet: see listen(). */
  server: Server;
}

export function createLocalStack(options: LocalStackOptions): LocalStack {
  const { db, tableName, clock, log } = options;
  const outbox = new Outbox(clock, options.print);
  const intake = createIntakeHandler({
    log,
    clock,
    config: options.config,
    hashKey: options.hashKey ?? LOCAL_HASH_KEY,
    repo: new DynamoPlanRepository(db, tableName),
    verifications: new DynamoVerificationStore(db, tableName),
    limiter: new DynamoRateLimiter(db, tableName),
    notifier: outbox,
    ...(options.vapidPublicKey ? { vapidPublicKey: options.vapidPublicKey } : {}),
  });
  const server = createHttpServer(
    { local: createDevRoutes(devRouteTable({ outbox })), lambda: intake },
    (error) => log.error('local server error', { error: String(error) }),
  );
  return { outbox, intake, server };
}

/** Listens on `port` (0: any free port) and answers the base URL. */
export async function listen(server: Server, port: number, host?: string): Promise<string> {
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ready());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return `http://localhost:${actual}`;
}
