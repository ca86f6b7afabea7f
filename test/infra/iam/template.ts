/**
 * The synthesized template as a real account would see it: every intrinsic (Ref, GetAtt, Join,
 * Sub, Select, Split) resolved to a fictional account and region, and every policy the template
 * holds (identity, trust, queue, topic, key, Lambda permissions) found by the resource it governs.
 */
import { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { parseOperatorConfig } from '../../../infra/config.ts';
import { RehabStack } from '../../../infra/stack.ts';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
export const PARTITION = 'aws';
export const STACK = 'RehabReminders';

export type PolicyDocument = { Version?: string; Statement: Statement[] };
export type Statement = {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
};
type Resource = { Type: string; Properties?: Record<string, unknown> };
export type CustomResourceCall = {
  service: string;
  action: string;
  parameters?: Record<string, unknown>;
};

const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/** The template `cdk deploy` sends for these settings: environment-agnostic, as infra/app.ts makes it. */
export function synthDeployTemplate(settings: unknown): Record<string, unknown> {
  const app = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
  new RehabStack(app, STACK, { config: parseOperatorConfig(withClinicContact(settings)) });
  return app.synth().getStackByName(STACK).template as Record<string, unknown>;
}

const arn = (service: string, resource: string, region = REGION) =>
  `arn:${PARTITION}:${service}:${region}:${ACCOUNT}:${resource}`;

export class ResolvedTemplate {
  readonly resources: Record<string, Resource>;

  constructor(template: Record<string, unknown>) {
    this.resources = template.Resources as Record<string, Resource>;
  }

  /** The fictional physical name CloudFormation would generate (or the one the template sets). */
  private physicalName(id: string): string {
    const r = this.resource(id);
    const props = r.Properties ?? {};
    const named = { 'AWS::Scheduler::ScheduleGroup': 'Name', 'AWS::DynamoDB::GlobalTable': 'TableName' }[
      r.Type
    ];
    const explicit = named ? props[named] : undefined;
    return explicit ? String(this.resolve(explicit)) : `${STACK}-${id}`;
  }

  resource(id: string): Resource {
    const r = this.resources[id];
    if (!r) throw new Error(`no resource ${id} in the template`);
    return r;
  }

  ref(id: string): string {
    const pseudo: Record<string, string> = {
      'AWS::AccountId': ACCOUNT,
      'AWS::Region': REGION,
      'AWS::Partition': PARTITION,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': STACK,
    };
    if (pseudo[id]) return pseudo[id];
    const { Type } = this.resource(id);
    const name = this.physicalName(id);
    switch (Type) {
      case 'AWS::SQS::Queue':
        return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
      case 'AWS::SNS::Topic':
        return arn('sns', name);
      case 'AWS::KMS::Key':
        return `key-${id}`;
      case 'AWS::SecretsManager::Secret':
        return arn('secretsmanager', `secret:${name}-AbCdEf`);
      case 'AWS::ApiGatewayV2::Api':
        return 'a1b2c3d4e5';
      case 'AWS::S3::Bucket':
        return name.toLowerCase();
      case 'AWS::CloudFront::Distribution':
        return 'E1A2B3C4D5E6F7';
      default:
        return name;
    }
  }

  getAtt(id: string, attribute: string): string {
    const { Type } = this.resource(id);
    const name = this.physicalName(id);
    const key = `${Type}.${attribute}`;
    switch (key) {
      case 'AWS::DynamoDB::GlobalTable.Arn':
        return arn('dynamodb', `table/${name}`);
      case 'AWS::DynamoDB::GlobalTable.StreamArn':
        return arn('dynamodb', `table/${name}/stream/2026-11-30T00:00:00.000`);
      case 'AWS::SQS::Queue.Arn':
        return arn('sqs', name);
      case 'AWS::SQS::Queue.QueueName':
        return name;
      case 'AWS::SQS::Queue.QueueUrl':
        return this.ref(id);
      case 'AWS::SNS::Topic.TopicArn':
        return this.ref(id);
      case 'AWS::SNS::Topic.TopicName':
        return name;
      case 'AWS::KMS::Key.Arn':
        return arn('kms', `key/${this.ref(id)}`);
      case 'AWS::IAM::Role.Arn':
        return `arn:${PARTITION}:iam::${ACCOUNT}:role/${name}`;
      case 'AWS::Lambda::Function.Arn':
        return arn('lambda', `function:${name}`);
      case 'AWS::Logs::LogGroup.Arn':
        return arn('logs', `log-group:${name}:*`);
      case 'AWS::Scheduler::ScheduleGroup.Arn':
        return arn('scheduler', `schedule-group/${name}`);
      case 'AWS::CloudWatch::Alarm.Arn':
        return arn('cloudwatch', `alarm:${name}`);
      case 'AWS::CloudFront::Distribution.DomainName':
        return 'd111111abcdef8.cloudfront.net';
      case 'AWS::S3::Bucket.Arn':
        return `arn:${PARTITION}:s3:::${name.toLowerCase()}`;
      case 'AWS::SMSVOICE::PhoneNumber.Arn':
        return arn('sms-voice', `phone-number/phone-${id.toLowerCase()}`);
      case 'AWS::SMSVOICE::PhoneNumber.PhoneNumber':
        return '+18885550199';
      case 'AWS::SMSVOICE::PhoneNumber.PhoneNumberId':
        return `phone-${id.toLowerCase()}`;
      // An adopted number: the E.164 number UpdatePhoneNumber answers (infra/constructs/sms-channel.ts).
      case 'Custom::AWS.PhoneNumber':
        return '+18885550177';
      case 'AWS::SMSVOICE::OptOutList.Arn':
        return arn('sms-voice', `opt-out-list/${name}`);
      case 'AWS::SMSVOICE::ProtectConfiguration.Arn':
        return arn('sms-voice', `protect-configuration/${this.getAtt(id, 'ProtectConfigurationId')}`);
      case 'AWS::SMSVOICE::ProtectConfiguration.ProtectConfigurationId':
        return `protect-${id.toLowerCase()}`;
      case 'AWS::Events::Rule.Arn':
        return arn('events', `rule/${name}`);
      case 'AWS::ApiGatewayV2::Api.ApiEndpoint':
        return `https://${this.ref(id)}.execute-api.${REGION}.amazonaws.com`;
      default:
        throw new Error(`no fictional value for GetAtt ${id}.${attribute} (${key}): add one`);
    }
  }

  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [fn, arg] = entries[0]!;
      switch (fn) {
        case 'Ref':
          return this.ref(arg as string);
        case 'Fn::GetAtt': {
          const [id, attribute] = Array.isArray(arg) ? (arg as string[]) : String(arg).split('.');
          return this.getAtt(id!, attribute!);
        }
        case 'Fn::Join': {
          const [sep, parts] = arg as [string, unknown[]];
          return (this.resolve(parts) as unknown[]).join(sep);
        }
        case 'Fn::Select': {
          const [index, list] = arg as [number, unknown];
          return (this.resolve(list) as unknown[])[Number(index)];
        }
        case 'Fn::Split': {
          const [sep, source] = arg as [string, unknown];
          return String(this.resolve(source)).split(sep);
        }
        case 'Fn::Sub': {
          const [text, vars] = Array.isArray(arg)
            ? (arg as [string, Record<string, unknown>])
            : [arg as string, {}];
          return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
            if (name in vars) return String(this.resolve(vars[name]));
            const [id, attribute] = name.split('.');
            return attribute ? this.getAtt(id!, attribute) : this.ref(id!);
          });
        }
        default:
          if (fn.startsWith('Fn::')) throw new Error(`intrinsic ${fn} is not resolved here: add it`);
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  }

  idsOfType(type: string): string[] {
    return Object.entries(this.resources)
      .filter(([, r]) => r.Type === type)
      .map(([id]) => id);
  }

  props(id: string): Record<string, unknown> {
    return this.resolve(this.resource(id).Properties ?? {}) as Record<string, unknown>;
  }

  /** The function whose POWERTOOLS_SERVICE_NAME is `service` (its folder under functions/). */
  functionId(service: string): string {
    const id = this.idsOfType('AWS::Lambda::Function').find(
      (f) => this.environment(f).POWERTOOLS_SERVICE_NAME === service,
    );
    if (!id) throw new Error(`no function ${service} in the template`);
    return id;
  }

  environment(functionId: string): Record<string, string> {
    const env = this.props(functionId).Environment as { Variables?: Record<string, string> } | undefined;
    return env?.Variables ?? {};
  }

  roleOf(functionId: string): string {
    const role = this.resource(functionId).Properties?.Role as { 'Fn::GetAtt': [string, string] };
    return role['Fn::GetAtt'][0];
  }

  /** Every policy attached to the role: AWS::IAM::Policy resources and the role's inline policies. */
  identityPolicies(roleId: string): { name: string; policy: PolicyDocument }[] {
    const attached = this.idsOfType('AWS::IAM::Policy')
      .filter((id) =>
        ((this.resource(id).Properties?.Roles as { Ref: string }[]) ?? []).some((r) => r.Ref === roleId),
      )
      .map((id) => ({ name: id, policy: this.props(id).PolicyDocument as PolicyDocument }));
    const inline = (
      (this.props(roleId).Policies as { PolicyName: string; PolicyDocument: PolicyDocument }[]) ?? []
    ).map((p) => ({ name: p.PolicyName, policy: p.PolicyDocument }));
    return [...attached, ...inline];
  }

  /** The deploy-time calls of CDK's AwsCustomResource (its Create call), resolved. */
  customResourceCalls(): CustomResourceCall[] {
    return this.idsOfType('Custom::AWS').map(
      (id) => JSON.parse((this.props(id) as { Create: string }).Create) as CustomResourceCall,
    );
  }

  /** The ARN of the KMS key a topic is encrypted with. */
  topicKeyArn(topicArn: string): string {
    const id = this.idsOfType('AWS::SNS::Topic').find((t) => this.ref(t) === topicArn);
    const master = id ? (this.resource(id).Properties?.KmsMasterKeyId as unknown) : undefined;
    if (!master) throw new Error(`topic ${topicArn} is not encrypted with a key of the template`);
    const keyId = this.idsOfType('AWS::KMS::Key').find((k) => JSON.stringify(master).includes(`"${k}"`));
    if (!keyId) throw new Error(`topic ${topicArn}: its key is not in the template`);
    return this.getAtt(keyId, 'Arn');
  }

  trustPolicy(roleId: string): PolicyDocument {
    return this.props(roleId).AssumeRolePolicyDocument as PolicyDocument;
  }

  /**
   * The resource policy AWS evaluates for a queue, topic, key, End User Messaging resource or
   * function ARN (undefined: none).
   */
  resourcePolicy(resourceArn: string): PolicyDocument | undefined {
    for (const id of this.idsOfType('AWS::SQS::QueuePolicy')) {
      const p = this.props(id);
      const urls = p.Queues as string[];
      if (urls.some((url) => arn('sqs', url.split('/').pop()!) === resourceArn))
        return p.PolicyDocument as PolicyDocument;
    }
    for (const id of this.idsOfType('AWS::SNS::TopicPolicy')) {
      const p = this.props(id);
      if ((p.Topics as string[]).includes(resourceArn)) return p.PolicyDocument as PolicyDocument;
    }
    for (const id of this.idsOfType('AWS::KMS::Key')) {
      if (this.getAtt(id, 'Arn') === resourceArn) return this.props(id).KeyPolicy as PolicyDocument;
    }
    for (const id of this.idsOfType('AWS::SMSVOICE::ResourcePolicy')) {
      const p = this.props(id);
      if (p.ResourceArn === resourceArn) return p.PolicyDocument as PolicyDocument;
    }
    // An adopted number or opt-out list: the policy a deploy-time PutResourcePolicy writes.
    for (const call of this.customResourceCalls()) {
      if (call.action === 'putResourcePolicy' && call.parameters?.ResourceArn === resourceArn)
        return JSON.parse(String(call.parameters.Policy)) as PolicyDocument;
    }
    // A bucket's policy covers its objects (arn:…:s3:::bucket/key).
    for (const id of this.idsOfType('AWS::S3::BucketPolicy')) {
      const p = this.props(id);
      const bucketArn = `arn:${PARTITION}:s3:::${String(this.resolve(p.Bucket))}`;
      if (resourceArn === bucketArn || resourceArn.startsWith(`${bucketArn}/`))
        return this.resolve(p.PolicyDocument) as PolicyDocument;
    }
    const fn = this.idsOfType('AWS::Lambda::Function').find((id) => this.getAtt(id, 'Arn') === resourceArn);
    if (fn) return this.lambdaPolicy(fn);
    return undefined;
  }

  /** A function's resource policy, as Lambda builds it from AWS::Lambda::Permission resources. */
  private lambdaPolicy(functionId: string): PolicyDocument {
    const fnArn = this.getAtt(functionId, 'Arn');
    const fnName = this.ref(functionId);
    const Statement = this.idsOfType('AWS::Lambda::Permission')
      .map((id) => this.props(id))
      .filter((p) => p.FunctionName === fnArn || p.FunctionName === fnName)
      .map((p): Statement => {
        const principal = String(p.Principal);
        const Condition: Statement['Condition'] = {};
        if (p.SourceArn) Condition.ArnLike = { 'aws:SourceArn': p.SourceArn };
        if (p.SourceAccount) Condition.StringEquals = { 'aws:SourceAccount': p.SourceAccount };
        return {
          Effect: 'Allow',
          Principal: principal.endsWith('.amazonaws.com') ? { Service: principal } : { AWS: principal },
          Action: String(p.Action),
          Resource: fnArn,
          ...(Object.keys(Condition).length ? { Condition } : {}),
        };
      });
    return { Version: '2012-10-17', Statement };
  }
}

/** A stack texting from its own number must name how patients reach a person (HELP): a contact. */
function withClinicContact(settings: unknown): unknown {
  const s = (settings ?? {}) as { runtime?: Record<string, unknown> };
  return { ...s, runtime: { clinicContact: '(415) 555-0100', ...s.runtime } };
}
