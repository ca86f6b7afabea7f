import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  CfnOptOutList,
  CfnPhoneNumber,
  CfnProtectConfiguration,
  CfnResourcePolicy,
} from 'aws-cdk-lib/aws-smsvoice';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
  type AwsSdkCall,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { OptOutListSource, PhoneNumberSource } from '../config.ts';
import { acknowledge, acknowledgeCustomResourceProvider } from '../nag.ts';

/** A number of the stack's, requested or adopted: its E.164 number, ARN and id (tokens until deploy). */
export interface ChannelNumber {
  readonly phoneNumber: string;
  readonly arn: string;
  readonly id: string;
}

/** The opt-out list the stack's numbers use. */
export interface ChannelOptOutList {
  readonly name: string;
  readonly arn: string;
}

export interface SmsChannelProps {
  /** Where two-way replies go (the inbound function's topic). */
  readonly inboundTopic: ITopic;
  /** End User Messaging's own answers to HELP and STOP (the mandatory keywords). */
  readonly helpMessage: string;
  readonly stopMessage: string;
  /** The number for reminders and replies. @default none: the operator brings a number */
  readonly reminders?: PhoneNumberSource;
  /** A second number for verification codes, where carriers want one number per use case. @default reminders' */
  readonly codes?: PhoneNumberSource;
  /** A simulator number beside the real one(s), for the self-test's one real text. @default none */
  readonly simulator?: PhoneNumberSource;
  /** The opt-out list the numbers use and SNS may use. @default { kind: 'own' } */
  readonly optOutList?: OptOutListSource;
  /** Destination countries allowed; every other country is blocked. @default none: no protect configuration */
  readonly allowedCountries?: readonly string[];
  /**
   * Every country code to block unless allowed (the protect configuration lists them all: a country
   * it leaves out keeps End User Messaging's default). Only codes End User Messaging texts
   * (infra/sms-countries.ts). @default none: only the allowed countries are listed
   */
  readonly allCountries?: readonly string[];
}

/** The construct ids of the numbers, fixed: a new id would be a new number. */
const NUMBER_IDS = {
  reminders: 'RemindersNumber',
  codes: 'CodesNumber',
  simulator: 'SimulatorNumber',
} as const;

/**
 * The SMS channel in AWS End User Messaging, where CloudFormation has it: the number(s) with
 * two-way replies to the inbound topic and AWS's HELP/STOP answers, an opt-out list, the resource
 * policies that let SNS (the send path: Publish) use them, and a protect configuration that allows
 * only the allow-listed countries, set as the account default because that is the only way it
 * applies to texts sent through SNS.
 *
 * Numbers and the opt-out list outlive the stack, and so do their resource policies (a kept number
 * without its policy refuses SNS). A number or list that exists already is adopted by id or name:
 * deploy-time calls point it at this stack (two-way destination, opt-out list, HELP/STOP answers)
 * and write the policy SNS needs — what a `cdk destroy` then `cdk deploy` needs to bring a
 * registered number back (docs/DEPLOY.md, "Teardown and what stays").
 */
export class SmsChannel extends Construct {
  readonly remindersNumber?: ChannelNumber;
  readonly codesNumber?: ChannelNumber;
  readonly simulatorNumber?: ChannelNumber;
  readonly optOutList?: ChannelOptOutList;
  readonly protectConfiguration?: CfnProtectConfiguration;
  private readonly adoptions: AwsCustomResource[] = [];

  constructor(scope: Construct, id: string, props: SmsChannelProps) {
    super(scope, id);
    this.optOutList = this.makeOptOutList(props.optOutList ?? { kind: 'own' });
    const numberOf = (name: keyof typeof NUMBER_IDS, source: PhoneNumberSource | undefined) =>
      source && this.makeNumber(NUMBER_IDS[name], source, props);
    this.remindersNumber = numberOf('reminders', props.reminders);
    this.codesNumber = numberOf('codes', props.codes);
    this.simulatorNumber = numberOf('simulator', props.simulator);

    if (props.allowedCountries) {
      const allowed = new Set(props.allowedCountries);
      const countries = [...new Set([...(props.allCountries ?? []), ...allowed])].sort();
      this.protectConfiguration = new CfnProtectConfiguration(this, 'ProtectConfiguration', {
        countryRuleSet: {
          sms: countries.map((countryCode) => ({
            countryCode,
            protectStatus: allowed.has(countryCode) ? 'ALLOW' : 'BLOCK',
          })),
        },
      });
      this.setAccountDefaultProtectConfiguration(this.protectConfiguration);
    }
    if (this.adoptions.length) acknowledgeCustomResourceProvider(this);
  }

