import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * No dev route, dev adapter or dev-only code path reaches what the CDK stack deploys: each Lambda
 * entry point is bundled as NodejsFunction bundles it (esbuild, ESM, node24) and the metafile must
 * name no input under local/, and the code must hold none of the local stack's strings. The
 * packages are left out of these bundles (they cannot import this repository's local/ folder), which
 * keeps the check fast; ESLint also forbids imports of local/ from functions/, shared/ and infra/.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const ENTRIES = readdirSync(join(ROOT, 'functions')).filter((name) =>
  existsSync(join(ROOT, 'functions', name, 'index.ts')),
);

/** Strings only the local stack has: its dev routes, the dev hash key, its adapters' names. */
const DEV_ONLY = [
  '/dev/outbox',
  '/dev/clock',
  '/dev/inbound-sms',
  '/dev/schedules',
  "'/dev'",
  'local-dev-only-hash-key',
  'DynamoDB Local',
  'DevClock',
  'LocalReminderScheduler',
  'LocalQueue',
  'StreamFeeder',
  '[outbox]',
];

describe('Lambda bundles', () => {
  it('bundles every function the stack deploys', () => {
    expect(ENTRIES.sort()).toEqual(['inbound', 'intake', 'schedule-sync', 'send-reminder']);
  });

  it.each(ENTRIES)('%s: no input under local/ and no dev-only code', async (name) => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [`functions/${name}/index.ts`],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      packages: 'external',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain(`functions/${name}/handler.ts`);
    expect(inputs.filter((path) => path.startsWith('local/') || path.includes('/local/'))).toEqual([]);
    const code = result.outputFiles.map((f) => f.text).join('\n');
    expect(DEV_ONLY.filter((text) => code.includes(text))).toEqual([]);
  });
});
