/**
 * Staff sessions: the local sign-in stand-in renews tokens as Cognito's InitiateAuth
 * (REFRESH_TOKEN_AUTH) does — the same request and answer shapes, a refresh token of a working day
 * from the sign-in, refused once revoked or expired — and the console's script keeps the refresh
 * token out of every storage a script can read, with the idle time the one source says.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleCsp, consolePages } from '../../functions/console/pages.ts';
import { createDevCognito, REFRESH_TOKEN_SECONDS } from '../../local/dev-cognito.ts';
import { CONSOLE_SESSION } from '../../shared/domain/clinic/staff-session.ts';

const SCRIPT = readFileSync(join(import.meta.dirname, '..', '..', 'web', 'console', 'console.js'), 'utf8');
const BASE = 'http://127.0.0.1:3999';
const TARGET = 'AWSCognitoIdentityProviderService.InitiateAuth';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function cognito() {
  const dev = createDevCognito({ issuer: `${BASE}/dev/cognito`, consoleUrl: `${BASE}/console/` });
  const call = async (
    route: string,
    body: string,
    headers: Record<string, string> = {},
    url = '/',
  ): Promise<Answer> => {
    const answer: Answer = { status: 0, headers: {}, body: '' };
    const res = {
      writeHead: (status: number, h: Record<string, string>) => Object.assign(answer, { status, headers: h }),
      end: (text?: string) => void (answer.body = text ?? ''),
    } as unknown as ServerResponse;
    await dev.routes[route]!({ headers, url } as IncomingMessage, Buffer.from(body), res);
    return answer;
  };
  /** The code flow, as the console runs it: sign in, then the code and the PKCE verifier for tokens. */
  const signIn = async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const login = await call(
      'POST /dev/cognito/login',
      new URLSearchParams({
        username: 'dr.lee',
        role: 'clinician',
        redirect_uri: `${BASE}/console/callback`,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }).toString(),
    );
    const code = new URL(login.headers.location!).searchParams.get('code')!;
    const tokens = await call(
      'POST /dev/cognito/oauth2/token',
      new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: dev.clientId,
        code,
        redirect_uri: `${BASE}/console/callback`,
        code_verifier: verifier,
      }).toString(),
    );
    return JSON.parse(tokens.body) as { access_token: string; refresh_token: string; expires_in: number };
  };
  const initiateAuth = (input: Record<string, unknown>, target = TARGET) =>
    call('POST /dev/cognito/idp', JSON.stringify(input), {
      'x-amz-target': target,
      'content-type': 'application/x-amz-json-1.1',
    });
  const refresh = (token: string) =>
    initiateAuth({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: dev.clientId,
      AuthParameters: { REFRESH_TOKEN: token },
    });
  const authorized = (token: string) =>
    dev.authorize({ headers: { authorization: `Bearer ${token}` } } as unknown as APIGatewayProxyEventV2);
  return { dev, call, signIn, initiateAuth, refresh, authorized };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the local sign-in renews tokens as Cognito’s InitiateAuth (REFRESH_TOKEN_AUTH)', () => {
  it('the code flow answers a refresh token; InitiateAuth answers new tokens the authorizer takes, and no new refresh token', async () => {
    const c = cognito();
    const tokens = await c.signIn();
    expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const renewed = await c.refresh(tokens.refresh_token);
    expect(renewed.status).toBe(200);
    const result = JSON.parse(renewed.body) as {
      AuthenticationResult: Record<string, unknown>;
      ChallengeParameters: object;
    };
    expect(result.ChallengeParameters).toEqual({});
    expect(result.AuthenticationResult).toEqual({
      AccessToken: expect.any(String),
      IdToken: expect.any(String),
      ExpiresIn: CONSOLE_SESSION.accessTokenMinutes * 60,
      TokenType: 'Bearer',
    });
    const claims = await c.authorized(result.AuthenticationResult.AccessToken as string);
    expect(claims).toMatchObject({
      username: 'dr.lee',
      'cognito:groups': '[clinician]',
      token_use: 'access',
    });
    // Not rotated: the same refresh token serves again.
    expect((await c.refresh(tokens.refresh_token)).status).toBe(200);
  });

  it('refuses as Cognito does: an unknown or revoked token, another client, another flow or operation', async () => {
    const c = cognito();
    const tokens = await c.signIn();
    const refused = async (answer: Promise<Answer>, type: string) => {
      const { status, body } = await answer;
      expect(status).toBe(400);
      expect((JSON.parse(body) as { __type: string }).__type).toBe(type);
    };
    await refused(c.refresh('not-a-token'), 'NotAuthorizedException');
    await refused(
      c.initiateAuth({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: 'other-client',
        AuthParameters: { REFRESH_TOKEN: tokens.refresh_token },
      }),
      'ResourceNotFoundException',
    );
    await refused(
      c.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: c.dev.clientId }),
      'InvalidParameterException',
    );
    await refused(
      c.initiateAuth({}, 'AWSCognitoIdentityProviderService.GetUser'),
      'UnknownOperationException',
    );
    // Sign-out revokes it at the revocation endpoint; it renews nothing after.
    const revoked = await c.call(
      'POST /dev/cognito/oauth2/revoke',
      new URLSearchParams({ token: tokens.refresh_token, client_id: c.dev.clientId }).toString(),
    );
    expect(revoked.status).toBe(200);
    await refused(c.refresh(tokens.refresh_token), 'NotAuthorizedException');
  });

  it('a refresh token lasts a working day from the sign-in, however often it renewed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-01T07:00:00.000Z'));
    const c = cognito();
    const tokens = await c.signIn();
    expect(REFRESH_TOKEN_SECONDS).toBe(12 * 3600);
    for (let hour = 1; hour < 12; hour++) {
      vi.setSystemTime(new Date(Date.UTC(2027, 2, 1, 7 + hour, 0, 0)));
      expect((await c.refresh(tokens.refresh_token)).status, `hour ${hour}`).toBe(200);
    }
    vi.setSystemTime(new Date('2027-03-01T19:00:01.000Z'));
    expect((await c.refresh(tokens.refresh_token)).status).toBe(400);
  });
});

