/**
 * `npm run ops:redrive [-- --stack-name <name>]`: moves the reminder dead-letter queue back to the
 * reminder queue and says what waits in the other dead-letter queues. docs/DEPLOY.md, "Operator scripts";
 * the logic is scripts/ops/redrive-queues.ts.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SQSClient } from '@aws-sdk/client-sqs';
import { formatQueueReport, redriveDeadLetters } from './redrive-queues.ts';
import { parseOpsArgs, runCli } from './stack-outputs.ts';

await runCli(async () => {
  const { stackName } = parseOpsArgs(
    process.argv.slice(2),
    {},
    'npm run ops:redrive [-- --stack-name <name>]',
  );
  const reports = await redriveDeadLetters(
    { cloudFormation: new CloudFormationClient({}), sqs: new SQSClient({}) },
    stackName,
  );
  for (const report of reports) console.log(formatQueueReport(report));
  // Messages left that need the operator: exit 1 so a script notices.
  return reports.some((r) => r.action === 'not-movable') ? 1 : 0;
});
