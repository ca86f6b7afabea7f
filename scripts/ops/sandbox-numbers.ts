/**
 * `npm run ops:verify-number` (CLI: scripts/ops/verify-number.ts): while the account is in the SMS
 * sandbox, SNS texts only verified destination numbers. The first run has SNS text a code to the
 * number; the second, with `--code`, verifies it. Account-wide (no stack output is needed).
 */
import {
  CreateSMSSandboxPhoneNumberCommand,
  GetSMSSandboxAccountStatusCommand,
  VerifySMSSandboxPhoneNumberCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { maskPhone } from '../../shared/domain/security/privacy.ts';
import { normalisePhone } from './patients.ts';
import { UsageError } from './stack-outputs.ts';

export type SandboxResult =
  | { step: 'not-in-sandbox' }
  | { step: 'code-sent'; maskedPhone: string }
  | { step: 'verified'; maskedPhone: string };

export async function verifySandboxNumber(
  sns: SNSClient,
  typedPhone: string,
  options: { code?: string } = {},
): Promise<SandboxResult> {
  const PhoneNumber = normalisePhone(typedPhone);
  const code = options.code?.replace(/\s/g, '');
  if (code !== undefined && !/^\d{4,10}$/.test(code))
    throw new UsageError('--code must be the digits SNS texted');
  const { IsInSandbox } = await sns.send(new GetSMSSandboxAccountStatusCommand({}));
  if (!IsInSandbox) return { step: 'not-in-sandbox' };
  const maskedPhone = maskPhone(PhoneNumber);
  if (code === undefined) {
    await sns.send(
      // The code's text in English, like every text the service sends.
      new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber, LanguageCode: 'en-US' }),
    );
    return { step: 'code-sent', maskedPhone };
  }
  await sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber, OneTimePassword: code }));
  return { step: 'verified', maskedPhone };
}
