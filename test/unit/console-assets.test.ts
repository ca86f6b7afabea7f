import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES } from '../../functions/console/routes.ts';
import { consoleCsp, consolePages } from '../../functions/console/pages.ts';
import { FIXED_NAME_PATHS } from '../../infra/constructs/edge.ts';
import { DIST_DIR, WEB_DIR } from '../../scripts/build-web-assets.mjs';
import { staticFileOf } from '../../shared/web/static-files.ts';

describe("the console's files", () => {
  it('its script and style sheet are static files (S3 at the edge, the local static server), not in the function', () => {
    for (const path of ['/console/console.js', '/console/console.css']) {
      expect(FIXED_NAME_PATHS).toContain(path);
      const file = staticFileOf(path)!;
      const built = join(DIST_DIR, file.folder, file.path);
      expect(existsSync(built)).toBe(true);
      // As web/ has it; the style sheet after the rules it shares with the patient pages (base.css).
      const source = readFileSync(join(WEB_DIR, path.slice(1)), 'utf8');
      const base = readFileSync(join(WEB_DIR, 'base.css'), 'utf8');
      expect(readFileSync(built, 'utf8')).toBe(path.endsWith('.css') ? `${base}\n${source}` : source);
      expect(CONSOLE_ROUTES.filter((route) => route.path === path)).toEqual([]);
    }
    // Nor imported by it: the console's pages only name them.
    const sources = ['pages.ts', 'routes.ts', 'handler.ts', 'index.ts'].map((f) =>
      readFileSync(join(import.meta.dirname, '..', '..', 'functions', 'console', f), 'utf8'),
    );
    expect(sources.filter((s) => s.includes('assets.generated'))).toEqual([]);
  });

  it('every page: no inline script or style, the script and style sheet of the console, the auth settings', () => {
    const pages = consolePages({
      appName: 'Clinic <X>',
      authUrl: 'https://c.auth.us-east-1.amazoncognito.com',
      clientId: 'abc',
    });
    for (const name of ['patients', 'patient', 'alerts', 'invites', 'audit', 'callback']) {
      const page = pages.render(name);
      const html = String(page.body);
      expect(html).not.toMatch(/<script>|<style|style="|onclick=/);
      expect(html).toContain('<script type="module" src="/console/console.js"></script>');
      expect(html).toContain('data-auth-url="https://c.auth.us-east-1.amazoncognito.com"');
      expect(html).toContain('Clinic &lt;X&gt;');
      expect(page.headers!['content-security-policy']).toBe(
        consoleCsp('https://c.auth.us-east-1.amazoncognito.com'),
      );
    }
    expect(consoleCsp('http://localhost:3000/dev/cognito')).toContain(
      "connect-src 'self' http://localhost:3000;",
    );
    expect(consoleCsp('https://x.auth.eu-west-1.amazoncognito.com')).toContain("trusted-types 'none'");
  });
});
