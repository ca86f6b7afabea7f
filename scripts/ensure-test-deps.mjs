#!/usr/bin/env node
// Makes sure what `npm test` needs beyond npm packages is on the machine: Java ≥ 17 and the
// DynamoDB Local jar (integration tests), Chromium (browser tests). On Debian/Ubuntu as root it
// installs Chromium with apt; elsewhere it says exactly what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDynamoDbLocal } from '../tools/fetch-dynamodb-local.mjs';

export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
if (java.error || java.status !== 0) {
  fail('Java 17 or newer is needed for DynamoDB Local: sudo apt-get install -y openjdk-17-jre-headless');
}

ensureDynamoDbLocal({ log: (m) => console.log(m) });

const chromium = process.env.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find((p) => existsSync(p));
if (!chromium) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (isRoot && hasApt) {
    console.log('Installing Chromium for the browser tests (apt-get, ~30 s, once) ...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', 'chromium'],
    ]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (r.status !== 0) fail(`apt-get ${args.join(' ')} failed; install Chromium by hand and try again.`);
    }
  } else {
    fail(
      'Chromium is needed for the browser tests. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
}
