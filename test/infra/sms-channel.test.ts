/**
 * The operator's numbers are never lost (issue 27): the deploy guide's settings, applied in its
 * order, replace nothing that keeps data; the simulator number stands beside the real one; numbers,
 * the opt-out list and their policies outlive the stack and a new stack adopts them (the deploy-time
 * calls run through CDK's own handler against the SDK at its boundary); the sender asks the opt-out
 * list the numbers use; the protect configuration names only codes End User Messaging texts.
 */
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseOperatorConfig } from '../../infra/config.ts';
import { RehabStack } from '../../infra/stack.ts';
import { SMS_COUNTRIES } from '../../infra/sms-countries.ts';
import { helpText, stopText } from '../../shared/domain/messaging/texts.ts';
import { ResolvedTemplate, synthDeployTemplate } from './iam/template.ts';

type Resource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string };
type Resources = Record<string, Resource>;

const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

function synth(settings: unknown, id = 'Test') {
  const app = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
  const stack = new RehabStack(app, id, {
    config: parseOperatorConfig(withClinicContact(settings)),
    env: { account: '123456789012', region: 'us-east-1' },
  });
  return { stack, template: Template.fromStack(stack) };
}
const resourcesOf = (t: Template) => t.toJSON().Resources as Resources;
const idsOf = (all: Resources, type: string) => Object.keys(all).filter((k) => all[k]!.Type === type);

/**
 * Properties CloudFormation can only set when it creates the resource: changing one replaces it.
 * From the CloudFormation registry schemas (`createOnlyProperties`, as cfn-lint 1.51 ships them).
 * A table, key, secret or user pool keeps data; a number keeps its registration; the opt-out list
 * is who opted out; a resource policy is what lets SNS use them.
 */
const CREATE_ONLY: Record<string, readonly string[]> = {
  'AWS::SMSVOICE::PhoneNumber': ['IsoCountryCode', 'NumberCapabilities', 'NumberType'],
  'AWS::SMSVOICE::OptOutList': ['OptOutListName'],
  'AWS::SMSVOICE::ResourcePolicy': ['ResourceArn'],
  'AWS::DynamoDB::GlobalTable': ['TableName'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::KMS::Key': [],
  'AWS::Cognito::UserPool': [],
};

/** What a deploy from `before` to `after` would replace or delete that keeps data (empty: nothing). */
function losses(before: Resources, after: Resources): string[] {
  const found: string[] = [];
  for (const [id, r] of Object.entries(before)) {
    const createOnly = CREATE_ONLY[r.Type];
    if (!createOnly && r.DeletionPolicy !== 'Retain') continue;
    const next = after[id];
    if (!next) {
      found.push(`${id} (${r.Type}) is gone from the template`);
      continue;
    }
    if (next.Type !== r.Type) found.push(`${id} turns from ${r.Type} into ${next.Type}`);
    for (const property of createOnly ?? []) {
      const [was, is] = [r.Properties?.[property], next.Properties?.[property]];
      if (JSON.stringify(was) !== JSON.stringify(is))
        found.push(`${id}.${property}: ${JSON.stringify(was)} → ${JSON.stringify(is)} replaces it`);
    }
  }
  return found;
}

/** Placeholders of the guide's examples, filled as an operator would. */
function filled(json: string): string {
  return json.replace(/<([^>]+)>/g, (_, name: string) => {
    if (name === 'region') return 'us-east-1';
    if (name === 'account') return '123456789012';
    if (name.endsWith('NumberId')) return `phone-${name.length.toString(16).padStart(32, '0')}`;
    if (name === 'OptOutListName') return 'Test-SmsChannelOptOutList-1A2B3C';
    return 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';
  });
}

function deepMerge(base: unknown, extra: unknown): unknown {
  if (!base || !extra || typeof base !== 'object' || typeof extra !== 'object' || Array.isArray(extra))
    return extra;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(extra)) merged[k] = deepMerge(merged[k], v);
  return merged;
}

/**
 * The settings a guide has the operator deploy, in its order: every JSON it shows (a fenced block or
 * an inline one) that is the whole `"rehab": {…}` (it replaces what came before) or its `"sms": {…}`
 * part (merged into it), up to the teardown, each with the step it belongs to.
 */
