/**
 * `npm run bench:edge [-- --runs N]`: issue 31's figures — every function's bundle and cold start
 * against its bare SDK bundle, and a returning patient's plan page (first and second view) — in
 * their own section of docs/PERFORMANCE.md (bench/edge-report.ts), the rest of the page kept.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundlePairs } from './bundles.ts';
import { measureColdStarts } from './cold-start.ts';
import { edgeMarkdown } from './edge-report.ts';
import { startBenchDb } from './lib/dynamo.ts';
import { describeMachine } from './lib/machine.ts';
import { ROOT } from './lib/paths.ts';
import { withSection } from './lib/sections.ts';
import { measurePageWeight } from './page-weight.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 3) {
  console.error('--runs must be a whole number ≥ 3');
  process.exit(1);
}
const machine = describeMachine();
const say = (m: string) => console.log(m);
say(`Edge bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);
const pairs = await buildBundlePairs('edge');
const cold = await measureColdStarts(pairs, runs, say);
const bench = await startBenchDb();
let page;
try {
  page = await measurePageWeight(bench);
} finally {
  await bench.stop();
}
machine.loadAtEnd = loadavg();
const section = edgeMarkdown(pairs, cold, page, machine, runs);
const file = join(ROOT, 'docs', 'PERFORMANCE.md');
writeFileSync(file, withSection(readFileSync(file, 'utf8'), 'edge', section));
say(section);
