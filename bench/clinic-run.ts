/**
 * `npm run bench:clinic -- --patients 10000`: the clinic console at clinic scale (bench/clinic.ts),
 * alone (a few minutes on 2 cores); its section of docs/PERFORMANCE.md rewritten, the rest kept.
 * `--reps N` sets how many times each console request is timed (default 30).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureClinic } from './clinic.ts';
import { clinicMarkdown } from './clinic-report.ts';
import { withSection } from './lib/sections.ts';
import { startBenchDb } from './lib/dynamo.ts';
import { describeMachine } from './lib/machine.ts';
import { OUT_DIR, ROOT } from './lib/paths.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({
  options: { patients: { type: 'string', default: '10000' }, reps: { type: 'string', default: '30' } },
});
const patients = Number(values.patients);
const reps = Number(values.reps);
if (!Number.isInteger(patients) || patients < 100 || !Number.isInteger(reps) || reps < 5) {
  console.error('--patients must be a whole number ≥ 100 and --reps ≥ 5');
  process.exit(1);
}
const machine = describeMachine();
console.log(
  `Clinic bench: ${patients} patients, ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`,
);
const bench = await startBenchDb();
try {
  const result = await measureClinic(bench, { patients, reps, say: (m) => console.log(m) });
  machine.loadAtEnd = loadavg();
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'clinic.json'), JSON.stringify({ machine, result }, null, 2));
  const file = join(ROOT, 'docs', 'PERFORMANCE.md');
  const section = clinicMarkdown(result, machine, machine.commit, machine.date);
  writeFileSync(file, withSection(readFileSync(file, 'utf8'), 'clinic', section));
  console.log(section);
} finally {
  await bench.stop();
}
