/**
 * `npm run ops:selftest [-- --stack-name <name>] [-- --timeout <seconds>]`: proves in the deployed
 * account, within a few minutes and without texting anyone, that a schedule reaches the sender, an
 * alarm reaches the alarm topic and the inbound topic reaches the inbound function. One line per
 * edge; exit code 0 only if all pass. docs/DEPLOY.md, step "Verify".
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defaultClients,
  describeError,
  formatResult,
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
    `Self-test of stack ${args.stackName}: three marked messages, nothing texted (up to ${args.timeoutSeconds + 60} s)…`,
  );
  try {
    const results = await runSelfTest({
      clients: defaultClients(),
      stackName: args.stackName,
      waiting: { now: () => new Date(), sleep, timeoutMs: args.timeoutSeconds * 1000, pollMs: 5_000 },
    });
    for (const result of results) console.log(formatResult(result));
    return results.every((r) => r.passed) ? 0 : 1;
  } catch (error) {
    console.log(`FAIL stack outputs of ${args.stackName}: ${describeError(error)}`);
    return 1;
  }
}

process.exit(await main());