  /** Only this account's SNS may use it: the confused-deputy guard AWS's SNS SMS access pages use. */
  private snsPolicy(resourceArn: string, actions: string[]): PolicyDocument {
    return new PolicyDocument({
      statements: [
        new PolicyStatement({
          principals: [new ServicePrincipal('sns.amazonaws.com')],
          actions,
          resources: [resourceArn],
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
      ],
    });
  }

  /** A resource policy CloudFormation writes, kept with the resource when the stack goes. */
  private keptPolicy(policyId: string, resourceArn: string, actions: string[]) {
    new CfnResourcePolicy(this, policyId, {
      resourceArn,
      policyDocument: this.snsPolicy(resourceArn, actions).toJSON(),
    }).applyRemovalPolicy(RemovalPolicy.RETAIN);
  }

  private arn(resource: 'phone-number' | 'opt-out-list', name: string): string {
    return Stack.of(this).formatArn({
      service: 'sms-voice',
      resource,
      resourceName: name,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  private makeOptOutList(source: OptOutListSource): ChannelOptOutList | undefined {
    if (source.kind === 'none') return undefined;
    // The opt-out list has no policy by default; SNS checks, adds and removes numbers through it.
    // (SendTextMessage has no opt-out-list resource type in IAM: granting it here would grant nothing.)
    const snsActions = [
      'sms-voice:DescribeOptedOutNumbers',
      'sms-voice:PutOptedOutNumber',
      'sms-voice:DeleteOptedOutNumber',
    ];
    if (source.kind === 'own') {
      const list = new CfnOptOutList(this, 'OptOutList');
      // Who opted out is a legal record: it outlives the stack, with the policy SNS uses it by.
      list.applyRemovalPolicy(RemovalPolicy.RETAIN);
      this.keptPolicy('OptOutListPolicy', list.attrArn, snsActions);
      return { name: list.ref, arn: list.attrArn };
    }
    const arn = this.arn('opt-out-list', source.optOutListName);
    this.adopt(
      'AdoptedOptOutListPolicy',
      this.call('putResourcePolicy', `policy-${source.optOutListName}`, {
        ResourceArn: arn,
        Policy: Stack.of(this).toJsonString(this.snsPolicy(arn, snsActions).toJSON()),
      }),
      [new PolicyStatement({ actions: ['sms-voice:PutResourcePolicy'], resources: [arn] })],
    );
    return { name: source.optOutListName, arn };
  }

  private makeNumber(numberId: string, source: PhoneNumberSource, props: SmsChannelProps): ChannelNumber {
    const simulator = numberId === NUMBER_IDS.simulator;
    if (source.kind === 'request') {
      const number = new CfnPhoneNumber(this, numberId, {
        isoCountryCode: source.isoCountryCode,
        numberType: source.numberType,
        numberCapabilities: ['SMS'],
        // AWS answers these itself; the inbound function then leaves HELP unanswered (one answer).
        mandatoryKeywords: { help: { message: props.helpMessage }, stop: { message: props.stopMessage } },
        selfManagedOptOutsEnabled: false,
        optOutListName: this.optOutList?.name,
        twoWay: { enabled: true, channelArn: props.inboundTopic.topicArn },
        // A registered number takes weeks to replace: nobody releases it by mistake.
        ...(simulator ? {} : { deletionProtectionEnabled: true }),
      });
      // It outlives the stack (adopt it back by id, or release it by hand), with the policy that
      // lets SNS send through it: numbers requested after September 2024 refuse every service without one.
      number.applyRemovalPolicy(RemovalPolicy.RETAIN);
      this.keptPolicy(`${numberId}Policy`, number.attrArn, ['sms-voice:SendTextMessage']);
      return { phoneNumber: number.attrPhoneNumber, arn: number.attrArn, id: number.attrPhoneNumberId };
    }
    return this.adoptNumber(numberId, source.phoneNumberId, simulator, props);
  }

  /**
   * A number that exists (kept by an earlier stack, or requested by hand): at deploy its two-way
   * replies go to this stack's inbound topic, its opt-outs to the stack's list, AWS answers HELP and
   * STOP with this stack's words, and SNS gets its resource policy. Nothing is undone when the stack
   * goes: the number keeps what it was given, like a requested one.
   */
  private adoptNumber(
    numberId: string,
    phoneNumberId: string,
    simulator: boolean,
    props: SmsChannelProps,
  ): ChannelNumber {
    const arn = this.arn('phone-number', phoneNumberId);
    const update = this.adopt(
      `${numberId}Adoption`,
      {
        ...this.call('updatePhoneNumber', phoneNumberId, {
          PhoneNumberId: phoneNumberId,
          TwoWayEnabled: true,
          TwoWayChannelArn: props.inboundTopic.topicArn,
          SelfManagedOptOutsEnabled: false,
          ...(this.optOutList ? { OptOutListName: this.optOutList.name } : {}),
          ...(simulator ? {} : { DeletionProtectionEnabled: true }),
        }),
        // The answer's E.164 number is all the stack reads (a custom resource's data is limited).
        outputPaths: ['PhoneNumber'],
      },
      [
        new PolicyStatement({
          actions: ['sms-voice:UpdatePhoneNumber'],
          // Naming an opt-out list authorizes against it too (its optional resource type).
          resources: [arn, ...(this.optOutList ? [this.optOutList.arn] : [])],
        }),
      ],
    );
    const policy = this.adopt(
      `${numberId}AdoptedPolicy`,
      this.call('putResourcePolicy', `policy-${phoneNumberId}`, {
        ResourceArn: arn,
        Policy: Stack.of(this).toJsonString(this.snsPolicy(arn, ['sms-voice:SendTextMessage']).toJSON()),
      }),
      [new PolicyStatement({ actions: ['sms-voice:PutResourcePolicy'], resources: [arn] })],
    );
    policy.node.addDependency(update);
    for (const [keyword, message, action] of [
      ['HELP', props.helpMessage, 'AUTOMATIC_RESPONSE'],
      ['STOP', props.stopMessage, 'OPT_OUT'],
    ] as const) {
      const answer = this.adopt(
        `${numberId}${keyword === 'HELP' ? 'Help' : 'Stop'}Answer`,
        this.call('putKeyword', `${keyword.toLowerCase()}-${phoneNumberId}`, {
          OriginationIdentity: phoneNumberId,
          Keyword: keyword,
          KeywordMessage: message,
          KeywordAction: action,
        }),
        [new PolicyStatement({ actions: ['sms-voice:PutKeyword'], resources: [arn] })],
      );
      answer.node.addDependency(update);
    }
    return { phoneNumber: update.getResponseField('PhoneNumber'), arn, id: phoneNumberId };
  }

  private call(action: string, physicalId: string, parameters: Record<string, unknown>): AwsSdkCall {
    return {
      service: 'PinpointSMSVoiceV2',
      action,
      parameters,
      physicalResourceId: PhysicalResourceId.of(physicalId),
    };
  }

  /** A deploy-time call, made again on every update (a changed topic or message is written again). */
  private adopt(id: string, call: AwsSdkCall, statements: PolicyStatement[]): AwsCustomResource {
    const resource = new AwsCustomResource(this, id, {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements(statements),
    });
    acknowledge(resource, {
      'HIPAA.Security-IAMNoInlinePolicy':
        "CDK's custom resource policy: one action on the adopted number or opt-out list, used only at deploy time.",
    });
    this.adoptions.push(resource);
    return resource;
  }

  /**
   * End User Messaging applies a protect configuration to SNS texts only as the account default
   * (SNS Publish names no configuration set). CloudFormation has no property for it: a deploy-time
   * call sets it, and deleting the stack clears it.
   */
  private setAccountDefaultProtectConfiguration(protect: CfnProtectConfiguration) {
    const call = (action: string, parameters?: Record<string, string>) => ({
      service: 'PinpointSMSVoiceV2',
      action,
      parameters,
      physicalResourceId: PhysicalResourceId.of(`default-protect-configuration-${Stack.of(this).region}`),
    });
    const set = call('setAccountDefaultProtectConfiguration', {
      ProtectConfigurationId: protect.attrProtectConfigurationId,
    });
    const resource = new AwsCustomResource(this, 'AccountDefaultProtectConfiguration', {
      onCreate: set,
      onUpdate: set,
      onDelete: call('deleteAccountDefaultProtectConfiguration'),
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ['sms-voice:SetAccountDefaultProtectConfiguration'],
          resources: [protect.attrArn],
        }),
        // Clearing the default names no protect configuration, so it has no resource ARN.
        new PolicyStatement({
          actions: ['sms-voice:DeleteAccountDefaultProtectConfiguration'],
          resources: ['*'],
        }),
      ]),
    });
    acknowledge(resource, {
      'AwsSolutions-IAM5[Resource::*]':
        'sms-voice:DeleteAccountDefaultProtectConfiguration is account-level and names no resource.',
      'HIPAA.Security-IAMNoInlinePolicy':
        "CDK's custom resource policy: two actions, used only at deploy time.",
    });
    acknowledgeCustomResourceProvider(this);
  }
}
