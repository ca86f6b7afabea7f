import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../tools/chromium.ts';

/**
 * One headless Chromium for the test file, launched on first use and closed after the file's last
 * test. Each withChromium gets a context of its own (a fresh profile: no cookies, storage or service
 * workers from another), which costs milliseconds where a launch costs a second or more.
 */
let browser: Promise<Browser> | undefined;
afterAll(async () => {
  const running = browser;
  browser = undefined;
  await (await running)?.close();
});

/** A fresh browser context (its own profile) in the file's Chromium, closed afterwards. */
export async function withChromium(
  options: BrowserContextOptions,
  run: (page: Page, context: BrowserContext) => Promise<void>,
): Promise<void> {
  browser ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await (await browser).newContext(options);
  try {
    await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the current state. page.addScriptTag is refused by the page's own CSP (Trusted Types,
 * no inline script: see the last test), so the library is evaluated through the DevTools protocol,
 * which leaves the page's CSP fully in force while axe runs.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe;
    type AxeResult = { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
    const result = await axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  });
}
