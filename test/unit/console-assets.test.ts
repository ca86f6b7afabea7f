import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderWebAssetsModule } from '../../scripts/build-web-assets.mjs';
import { CONSOLE_ASSETS_MODULE, CONSOLE_WEB_DIR } from '../../scripts/build-web-assets.mjs';
import { consoleCsp, consolePages } from '../../functions/console/pages.ts';

describe("the console's files", () => {
  it('the committed module is what web/console/ makes (npm run build:web writes it)', () => {
    const expected = renderWebAssetsModule(CONSOLE_WEB_DIR)
      .replace('Generated from web/ by', 'Generated from web/console/ by')
      .replace('change the files in web/.', 'change the files in web/console/.')
      .replace('export const WEB_ASSETS:', 'export const CONSOLE_ASSETS:');
    expect(readFileSync(CONSOLE_ASSETS_MODULE, 'utf8')).toBe(expected);
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
