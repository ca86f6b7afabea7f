import { describe, expect, it } from 'vitest';
import { createIntakeHandler, INTAKE_ROUTES } from '../../functions/intake/handler.ts';
import { MOVEMENT_IDS } from '../../shared/domain/plan/catalog.ts';
import { call, httpEvent } from '../support/http.ts';
import { offlineIntakeDeps, testConfig } from '../support/intake.ts';

describe('GET /movements', () => {
  const handler = createIntakeHandler(offlineIntakeDeps());

  it('answers the catalog as JSON: ids, names, how-to, category', async () => {
    const res = await call(handler, httpEvent('GET', '/movements'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const movements = res.body as { id: string; name: string; howTo: string; category: string }[];
    expect(movements.map((m) => m.id)).toEqual(MOVEMENT_IDS);
    for (const m of movements) {
      expect(m.name).toBeTruthy();
      expect(m.howTo).toBeTruthy();
      expect(m.category).toBeTruthy();
    }
  });

  it('answers 404 with the error shape for an unknown route', async () => {
    const res = await call(handler, httpEvent('GET', '/nope'));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('/nope'), issues: [] },
    });
  });
});

describe('INTAKE_ROUTES (the list API Gateway can route to the function)', () => {
  // The form's first steps count the client (formRequestsPerClientPerHour): a limiter that allows.
  const handler = createIntakeHandler(
    offlineIntakeDeps({ limiter: { hit: async () => ({ allowed: true, count: 1 }) } }),
  );

  it('names exactly the routes the handler answers', async () => {
    for (const { method, path } of INTAKE_ROUTES) {
      const res = await call(handler, httpEvent(method, path, method === 'POST' ? { body: {} } : {}));
      // A path with a parameter is answered by its route: "{token}" is no token, so 404 (no read).
      expect(path.includes('{') ? [404] : [200, 400], `${method} ${path}`).toContain(res.status);
      // A method no route of the path has (a path may have several: GET and DELETE /assessments/invite).
      const taken = INTAKE_ROUTES.filter((r) => r.path === path).map((r) => r.method as string);
      const otherMethod = ['GET', 'POST', 'PUT'].find((m) => !taken.includes(m))!;
      const other = await call(handler, httpEvent(otherMethod, path));
      expect(other.status, `other method on ${path}`).toBe(405);
    }
    expect(INTAKE_ROUTES.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /',
        'GET /movements',
        'POST /assessments',
        'GET /assessments/invite',
        'DELETE /assessments/invite',
        'POST /verifications',
        'GET /p/{token}',
        'POST /p/{token}/done',
        'GET /manifest.webmanifest',
      ]),
    );
  });
});

describe('GET /manifest.webmanifest', () => {
  it("names the web app after the operator's app name, so the Home Screen shows the clinic", async () => {
    const handler = createIntakeHandler(
      offlineIntakeDeps({ config: testConfig({ appName: "St Mary's Back Clinic" }) }),
    );
    const res = await call(handler, httpEvent('GET', '/manifest.webmanifest'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    expect(res.body).toMatchObject({
      name: "St Mary's Back Clinic",
      short_name: "St Mary's Back Clinic",
      start_url: '/',
      display: 'standalone',
      icons: [expect.objectContaining({ src: '/icon.svg' })],
    });
  });
});
