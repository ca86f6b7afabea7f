/**
 * Authorization of the clinic console, route by route, through the local stack's stand-ins for
 * API Gateway's JWT authorizer and Cognito (the same checks: issuer, signature, audience or
 * client id, expiry) and the console function's own checks (access tokens only, the role). The
 * template test (test/infra/clinic-console.test.ts) proves every API route is behind the authorizer
 * in AWS, with this pool as issuer and this client as audience.
 */
import { describe, expect, it } from 'vitest';
import { createDevCognito } from '../../local/dev-cognito.ts';
import { CONSOLE_ROUTES } from '../../functions/console/routes.ts';
import type { StaffRole } from '../../shared/domain/clinic/roster.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { useLocalStack } from '../support/console.ts';

const table = useTestTable();
const running = useLocalStack(table);

/** The least role each API route needs (the use case checks it). */
const NEEDS: Record<string, StaffRole> = {
  'GET /console/api/me': 'viewer',
  'GET /console/api/patients': 'viewer',
  'GET /console/api/patients/{patientId}': 'viewer',
  'PUT /console/api/patients/{patientId}/reference': 'clinician',
  'POST /console/api/patients/{patientId}/actions': 'clinician',
  'GET /console/api/alerts': 'viewer',
  'POST /console/api/alerts/{alertId}/acknowledge': 'clinician',
  'GET /console/api/invites': 'clinician',
  'POST /console/api/invites': 'clinician',
  'POST /console/api/clearances': 'clinician',
  'GET /console/api/audit': 'clinician',
  'GET /console/api/export/patients.csv': 'clinician',
  'GET /console/api/patients/{patientId}/fhir': 'clinician',
};

const API = CONSOLE_ROUTES.filter((r) => r.auth);
const concrete = (path: string) =>
  path
    .replace('{patientId}', 'P-00000000')
    .replace('{alertId}', encodeURIComponent('pain-high~plan-1~2027-01-01T10:00:00.000Z'));
/** A body the route takes (GET routes take none). */
function bodyFor(route: { method: string; path: string }): unknown {
  if (route.method === 'GET') return undefined;
  if (route.path.endsWith('/actions')) return { action: 'pause' };
  return { reference: 'MRN 1' };
}

describe('every console API route', () => {
  it('is in the table of roles (a new route must say which role it needs)', () => {
    expect(API.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(NEEDS).sort());
    expect(API.every((r) => r.path.startsWith('/console/api/'))).toBe(true);
  });

  it.each(API)(
    '$method $path refuses a request without a token, and one of a patient link',
    async (route) => {
      const path = concrete(route.path);
      const none = await running.request(route.method, path, { body: bodyFor(route) });
      expect(none.status).toBe(401);
      expect(none.body).toEqual({ message: 'Unauthorized' });
      // A patient's plan page token, or the invite cookie, is no console token.
      const pageToken = await running.request(route.method, path, {
        token: 'Jx3kAbCdEfGhIjKlMnOpQr',
        body: bodyFor(route),
      });
      expect(pageToken.status).toBe(401);
      const cookie = await running.request(route.method, path, {
        headers: { cookie: 'rehab_invite=Jx3kAbCdEfGhIjKlMnOpQr' },
        body: bodyFor(route),
      });
      expect(cookie.status).toBe(401);
    },
  );

  it.each(API)(
    '$method $path refuses tokens of another pool, another client, expired, or not access tokens',
    async (route) => {
      const path = concrete(route.path);
      const { stack } = running;
      const otherPool = createDevCognito({
        issuer: `${running.base}/dev/cognito`,
        consoleUrl: `${running.base}/console/`,
      });
      const stranger = createDevCognito({
        issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other',
        consoleUrl: `${running.base}/console/`,
      });
      const tokens = {
        // Same issuer name, another key: the signature does not verify.
        'another key': otherPool.issue({ username: 'x', groups: ['admin'] }),
        'another pool': stranger.issue({ username: 'x', groups: ['admin'] }),
        'another client': stack.devCognito.issue({
          username: 'x',
          groups: ['admin'],
          clientId: 'some-other-app',
        }),
        expired: stack.devCognito.issue({ username: 'x', groups: ['admin'], expiresIn: -60 }),
        'ID token': stack.devCognito.issue({ username: 'x', groups: ['admin'], tokenUse: 'id' }),
        'altered payload': (() => {
          const [h, p, s] = stack.devCognito.issue({ username: 'x', groups: ['viewer'] }).split('.') as [
            string,
            string,
            string,
          ];
          const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
          claims['cognito:groups'] = ['admin'];
          return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
        })(),
      };
      for (const [what, token] of Object.entries(tokens)) {
        const answer = await running.request(route.method, path, { token, body: bodyFor(route) });
        expect(answer.status, `${what}: ${answer.text}`).toBe(401);
      }
    },
  );

  it.each(API)(
    '$method $path: roles below the one it needs get 403, the rest get past the check',
    async (route) => {
      const path = concrete(route.path);
      const needed = NEEDS[`${route.method} ${route.path}`]!;
      const order: StaffRole[] = ['viewer', 'clinician', 'admin'];
      for (const role of order) {
        const answer = await running.request(route.method, path, { role, body: bodyFor(route) });
        if (order.indexOf(role) < order.indexOf(needed))
          expect(answer.status, `${role}: ${answer.text}`).toBe(403);
        else expect([200, 201, 404], `${role}: ${answer.text}`).toContain(answer.status);
      }
      // Signed in, but in no staff group.
      const outsider = running.stack.devCognito.issue({ username: 'x', groups: ['someone-else'] });
      expect(
        (await running.request(route.method, path, { token: outsider, body: bodyFor(route) })).status,
      ).toBe(403);
    },
  );
});

describe('what needs no token holds no data', () => {
  it('the pages are shells with no patient in them; the invite link with a bad token opens nothing', async () => {
    for (const path of [
      '/console',
      '/console/patient',
      '/console/alerts',
      '/console/invites',
      '/console/audit',
      '/console/callback',
    ]) {
      const page = await running.request('GET', path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('cache-control')).toBe('no-store');
    }
    expect((await running.request('GET', '/i/not-a-token')).status).toBe(404);
    expect((await running.request('GET', '/i/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('erasing needs admin even for a clinician who may pause', async () => {
    const answer = await running.request('POST', '/console/api/patients/P-00000000/actions', {
      role: 'clinician',
      body: { action: 'erase', confirm: 'P-00000000' },
    });
    expect(answer.status).toBe(403);
  });
});
