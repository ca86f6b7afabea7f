/**
 * Only CloudFront may call the API: intake and the console refuse a request without the secret
 * header CloudFront adds (functions/wiring/origin-guard.ts), read from Secrets Manager (at the SDK
 * boundary here; the call is recorded for the IAM proof), and take the viewer's address from
 * CloudFront-Viewer-Address only on requests that carry it.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  guardOrigin,
  ORIGIN_SECRET_HEADER,
  REFRESH_AFTER_MS,
  VIEWER_ADDRESS_HEADER,
  viewerIp,
} from '../../functions/wiring/origin-guard.ts';
import { originSecretFromEnv } from '../../functions/wiring/runtime.ts';
import { asFunction, recordAwsCalls } from '../../local/aws-calls.ts';
import { ENV } from '../../shared/env.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { call, httpEvent } from '../support/http.ts';
import { assessmentBody, createTestIntake } from '../support/intake.ts';

const table = useTestTable();
const secrets = mockClient(SecretsManagerClient);
afterAll(() => secrets.restore());
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rehab-origin-AbCdEf';
const SECRET = 'a-long-random-value-only-cloudfront-knows-0123456789';
beforeEach(() => {
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: SECRET });
});

const reader = () =>
  originSecretFromEnv(
    { [ENV.originSecretArn]: ARN },
    recordAwsCalls(new SecretsManagerClient({ region: 'us-east-1' })),
  )!;

const withHeaders = (event: APIGatewayProxyEventV2, headers: Record<string, string>) => ({
  ...event,
  headers: { ...event.headers, ...headers },
});

describe('the origin guard in front of intake', () => {
  it('refuses a request without the secret header with 403 and a clear error, and writes nothing', async () => {
    const intake = createTestIntake(table);
    const handler = asFunction('intake', guardOrigin(intake.handler, { readSecret: reader() }));
    const res = await call(handler, httpEvent('POST', '/assessments', { body: assessmentBody() }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden_origin', issues: [] } });
    expect((res.body as { error: { message: string } }).error.message).toMatch(/CloudFront/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await table.scanAll()).toEqual([]);
    const wrong = await call(
      handler,
      withHeaders(httpEvent('GET', '/'), { [ORIGIN_SECRET_HEADER]: `${SECRET.slice(0, -1)}x` }),
    );
    expect(wrong.status).toBe(403);
  });

  it('serves a request that carries it, reading the secret once, and not passing the header on', async () => {
    const intake = createTestIntake(table);
    const seen: APIGatewayProxyEventV2[] = [];
    const handler = asFunction(
      'intake',
      guardOrigin(
        async (event: APIGatewayProxyEventV2, context: Context) => {
          seen.push(event);
          return intake.handler(event, context);
        },
        { readSecret: reader() },
      ),
    );
    for (let i = 0; i < 3; i++) {
      const res = await call(handler, withHeaders(httpEvent('GET', '/'), { [ORIGIN_SECRET_HEADER]: SECRET }));
      expect(res.status).toBe(200);
    }
    expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: ARN },
    ]);
    expect(seen.every((e) => !(ORIGIN_SECRET_HEADER in e.headers))).toBe(true);
  });

  it("takes the viewer's address from CloudFront-Viewer-Address, only with the secret", async () => {
    const seen: string[] = [];
    const spy = async (event: APIGatewayProxyEventV2) => {
      seen.push(event.requestContext.http.sourceIp);
      return { statusCode: 200, body: '' };
    };
    const handler = asFunction('console', guardOrigin(spy, { readSecret: reader() }));
    const base = httpEvent('GET', '/console');
    await handler(
      withHeaders(base, { [ORIGIN_SECRET_HEADER]: SECRET, [VIEWER_ADDRESS_HEADER]: '203.0.113.7:46532' }),
      {} as never,
    );
    await handler(
      withHeaders(base, { [ORIGIN_SECRET_HEADER]: SECRET, [VIEWER_ADDRESS_HEADER]: '2001:db8::1:443' }),
      {} as never,
    );
    // A client that names its own address but not the secret never reaches the function.
    const forged = await handler(
      withHeaders(base, { [VIEWER_ADDRESS_HEADER]: '198.51.100.1:1' }),
      {} as never,
    );
    expect(forged).toMatchObject({ statusCode: 403 });
    expect(seen).toEqual(['203.0.113.7', '2001:db8::1']);
    expect(viewerIp(undefined)).toBeUndefined();
  });

  it('follows a rotated secret: a mismatch reads it again, at most once a minute', async () => {
    let now = 1_000_000;
    const handler = guardOrigin(async () => ({ statusCode: 200 }), { readSecret: reader(), now: () => now });
    const ask = (value: string) =>
      handler(withHeaders(httpEvent('GET', '/'), { [ORIGIN_SECRET_HEADER]: value }), {});
    expect(await ask(SECRET)).toMatchObject({ statusCode: 200 });
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: 'the-next-value-after-rotation-and-a-deploy' });
    // CloudFront sends the new value after the deploy; within the minute the old value is still all it knows.
    expect(await ask('the-next-value-after-rotation-and-a-deploy')).toMatchObject({ statusCode: 403 });
    now += REFRESH_AFTER_MS;
    expect(await ask('the-next-value-after-rotation-and-a-deploy')).toMatchObject({ statusCode: 200 });
    expect(await ask(SECRET)).toMatchObject({ statusCode: 403 });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});
