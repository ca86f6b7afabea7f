/**
 * The clinic console's sign-in, locally (dev only, never bundled): a stand-in for the Cognito user
 * pool's hosted sign-in and for API Gateway's JWT authorizer.
 *
 *   GET  /dev/cognito/oauth2/authorize   the dev sign-in page (pick a name and a role; no password)
 *   POST /dev/cognito/login              → back to the console's callback with a one-time code
 *   POST /dev/cognito/oauth2/token       code + PKCE verifier → { access_token, id_token, refresh_token, expires_in }
 *   POST /dev/cognito/oauth2/revoke      revokes a refresh token (Cognito's revocation endpoint)
 *   POST /dev/cognito/idp                the user pool API's InitiateAuth, REFRESH_TOKEN_AUTH only
 *   GET  /dev/cognito/logout             → back to logout_uri
 *   GET  /dev/cognito/.well-known/jwks.json
 *
 * The paths and the token request are Cognito's own (…/oauth2/authorize, …/oauth2/token, …/logout),
 * so the console's script is the same in AWS and here; only its base URL differs. The renewal is
 * Cognito's InitiateAuth as its JSON protocol has it (POST, `x-amz-target:
 * AWSCognitoIdentityProviderService.InitiateAuth`, `application/x-amz-json-1.1`; answers
 * `AuthenticationResult`, or 400 `NotAuthorizedException`); the refresh token is not rotated (as the
 * app client: REFRESH_TOKEN_AUTH needs rotation off) and lasts REFRESH_TOKEN_SECONDS from the sign-in.
 * Access tokens
 * carry the claims a Cognito access token carries (iss, sub, client_id, token_use "access",
 * cognito:groups, username, scope, exp …), signed RS256 with a key made at start. The authorizer
 * verifies a request's bearer token with aws-jwt-verify against this issuer's keys and the
 * console's client id, as API Gateway verifies Cognito's, and hands the handler the claims the way
 * API Gateway does (every value a string, arrays as "[a b]"); a request it refuses gets API
 * Gateway's own 401 and never reaches the function.
 */
import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  sign,
} from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { JwtVerifier } from 'aws-jwt-verify';
import type { JwkWithKid } from 'aws-jwt-verify/jwk';
import { CONSOLE_SESSION } from '../shared/domain/clinic/staff-session.ts';
import { STAFF_ROLES, type StaffRole } from '../shared/domain/clinic/roster.ts';

export const LOCAL_CONSOLE_CLIENT_ID = 'local-console-client';
/** As the stack sets the app client's access token validity (infra/constructs/clinic-auth.ts). */
export const ACCESS_TOKEN_SECONDS = CONSOLE_SESSION.accessTokenMinutes * 60;
/** As the stack sets the app client's refresh token validity: a working day. */
export const REFRESH_TOKEN_SECONDS = CONSOLE_SESSION.refreshTokenMinutes * 60;

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export interface SigningKey {
  kid: string;
  privateKeyPem: string;
  jwk: JwkWithKid;
}

/** An RS256 key pair with its JWK (a fresh one for every run: tokens do not outlive it). */
export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const jwk = {
    ...(publicKey.export({ format: 'jwk' }) as Record<string, string>),
    kid,
    alg: 'RS256',
    use: 'sig',
  };
  return {
    kid,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    jwk: jwk as JwkWithKid,
  };
}

