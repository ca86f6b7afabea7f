import { execFile, execFileSync } from 'node:child_process';
import * as zones from 'countries-and-timezones';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLazyPackages } from '../../infra/build-lazy-packages.ts';
import {
  LAMBDA_ALIASES,
  LAZY_PACKAGES,
  lambdaAliases,
  lambdaEsbuildArgs,
  lambdaEsbuildOptions,
  COUNTRY_DATA_SPECIFIERS,
} from '../../infra/bundling.ts';
import { ZONE_FUNCTIONS, zoneTableModule } from '../../infra/zone-table.ts';

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
  'LocalOptOutList',
  '[outbox]',
  '/dev/cognito',
  'local-console-client',
  '<h1>Dev sign-in</h1>',
];

describe('Lambda bundles', () => {
  it('bundles every function the stack deploys', () => {
    expect(ENTRIES.sort()).toEqual([
      'clinic-watch',
      'console',
      'delivery-status',
      'inbound',
      'intake',
      'schedule-sync',
      'send-reminder',
    ]);
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

/** Packages of the SDK's default credential chain that a Lambda function never uses. */
const CHAIN_ONLY =
  /node_modules\/@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity|http|login)|nested-clients|token-providers)\//;

describe('Lambda bundles: each carries the words it speaks', () => {
  it('schedule-sync, delivery-status and clinic-watch hold no red-flag table, page or API texts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rehab-words-'));
    try {
      for (const fn of ['schedule-sync', 'delivery-status', 'clinic-watch']) {
        const result = await build({
          ...lambdaEsbuildOptions(join(ROOT, 'functions', fn, 'index.ts'), join(dir, fn, 'index.mjs'), []),
          write: false,
          metafile: true,
        });
        const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
        const words = Object.keys(output.inputs).filter((i) =>
          /shared\/domain\/plan\/(?:red-flags|api-texts|page-texts)/.test(i),
        );
        expect(words, fn).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Lambda bundles: credentials from the environment only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-credentials-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('no function bundle holds the SSO, INI, process, web-identity or HTTP providers', async () => {
    const options = lambdaEsbuildOptions('', '');
    const result = await build({
      ...options,
      entryPoints: ENTRIES.map((name) => join(ROOT, 'functions', name, 'index.ts')),
      outfile: undefined,
      outdir: join(dir, 'functions'),
      write: false,
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    // The SDK is inside (so the check below has something to miss) and our provider replaced its chain.
    expect(inputs.some((i) => i.includes('@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(inputs.some((i) => i.includes('@aws-sdk/credential-provider-env/'))).toBe(true);
    expect(inputs).toContain('functions/wiring/lambda-credentials.ts');
    expect(inputs.filter((i) => CHAIN_ONLY.test(i))).toEqual([]);
  });

  it('a bundled client takes the credentials Lambda puts in the environment, and nothing else', async () => {
    const file = join(dir, 'probe.mjs');
    await build({
      ...lambdaEsbuildOptions('', file),
      entryPoints: undefined,
      stdin: {
        contents: [
          "import { SNSClient } from '@aws-sdk/client-sns';",
          'const client = new SNSClient({ region: "us-east-1" });',
          'try { console.log(JSON.stringify(await client.config.credentials())); }',
          'catch (error) { console.log(JSON.stringify({ error: error.name, message: error.message })); }',
        ].join('\n'),
        resolveDir: ROOT,
        loader: 'ts',
      },
      sourcemap: false,
    });
    const run = async (env: Record<string, string>) => {
      const { stdout } = await promisify(execFile)(process.execPath, [file], {
        env: { PATH: process.env.PATH ?? '', HOME: dir, AWS_EC2_METADATA_DISABLED: 'true', ...env },
      });
      return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    };
    expect(
      await run({
        AWS_ACCESS_KEY_ID: 'AKIDLAMBDA',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'token',
      }),
    ).toMatchObject({ accessKeyId: 'AKIDLAMBDA', secretAccessKey: 'secret', sessionToken: 'token' });
    // No env credentials: the env provider's own error, not a walk through profiles and metadata.
    expect(await run({ AWS_PROFILE: 'someone' })).toEqual({
      error: 'CredentialsProviderError',
      message: 'Unable to find environment variable credentials.',
    });
  });
});

describe('Lambda bundles: packages loaded on first use ship beside the bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-lazy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('send-reminder: web-push is not in the bundle, and its first import() finds it in the asset', async () => {
    const lazy = LAZY_PACKAGES['send-reminder']!;
    expect(lazy).toEqual(['web-push']);
    const outDir = join(dir, 'send-reminder');
    const result = await build({
      ...lambdaEsbuildOptions(
        join(ROOT, 'functions/send-reminder/index.ts'),
        join(outDir, 'index.mjs'),
        lazy,
      ),
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    // The adapter that imports it is in; the package and its crypto are not.
    expect(inputs).toContain('shared/adapters/notifiers/web-push.ts');
    expect(inputs.filter((i) => /node_modules\/(web-push|bn\.js|asn1\.js|http_ece|jws)\//.test(i))).toEqual(
      [],
    );
    expect(readFileSync(join(outDir, 'index.mjs'), 'utf8')).toMatch(/import\(\s*["']web-push["']\s*\)/);

    // What BaseFunction's afterBundling hook runs, into the same folder; then a module beside
    // index.mjs imports the bare name as the bundle does, and gets the library's functions.
    await buildLazyPackages(outDir, lazy);
    writeFileSync(
      join(outDir, 'probe.mjs'),
      "const m = await import('web-push'); console.log(typeof m.default.sendNotification, m.default.generateVAPIDKeys().publicKey.length);\n",
    );
    const { stdout } = await promisify(execFile)(process.execPath, [join(outDir, 'probe.mjs')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(stdout.trim()).toBe('function 87');
  });

  it('every lazy package belongs to a function the stack deploys', () => {
    expect(Object.keys(LAZY_PACKAGES).filter((name) => !ENTRIES.includes(name))).toEqual([]);
  });
});

describe('Lambda bundles: the phone metadata of the deployment’s countries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-phone-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the aliases NodejsFunction gets replace the full metadata with the cut one', () => {
    const aliases = lambdaAliases(['US', 'GB']);
    expect(aliases).toMatchObject(LAMBDA_ALIASES);
    for (const specifier of Object.values(COUNTRY_DATA_SPECIFIERS)) {
      expect(aliases[specifier]).toMatch(/dist\/lambda\/countries-GB-US\/\w+\.(json|mjs)$/);
      expect(existsSync(aliases[specifier]!)).toBe(true);
    }
    expect(lambdaEsbuildArgs(aliases)['--alias']).toContain(
      `libphonenumber-js/mobile/metadata=${aliases[COUNTRY_DATA_SPECIFIERS.metadata]}`,
    );
  });

  it('intake: the bundle holds the cut metadata, not the full one', async () => {
    const result = await build({
      ...lambdaEsbuildOptions(
        join(ROOT, 'functions/intake/index.ts'),
        join(dir, 'intake', 'index.mjs'),
        [],
        lambdaAliases(['US', 'GB']),
      ),
      write: false,
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('shared/domain/messaging/phone.ts');
    expect(inputs.filter((i) => /libphonenumber-js\/.*(metadata|examples)\.mobile\.json/.test(i))).toEqual(
      [],
    );
    expect(inputs.some((i) => i.endsWith('dist/lambda/countries-GB-US/metadata.json'))).toBe(true);
  });

  it('bundled, each allowed country reads and a number from elsewhere is refused by its name', async () => {
    const file = join(dir, 'phone.mjs');
    await build({
      ...lambdaEsbuildOptions('', file, [], lambdaAliases(['US', 'GB'])),
      entryPoints: undefined,
      stdin: {
        contents: [
          "import { readPhone, defaultCountryFor } from './shared/domain/messaging/phone.ts';",
          "const allowed = ['US', 'GB'];",
          'const read = (typed, zone) => readPhone(typed, { allowed, defaultCountry: defaultCountryFor(zone, allowed) });',
          "console.log(JSON.stringify([read('(415) 555 0144', 'America/Los_Angeles'), read('07400 123456', 'Europe/London'), read('+33 6 12 34 56 78', 'Europe/London'), read('+1 204 234 5678', 'America/New_York')]));",
        ].join('\n'),
        resolveDir: ROOT,
        loader: 'ts',
      },
      sourcemap: false,
    });
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(JSON.parse(stdout)).toEqual([
      { e164: '+14155550144', country: 'US' },
      { e164: '+447400123456', country: 'GB' },
      {
        problem:
          'is a number in France: this service texts mobile numbers in the United States or the United Kingdom only',
      },
      {
        problem:
          'is a number in Canada (it shares +1): this service texts mobile numbers in the United States or the United Kingdom only',
      },
    ]);
    // The full metadata has 245 countries; this one the 29 of +1 and +44.
    expect(readFileSync(file, 'utf8')).not.toContain('"FR":["33"');
  });
});

describe('Lambda bundles: the zone table of the deployment’s countries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-zones-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('our code calls only the three functions the cut table implements', () => {
    const sources = execFileSync(
      'git',
      ['grep', '-h', "from 'countries-and-timezones'", '--', 'shared', 'functions'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    const names = [...sources.matchAll(/import \{([^}]*)\}/g)].flatMap((m) =>
      m[1]!
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    );
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !(ZONE_FUNCTIONS as readonly string[]).includes(n))).toEqual([]);
  });

  it('answers as the package does for the countries kept, for every zone of the world', async () => {
    const kept = ['US', 'CA', 'PR', 'GB', 'GG', 'JE', 'IM'];
    const file = join(dir, 'zones.mjs');
    writeFileSync(file, zoneTableModule(kept));
    const cut = (await import(pathToFileURL(file).href)) as typeof zones;
    for (const zone of Object.values(zones.getAllTimezones({ deprecated: true }))) {
      const expected = zones
        .getCountriesForTimezone(zone.name)
        .map((c) => c.id)
        .filter((id) => kept.includes(id));
      expect(cut.getCountriesForTimezone(zone.name).map((c) => c.id)).toEqual(expected);
    }
    for (const id of kept) {
      const full = zones.getTimezonesForCountry(id)!.map((z) => [z.name, z.utcOffset]);
      expect(cut.getTimezonesForCountry(id)!.map((z) => [z.name, z.utcOffset])).toEqual(full);
    }
    expect(cut.getTimezonesForCountry('FR')).toBeNull();
    const all = cut.getAllTimezones();
    expect(all['America/New_York']?.utcOffset).toBe(zones.getAllTimezones()['America/New_York']!.utcOffset);
    // Deprecated names (links) are answered by getCountriesForTimezone, not listed.
    expect(all).not.toHaveProperty('US/Eastern');
    expect(cut.getCountriesForTimezone('US/Eastern').map((c) => c.id)).toEqual(['US']);
  });

  it('intake and console: the bundle holds the cut table, not the package', async () => {
    for (const name of ['intake', 'console']) {
      const result = await build({
        ...lambdaEsbuildOptions(
          join(ROOT, 'functions', name, 'index.ts'),
          join(dir, name, 'index.mjs'),
          [],
          lambdaAliases(['US']),
        ),
        write: false,
        metafile: true,
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((i) => i.includes('node_modules/countries-and-timezones/'))).toEqual([]);
      expect(inputs.some((i) => i.endsWith('dist/lambda/countries-US/zones.mjs'))).toBe(true);
    }
  });
});
