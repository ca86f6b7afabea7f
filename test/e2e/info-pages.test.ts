/**
 * The pages an SMS registration asks for, as a carrier's reviewer or a patient sees them: the
 * operator's settings and the stored consent text on them, the form linking to them, accessible at
 * a phone's width, under the form's own security headers.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeHandler } from '../../functions/intake/handler.ts';
import { createHttpServer } from '../../local/http-server.ts';
import { CONSENT } from '../../shared/domain/plan/rules.ts';
import { INFO_ES } from '../../shared/domain/plan/info-texts-es.ts';
import { axeViolations, withChromium } from '../support/browser.ts';
import { offlineIntakeDeps, testConfig } from '../support/intake.ts';

const config = testConfig({ appName: 'Back Clinic', clinicContact: '+1 415 555 0100', retentionDays: 45 });
const server = createHttpServer({ lambda: createIntakeHandler(offlineIntakeDeps({ config })) }, () => {});
/** The same service offering Spanish too: a Spanish phone gets the pages in Spanish. */
const bilingual = createHttpServer(
  {
    lambda: createIntakeHandler(
      offlineIntakeDeps({ config: testConfig({ ...config, languages: ['en', 'es'] }) }),
    ),
  },
  () => {},
);
let base: string;
let bilingualBase: string;

beforeAll(async () => {
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise<void>((ready) => bilingual.listen(0, '127.0.0.1', ready));
  bilingualBase = `http://127.0.0.1:${(bilingual.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of [server, bilingual]) {
    s.closeAllConnections();
    await new Promise((done) => s.close(done));
  }
});

describe('opt-in, privacy and terms pages', () => {
  it('say what the service really does, from the operator settings and the stored consent', async () => {
    const text = async (path: string) => {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      return res.text();
    };
    const optIn = await text('/opt-in');
    expect(optIn).toContain(CONSENT.text.replace(/'/g, '&#39;'));
    expect(optIn).toContain('Back Clinic: you are all set.');
    const privacy = await text('/privacy');
    expect(privacy).toContain('45 days after your plan ends');
    expect(privacy).toContain('+1 415 555 0100');
    expect(await text('/terms')).toMatch(/STOP.*HELP/s);
  });

  it('are linked from the form, readable at 320 px, and have no axe violations', async () => {
    await withChromium({ viewport: { width: 320, height: 640 } }, async (page) => {
      await page.goto(`${base}/`);
      for (const [label, path] of [
        ['How you sign up for texts', '/opt-in'],
        ['Privacy', '/privacy'],
        ['Terms', '/terms'],
      ] as const) {
        await page.goto(`${base}/`);
        await page.click(`footer a[href="${path}"]`);
        await page.waitForURL(`${base}${path}`);
        expect(await page.textContent('h1')).toBe(label);
        expect(await axeViolations(page), path).toEqual([]);
        // Nothing wider than the phone: no sideways scrolling.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      }
    });
  }, 60_000);

  it('in Spanish on a Spanish phone where Spanish is offered: lang="es", 320 px, no axe violations', async () => {
    await withChromium({ viewport: { width: 320, height: 640 }, locale: 'es-MX' }, async (page) => {
      for (const path of ['/opt-in', '/privacy', '/terms', '/help', '/erased', '/p/not-a-token']) {
        await page.goto(`${bilingualBase}${path}`);
        expect(await page.getAttribute('html', 'lang'), path).toBe('es');
        expect(await page.textContent('h1'), path).toBe(
          {
            '/opt-in': INFO_ES.optIn.title,
            '/privacy': INFO_ES.privacy.title,
            '/terms': INFO_ES.terms.title,
            '/help': INFO_ES.help.title,
            '/erased': INFO_ES.erased.title,
          }[path] ?? INFO_ES.notFound.heading,
        );
        expect(await axeViolations(page), path).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(
          320,
        );
      }
    });
  }, 60_000);
});