/** A JWT signed RS256 with the key. */
export function signJwt(payload: Record<string, unknown>, key: SigningKey): string {
  const header = b64url(JSON.stringify({ kid: key.kid, alg: 'RS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${body}`), createPrivateKey(key.privateKeyPem));
  return `${header}.${body}.${b64url(signature)}`;
}

export interface StaffTokenInput {
  username: string;
  groups: readonly string[];
  /** Seconds from now; negative for a token that has expired. @default ACCESS_TOKEN_SECONDS */
  expiresIn?: number;
  tokenUse?: 'access' | 'id';
  clientId?: string;
}

export interface DevCognito {
  issuer: string;
  clientId: string;
  /** The stand-in for the user pool API's endpoint (InitiateAuth). */
  idpUrl: string;
  /** An access token (or ID token) as Cognito would issue it for this user. */
  issue(input: StaffTokenInput): string;
  /** The authorizer: the claims of a request's valid bearer token, or undefined (API Gateway's 401). */
  authorize(event: APIGatewayProxyEventV2): Promise<Record<string, string> | undefined>;
  /** The dev routes (the local stack adds them to its table). */
  routes: Record<string, (req: IncomingMessage, body: Buffer, res: ServerResponse) => Promise<void>>;
}

/** API Gateway's JWT authorizer hands claims over as strings, arrays as "[a b]". */
export function asApiGatewayClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function signInPage(params: URLSearchParams): string {
  const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method']
    .map((name) => `<input type="hidden" name="${name}" value="${esc(params.get(name) ?? '')}" />`)
    .join('');
  const roles = STAFF_ROLES.map(
    (role, i) =>
      `<div class="field check"><input type="radio" id="role-${role}" name="role" value="${role}"${i === 1 ? ' checked' : ''} /><label for="role-${role}">${role}</label></div>`,
  ).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Dev sign-in · clinic console</title><link rel="stylesheet" href="/console/console.css" /></head>
<body><header class="console-header"><p class="brand">Clinic console <span>local dev sign-in</span></p></header>
<main id="main"><h1>Dev sign-in</h1>
<p>The local stack's stand-in for the Cognito sign-in: no password, no MFA. It issues tokens with the claims Cognito's carry. It does not exist in a deployed stack.</p>
<form method="post" action="/dev/cognito/login" class="signin">${hidden}
<div class="field"><label for="username">Name</label><input id="username" name="username" value="dev.clinician" required autocomplete="username" /></div>
<fieldset><legend>Role (the Cognito group)</legend>${roles}</fieldset>
<button type="submit">Sign in</button></form></main></body></html>`;
}

const FORM_CSP =
  "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function createDevCognito(options: {
  issuer: string;
  consoleUrl: string;
  clientId?: string;
}): DevCognito {
  const key = newSigningKey();
  const issuer = options.issuer.replace(/\/$/, '');
  const clientId = options.clientId ?? LOCAL_CONSOLE_CLIENT_ID;
  const callback = new URL('callback', options.consoleUrl).href;
  const codes = new Map<
    string,
    { username: string; role: StaffRole; challenge: string; redirectUri: string; expires: number }
  >();
  /** Refresh tokens, opaque as Cognito's: who, and when the sign-in's working day ends. */
  const refreshTokens = new Map<string, { username: string; role: StaffRole; expires: number }>();
  const verifier = JwtVerifier.create({ issuer, audience: null });
  verifier.cacheJwks({ keys: [key.jwk] });

  function issue(input: StaffTokenInput): string {
    const now = Math.floor(Date.now() / 1000);
    // A stable id per name, shaped like Cognito's (a UUID).
    const h = createHash('sha256').update(`dev-user:${input.username}`).digest('hex');
    const sub = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    const common = {
      sub,
      'cognito:groups': [...input.groups],
      iss: issuer,
      event_id: randomUUID(),
      auth_time: now,
      exp: now + (input.expiresIn ?? ACCESS_TOKEN_SECONDS),
      iat: now,
      jti: randomUUID(),
      origin_jti: randomUUID(),
    };
    const payload =
      input.tokenUse === 'id'
        ? { ...common, aud: input.clientId ?? clientId, token_use: 'id', 'cognito:username': input.username }
        : {
            ...common,
            client_id: input.clientId ?? clientId,
            token_use: 'access',
            scope: 'openid email',
            version: 2,
            username: input.username,
          };
    return signJwt(payload, key);
  }

  async function authorize(event: APIGatewayProxyEventV2): Promise<Record<string, string> | undefined> {
    const header = event.headers?.authorization ?? event.headers?.Authorization;
    const token = header?.replace(/^Bearer\s+/i, '').trim();
    if (!token) return undefined;
    try {
      const payload = (await verifier.verify(token)) as Record<string, unknown>;
      // As API Gateway's JWT authorizer: the audience is `aud` (ID tokens) or `client_id` (access tokens).
      if (payload.aud !== clientId && payload.client_id !== clientId) return undefined;
      return asApiGatewayClaims(payload);
    } catch {
      return undefined;
    }
  }

  const form = (body: Buffer) => new URLSearchParams(body.toString('utf8'));
  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body = '') => {
    res.writeHead(status, { 'cache-control': 'no-store', ...headers });
    res.end(body);
  };

  const routes: DevCognito['routes'] = {
    'GET /dev/cognito/oauth2/authorize': async (req, _body, res) => {
      const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
      if (params.get('client_id') !== clientId || params.get('redirect_uri') !== callback) {
        return send(res, 400, { 'content-type': 'text/plain' }, 'unknown client_id or redirect_uri');
      }
      send(
        res,
        200,
        { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': FORM_CSP },
        signInPage(params),
      );
    },
    'POST /dev/cognito/login': async (_req, body, res) => {
      const params = form(body);
      const role = params.get('role') as StaffRole;
      const redirectUri = params.get('redirect_uri') ?? '';
      if (
        !STAFF_ROLES.includes(role) ||
        redirectUri !== callback ||
        params.get('code_challenge_method') !== 'S256'
      ) {
        return send(res, 400, { 'content-type': 'text/plain' }, 'bad sign-in request');
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        username: (params.get('username') || 'dev.user').slice(0, 64),
        role,
        challenge: params.get('code_challenge') ?? '',
        redirectUri,
        expires: Date.now() + 5 * 60_000,
      });
      const location = new URL(redirectUri);
      location.searchParams.set('code', code);
      if (params.get('state')) location.searchParams.set('state', params.get('state')!);
      send(res, 302, { location: location.href });
    },
    'POST /dev/cognito/oauth2/token': async (_req, body, res) => {
      const params = form(body);
      const code = codes.get(params.get('code') ?? '');
      codes.delete(params.get('code') ?? '');
      const verifierText = params.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifierText).digest('base64url');
      if (
        params.get('grant_type') !== 'authorization_code' ||
        params.get('client_id') !== clientId ||
        !code ||
        code.expires < Date.now() ||
        code.redirectUri !== params.get('redirect_uri') ||
        code.challenge !== challenge
      ) {
        return send(
          res,
          400,
          { 'content-type': 'application/json' },
          JSON.stringify({ error: 'invalid_grant' }),
        );
      }
      const groups = [code.role];
      const refreshToken = randomBytes(32).toString('base64url');
      refreshTokens.set(refreshToken, {
        username: code.username,
        role: code.role,
        expires: Date.now() + REFRESH_TOKEN_SECONDS * 1000,
      });
      send(
        res,
        200,
        { 'content-type': 'application/json' },
        JSON.stringify({
          access_token: issue({ username: code.username, groups }),
          id_token: issue({ username: code.username, groups, tokenUse: 'id' }),
          refresh_token: refreshToken,
          token_type: 'Bearer',
          expires_in: ACCESS_TOKEN_SECONDS,
        }),
      );
    },
    'POST /dev/cognito/oauth2/revoke': async (_req, body, res) => {
      const params = form(body);
      if (params.get('client_id') !== clientId) {
        return send(
          res,
          400,
          { 'content-type': 'application/json' },
          JSON.stringify({ error: 'invalid_client' }),
        );
      }
      refreshTokens.delete(params.get('token') ?? '');
      send(res, 200, { 'content-type': 'application/json' });
    },
    'POST /dev/cognito/idp': async (req, body, res) => {
      const refuse = (type: string, message: string) =>
        send(
          res,
          400,
          { 'content-type': 'application/x-amz-json-1.1' },
          JSON.stringify({ __type: type, message }),
        );
      if (req.headers['x-amz-target'] !== 'AWSCognitoIdentityProviderService.InitiateAuth')
        return refuse('UnknownOperationException', 'only InitiateAuth is emulated');
      let input: { AuthFlow?: unknown; ClientId?: unknown; AuthParameters?: { REFRESH_TOKEN?: unknown } };
      try {
        input = JSON.parse(body.toString('utf8')) as typeof input;
      } catch {
        return refuse('SerializationException', 'the body is not JSON');
      }
      if (input.AuthFlow !== 'REFRESH_TOKEN_AUTH')
        return refuse('InvalidParameterException', 'only the REFRESH_TOKEN_AUTH flow is emulated');
      if (input.ClientId !== clientId) return refuse('ResourceNotFoundException', 'no such app client');
      const token = String(input.AuthParameters?.REFRESH_TOKEN ?? '');
      const held = refreshTokens.get(token);
      if (!held || held.expires < Date.now()) {
        refreshTokens.delete(token);
        return refuse('NotAuthorizedException', 'Invalid Refresh Token');
      }
      const groups = [held.role];
      // No rotation: the same refresh token serves until its sign-in's day ends (no RefreshToken here).
      send(
        res,
        200,
        { 'content-type': 'application/x-amz-json-1.1' },
        JSON.stringify({
          AuthenticationResult: {
            AccessToken: issue({ username: held.username, groups }),
            IdToken: issue({ username: held.username, groups, tokenUse: 'id' }),
            ExpiresIn: ACCESS_TOKEN_SECONDS,
            TokenType: 'Bearer',
          },
          ChallengeParameters: {},
        }),
      );
    },
    'GET /dev/cognito/logout': async (req, _body, res) => {
      const target = new URL(req.url ?? '/', 'http://localhost').searchParams.get('logout_uri') ?? '/';
      // Only back to the console (Cognito checks logout_uri against the client's sign-out URLs).
      const console_ = options.consoleUrl.replace(/\/$/, '');
      send(res, 302, {
        location: target === console_ || target.startsWith(`${console_}/`) ? target : console_,
      });
    },
    'GET /dev/cognito/.well-known/jwks.json': async (_req, _body, res) =>
      send(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ keys: [key.jwk] })),
  };

  return { issuer, clientId, idpUrl: `${issuer}/idp`, issue, authorize, routes };
}