function guideSettings(markdown: string): { step: string; settings: unknown }[] {
  const text = markdown.split(/^## Teardown/m)[0]!;
  const found: { step: string; settings: unknown }[] = [];
  let current: unknown = {};
  let step = '';
  // A heading, a fenced JSON block (indented too, inside a list item), or inline code.
  const pattern = /^## (\d+\..*)$|^[ \t]*```json\n([\s\S]*?)\n[ \t]*```|`([^`\n]+)`/gm;
  for (const m of text.matchAll(pattern)) {
    if (m[1]) {
      step = m[1];
      continue;
    }
    const fragment = (m[2] ?? m[3] ?? '').trim();
    const key = /^"(rehab|sms)":/.exec(fragment)?.[1];
    if (!key) continue;
    const parsed = (JSON.parse(`{${filled(fragment)}}`) as Record<string, unknown>)[key];
    current = key === 'rehab' ? parsed : deepMerge(current, { sms: parsed });
    found.push({ step, settings: current });
  }
  return found;
}

/** What each step of the guide would lose, deploying it after the step before. */
function guideLosses(markdown: string): string[] {
  const steps = guideSettings(markdown).map((s) => ({
    ...s,
    resources: resourcesOf(synth(s.settings).template),
  }));
  return steps
    .slice(1)
    .flatMap((s, i) => losses(steps[i]!.resources, s.resources).map((l) => `${s.step}: ${l}`));
}

describe("the deploy guide's settings, applied in its order, replace nothing that keeps data", () => {
  const guide = readFileSync(new URL('../../docs/DEPLOY.md', import.meta.url), 'utf8');

  it('reads the settings of steps 2, 3 and 5: the number first, the simulator beside it, the full example', () => {
    const steps = guideSettings(guide);
    expect(steps.map((s) => s.step)).toEqual([
      '2. Request and register the number(s)',
      '3. Meanwhile: simulator numbers and sandbox destinations',
      '5. Configure',
    ]);
    const channels = steps.map((s) => (s.settings as { sms: { channel: unknown } }).sms.channel);
    expect(channels[0]).toEqual({ reminders: { isoCountryCode: 'US', numberType: 'TOLL_FREE' } });
    for (const channel of channels.slice(1))
      expect(channel).toMatchObject({
        reminders: { isoCountryCode: 'US', numberType: 'TOLL_FREE' },
        simulator: {},
      });
  });

  it('no number, opt-out list, resource policy, table, key, secret or user pool is replaced or dropped between steps', () => {
    expect(guideLosses(guide)).toEqual([]);
  });

  it('the check finds what the guide before this change did: step 3 turned the number into a simulator, step 5 back', () => {
    const before = readFileSync(
      new URL('../fixtures/deploy-guide-before-issue-27.md', import.meta.url),
      'utf8',
    );
    expect(guideLosses(before)).toEqual([
      expect.stringMatching(
        /^5\. Configure: SmsChannelRemindersNumber[0-9A-F]{8}\.NumberType: "SIMULATOR" → "TOLL_FREE" replaces it$/,
      ),
    ]);
  });

  it('sees a dropped or retyped resource too, not only a changed property', () => {
    const two = resourcesOf(
      synth({ sms: { channel: { reminders: {}, codes: { numberType: 'LONG_CODE' } } } }).template,
    );
    const one = resourcesOf(synth({ sms: { channel: { reminders: {} } } }).template);
    expect(losses(two, one)).toEqual([
      expect.stringMatching(/^SmsChannelCodesNumber[0-9A-F]{8} \(AWS::SMSVOICE::PhoneNumber\) is gone/),
      expect.stringMatching(
        /^SmsChannelCodesNumberPolicy[0-9A-F]{8} \(AWS::SMSVOICE::ResourcePolicy\) is gone/,
      ),
    ]);
  });
});

describe('the simulator number: beside the real one, never in its place', () => {
  const { template, stack } = synth({
    runtime: { appName: 'Back Clinic' },
    sms: { channel: { reminders: {}, simulator: {} } },
  });
  const all = resourcesOf(template);
  const numbers = idsOf(all, 'AWS::SMSVOICE::PhoneNumber');
  const byType = (type: string) => numbers.filter((id) => all[id]!.Properties!.NumberType === type);

  it('is a number of its own (US, SIMULATOR), with its own SNS policy; the real number keeps its type and gets deletion protection', () => {
    expect(numbers).toHaveLength(2);
    const [simulator] = byType('SIMULATOR');
    const [real] = byType('TOLL_FREE');
    expect(simulator).toMatch(/^SmsChannelSimulatorNumber/);
    expect(real).toMatch(/^SmsChannelRemindersNumber/);
    expect(all[simulator!]!.Properties).toMatchObject({
      IsoCountryCode: 'US',
      NumberCapabilities: ['SMS'],
      MandatoryKeywords: {
        HELP: { Message: helpText('Back Clinic', '(415) 555-0100') },
        STOP: { Message: stopText('Back Clinic') },
      },
    });
    expect(all[simulator!]!.Properties).not.toHaveProperty('DeletionProtectionEnabled');
    expect(all[real!]!.Properties!.DeletionProtectionEnabled).toBe(true);
    template.hasOutput('SimulatorNumber', { Value: { 'Fn::GetAtt': [simulator, 'PhoneNumber'] } });
    template.hasOutput('SimulatorNumberId', { Value: { 'Fn::GetAtt': [simulator, 'PhoneNumberId'] } });
  });

  it('no function texts from it: every origination number in the functions is the real one', () => {
    const envs = Object.values(all)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => JSON.stringify(r.Properties!.Environment ?? {}));
    expect(envs.some((e) => e.includes(byType('TOLL_FREE')[0]!))).toBe(true);
    expect(envs.filter((e) => e.includes(byType('SIMULATOR')[0]!))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('SIMULATOR'))).toEqual([]);
  });

  it('asked for as the reminders number (the old way) it still deploys, with a warning that says what to do', () => {
    const old = synth({ sms: { channel: { reminders: { numberType: 'SIMULATOR' } } } }, 'Old');
    Annotations.fromStack(old.stack).hasWarning(
      '*',
      Match.stringLikeRegexp('texts only AWS simulator destinations, never a patient.*"simulator": \\{\\}'),
    );
  });
});

