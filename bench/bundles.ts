/**
 * Builds each Lambda bundle exactly as the stack does (infra/bundling.ts) and, beside it, a bare
 * bundle that imports only the AWS SDK clients and commands found in that function's bundle and
 * constructs the clients the function constructs at init, bundled with the SDK's defaults (its
 * whole credential chain): what a function of the same SDK services weighs before any trimming.
 */
import { build, type Metafile } from 'esbuild';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLazyPackages } from '../infra/build-lazy-packages.ts';
import { LAZY_PACKAGES, lambdaAliases, lambdaEsbuildOptions } from '../infra/bundling.ts';
import { parseRuntimeConfig } from '../shared/config.ts';
import { ENV } from '../shared/env.ts';
import { OUT_DIR, ROOT } from './lib/paths.ts';

export interface FunctionSpec {
  /** Folder under functions/. */
  name: string;
  /** SDK client classes the function constructs at module load (with the bench env below). */
  constructs: string[];
  /** Env vars beyond the common ones, with dummy values: no network call happens at init. */
  env: Record<string, string>;
}

export const FUNCTIONS: FunctionSpec[] = [
  {
    name: 'intake',
    constructs: ['DynamoDBClient', 'SNSClient'],
    env: { [ENV.tableName]: 'bench', [ENV.publicUrl]: 'https://example.com/' },
  },
  { name: 'send-reminder', constructs: ['DynamoDBClient', 'SNSClient'], env: { [ENV.tableName]: 'bench' } },
  { name: 'inbound', constructs: ['DynamoDBClient', 'SNSClient'], env: { [ENV.tableName]: 'bench' } },
  {
    name: 'schedule-sync',
    // Scheduler, and the table where it gives session places back.
    constructs: ['SchedulerClient', 'DynamoDBClient'],
    env: {
      [ENV.tableName]: 'bench',
      [ENV.scheduleGroupName]: 'bench',
      [ENV.schedulerRoleArn]: 'arn:aws:iam::123456789012:role/bench',
      [ENV.reminderQueueArn]: 'arn:aws:sqs:us-east-1:123456789012:bench',
      [ENV.schedulerDlqArn]: 'arn:aws:sqs:us-east-1:123456789012:bench-dlq',
    },
  },
  { name: 'delivery-status', constructs: ['DynamoDBClient'], env: { [ENV.tableName]: 'bench' } },
  {
    name: 'console',
    constructs: ['DynamoDBClient', 'SNSClient'],
    env: {
      [ENV.tableName]: 'bench',
      [ENV.consoleFormUrl]: 'https://example.com/',
      [ENV.consoleAuthUrl]: 'https://bench.auth.us-east-1.amazoncognito.com',
      [ENV.consoleClientId]: 'bench',
    },
  },
  {
    name: 'clinic-watch',
    constructs: ['DynamoDBClient', 'SNSClient'],
    env: { [ENV.tableName]: 'bench', [ENV.clinicAlertTopicArn]: 'arn:aws:sns:us-east-1:123456789012:bench' },
  },
];

/** What every function gets (dummy credentials; the HMAC key inline so no secret is read). */
export function initEnv(spec: FunctionSpec): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: spec.name,
    POWERTOOLS_METRICS_NAMESPACE: 'Bench',
    [ENV.hashKey]: 'bench-hash-key-0123456789abcdef0123456789',
    [ENV.config]: JSON.stringify({ formUrl: 'https://example.com/' }),
    ...spec.env,
  };
}

export interface Bundle {
  file: string;
  bytes: number;
  /** Bytes in the output per package (or per source folder of ours), largest first. */
  byPackage: [string, number][];
  inputs: string[];
  /** Packages shipped beside the bundle, loaded on first use only (infra/bundling.ts), and their bytes. */
  lazy?: { pkg: string; bytes: number }[];
}

function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (m) return m[1]!;
  const parts = input.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : input;
}

function bundleOf(file: string, metafile: Metafile): Bundle {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  return {
    file,
    bytes: statSync(file).size,
    byPackage: [...byPackage].sort((a, b) => b[1] - a[1]),
    inputs: Object.keys(output.inputs),
  };
}

/**
 * `sdkDefaults` builds without the stack's aliases (the SDK's default credential chain kept): how
 * the bare baseline is bundled, so it stands for a default-bundled client of the same services.
 */
