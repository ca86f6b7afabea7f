/** Where and with what a benchmark run happened, for the report. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { DYNAMODB_LOCAL_PACKAGE } from '../../tools/fetch-dynamodb-local.mjs';
import { ROOT } from './paths.ts';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  loadAtStart: number[];
  loadAtEnd?: number[];
  commit: string;
  versions: Record<string, string>;
}

function packageVersion(name: string): string {
  try {
    return (
      JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'not installed';
  }
}

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim().length;
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function describeMachine(): Machine {
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAtStart: loadavg(),
    commit: commit(),
    versions: {
      esbuild: packageVersion('esbuild'),
      '@aws-sdk/client-dynamodb': packageVersion('@aws-sdk/client-dynamodb'),
      '@aws-sdk/client-sns': packageVersion('@aws-sdk/client-sns'),
      zod: packageVersion('zod'),
      '@aws-lambda-powertools/logger': packageVersion('@aws-lambda-powertools/logger'),
      'web-push': packageVersion('web-push'),
      'libphonenumber-js': packageVersion('libphonenumber-js'),
      autocannon: packageVersion('autocannon'),
      'DynamoDB Local': DYNAMODB_LOCAL_PACKAGE,
    },
  };
}