describe('what outlives the stack: numbers, the opt-out list and the policies that let SNS use them', () => {
  const { template } = synth({ sms: { channel: { reminders: {}, codes: {}, simulator: {} } } });
  const all = resourcesOf(template);

  it('every End User Messaging resource but the protect configuration is kept, policies included', () => {
    const kept = Object.entries(all)
      .filter(([, r]) => r.Type.startsWith('AWS::SMSVOICE::'))
      .map(([id, r]) => [r.Type, id.replace(/[0-9A-F]{8}$/, ''), r.DeletionPolicy]);
    expect(kept.sort()).toEqual(
      [
        ['AWS::SMSVOICE::OptOutList', 'SmsChannelOptOutList', 'Retain'],
        ['AWS::SMSVOICE::PhoneNumber', 'SmsChannelCodesNumber', 'Retain'],
        ['AWS::SMSVOICE::PhoneNumber', 'SmsChannelRemindersNumber', 'Retain'],
        ['AWS::SMSVOICE::PhoneNumber', 'SmsChannelSimulatorNumber', 'Retain'],
        ['AWS::SMSVOICE::ProtectConfiguration', 'SmsChannelProtectConfiguration', undefined],
        ['AWS::SMSVOICE::ResourcePolicy', 'SmsChannelCodesNumberPolicy', 'Retain'],
        ['AWS::SMSVOICE::ResourcePolicy', 'SmsChannelOptOutListPolicy', 'Retain'],
        ['AWS::SMSVOICE::ResourcePolicy', 'SmsChannelRemindersNumberPolicy', 'Retain'],
        ['AWS::SMSVOICE::ResourcePolicy', 'SmsChannelSimulatorNumberPolicy', 'Retain'],
      ].sort(),
    );
  });

  it('outputs what brings them back: each number with its id, the opt-out list by name', () => {
    const [list] = idsOf(all, 'AWS::SMSVOICE::OptOutList');
    template.hasOutput('OptOutListName', { Value: { Ref: list } });
    for (const name of ['Reminders', 'Codes', 'Simulator']) {
      const [id] = idsOf(all, 'AWS::SMSVOICE::PhoneNumber').filter((k) =>
        k.startsWith(`SmsChannel${name}Number`),
      );
      template.hasOutput(`${name}Number`, { Value: { 'Fn::GetAtt': [id, 'PhoneNumber'] } });
      template.hasOutput(`${name}NumberId`, {
        Value: { 'Fn::GetAtt': [id, 'PhoneNumberId'] },
        Description: Match.stringLikeRegexp('phoneNumberId adopts it'),
      });
    }
  });
});

