import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  CfnOptOutList,
  CfnPhoneNumber,
  CfnProtectConfiguration,
  CfnResourcePolicy,
} from 'aws-cdk-lib/aws-smsvoice';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeCustomResourceProvider } from '../nag.ts';

/** A number the stack requests from End User Messaging (CloudFormation cannot request short codes). */
export interface PhoneNumberRequest {
  /** ISO 3166-1 alpha-2 country of the number. */
  readonly isoCountryCode: string;
  /** TOLL_FREE, LONG_CODE or SIMULATOR. */
  readonly numberType: string;
}

export interface SmsChannelProps {
  /** Where two-way replies go (the inbound function's topic). */
  readonly inboundTopic: ITopic;
  /** End User Messaging's own answers to HELP and STOP (the mandatory keywords). */
  readonly helpMessage: string;
  readonly stopMessage: string;
  /** The number for reminders and replies. @default none: the operator brings a number */
  readonly reminders?: PhoneNumberRequest;
  /** A second number for verification codes, where carriers want one number per use case. @default reminders' */
  readonly codes?: PhoneNumberRequest;
  /** An opt-out list of the stack's own, shared by its numbers, that SNS may use. @default true */
  readonly optOutList?: boolean;
  /** Destination countries allowed; every other country is blocked. @default none: no protect configuration */
  readonly allowedCountries?: readonly string[];
  /**
   * Every country code to block unless allowed (the protect configuration lists them all: a country
   * it leaves out keeps End User Messaging's default). @default none: only the allowed countries are listed
   */
  readonly allCountries?: readonly string[];
}

/**
 * The SMS channel in AWS End User Messaging, where CloudFormation has it: the number(s) with
 * two-way replies to the inbound topic and AWS's HELP/STOP answers, an opt-out list, the resource
 * policies that let SNS (the send path: Publish) use them, and a protect configuration that allows only the allow-listed countries, set as the
 * account default because that is the only way it applies to texts sent through SNS.
 */
export class SmsChannel extends Construct {
  readonly remindersNumber?: CfnPhoneNumber;
  readonly codesNumber?: CfnPhoneNumber;
  readonly optOutList?: CfnOptOutList;
  readonly protectConfiguration?: CfnProtectConfiguration;

  constructor(scope: Construct, id: string, props: SmsChannelProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Only this account's SNS: the confused-deputy guard AWS's SNS SMS access pages use.
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': stack.account } };
    const snsMay = (policyId: string, resourceArn: string, actions: string[]) =>
      new CfnResourcePolicy(this, policyId, {
        resourceArn,
        policyDocument: new PolicyDocument({
          statements: [
            new PolicyStatement({
              principals: [new ServicePrincipal('sns.amazonaws.com')],
              actions,
              resources: [resourceArn],
              conditions: fromThisAccount,
            }),
          ],
        }).toJSON(),
      });

    if (props.optOutList !== false) {
      this.optOutList = new CfnOptOutList(this, 'OptOutList');
      // Who opted out is a legal record: it outlives the stack.
      this.optOutList.applyRemovalPolicy(RemovalPolicy.RETAIN);
      // The opt-out list has no policy by default; SNS checks, adds and removes numbers through it.
      // (SendTextMessage has no opt-out-list resource type in IAM: granting it here would grant nothing.)
      snsMay('OptOutListPolicy', this.optOutList.attrArn, [
        'sms-voice:DescribeOptedOutNumbers',
        'sms-voice:PutOptedOutNumber',
        'sms-voice:DeleteOptedOutNumber',
      ]);
    }

    const requestNumber = (numberId: string, request: PhoneNumberRequest) => {
      const number = new CfnPhoneNumber(this, numberId, {
        isoCountryCode: request.isoCountryCode,
        numberType: request.numberType,
        numberCapabilities: ['SMS'],
        // AWS answers these itself; the inbound function then leaves HELP unanswered (one answer).
        mandatoryKeywords: { help: { message: props.helpMessage }, stop: { message: props.stopMessage } },
        selfManagedOptOutsEnabled: false,
        optOutListName: this.optOutList?.ref,
        twoWay: { enabled: true, channelArn: props.inboundTopic.topicArn },
      });
      // A registered number takes weeks to replace: it outlives the stack (release it by hand).
      number.applyRemovalPolicy(RemovalPolicy.RETAIN);
      // Numbers requested after September 2024 let no service send through them without this.
      snsMay(`${numberId}Policy`, number.attrArn, ['sms-voice:SendTextMessage']);
      return number;
    };
    if (props.reminders) this.remindersNumber = requestNumber('RemindersNumber', props.reminders);
    if (props.codes) this.codesNumber = requestNumber('CodesNumber', props.codes);

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
