#!/usr/bin/env node
// Fetches AWS's DynamoDB Local engine (the jar and its native libs) into .dynamodb-local/.
// The npm package amplify-dynamodb-simulator ships the official jar; installing it as a dependency
// drags ~350 MB of unrelated packages, so we take only its emulator folder with `npm pack` (~2 s).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DYNAMODB_LOCAL_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
// sha256 of the DynamoDBLocal.jar (v1.25.1) inside that package version; npm checks the tarball's own integrity.
const JAR_SHA256 = '454305e9bc3e6ebcca5b62569869e31563b8d7e346474e94557b2600702146c7';
export const DYNAMODB_LOCAL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.dynamodb-local');

export function dynamoDbLocalJar(dir = DYNAMODB_LOCAL_DIR) {
  return join(dir, 'DynamoDBLocal.jar');
}

/** Returns the folder holding DynamoDBLocal.jar, fetching it first if it is not there. */
export function ensureDynamoDbLocal({ dir = DYNAMODB_LOCAL_DIR, log = () => {} } = {}) {
  if (existsSync(dynamoDbLocalJar(dir)) && existsSync(join(dir, 'DynamoDBLocal_lib'))) return dir;
  log(`Fetching DynamoDB Local (${DYNAMODB_LOCAL_PACKAGE}, ~55 MB, once) ...`);
  const work = mkdtempSync(join(tmpdir(), 'ddb-local-'));
  try {
    const out = execFileSync(
      'npm',
      ['pack', DYNAMODB_LOCAL_PACKAGE, '--silent', '--pack-destination', work],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const tarball = join(work, out.trim().split('\n').pop());
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/emulator']);
    const emulator = join(work, 'package', 'emulator');
    const expected = JAR_SHA256;
    const actual = createHash('sha256')
      .update(readFileSync(join(emulator, 'DynamoDBLocal.jar')))
      .digest('hex');
    if (expected !== actual) throw new Error(`DynamoDBLocal.jar checksum mismatch: ${actual} != ${expected}`);
    mkdirSync(dirname(dir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(emulator, dir);
    log(`DynamoDB Local ready in ${dir} (${readdirSync(join(dir, 'DynamoDBLocal_lib')).length} libs).`);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureDynamoDbLocal({ log: (m) => console.log(m) });
}