const ADOPTED = {
  reminders: 'phone-0123456789abcdef0123456789abcdef',
  simulator: 'phone-00000000000000000000000000000001',
  optOutListName: 'RehabReminders-SmsChannelOptOutList-1A2B3C4D5E6F',
};
const ADOPT = {
  runtime: { appName: 'Back Clinic' },
  sms: {
    channel: {
      reminders: { phoneNumberId: ADOPTED.reminders },
      simulator: { phoneNumberId: ADOPTED.simulator },
      optOutListName: ADOPTED.optOutListName,
    },
  },
};

describe('a new stack adopts what a destroyed one kept (sms.channel by id and name)', () => {
  const { template } = synth(ADOPT);
  const all = resourcesOf(template);

  it('requests and makes nothing: no number, no list, no CloudFormation-made policy', () => {
    for (const type of [
      'AWS::SMSVOICE::PhoneNumber',
      'AWS::SMSVOICE::OptOutList',
      'AWS::SMSVOICE::ResourcePolicy',
    ])
      expect(idsOf(all, type), type).toEqual([]);
  });

  it('texts from the adopted number (its E.164 number as UpdatePhoneNumber answers it), and the sender asks the adopted list', () => {
    const [adoption] = Object.keys(all).filter((k) => k.startsWith('SmsChannelRemindersNumberAdoption'));
    const sender = Object.values(all).find(
      (r) =>
        r.Type === 'AWS::Lambda::Function' &&
        JSON.stringify(r.Properties!.Environment).includes('"POWERTOOLS_SERVICE_NAME":"send-reminder"'),
    )!;
    expect(
      (sender.Properties!.Environment as { Variables: Record<string, unknown> }).Variables,
    ).toMatchObject({
      SMS_ORIGINATION_NUMBER: { 'Fn::GetAtt': [adoption, 'PhoneNumber'] },
      SMS_OPT_OUT_LIST_NAME: ADOPTED.optOutListName,
    });
    template.hasOutput('RemindersNumberId', { Value: ADOPTED.reminders });
    template.hasOutput('OptOutListName', { Value: ADOPTED.optOutListName });
  });

  it("the guide's teardown example is such a config, and adopts", () => {
    const guide = readFileSync(new URL('../../docs/DEPLOY.md', import.meta.url), 'utf8');
    const example = /## Teardown[\s\S]*?```json\n("sms": [\s\S]*?)\n```/.exec(guide)?.[1];
    expect(example).toBeDefined();
    const settings = JSON.parse(`{${filled(example!)}}`) as { sms: { channel: Record<string, unknown> } };
    expect(Object.keys(settings.sms.channel).sort()).toEqual(['optOutListName', 'reminders', 'simulator']);
    const adopted = resourcesOf(synth(settings, 'Adopting').template);
    expect(idsOf(adopted, 'AWS::SMSVOICE::PhoneNumber')).toEqual([]);
    expect(JSON.stringify(adopted)).toContain('updatePhoneNumber');
  });
});

/**
 * CDK's own custom resource handler (what the deployed provider function runs), fed the template's
 * calls as CloudFormation would, with the End User Messaging client mocked at the SDK boundary:
 * proves the exact requests a deploy makes, and what it answers CloudFormation.
 */
