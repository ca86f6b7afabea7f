/**
 * The AWS requests the functions really sent during the system tests (local/aws-calls.ts), turned
 * into IAM requests against the deployed resources: a test's table, schedule group or role stands
 * for the one the function is deployed with (its environment variables in the template).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_NAMES, type FunctionName, type RecordedAwsCall } from '../../../local/aws-calls.ts';
import { ENV } from '../../../shared/env.ts';
import type { IamRequest } from './evaluate.ts';
import { ACCOUNT, PARTITION, REGION, type ResolvedTemplate } from './template.ts';

export function readRecordedCalls(dir: string): RecordedAwsCall[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
  const lines = new Set(files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)));
  return [...lines].map((line) => JSON.parse(line) as RecordedAwsCall);
}

/** The document client's commands and the low-level client's, by the IAM action they need. */
const DYNAMODB_ACTIONS: Record<string, string> = {
  GetCommand: 'GetItem',
  GetItemCommand: 'GetItem',
  PutCommand: 'PutItem',
  PutItemCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  UpdateItemCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  DeleteItemCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchWriteCommand: 'BatchWriteItem',
  BatchWriteItemCommand: 'BatchWriteItem',
  BatchGetCommand: 'BatchGetItem',
  BatchGetItemCommand: 'BatchGetItem',
};
/** Transactions are authorised per item (dynamodb:TransactWriteItems is not an IAM action). */
const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

/** A schedule name of the shape schedule-sync makes (shared/domain/scheduling/schedule.ts). */
const SAMPLE_SCHEDULE = 'reminder-0b7f4c1e-2d3a-4c5b-9e8f-a1b2c3d4e5f6-1';

export function iamRequestsFor(template: ResolvedTemplate, call: RecordedAwsCall): IamRequest[] {
  const fnId = template.functionId(call.fn);
  const role = template.roleOf(fnId);
  const env = template.environment(fnId);
  const label = `recorded: ${call.fn} ${call.command.replace(/Command$/, '')}`;
  const request = (action: string, resource: string, context?: IamRequest['context']): IamRequest => ({
    name: `${label} → ${action}`,
    principal: { role },
    action,
    resource,
    ...(context ? { context } : {}),
  });
  const deployed = (name: string, what: string) => {
    const value = env[name];
    if (!value) throw new Error(`${call.fn} sends ${call.command} but is deployed without ${name} (${what})`);
    return value;
  };

  if (call.client === 'DynamoDBDocumentClient' || call.client === 'DynamoDBClient') {
    const tableArn = `arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/${deployed(ENV.tableName, 'its table')}`;
    if (call.command.startsWith('Transact')) {
      return (call.input.TransactItems ?? []).map(({ operation }) => {
        const action = TRANSACT_ITEM_ACTIONS[operation];
        if (!action) throw new Error(`no IAM action known for a transaction's ${operation}`);
        return request(`dynamodb:${action}`, tableArn);
      });
    }
    const action = DYNAMODB_ACTIONS[call.command];
    if (!action) throw new Error(`no IAM action known for DynamoDB ${call.command}: add it`);
    return [
      request(
        `dynamodb:${action}`,
        call.input.IndexName ? `${tableArn}/index/${call.input.IndexName}` : tableArn,
      ),
    ];
  }

  if (call.client === 'SNSClient') {
    if (call.command === 'CheckIfPhoneNumberIsOptedOutCommand')
      return [request('sns:CheckIfPhoneNumberIsOptedOut', '*')];
    if (call.command === 'PublishCommand') {
      // A text to a phone number has no resource ARN: IAM evaluates it against "*".
      if (call.input.PhoneNumber) return [request('sns:Publish', '*')];
      // The clinic's alert topic (encrypted with the data key: the publisher needs the key too).
      if (call.input.TopicArn && env[ENV.clinicAlertTopicArn]) {
        const topicArn = deployed(ENV.clinicAlertTopicArn, 'the clinic alert topic');
        const keyArn = template.topicKeyArn(topicArn);
        return [
          request('sns:Publish', topicArn),
          ...['kms:GenerateDataKey', 'kms:Decrypt'].map((action) =>
            request(action, keyArn, { 'kms:ViaService': `sns.${REGION}.amazonaws.com` }),
          ),
        ];
      }
      throw new Error(
        `${call.fn} publishes to ${call.input.TopicArn ?? call.input.TargetArn}: map it to a deployed topic`,
      );
    }
  }

  // End User Messaging: the sender asks the opt-out list the stack's numbers use (sms.channel).
  if (call.client === 'SchedulerClient') {
    const action = call.command.replace(/Command$/, '');
    const group = deployed(ENV.scheduleGroupName, 'its schedule group');
    const schedule = `arn:${PARTITION}:scheduler:${REGION}:${ACCOUNT}:schedule/${group}/${SAMPLE_SCHEDULE}`;
    const requests = [request(`scheduler:${action}`, schedule)];
    if (call.input.Target?.RoleArn) {
      // Creating or updating a schedule with a role passes that role to Scheduler.
      requests.push(
        request('iam:PassRole', deployed(ENV.schedulerRoleArn, 'the role Scheduler assumes'), {
          'iam:PassedToService': 'scheduler.amazonaws.com',
        }),
      );
    }
    return requests;
  }

  if (call.client === 'PinpointSMSVoiceV2Client') {
    // End User Messaging's opt-out list: one IAM action per call, on the list the stack declares
    // (the environment names it; the ARN is the list's name in the stack's account and region).
    const action = call.command.replace(/Command$/, '');
    const list = deployed(ENV.smsOptOutListName, 'the opt-out list of its numbers');
    return [
      request(`sms-voice:${action}`, `arn:${PARTITION}:sms-voice:${REGION}:${ACCOUNT}:opt-out-list/${list}`),
    ];
  }

  if (call.client === 'SecretsManagerClient' && call.command === 'GetSecretValueCommand') {
    // The origin guard reads CloudFront's secret (functions/wiring/origin-guard.ts); the key to it
    // (kms:Decrypt via Secrets Manager) is an edge of its own (iam/edges.ts, every *_SECRET_ARN).
    return [
      request('secretsmanager:GetSecretValue', deployed(ENV.originSecretArn, "CloudFront's origin secret")),
    ];
  }

  throw new Error(`no IAM mapping for ${call.client} ${call.command} sent by ${call.fn}: add one`);
}

/** Every deployed function: each must have sent its requests in the system tests. */
export const CALLERS: readonly FunctionName[] = FUNCTION_NAMES;

/** Calls that only a stack with its SMS channel declared (sms.channel) can make: the opt-out list. */
export function needsSmsChannel(call: RecordedAwsCall): boolean {
  return call.client === 'PinpointSMSVoiceV2Client';
}
