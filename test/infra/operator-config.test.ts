/**
 * What an operator reads when a setting is refused: where the settings came from (cdk.json, or
 * `-c rehab=…`), for a missing value what to set and how, and `-c` JSON over several lines working
 * through `npm run cdk` (and said plainly when a bare CLI cut it).
 */
import { describe, expect, it } from 'vitest';
import { operatorConfigOrExit, parseOperatorConfig } from '../../infra/config.ts';
import { joinContextLines } from '../../scripts/cdk.mjs';

/** operatorConfigOrExit's output and exit, caught. */
function run(raw: unknown) {
  const printed: string[] = [];
  let code: number | undefined;
  let config;
  try {
    config = operatorConfigOrExit(raw, {
      error: (text) => void printed.push(text),
      exit: (c): never => {
        code = c;
        throw new Error(`exit ${c}`);
      },
    });
  } catch (error) {
    if (code === undefined) throw error;
  }
  return { printed: printed.join('\n'), code, config };
}

/**
 * What the AWS CDK CLI (aws-cdk 2.1148.1, lib/cli/user-configuration.ts,
 * parseStringContextListToObject) makes of each `-c key=value`: `assignment.split(/=(.*)/, 2)`,
 * whose `.` stops at a line break. The app then gets the value as a string.
 */
function cdkCliContext(argv: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '-c' && argv[i] !== '--context') continue;
    const parts = argv[++i]!.split(/=(.*)/, 2);
    if (parts.length === 2) context[parts[0]!] = parts[1]!;
  }
  return context;
}

const MULTI_LINE = `rehab={
  "retainData": false,
  "runtime": { "clinicContact": "(415) 555-0100" },
  "sms": {
    "channel": { "reminders": { "numberType": "TOLL_FREE" }, "simulator": {} }
  }
}`;

describe('where the settings came from', () => {
  const bad = { alarmEmail: 'nope' };

  it('cdk.json (an object): the message says cdk.json', () => {
    const { printed, code } = run(bad);
    expect(code).toBe(1);
    expect(printed.split('\n')).toEqual([
      'Invalid "rehab" settings in cdk.json (context.rehab):',
      '  rehab.alarmEmail: must be an email address',
    ]);
  });

  it("-c rehab=… (a string): the message says the command line, and that it replaced cdk.json's", () => {
    const { printed } = run(JSON.stringify(bad));
    expect(printed.split('\n')[0]).toBe(
      'Invalid "rehab" settings given with -c rehab=… on the command line (it replaces the "rehab" of cdk.json whole):',
    );
    expect(printed).not.toContain('in cdk.json');
  });
});

describe('a missing value says what to set and how', () => {
  it.each([
    [
      { push: {} },
      [
        'rehab.push.vapidPublicKey: missing: set it to the Public Key that `npx web-push generate-vapid-keys` prints (docs/DEPLOY.md, step 4)',
        "rehab.push.vapidPrivateKeySecretArn: missing: store the Private Key in Secrets Manager with `aws secretsmanager create-secret --name rehab-vapid-private-key --secret-string '<the Private Key>' --query ARN --output text` and set the ARN it prints (docs/DEPLOY.md, step 4); the key itself never goes here",
        'rehab.push.vapidSubject: missing: set a contact the push services may write to, like "mailto:ops@clinic.example" (or leave out "push" for texts only)',
      ],
    ],
    [
      { customDomain: { domainName: 'reminders.clinic.example' } },
      [
        'rehab.customDomain.certificateArn: missing: request a certificate in us-east-1 (CloudFront takes certificates from there only) with `aws acm request-certificate --region us-east-1 --domain-name <domainName> --validation-method DNS` and set the ARN it prints (docs/DEPLOY.md, step 6)',
      ],
    ],
  ])('%j', (settings, lines) => {
    const { printed } = run(settings);
    expect(printed.split('\n').slice(1)).toEqual(lines.map((l) => `  ${l}`));
    // Never zod's words for it.
    expect(printed).not.toMatch(/received undefined|expected string/i);
  });

  it('a value that is there but wrong keeps its own message (not "missing")', () => {
    expect(() =>
      parseOperatorConfig({
        push: {
          vapidPublicKey: 'short',
          vapidPrivateKeySecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rehab-vapid-AbCdEf',
          vapidSubject: 'mailto:ops@clinic.example',
        },
      }),
    ).toThrow(/rehab\.push\.vapidPublicKey: must be the base64url VAPID public key/);
  });
});