describe("adoption at the SDK boundary: the template's deploy-time calls, run by CDK's handler", () => {
  const handlerPath = join(
    dirname(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json')),
    'custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler/index.js',
  );
  // The handler's own copy of the SDK (the one it requires), so the mock and its commands are its.
  const cdkRequire = createRequire(handlerPath);
  const { handler } = cdkRequire(handlerPath) as {
    handler: (event: unknown, context: unknown) => Promise<void>;
  };
  const sdk = cdkRequire(
    '@aws-sdk/client-pinpoint-sms-voice-v2',
  ) as typeof import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const smsVoice = mockClient(sdk.PinpointSMSVoiceV2Client);
  afterAll(() => smsVoice.restore());
  beforeEach(() => {
    smsVoice.reset();
    process.env.AWS_REGION = 'eu-west-1';
  });

  const resolved = new ResolvedTemplate(synthDeployTemplate(ADOPT));
  const calls = resolved.idsOfType('Custom::AWS').map((id) => ({
    id,
    create: (resolved.props(id) as { Create: string }).Create,
  }));
  const callOf = (prefix: string) => calls.find((c) => c.id.startsWith(prefix))!;
  const inboundTopicArn = resolved.ref(
    resolved.idsOfType('AWS::SNS::Topic').find((t) => t.startsWith('InboundInbound'))!,
  );

  /** One Create as CloudFormation sends it; the answer the handler gives CloudFormation. */
  async function deploy(call: { id: string; create: string }) {
    const logged: unknown[][] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      await handler(
        {
          RequestType: 'Create',
          ResourceType: 'Custom::AWS',
          LogicalResourceId: call.id,
          RequestId: 'request-1',
          StackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/RehabReminders/1',
          // The answer goes nowhere here (loopback refuses): it is read from the handler's log.
          ResponseURL: 'https://127.0.0.1/cloudformation-response',
          ResourceProperties: { ServiceToken: 'provider', Create: call.create, InstallLatestAwsSdk: 'false' },
        },
        { logStreamName: 'provider-log' },
      );
    } catch {
      // Sending the answer fails (no CloudFormation here); the answer itself was logged first.
    } finally {
      log.mockRestore();
    }
    const answer = logged.find((args) => args[0] === 'Responding');
    if (!answer) throw new Error(`no answer for ${call.id}: ${JSON.stringify(logged)}`);
    return JSON.parse(String(answer[1])) as {
      Status: string;
      Reason: string;
      PhysicalResourceId: string;
      Data: Record<string, unknown>;
    };
  }

  it('points the number at the new inbound topic and the adopted list, with deletion protection, and reads back its E.164 number', async () => {
    smsVoice.on(sdk.UpdatePhoneNumberCommand).resolves({
      PhoneNumberArn: `arn:aws:sms-voice:eu-west-1:111122223333:phone-number/${ADOPTED.reminders}`,
      PhoneNumberId: ADOPTED.reminders,
      PhoneNumber: '+18885550123',
      Status: 'ACTIVE',
      TwoWayEnabled: true,
      TwoWayChannelArn: inboundTopicArn,
    });
    const answer = await deploy(callOf('SmsChannelRemindersNumberAdoption'));
    expect(smsVoice.commandCalls(sdk.UpdatePhoneNumberCommand).map((c) => c.args[0].input)).toEqual([
      {
        PhoneNumberId: ADOPTED.reminders,
        TwoWayEnabled: true,
        TwoWayChannelArn: inboundTopicArn,
        SelfManagedOptOutsEnabled: false,
        OptOutListName: ADOPTED.optOutListName,
        DeletionProtectionEnabled: true,
      },
    ]);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ADOPTED.reminders });
    // What the functions' SMS_ORIGINATION_NUMBER reads (Fn::GetAtt <adoption>.PhoneNumber).
    expect(answer.Data.PhoneNumber).toBe('+18885550123');
  });

  it('leaves deletion protection alone on the simulator number', async () => {
    smsVoice.on(sdk.UpdatePhoneNumberCommand).resolves({ PhoneNumber: '+12065550142' });
    await deploy(callOf('SmsChannelSimulatorNumberAdoption'));
    const [input] = smsVoice.commandCalls(sdk.UpdatePhoneNumberCommand).map((c) => c.args[0].input);
    expect(input).toMatchObject({ PhoneNumberId: ADOPTED.simulator, TwoWayChannelArn: inboundTopicArn });
    expect(input).not.toHaveProperty('DeletionProtectionEnabled');
  });

  it("writes the number's and the list's SNS policies: this account's SNS only, the actions it needs", async () => {
    smsVoice.on(sdk.PutResourcePolicyCommand).resolves({});
    await deploy(callOf('SmsChannelRemindersNumberAdoptedPolicy'));
    await deploy(callOf('SmsChannelAdoptedOptOutListPolicy'));
    const puts = smsVoice.commandCalls(sdk.PutResourcePolicyCommand).map((c) => c.args[0].input);
    const numberArn = `arn:aws:sms-voice:eu-west-1:111122223333:phone-number/${ADOPTED.reminders}`;
    const listArn = `arn:aws:sms-voice:eu-west-1:111122223333:opt-out-list/${ADOPTED.optOutListName}`;
    expect(puts.map((p) => p.ResourceArn)).toEqual([numberArn, listArn]);
    const sns = (resource: string, action: unknown) => ({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: action,
          Resource: resource,
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    });
    expect(JSON.parse(puts[0]!.Policy!)).toEqual(sns(numberArn, 'sms-voice:SendTextMessage'));
    expect(JSON.parse(puts[1]!.Policy!)).toEqual(
      sns(listArn, [
        'sms-voice:DescribeOptedOutNumbers',
        'sms-voice:PutOptedOutNumber',
        'sms-voice:DeleteOptedOutNumber',
      ]),
    );
  });

  it("answers HELP and STOP with the app's words, STOP still opting out", async () => {
    smsVoice.on(sdk.PutKeywordCommand).resolves({});
    await deploy(callOf('SmsChannelRemindersNumberHelpAnswer'));
    await deploy(callOf('SmsChannelRemindersNumberStopAnswer'));
    expect(smsVoice.commandCalls(sdk.PutKeywordCommand).map((c) => c.args[0].input)).toEqual([
      {
        OriginationIdentity: ADOPTED.reminders,
        Keyword: 'HELP',
        KeywordMessage: helpText('Back Clinic', '(415) 555-0100'),
        KeywordAction: 'AUTOMATIC_RESPONSE',
      },
      {
        OriginationIdentity: ADOPTED.reminders,
        Keyword: 'STOP',
        KeywordMessage: stopText('Back Clinic'),
        KeywordAction: 'OPT_OUT',
      },
    ]);
  });

  it.each([
    [
      'a number id that does not exist',
      new sdk.ResourceNotFoundException({
        message: 'Phone number not found',
        ResourceType: 'phone-number',
        ResourceId: ADOPTED.reminders,
        $metadata: {},
      }),
    ],
    [
      'a number in a pool',
      new sdk.ConflictException({ message: 'Phone number is associated with a pool', $metadata: {} }),
    ],
    ['throttled', new sdk.ThrottlingException({ message: 'Rate exceeded', $metadata: {} })],
  ])(
    "fails the deploy with AWS's words when UpdatePhoneNumber refuses (%s): CloudFormation rolls back",
    async (_, error) => {
      smsVoice.on(sdk.UpdatePhoneNumberCommand).rejects(error);
      const answer = await deploy(callOf('SmsChannelRemindersNumberAdoption'));
      expect(answer).toMatchObject({ Status: 'FAILED', Reason: error.message });
    },
  );

  it('every deploy-time call of the adoption is one of these, and none undoes anything when the stack goes', () => {
    const adoption = calls.filter((c) => /Adoption|AdoptedPolicy|AdoptedOptOutListPolicy|Answer/.test(c.id));
    expect(adoption.map((c) => (JSON.parse(c.create) as { action: string }).action).sort()).toEqual(
      [
        'putKeyword',
        'putKeyword',
        'putKeyword',
        'putKeyword',
        'putResourcePolicy',
        'putResourcePolicy',
        'putResourcePolicy',
        'updatePhoneNumber',
        'updatePhoneNumber',
      ].sort(),
    );
    for (const { id } of adoption) expect(resolved.props(id)).not.toHaveProperty('Delete');
  });
});