export async function buildLambdaBundle(
  entry: string,
  outDir: string,
  {
    sdkDefaults = false,
    lazy = [],
    phoneCountries,
  }: { sdkDefaults?: boolean; lazy?: readonly string[]; phoneCountries?: readonly string[] } = {},
): Promise<Bundle> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'index.mjs');
  const options = lambdaEsbuildOptions(
    entry,
    file,
    lazy,
    phoneCountries ? lambdaAliases(phoneCountries) : undefined,
  );
  if (sdkDefaults) options.alias = {};
  const result = await build({ ...options, metafile: true, logLevel: 'error' });
  const files = await buildLazyPackages(outDir, lazy);
  return {
    ...bundleOf(file, result.metafile),
    ...(lazy.length ? { lazy: lazy.map((pkg, i) => ({ pkg, bytes: statSync(files[i]!).size })) } : {}),
  };
}

export interface SdkUse {
  /** package → names imported from it (client classes and commands). */
  imports: Map<string, Set<string>>;
}

/** The SDK clients and commands a bundle holds, read from its inputs. */
export function sdkUseOf(inputs: readonly string[]): SdkUse {
  const imports = new Map<string, Set<string>>();
  for (const input of inputs) {
    const m =
      /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))\/dist-es\/(?:commands\/)?(\w+(?:Client|Command))\.js$/.exec(
        input,
      );
    if (!m) continue;
    const [, pkg, name] = m as unknown as [string, string, string];
    if (!imports.has(pkg)) imports.set(pkg, new Set());
    imports.get(pkg)!.add(name);
  }
  return { imports };
}

/** The bare entry's source: the same SDK imports, the same clients constructed, nothing else. */
export function bareSource(use: SdkUse, constructs: readonly string[]): string {
  const lines: string[] = ['// Generated by bench/bundles.ts: the AWS SDK part of a function, alone.'];
  const kept: string[] = [];
  for (const [pkg, names] of [...use.imports].sort()) {
    // Two packages may export the same command name (QueryCommand): alias all but the clients.
    const prefix = pkg.replace(/\W/g, '_');
    const specifiers = [...names]
      .sort()
      .map((n) => (constructs.includes(n) || n === 'DynamoDBDocumentClient' ? n : `${n} as ${prefix}_${n}`));
    lines.push(`import { ${specifiers.join(', ')} } from '${pkg}';`);
    kept.push(...specifiers.map((s) => s.split(' as ').pop()!));
  }
  const made = constructs.map((c) => `new ${c}({})`);
  const doc = use.imports.get('@aws-sdk/lib-dynamodb')?.has('DynamoDBDocumentClient')
    ? ['DynamoDBDocumentClient.from(clients[0]!)']
    : [];
  lines.push(`const clients = [${made.join(', ')}];`);
  lines.push(`export const documentClients = [${doc.join(', ')}];`);
  lines.push(`export const kept = [clients, ${kept.join(', ')}];`);
  return `${lines.join('\n')}\n`;
}

export interface BundlePair {
  spec: FunctionSpec;
  fn: Bundle;
  /** The same function bundled with the SDK's defaults, without the stack's aliases: the "before". */
  before: Bundle;
  bare: Bundle;
}

export async function buildBundlePairs(tag: string, specs = FUNCTIONS): Promise<BundlePair[]> {
  const pairs: BundlePair[] = [];
  for (const spec of specs) {
    const entry = join(ROOT, 'functions', spec.name, 'index.ts');
    // The stack's aliases for the config the function runs with here (its countries' phone metadata).
    const config = parseRuntimeConfig(JSON.parse(initEnv(spec)[ENV.config]!));
    const fn = await buildLambdaBundle(entry, join(OUT_DIR, tag, spec.name), {
      lazy: LAZY_PACKAGES[spec.name] ?? [],
      phoneCountries: config.allowedCountries,
    });
    const before = await buildLambdaBundle(entry, join(OUT_DIR, tag, `${spec.name}.before`), {
      sdkDefaults: true,
    });
    // DynamoDBClient first: the document client wraps clients[0].
    const constructs = [...spec.constructs].sort((a, b) =>
      a === 'DynamoDBClient' ? -1 : b === 'DynamoDBClient' ? 1 : 0,
    );
    const bareDir = join(OUT_DIR, tag, `${spec.name}.bare`);
    mkdirSync(bareDir, { recursive: true });
    const bareEntry = join(bareDir, 'entry.ts');
    writeFileSync(bareEntry, bareSource(sdkUseOf(fn.inputs), constructs));
    const bare = await buildLambdaBundle(bareEntry, bareDir, { sdkDefaults: true });
    pairs.push({ spec, fn, before, bare });
  }
  return pairs;
}
