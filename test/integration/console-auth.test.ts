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

describe('the audit log sees reads and refusals (found by a review: views and 403s left no entry)', () => {
  type Entry = { at: string; by: string; action: string; patientId?: string; detail?: string };
  const month = () => running.stack.clock.now().toISOString().slice(0, 7);
  const audit = async (query = '') => {
    const answer = await running.request('GET', `/console/api/audit?month=${month()}${query}`, {
      role: 'admin',
      token: running.token('admin', 'auditor'),
    });
    expect(answer.status, answer.text).toBe(200);
    return (answer.body as { entries: Entry[] }).entries;
  };

  it('every 403 is an entry: who, what they tried, when; a user in no staff group too', async () => {
    const viewer = running.token('viewer', 'nosy.viewer');
    const tried = await running.request('POST', '/console/api/patients/P-00000000/actions', {
      token: viewer,
      body: { action: 'stop' },
    });
    expect(tried.status).toBe(403);
    const outsider = running.stack.devCognito.issue({ username: 'outsider', groups: ['someone-else'] });
    expect((await running.request('GET', '/console/api/patients', { token: outsider })).status).toBe(403);
    const csv = await running.request('GET', '/console/api/export/patients.csv', { token: viewer });
    expect(csv.status).toBe(403);

    const denied = (await audit()).filter((e) => e.action === 'denied');
    expect(denied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          by: 'nosy.viewer',
          patientId: 'P-00000000',
          detail: expect.stringMatching(/^POST \/console\/api\/patients\/P-00000000\/actions: .*clinician/),
        }),
        expect.objectContaining({
          by: 'outsider',
          detail: expect.stringMatching(/^GET \/console\/api\/patients: /),
        }),
        expect.objectContaining({
          by: 'nosy.viewer',
          detail: expect.stringMatching(/^GET \/console\/api\/export\/patients\.csv: /),
        }),
      ]),
    );
    for (const e of denied) expect(Date.parse(e.at)).not.toBeNaN();
  });

  it('reads are entries: the list, a patient, the alerts, the invites; filterable by kind, patient and person', async () => {
    const reader = running.token('clinician', 'reading.clinician');
    for (const path of [
      '/console/api/patients',
      '/console/api/patients/P-00000000',
      '/console/api/alerts',
      '/console/api/invites',
    ])
      await running.request('GET', path, { token: reader });
    const mine = (await audit()).filter((e) => e.by === 'reading.clinician');
    expect(mine.map((e) => e.action).sort()).toEqual(['view-alerts', 'view-invites', 'view-patients']);
    // (P-00000000 is on no roster: a 404 read nothing, so it is no entry.)
    const reads = await audit('&kind=reads&by=reading.clinician');
    expect(reads.map((e) => e.action).sort()).toEqual(['view-alerts', 'view-invites', 'view-patients']);
    expect((await audit('&kind=denied')).every((e) => e.action === 'denied')).toBe(true);
    expect((await audit('&kind=denied&by=nobody')).length).toBe(0);
    expect((await audit('&patientId=P-00000000')).every((e) => e.patientId === 'P-00000000')).toBe(true);
    const bad = await running.request('GET', `/console/api/audit?month=${month()}&kind=everything`, {
      role: 'admin',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { issues: [{ path: 'kind' }] } });
  });
});