describe('the protect configuration names only countries End User Messaging texts', () => {
  const { template } = synth({
    runtime: { allowedCountries: ['US', 'CA'] },
    sms: { channel: { reminders: {} } },
  });
  const [protect] = idsOf(resourcesOf(template), 'AWS::SMSVOICE::ProtectConfiguration');
  const rules = (
    resourcesOf(template)[protect!]!.Properties!.CountryRuleSet as {
      SMS: { CountryCode: string; ProtectStatus: string }[];
    }
  ).SMS;

  it("every code is on AWS's supported-countries page (infra/sms-countries.ts): none of the phone library's AC, TA, XK", () => {
    expect(rules.map((r) => r.CountryCode).sort()).toEqual([...SMS_COUNTRIES].sort());
    for (const code of ['AC', 'TA', 'XK', 'AN', 'KV']) expect(SMS_COUNTRIES).not.toContain(code);
    expect(rules.filter((r) => r.ProtectStatus === 'ALLOW').map((r) => r.CountryCode)).toEqual(['CA', 'US']);
  });

  it('refuses at synth an allowed country End User Messaging does not text, naming the setting and the page', () => {
    expect(() =>
      parseOperatorConfig({
        runtime: { allowedCountries: ['US', 'XK'], clinicContact: '(415) 555-0100' },
        sms: { channel: { reminders: {} } },
      }),
    ).toThrow(
      /rehab\.runtime\.allowedCountries\.1: "XK" is not a country AWS End User Messaging texts \(its supported-countries page, read 2026-12-07: infra\/sms-countries\.ts\).*protectCountries to false/,
    );
    // Without a protect configuration the code names nothing in End User Messaging: allowed.
    expect(() =>
      parseOperatorConfig({
        runtime: { allowedCountries: ['US', 'XK'], clinicContact: '(415) 555-0100' },
        sms: { channel: { reminders: {}, protectCountries: false } },
      }),
    ).not.toThrow();
  });
});

