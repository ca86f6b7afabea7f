#!/usr/bin/env node
// Turns the form's files in web/ into a TypeScript module the intake Lambda imports, so the page,
// script, style sheet and service worker reach the bundle through ordinary imports (esbuild, tsx
// and vitest all understand them; no loader settings, no files beside the bundle to forget).
// `npm start`, `npm test` and `cdk synth` run this first; a unit test fails if the committed module
// does not match web/ (test/unit/web-assets.test.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const WEB_DIR = join(ROOT, 'web');
export const WEB_ASSETS_MODULE = join(ROOT, 'functions', 'intake', 'web-assets.generated.ts');

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

/** The module's text for the files in `dir` (sorted, so the output is stable). */
export function renderWebAssetsModule(dir = WEB_DIR) {
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const lines = [
    '// Generated from web/ by scripts/build-web-assets.mjs. Do not edit: change the files in web/.',
    '// npm start, npm test and cdk synth regenerate it; test/unit/web-assets.test.ts fails when it is stale.',
    'export interface WebAsset {',
    '  contentType: string;',
    '  /** Strong validator: a hash of the file. */',
    '  etag: string;',
    '  body: string;',
    '}',
    '',
    'export const WEB_ASSETS: Readonly<Record<string, WebAsset>> = {',
  ];
  for (const name of entries) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) throw new Error(`web/${name}: no content type known for "${extname(name)}"`);
    const body = readFileSync(join(dir, name), 'utf8');
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    lines.push(`  ${JSON.stringify(name)}: {`);
    lines.push(`    contentType: ${JSON.stringify(contentType)},`);
    lines.push(`    etag: ${JSON.stringify(etag)},`);
    lines.push(`    body: ${JSON.stringify(body)},`);
    lines.push('  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

/** Writes the module when it differs from web/; returns whether it changed. */
export function writeWebAssetsModule(dir = WEB_DIR, output = WEB_ASSETS_MODULE) {
  const text = renderWebAssetsModule(dir);
  if (existsSync(output) && readFileSync(output, 'utf8') === text) return false;
  writeFileSync(output, text);
  return true;
}

/** The clinic console's files (web/console/), for the console function, the same way. */
export const CONSOLE_WEB_DIR = join(WEB_DIR, 'console');
export const CONSOLE_ASSETS_MODULE = join(ROOT, 'functions', 'console', 'assets.generated.ts');

export function writeConsoleAssetsModule(dir = CONSOLE_WEB_DIR, output = CONSOLE_ASSETS_MODULE) {
  const text = renderWebAssetsModule(dir)
    .replace('Generated from web/ by', 'Generated from web/console/ by')
    .replace('change the files in web/.', 'change the files in web/console/.')
    .replace('export const WEB_ASSETS:', 'export const CONSOLE_ASSETS:');
  if (existsSync(output) && readFileSync(output, 'utf8') === text) return false;
  writeFileSync(output, text);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const changed = writeWebAssetsModule();
  console.log(
    changed ? 'web assets: functions/intake/web-assets.generated.ts updated' : 'web assets: up to date',
  );
  const console_ = writeConsoleAssetsModule();
  console.log(
    console_ ? 'console assets: functions/console/assets.generated.ts updated' : 'console assets: up to date',
  );
}
