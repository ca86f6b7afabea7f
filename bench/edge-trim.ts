/**
 * A short look at what issue 31 changed in the functions: bundle size and cold-start CPU against
 * the bare SDK bundle, for the three functions it touches (the full bench, `npm run bench`, measures
 * every function and rewrites docs/PERFORMANCE.md). `tsx bench/edge-trim.ts [runs]`.
 */
import { buildBundlePairs, FUNCTIONS } from './bundles.ts';
import { measureColdStarts } from './cold-start.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const runs = Number(process.argv[2] ?? 9);
const names = (process.argv[3] ?? 'intake,send-reminder,console').split(',');
const pairs = await buildBundlePairs(
  'edge-trim',
  FUNCTIONS.filter((f) => names.includes(f.name)),
);
const cold = await measureColdStarts(pairs, runs);
console.log(
  '| function | bundle | bare SDK bundle | init CPU (fn / bare) | ratio | largest parts of our own |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const { spec, fn, bare } of pairs) {
  const c = cold.find((x) => x.name === spec.name)!;
  const own = fn.byPackage
    .filter(([p]) => !p.startsWith('@aws-sdk') && !p.startsWith('@smithy') && !p.startsWith('@aws-crypto'))
    .slice(0, 4)
    .map(([p, b]) => `${p} ${(b / 1000).toFixed(1)} KB`)
    .join(', ');
  console.log(
    `| ${spec.name} | ${(fn.bytes / 1000).toFixed(1)} KB | ${(bare.bytes / 1000).toFixed(1)} KB | ` +
      `${Math.round(c.fn.cpuMs)} ms / ${Math.round(c.bare.cpuMs)} ms | ×${c.cpuRatio.toFixed(2)} | ${own} |`,
  );
}