describe('the sender asks the opt-out list its numbers use', () => {
  const statementsOf = (all: Resources, service: string) => {
    const fn = Object.entries(all).find(
      ([, r]) =>
        r.Type === 'AWS::Lambda::Function' &&
        JSON.stringify(r.Properties!.Environment).includes(`"POWERTOOLS_SERVICE_NAME":"${service}"`),
    )!;
    const role = (fn[1].Properties!.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const env = (fn[1].Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    const statements = Object.values(all)
      .filter(
        (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties!.Roles).includes(`"${role}"`),
      )
      .flatMap(
        (r) =>
          (r.Properties!.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
      );
    return { env, statements };
  };
  /** Each opt-out action granted, with what it is granted on. */
  const optOutGrants = (statements: { Action: unknown; Resource: unknown }[]) =>
    statements.flatMap((s) =>
      [s.Action]
        .flat()
        .filter((a) => /OptedOut/.test(String(a)))
        .map((action) => [action, s.Resource]),
    );

  it("the stack's own list: DescribeOptedOutNumbers on that list only, its name in the environment, never SNS's check", () => {
    const all = resourcesOf(synth({ sms: { channel: { reminders: {} } } }).template);
    const [list] = idsOf(all, 'AWS::SMSVOICE::OptOutList');
    const { env, statements } = statementsOf(all, 'send-reminder');
    expect(env.SMS_OPT_OUT_LIST_NAME).toEqual({ Ref: list });
    expect(optOutGrants(statements)).toEqual([
      ['sms-voice:DescribeOptedOutNumbers', { 'Fn::GetAtt': [list, 'Arn'] }],
    ]);
  });

  it("no list of the stack's (numbers on the account's default list): SNS's check, as before", () => {
    for (const settings of [
      { sms: { originationNumber: '+18885550123' } },
      { sms: { channel: { reminders: {}, optOutList: false } } },
    ]) {
      const { env, statements } = statementsOf(resourcesOf(synth(settings).template), 'send-reminder');
      expect(env.SMS_OPT_OUT_LIST_NAME).toBeUndefined();
      expect(optOutGrants(statements)).toEqual([['sns:CheckIfPhoneNumberIsOptedOut', '*']]);
    }
  });
});

/** A stack texting from its own number must name how patients reach a person (HELP): a contact. */
function withClinicContact(settings: unknown): unknown {
  const s = (settings ?? {}) as { runtime?: Record<string, unknown> };
  return { ...s, runtime: { clinicContact: '(415) 555-0100', ...s.runtime } };
}