describe('the console’s script keeps the refresh token in memory', () => {
  it('writes no token to localStorage or a cookie, and to sessionStorage only the access token', () => {
    expect(SCRIPT).not.toMatch(/localStorage|document\.cookie|indexedDB|caches\./);
    const writes = [...SCRIPT.matchAll(/sessionStorage\.setItem\(\s*'([^']+)',\s*([^;]+);/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(writes.map(([key]) => key).sort()).toEqual([
      'console.pkce',
      'console.session',
      'console.signedOut',
    ]);
    for (const [, value] of writes) expect(value).not.toMatch(/refresh/i);
    expect(SCRIPT).toContain('JSON.stringify({ accessToken, expiresAt })');
    expect(SCRIPT).toMatch(/^let refreshToken = null;$/m);
  });

  it('renews with InitiateAuth REFRESH_TOKEN_AUTH at the page’s user pool API, which the CSP allows', () => {
    expect(SCRIPT).toContain("'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth'");
    expect(SCRIPT).toContain("AuthFlow: 'REFRESH_TOKEN_AUTH'");
    const idp = 'https://cognito-idp.eu-west-1.amazonaws.com/';
    const auth = 'https://c.auth.eu-west-1.amazoncognito.com';
    const page = consolePages({ appName: 'X', authUrl: auth, clientId: 'abc', idpUrl: idp }).render(
      'patients',
    );
    expect(String(page.body)).toContain(`data-idp-url="${idp}"`);
    expect(page.headers!['content-security-policy']).toContain(
      "connect-src 'self' https://c.auth.eu-west-1.amazoncognito.com https://cognito-idp.eu-west-1.amazonaws.com;",
    );
    // Locally both are the stack's own origin: named once.
    expect(
      consoleCsp('http://localhost:3000/dev/cognito', 'http://localhost:3000/dev/cognito/idp'),
    ).toContain("connect-src 'self' http://localhost:3000;");
  });

  it('signs out after the idle time the one source says (CONSOLE_SESSION.idleMinutes)', () => {
    const idle = /^const IDLE_MINUTES = (\d+);$/m.exec(SCRIPT);
    expect(Number(idle?.[1])).toBe(CONSOLE_SESSION.idleMinutes);
    expect(CONSOLE_SESSION.idleMinutes).toBe(30);
  });
});
