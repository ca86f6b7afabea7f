/**
 * `npm run bench`: every benchmark of issues 7 and 18 in one run, a table on the terminal, and
 * docs/PERFORMANCE.md rewritten. `--quick` for a short look (fewer repetitions, smaller bursts);
 * BENCH_INIT_RUNS overrides the number of cold starts per bundle; `--report-only` rewrites the
 * report from the last run's figures (bench/.out/results.json) after a change to its text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildBundlePairs } from './bundles.ts';
import { measureColdStarts } from './cold-start.ts';
import { measureIntakeLatency } from './intake-latency.ts';
import { freshTable, seedActivePlans, startBenchDb } from './lib/dynamo.ts';
import { describeMachine } from './lib/machine.ts';
import { keepOwnSections } from './lib/sections.ts';
import { OUT_DIR, ROOT } from './lib/paths.ts';
import { buildPlan } from '../shared/domain/plan/plan.ts';
import { CATALOG } from '../shared/domain/plan/catalog.ts';
import { smsSegments } from '../shared/domain/messaging/sms.ts';
import { reminderText } from '../shared/domain/messaging/texts.ts';
import { pageToken, planPageUrl } from '../shared/domain/plan/page.ts';
import { markdown, terminalTable, type Results } from './report.ts';
import { MADE_AT, measureReminderCost, SENDER_CONFIG } from './reminder-cost.ts';
import { costPerMillion, patientScale, type Measured } from './scale-model.ts';
import { measureScale } from './scale.ts';
import { measureSmsRate } from './sms-rate.ts';
import { measureThroughput } from './throughput.ts';

const quick = process.argv.includes('--quick');
const say = (m: string) => console.log(m);
// Node 20 runs the bench; the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const SETTINGS = quick
  ? { initRuns: 5, plans: 150, throughputRounds: 2, smsReminders: 400, intake: [30, 80, 160] }
  : { initRuns: 21, plans: 400, throughputRounds: 5, smsReminders: 2000, intake: [100, 200, 400] };
const initRuns = Number(process.env.BENCH_INIT_RUNS ?? SETTINGS.initRuns);
const RATES = [1, 3, 20, 100];

/**
 * Parts of a reminder as the sender makes it: one GSM-7 segment with the plan page's link (the
 * longest plan the rule makes, the API's own URL in the region with the longest name).
 */
function smsPartsPerReminder(): number {
  const scores = Object.fromEntries(CATALOG.map((m) => [m.id, 0]));
  const plan = buildPlan(
    { scores, redFlags: [], timeZone: 'America/New_York', sessionTimes: ['08:00', '13:00', '19:00'] },
    { now: MADE_AT },
  ).plan!;
  const link = planPageUrl(
    'https://abcdefghij.execute-api.ap-southeast-2.amazonaws.com/',
    pageToken('plan', 'nonce', 'key'),
  );
  return smsSegments(
    reminderText({
      appName: SENDER_CONFIG.appName,
      movements: plan.movements,
      session: 2,
      sessionsPerDay: 3,
      link,
    }),
  ).segments;
}

const RESULTS_FILE = join(OUT_DIR, 'results.json');

function publish(results: Results): void {
  const file = join(ROOT, 'docs', 'PERFORMANCE.md');
  // The clinic and edge benches' sections (npm run bench:clinic, bench:edge) are theirs: kept.
  writeFileSync(file, keepOwnSections(markdown(results), readFileSync(file, 'utf8')));
  say('');
  say(terminalTable(results));
  say('');
  say(`Wrote docs/PERFORMANCE.md (${Math.round(results.elapsedSeconds)} s).`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--report-only')) {
    publish(JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Results);
    return;
  }
  const started = performance.now();
  const machine = describeMachine();
  say(`Benchmarks${quick ? ' (quick)' : ''}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);

  say('1. Cold start: bundling each function as the stack does, and its bare SDK bundle ...');
  const bundles = await buildBundlePairs('bench');
  say(`   ${initRuns} cold starts of each, alternating function and bare ...`);
  const coldStarts = await measureColdStarts(bundles, initRuns, (m) => say(`   ${m.trim()}`));

  say('7. Scale bench: 10k, 100k and 1M patients through the pacing arithmetic (simulated channel) ...');
  const scale = measureScale(smsPartsPerReminder());
  say(`   ${scale.rows.length} rows in ${(scale.elapsedMs / 1000).toFixed(1)} s`);

  say('   DynamoDB Local: starting ...');
  const bench = await startBenchDb();
  try {
    say('2. Cost of one reminder (counted on DynamoDB Local) ...');
    const cost = await measureReminderCost(bench);

    say(`   seeding ${SETTINGS.plans} active plans for the sender runs ...`);
    const tableName = await freshTable(bench.client, 'sender');
    const plans = await seedActivePlans(bench.db, tableName, SETTINGS.plans, MADE_AT);

    say('3. Sender throughput against the bare claim ...');
    const throughput = await measureThroughput(
      bench,
      tableName,
      plans.slice(0, Math.min(200, plans.length)),
      {
        concurrency: 8,
        rounds: SETTINGS.throughputRounds,
        date: '2030-03-06',
      },
    );

    say('4. Intake latency at 1, 8 and 32 clients ...');
    const [a, b, c] = SETTINGS.intake as [number, number, number];
    const intake = await measureIntakeLatency(bench, [
      { connections: 1, requests: a },
      { connections: 8, requests: b },
      { connections: 32, requests: c },
    ]);

    say(
      `5. SMS rate: ${SETTINGS.smsReminders} reminders at 20 parts/s (${SETTINGS.smsReminders / 10} s or so) ...`,
    );
    const smsRate = await measureSmsRate(bench, tableName, plans, {
      partsPerSecond: 20,
      reminders: SETTINGS.smsReminders,
      date: '2030-03-07',
    });

    say('6. Scale model ...');
    const measured: Measured = {
      dynamoRequestsPerReminder: cost.sent.counts.requests / cost.sent.reminders,
      writeUnitsPerReminder: cost.sent.counts.capacityUnits / cost.sent.reminders,
      readUnitsPerReminder: 0,
      logBytesPerReminder: cost.logBytesPerReminder,
      smsPartsPerReminder: smsPartsPerReminder(),
      rateRatio: smsRate.ratio,
    };
    machine.loadAtEnd = loadavg();
    const results: Results = {
      machine,
      quick,
      initRuns,
      bundles,
      coldStarts,
      cost,
      throughput,
      intake,
      smsRate,
      measured,
      costs: RATES.map((rate) => costPerMillion(measured, rate)),
      scales: [10_000, 100_000, 1_000_000].map((n) =>
        patientScale(n, RATES, smsRate.ratio, measured.smsPartsPerReminder),
      ),
      scale,
      elapsedSeconds: (performance.now() - started) / 1000,
    };
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(RESULTS_FILE, JSON.stringify(results));
    publish(results);
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
