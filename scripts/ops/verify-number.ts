/**
 * `npm run ops:verify-number -- <phone>` texts a code to the number (SMS sandbox);
 * `npm run ops:verify-number -- <phone> --code <digits>` verifies it. docs/DEPLOY.md, "Operator scripts";
 * the logic is scripts/ops/sandbox-numbers.ts.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import { verifySandboxNumber } from './sandbox-numbers.ts';
import { parseOpsArgs, runCli, UsageError } from './stack-outputs.ts';

const USAGE = 'npm run ops:verify-number -- <phone, like +14155550123> [--code <digits SNS texted>]';

await runCli(async () => {
  const { positionals, values } = parseOpsArgs(process.argv.slice(2), { code: { type: 'string' } }, USAGE);
  if (positionals.length !== 1) throw new UsageError(`one phone number, please\nusage: ${USAGE}`);
  const code = typeof values.code === 'string' ? values.code : undefined;
  const result = await verifySandboxNumber(
    new SNSClient({}),
    positionals[0]!,
    code === undefined ? {} : { code },
  );
  switch (result.step) {
    case 'not-in-sandbox':
      console.log(
        'This account is out of the SMS sandbox in this region: any number may be texted, nothing to verify.',
      );
      break;
    case 'code-sent':
      console.log(`SNS texted a code to ${result.maskedPhone}. Run again with --code <the digits>.`);
      break;
    case 'verified':
      console.log(`${result.maskedPhone} is verified: the sandbox may text it.`);
  }
  return 0;
});