describe('-c JSON over several lines', () => {
  it('a bare CDK CLI hands the app only its first line: the synth says so, and how to pass it', () => {
    const { rehab } = cdkCliContext(['deploy', '-c', MULTI_LINE]);
    expect(rehab).toBe('{');
    const { printed, code } = run(rehab);
    expect(code).toBe(1);
    expect(printed).toMatch(
      /^The "rehab" settings given with -c are cut short: the CDK CLI keeps only the first line/,
    );
    expect(printed).toContain("npm run cdk -- deploy -c rehab='…'");
    expect(printed).toContain('npx cdk deploy -c rehab="$(jq -c . rehab.json)"');
    // Not the bare parser's "position 1" alone.
    expect(printed.split('\n')[0]).not.toMatch(/^The "rehab" context is not valid JSON/);
  });

  it('through `npm run cdk` (scripts/cdk.mjs) the lines are joined first, and the app reads every setting', () => {
    const argv = joinContextLines(['deploy', '-c', MULTI_LINE, '-c', 'stackName=RehabTest']);
    expect(argv).toEqual([
      'deploy',
      '-c',
      'rehab={ "retainData": false, "runtime": { "clinicContact": "(415) 555-0100" }, "sms": { "channel": { "reminders": { "numberType": "TOLL_FREE" }, "simulator": {} } } }',
      '-c',
      'stackName=RehabTest',
    ]);
    const context = cdkCliContext(argv);
    expect(context.stackName).toBe('RehabTest');
    const { config, code } = run(context.rehab);
    expect(code).toBeUndefined();
    expect(config).toMatchObject({
      retainData: false,
      sms: {
        channel: {
          reminders: { kind: 'request', numberType: 'TOLL_FREE' },
          simulator: { kind: 'request', numberType: 'SIMULATOR' },
        },
      },
    });
  });

  it('joins --context=… and -c=… forms, and leaves other arguments as they are', () => {
    expect(joinContextLines(['synth', '--context=rehab={\n"a": 1\n}', '-c=x=1\r\n2', '--all', '-c'])).toEqual(
      ['synth', '--context=rehab={ "a": 1 }', '-c=x=1 2', '--all', '-c'],
    );
  });

  it('a string with its line breaks (as CDK_CONTEXT_JSON can carry it) reads as it is', () => {
    expect(run(MULTI_LINE.slice('rehab='.length)).config?.retainData).toBe(false);
  });

  it("JSON that is whole but wrong says so, with the parser's words", () => {
    const { printed } = run('{"retainData": fals}');
    expect(printed).toMatch(/^The "rehab" settings given with -c are not valid JSON: /);
  });
});

describe('the SMS channel settings', () => {
  it.each([
    [
      { reminders: { phoneNumberId: 'phone-0123456789abcdef0123456789abcdef', numberType: 'TOLL_FREE' } },
      /rehab\.sms\.channel\.reminders: phoneNumberId adopts a number that exists: isoCountryCode and numberType are for a number the stack requests/,
    ],
    [
      { reminders: { phoneNumberId: '+18885550123' } },
      /rehab\.sms\.channel\.reminders\.phoneNumberId: must be the number's id, like "phone-/,
    ],
    [{ simulator: { numberType: 'SIMULATOR' } }, /rehab\.sms\.channel\.simulator/],
    [
      { optOutListName: 'x', optOutList: true },
      /rehab\.sms\.channel\.optOutListName: adopts an existing list: leave optOutList out/,
    ],
    [{ optOutListName: 'no spaces' }, /rehab\.sms\.channel\.optOutListName: must be an opt-out list's name/],
  ])('refuses %j, naming the setting', (channel, message) => {
    expect(() => parseOperatorConfig({ sms: { channel } })).toThrow(message);
  });

  it('reads each number as requested or adopted, and the opt-out list as own, adopted or none', () => {
    const channel = (c: unknown) =>
      parseOperatorConfig({ runtime: { clinicContact: '(415) 555-0100' }, sms: { channel: c } }).sms.channel!;
    expect(
      channel({ reminders: {}, codes: { numberType: 'LONG_CODE', isoCountryCode: 'CA' } }),
    ).toMatchObject({
      reminders: { kind: 'request', isoCountryCode: 'US', numberType: 'TOLL_FREE' },
      codes: { kind: 'request', isoCountryCode: 'CA', numberType: 'LONG_CODE' },
      optOutList: { kind: 'own' },
    });
    expect(
      channel({
        reminders: { phoneNumberId: 'phone-0123456789abcdef0123456789abcdef' },
        simulator: { phoneNumberId: 'phone-00000000000000000000000000000001' },
        optOutListName: 'RehabOptOuts',
      }),
    ).toMatchObject({
      reminders: { kind: 'existing', phoneNumberId: 'phone-0123456789abcdef0123456789abcdef' },
      simulator: { kind: 'existing', phoneNumberId: 'phone-00000000000000000000000000000001' },
      optOutList: { kind: 'existing', optOutListName: 'RehabOptOuts' },
    });
    expect(channel({ optOutList: false }).optOutList).toEqual({ kind: 'none' });
  });
});
