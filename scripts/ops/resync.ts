/**
 * `npm run ops:resync [-- --stack-name <name>]`: puts the schedules of every active plan again,
 * as schedule-sync does, and deletes those left of plans no longer active. docs/DEPLOY.md, "Operator scripts"; the logic is scripts/ops/resync-schedules.ts.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { systemClock } from '../../shared/adapters/defaults.ts';
import { resyncSchedules } from './resync-schedules.ts';
import { parseOpsArgs, runCli } from './stack-outputs.ts';

await runCli(async () => {
  const { stackName } = parseOpsArgs(
    process.argv.slice(2),
    {},
    'npm run ops:resync [-- --stack-name <name>]',
  );
  const result = await resyncSchedules(
    {
      cloudFormation: new CloudFormationClient({}),
      db: createDocumentClient(),
      scheduler: new SchedulerClient({}),
    },
    stackName,
    systemClock,
    (done) => {
      if (done % 100 === 0) console.log(`${done} plans…`);
    },
  );
  console.log(
    `Schedules put for ${result.synced} active plan(s); leftover schedules deleted for ${result.deleted} other plan(s).`,
  );
  for (const f of result.failed) console.log(`FAIL plan ${f.planId}: ${f.error}`);
  if (result.failed.length) console.log('Run again: plans already in step are only updated.');
  return result.failed.length ? 1 : 0;
});
