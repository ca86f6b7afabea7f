/**
 * `npm run ops:erase -- <phone> --yes [--stack-name <name>]`: erases the patient with this number
 * as their DELETE YES would, and their plans' schedules. Without --yes it only says who would go.
 * docs/DEPLOY.md, "Operator scripts"; the logic is scripts/ops/patients.ts.
 */
import { defaultPatientOpsClients, erasePatientByPhone } from './patients.ts';
import { parseOpsArgs, runCli, UsageError } from './stack-outputs.ts';

const USAGE = 'npm run ops:erase -- <phone, like +14155550123> --yes [--stack-name <name>]';

await runCli(async () => {
  const { positionals, values, stackName } = parseOpsArgs(
    process.argv.slice(2),
    { yes: { type: 'boolean', default: false } },
    USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`one phone number, please\nusage: ${USAGE}`);
  const result = await erasePatientByPhone(defaultPatientOpsClients(), stackName, positionals[0]!, {
    yes: values.yes === true,
  });
  console.log(JSON.stringify(result.patient, null, 2));
  if (!result.erased) {
    console.log(
      'Nothing erased. This is the patient; run again with --yes to erase them and their schedules.',
    );
    return 2;
  }
  console.log(
    `Erased ${result.patient.phone}: ${result.deletedItems} items, the schedules of ${result.planIds.length} plan(s).`,
  );
  return 0;
});
