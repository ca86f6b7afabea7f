import {
  CreateSMSSandboxPhoneNumberCommand,
  GetSMSSandboxAccountStatusCommand,
  SNSClient,
  SNSServiceException,
  VerifySMSSandboxPhoneNumberCommand,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { verifySandboxNumber } from '../../scripts/ops/sandbox-numbers.ts';
import { parseOpsArgs, UsageError } from '../../scripts/ops/stack-outputs.ts';

const sns = mockClient(SNSClient);
afterAll(() => sns.restore());
beforeEach(() => {
  sns.reset();
  sns.on(GetSMSSandboxAccountStatusCommand).resolves({ IsInSandbox: true });
});
const client = () => new SNSClient({ region: 'us-east-1' });

describe('npm run ops:verify-number', () => {
  it('has SNS text a code to the number in E.164, then verifies it with the code', async () => {
    expect(await verifySandboxNumber(client(), '+1 (415) 555-0123')).toEqual({
      step: 'code-sent',
      maskedPhone: '+1********23',
    });
    expect(sns.commandCalls(CreateSMSSandboxPhoneNumberCommand).map((c) => c.args[0].input)).toEqual([
      { PhoneNumber: '+14155550123', LanguageCode: 'en-US' },
    ]);

    expect(await verifySandboxNumber(client(), '+14155550123', { code: '123 456' })).toEqual({
      step: 'verified',
      maskedPhone: '+1********23',
    });
    expect(sns.commandCalls(VerifySMSSandboxPhoneNumberCommand).map((c) => c.args[0].input)).toEqual([
      { PhoneNumber: '+14155550123', OneTimePassword: '123456' },
    ]);
  });

  it('does nothing when the account is out of the sandbox', async () => {
    sns.on(GetSMSSandboxAccountStatusCommand).resolves({ IsInSandbox: false });
    expect(await verifySandboxNumber(client(), '+14155550123')).toEqual({ step: 'not-in-sandbox' });
    expect(sns.commandCalls(CreateSMSSandboxPhoneNumberCommand)).toHaveLength(0);
  });

  it("fails with SNS's error on a wrong code", async () => {
    sns.on(VerifySMSSandboxPhoneNumberCommand).rejects(
      new SNSServiceException({
        name: 'VerificationException',
        $fault: 'client',
        $metadata: {},
        message: 'Invalid one-time password',
      }),
    );
    await expect(verifySandboxNumber(client(), '+14155550123', { code: '000000' })).rejects.toMatchObject({
      name: 'VerificationException',
    });
  });

  it('refuses a bad number or code before asking SNS anything', async () => {
    await expect(verifySandboxNumber(client(), '4155550123')).rejects.toBeInstanceOf(UsageError);
    await expect(verifySandboxNumber(client(), '+14155550123', { code: 'abc' })).rejects.toThrow(
      '--code must be the digits SNS texted',
    );
    expect(sns.calls()).toHaveLength(0);
  });
});

describe('the operator scripts’ command line', () => {
  it('takes --stack-name (default the app’s), the script’s options and a phone', () => {
    expect(parseOpsArgs(['+14155550123', '--code', '12'], { code: { type: 'string' } }, 'usage')).toEqual({
      values: { code: '12', 'stack-name': 'RehabReminders' },
      positionals: ['+14155550123'],
      stackName: 'RehabReminders',
    });
    expect(parseOpsArgs(['--stack-name=Clinic', '--yes'], { yes: { type: 'boolean' } }, 'u').stackName).toBe(
      'Clinic',
    );
  });

  it('refuses an unknown option with the usage', () => {
    expect(() => parseOpsArgs(['--force'], {}, 'npm run ops:erase -- <phone> --yes')).toThrow(
      /Unknown option '--force'[\s\S]*usage: npm run ops:erase -- <phone> --yes/,
    );
  });
});
