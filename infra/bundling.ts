/**
 * How every Lambda function is bundled: ONE definition, used by the stack (BaseFunction hands it
 * to NodejsFunction, which runs esbuild) and by the benchmarks (bench/, which run esbuild with the
 * same options), so the bundle sizes and cold starts measured are those of what deploys.
 *
 * Kept free of aws-cdk-lib values (types only) so the benchmarks can load it without the CDK.
 */
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** LAMBDA_ALIASES as NodejsFunction's `esbuildArgs` (it renders each as `--alias:<pkg>=<path>`). */
export const LAMBDA_ESBUILD_ARGS = {
  '--alias': Object.entries(LAMBDA_ALIASES).map(([pkg, path]) => `${pkg}=${path}`),
};

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
 * plus LAMBDA_ESBUILD_ARGS.
 */
export function lambdaEsbuildOptions(
  entry: string,
  outfile: string,
  external: readonly string[] = [],
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
    alias: { ...LAMBDA_ALIASES },
    external: [...external],
    logLevel: 'silent',
  };
}
