/**
 * `npm run prove:fuzz [-- <cases>]`: fuzzes every way in with fast-check, 11,000 cases by default
 * (intake routes 6,000, inbound SNS messages 2,500, reminder queue messages 2,500), through the
 * real handlers on a DynamoDB Local of its own. Prints the figures; exits 1 on the first property
 * that fails (fast-check prints the seed and the shrunk counterexample to replay it with
 * FUZZ_SEED=<seed>, and FUZZ_TARGETS=intake,inbound,queue for some targets only). See
 * docs/RELIABILITY.md.
 */
import { fuzzInbound, fuzzIntake, fuzzReminderQueue, type FuzzFigures } from '../../test/prove/fuzz.ts';
import { machine, printFigures, withDynamoDbLocal } from './environment.ts';

const total = Number(process.argv[2] ?? 11_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const started = Date.now();
console.error(`  fuzzing ${total} cases, seed ${seed}`);

const results = await withDynamoDbLocal(async (local) => {
  const done: FuzzFigures[] = [];
  const targets = [
    ['intake', fuzzIntake, 6 / 11],
    ['inbound', fuzzInbound, 2.5 / 11],
    ['queue', fuzzReminderQueue, 2.5 / 11],
  ] as const;
  // FUZZ_TARGETS=queue (or intake,inbound) replays some targets only, with their usual share.
  const only = process.env.FUZZ_TARGETS?.split(',');
  for (const [, fuzz, share] of targets.filter(([name]) => !only || only.includes(name))) {
    const tableName = await local.newTable();
    const figures = await fuzz({
      clientConfig: local.clientConfig,
      tableName,
      runs: Math.round(total * share),
      seed,
    });
    console.error(`  ${figures.target}: ${figures.cases} cases in ${(figures.ms / 1000).toFixed(1)} s`);
    done.push(figures);
  }
  return done;
});

for (const figures of results) {
  const outcomes = Object.entries(figures.outcomes).sort((a, b) => b[1] - a[1]);
  printFigures(`${figures.target}`, {
    cases: figures.cases,
    'refused as invalid (nothing written or sent)': figures.invalid,
    seconds: (figures.ms / 1000).toFixed(1),
    ...Object.fromEntries(outcomes.map(([outcome, n]) => [`  ${outcome}`, n])),
  });
}
printFigures('Fuzzing', {
  cases: results.reduce((n, f) => n + f.cases, 0),
  'refused as invalid': results.reduce((n, f) => n + f.invalid, 0),
  '5xx answers, failed invocations, writes or texts on invalid input': 0,
  seed: String(seed),
  wallSeconds: ((Date.now() - started) / 1000).toFixed(1),
  machine: machine(),
});
