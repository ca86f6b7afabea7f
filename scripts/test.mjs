#!/usr/bin/env node
// `npm test`: the checks (prettier, eslint, import rules, tsc) and every test, side by side.
//
// Why side by side: the checks are single-threaded (~80 s of CPU one after another) and the test run
// leaves a core idle much of the time (waiting on DynamoDB Local, Chromium and the dev clock), so on a
// 2-core machine running them together costs about the test run alone (docs/PERFORMANCE.md, "The test
// run"). The checks' output is held and printed after the tests', so neither interleaves.
// Arguments go to vitest (`npm test -- test/unit`); exit status: non-zero if either failed.
import { spawn, spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function runSync(command, args) {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

/** A child's exit code; its output held (`capture`) or passed through. */
function run(command, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (capture) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

// What the tests need first: Java, the DynamoDB Local jar, Chromium; then the web assets (the
// generated modules tsc and the tests import, and the static files the local stack serves).
runSync(process.execPath, ['scripts/ensure-test-deps.mjs']);
runSync(npx, ['tsx', 'scripts/build-web-assets.mjs']);

const started = Date.now();
const [check, tests] = await Promise.all([
  run(npm, ['run', '-s', 'check'], { capture: true }).then((r) => ({
    ...r,
    seconds: (Date.now() - started) / 1000,
  })),
  run(npx, ['vitest', 'run', ...process.argv.slice(2)]),
]);

if (check.code === 0) {
  console.log(
    `\ncheck (prettier, eslint, import rules, tsc): ok in ${check.seconds.toFixed(0)} s, beside the tests`,
  );
} else {
  console.log(`\ncheck (prettier, eslint, import rules, tsc) FAILED:\n${check.output.trimEnd()}`);
}
process.exit(tests.code !== 0 ? tests.code : check.code);
