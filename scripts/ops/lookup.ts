/**
 * `npm run ops:lookup -- <phone> [--stack-name <name>]`: the patient with this number, the number
 * masked, and their current plan. docs/DEPLOY.md, "Operator scripts"; the logic is scripts/ops/patients.ts.
 */
import { defaultPatientOpsClients, lookupPatient } from './patients.ts';
import { parseOpsArgs, runCli, UsageError } from './stack-outputs.ts';

const USAGE = 'npm run ops:lookup -- <phone, like +14155550123> [--stack-name <name>]';

await runCli(async () => {
  const { positionals, stackName } = parseOpsArgs(process.argv.slice(2), {}, USAGE);
  if (positionals.length !== 1) throw new UsageError(`one phone number, please\nusage: ${USAGE}`);
  const patient = await lookupPatient(defaultPatientOpsClients(), stackName, positionals[0]!);
  console.log(JSON.stringify(patient, null, 2));
  return 0;
});
