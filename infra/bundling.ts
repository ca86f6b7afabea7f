/**
 * How every Lambda function is bundled: ONE definition, used by the stack (BaseFunction hands it
 * to NodejsFunction, which runs esbuild) and by the benchmarks (bench/, which run esbuild with the
 * same options), so the bundle sizes and cold starts measured are those of what deploys.
 *
 * Kept free of aws-cdk-lib values (types only) so the benchmarks can load it without the CDK.
 */
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import examples from 'libphonenumber-js/mobile/examples';
import metadata from 'libphonenumber-js/mobile/metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { phoneDataFor } from '../shared/domain/messaging/phone-metadata.ts';
import { zoneTableModule } from './zone-table.ts';

/** The Lambda runtime's Node.js major version (BaseFunction uses nodejs24.x). */
export const LAMBDA_NODE_MAJOR = 24;

/**
 * The bundling settings, in NodejsFunction's terms: ESM, minified, source maps on, the AWS SDK
 * inside the bundle (pins its version; the Lambda runtime's copy would be read from disk at init).
 */
export const LAMBDA_BUNDLING = {
  target: `node${LAMBDA_NODE_MAJOR}`,
  minify: true,
  sourceMap: true,
  // Stack traces need only the mappings, not the sources' text. With --enable-source-maps Node
  // reads the whole map at init: sources in it made the map 3 MB and cost ~50 ms of every cold
  // start (docs/PERFORMANCE.md).
  sourcesContent: false,
  bundleAwsSDK: true,
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies need a require().
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
} as const satisfies Omit<BundlingOptions, 'format'>;

/**
 * Packages replaced in the Lambda bundles by a module of ours (absolute paths). The SDK's default
 * credential chain becomes the environment provider alone (functions/wiring/lambda-credentials.ts):
 * −120 KB and ~15 ms of init a bundle (docs/PERFORMANCE.md). Only the bundles change; the source run
 * by `npm start` and the tests keeps the normal chain.
 */
export const LAMBDA_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': fileURLToPath(
    new URL('../functions/wiring/lambda-credentials.ts', import.meta.url),
  ),
};

/** Files generated for the bundles at synth (git-ignored). */
export const LAMBDA_GENERATED_DIR = fileURLToPath(new URL('../dist/lambda/', import.meta.url));

/**
 * The specifiers replaced by data cut to the deployment's countries: the two messaging/phone.ts
 * imports libphonenumber-js's metadata by, and the zone table (phone.ts, scheduling/zone-choices.ts).
 */
export const COUNTRY_DATA_SPECIFIERS = {
  metadata: 'libphonenumber-js/mobile/metadata',
  examples: 'libphonenumber-js/mobile/examples',
  zones: 'countries-and-timezones',
} as const;

/** Writes a file unless it already holds exactly that text (parallel synths and benches share it). */
function writeIfChanged(file: string, text: string): void {
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== text) writeFileSync(file, text);
}

/**
 * The data of the deployment's countries (runtime config `allowedCountries`) and of those sharing
 * their calling codes, written under LAMBDA_GENERATED_DIR, and the aliases that put it in the bundles
 * instead of the whole world's: libphonenumber-js's metadata and examples
 * (shared/domain/messaging/phone-metadata.ts; intake −~90 kB) and the zone table (infra/zone-table.ts;
 * intake and console −~31 kB each). The config and the bundle are made by the same synth, so a country
 * added to `allowedCountries` is in the next deploy's data too (docs/DEPLOY.md).
 */
export function countryDataAliases(
  countries: readonly string[],
  dir = LAMBDA_GENERATED_DIR,
): Record<string, string> {
  const codes = [...new Set(countries.map((c) => c.toUpperCase()))].sort();
  const data = phoneDataFor({ metadata, examples }, codes);
  const folder = join(dir, `countries-${codes.join('-')}`);
  mkdirSync(folder, { recursive: true });
  const files = {
    metadata: join(folder, 'metadata.json'),
    examples: join(folder, 'examples.json'),
    zones: join(folder, 'zones.mjs'),
  };
  writeIfChanged(files.metadata, `${JSON.stringify(data.metadata)}\n`);
  writeIfChanged(files.examples, `${JSON.stringify(data.examples)}\n`);
  // The zones of every country the phone metadata keeps: a number's default country is one of them.
  writeIfChanged(files.zones, zoneTableModule(Object.keys(data.metadata.countries)));
  return {
    [COUNTRY_DATA_SPECIFIERS.metadata]: files.metadata,
    [COUNTRY_DATA_SPECIFIERS.examples]: files.examples,
    [COUNTRY_DATA_SPECIFIERS.zones]: files.zones,
  };
}

/** A deployment's aliases: LAMBDA_ALIASES and the data of its countries. */
export function lambdaAliases(countries: readonly string[]): Record<string, string> {
  return { ...LAMBDA_ALIASES, ...countryDataAliases(countries) };
}

/** Aliases as NodejsFunction's `esbuildArgs` (it renders each as `--alias:<pkg>=<path>`). */
export function lambdaEsbuildArgs(aliases: Readonly<Record<string, string>> = LAMBDA_ALIASES): {
  '--alias': string[];
} {
  return { '--alias': Object.entries(aliases).map(([pkg, path]) => `${pkg}=${path}`) };
}

/**
 * Packages a function loads with `import()` only on a rare path, kept OUT of its bundle and shipped
 * beside it as `node_modules/<pkg>/index.mjs` (one esbuild file of the package and its
 * dependencies), which Node finds when the path is first taken. esbuild inlines a dynamic import
 * into the one bundle file, so without this its bytes are read at every cold start. send-reminder:
 * web-push and its crypto (bn.js, asn1.js, jws, http_ece: ~85 kB), needed only for push
 * subscribers (docs/PERFORMANCE.md).
 */
export const LAZY_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'send-reminder': ['web-push'],
};

/** Where a lazy package goes in a function's asset (Node's resolution of a bare `import('pkg')`). */
export function lazyPackageFile(outputDir: string, pkg: string): string {
  return join(outputDir, 'node_modules', pkg, 'index.mjs');
}

/** The esbuild options of a lazy package's one file: the package's entry, bundled like the functions. */
export function lazyPackageEsbuildOptions(pkg: string, outputDir: string): BuildOptions {
  return {
    ...lambdaEsbuildOptions(pkg, lazyPackageFile(outputDir, pkg)),
    // From the project root, so the bare specifier resolves in its node_modules.
    absWorkingDir: fileURLToPath(new URL('../', import.meta.url)),
  };
}

/** The output format (NodejsFunction's OutputFormat.ESM is the string 'esm'). */
export const LAMBDA_FORMAT = 'esm';

/**
 * The esbuild options NodejsFunction derives from LAMBDA_BUNDLING (aws-cdk-lib's
 * Bundling.buildEsbuildArgs: `--bundle --platform=node --target --format --minify --sourcemap
 * --sources-content --main-fields --banner:js`, no externals when bundleAwsSDK is on, output `index.mjs`),
 * plus the aliases (`lambdaEsbuildArgs`): LAMBDA_ALIASES, or a deployment's `lambdaAliases`.
 */
export function lambdaEsbuildOptions(
  entry: string,
  outfile: string,
  external: readonly string[] = [],
  aliases: Readonly<Record<string, string>> = LAMBDA_ALIASES,
): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: LAMBDA_FORMAT,
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    alias: { ...aliases },
    external: [...external],
    logLevel: 'silent',
  };
}
