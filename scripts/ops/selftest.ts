/**
 * `npm run ops:selftest [-- --stack-name <name>] [-- --timeout <seconds>]`: proves in the deployed
 * account, within a few minutes and without texting any patient, that a schedule reaches the
 * sender, an alarm reaches the alarm topic, the inbound topic reaches the inbound function and
 * (with a simulator number and recorded deliveries) that one text's delivery status reaches the
 * table. One line per edge; exit code 0 unless an edge fails (one that cannot run here says so and
 * is not a failure). docs/DEPLOY.md, step "Verify".
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defaultClients,
  describeError,
  formatResult,
  noFailure,
  parseSelfTestArgs,
  runSelfTest,
} from './selftest-edges.ts';

async function main(): Promise<number> {
  let args;
  try {
    args = parseSelfTestArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  console.log(
    `Self-test of stack ${args.stackName}: three marked messages and, with a simulator number, one text to an AWS simulator number (nobody's phone) (up to ${args.timeoutSeconds + 60} s)…`,
  );
  try {
    const results = await runSelfTest({
      clients: defaultClients(),
      stackName: args.stackName,
      waiting: { now: () => new Date(), sleep, timeoutMs: args.timeoutSeconds * 1000, pollMs: 5_000 },
    });
    for (const result of results) console.log(formatResult(result));
    return noFailure(results) ? 0 : 1;
  } catch (error) {
    console.log(`FAIL stack outputs of ${args.stackName}: ${describeError(error)}`);
    return 1;
  }
}

process.exit(await main());
