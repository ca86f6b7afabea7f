/**
 * `npm run prove:redelivery [-- <reminders>]`: 10,000 reminders (by default) through the real
 * send-reminder handler on DynamoDB Local, each received 1–3 times with copies overlapping, 30 %
 * of SNS sends throttled, 1 % of invocations dying between claim and send. Prints the figures and
 * fails (exit 1) on any duplicate or lost reminder. See docs/RELIABILITY.md.
 */
import { proveRedelivery } from '../../test/prove/redelivery.ts';
import { machine, printFigures, withDynamoDbLocal } from './environment.ts';

const reminders = Number(process.argv[2] ?? 10_000);
const concurrency = Number(process.env.CONCURRENCY ?? 8);
const started = Date.now();
const figures = await withDynamoDbLocal(async (local) =>
  proveRedelivery({
    clientConfig: local.clientConfig,
    tableName: await local.newTable(),
    reminders,
    concurrency,
    progress: (line) => console.error(`  ${line}`),
  }),
);
printFigures('Redelivery at scale', {
  ...figures,
  dynamoRequestsPerReminder: (figures.dynamoRequests / figures.reminders).toFixed(2),
  concurrency,
  wallSeconds: ((Date.now() - started) / 1000).toFixed(1),
  machine: machine(),
});
const ok = figures.duplicates === 0 && figures.lost === 0 && figures.deadLettered === 0;
console.log(ok ? '\nOK: every reminder sent exactly once.' : '\nFAILED: duplicates or lost reminders.');
process.exit(ok ? 0 : 1);
