/**
 * What happens between services in a deployed stack, as IAM requests: each names the principal and
 * the context keys AWS documents for it, and the page it rests on. Found from the template itself
 * (event source mappings, subscriptions, alarms, routes, environment), so a new edge in the stack
 * shows up here without being typed in by hand.
 */
import type { IamRequest } from './evaluate.ts';
import { ACCOUNT, PARTITION, REGION, type ResolvedTemplate } from './template.ts';

const DOCS = {
  schedulerTrust:
    'https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html',
  schedulerRole:
    'https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role',
  sqsKms:
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html',
  sqsMapping: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#events-sqs-permissions',
  streamMapping: 'https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#events-dynamodb-permissions',
  onFailure:
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html#services-dynamodb-errors',
  asyncDlq:
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-dlq',
  snsLambda: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html',
  snsDlq: 'https://docs.aws.amazon.com/sns/latest/dg/sns-configure-dead-letter-queue.html',
  snsSse: 'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services',
  twoWaySms: 'https://docs.aws.amazon.com/sms-voice/latest/userguide/two-way-sms.html',
  alarmTopic:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html',
  logsKms: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
  apiLambda:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html',
  secretsKms: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
  lambdaRole: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
  xray: 'https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html',
  smsSettings: 'https://docs.aws.amazon.com/sns/latest/api/API_SetSMSAttributes.html',
  snsSmsAccess: 'https://docs.aws.amazon.com/sns/latest/dg/sns-sms-access-management.html',
  protectDefault: 'https://docs.aws.amazon.com/sms-voice/latest/userguide/protect-configurations.html',
  smsVoiceActions:
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsendusermessagingsmsandvoicev2.html',
  eventsLambda:
    'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-lambda-permissions',
  smsStatusRole: 'https://docs.aws.amazon.com/sns/latest/dg/sms_stats_cloudwatch.html',
  logsLambda:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample',
  logsCalls:
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html',
  passRole: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
  cloudFrontOac:
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html',
};

/** The deploy-time calls of CDK's AwsCustomResource, as IAM names their service. */
const CUSTOM_RESOURCE_SERVICES: Record<string, string> = {
  SNS: 'sns',
  PinpointSMSVoiceV2: 'sms-voice',
  CloudWatchLogs: 'logs',
};

/** The HTTP contract's routes (DESIGN.md), as API Gateway names them in the invoke's source ARN. */
export const API_ROUTES = [
  'GET/',
  'GET/movements',
  'POST/screenings',
  'POST/proposals',
  'POST/assessments',
  'POST/verifications',
  'POST/verifications/resend',
  // The plan page and what it asks of the API (a sample token: the routes are the same for any).
  'GET/p/Jx3kQ9vT2bLm8RzW4nPa0c',
  'POST/p/Jx3kQ9vT2bLm8RzW4nPa0c/done',
  'POST/p/Jx3kQ9vT2bLm8RzW4nPa0c/pain',
  'GET/p/Jx3kQ9vT2bLm8RzW4nPa0c/previous',
] as const;

/**
 * The clinic console's requests as API Gateway routes them to the console function: its pages, its
 * API (behind the JWT authorizer, which calls no AWS API: it reads the user pool's public keys) and
 * the invite links.
 */
export const CONSOLE_API_ROUTES = [
  'GET/console',
  'GET/console/patient',
  'GET/console/alerts',
  'GET/console/api/patients',
  'GET/console/api/patients/P-0123ABCD',
  'POST/console/api/patients/P-0123ABCD/actions',
  'PUT/console/api/patients/P-0123ABCD/reference',
  'POST/console/api/invites',
  'GET/i/Jx3kAbCdEfGhIjKlMnOpQr',
] as const;

const sqsKmsContext = (queueArn: string) => ({
  'kms:ViaService': `sqs.${REGION}.amazonaws.com`,
  'kms:EncryptionContext:aws:sqs:arn': queueArn,
});

/** A producer of an encrypted queue or topic needs the key too: these two actions. */
const PRODUCER_KMS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

export class StackEdges {
  readonly keyArn: string;
  constructor(private readonly t: ResolvedTemplate) {
    const [key] = t.idsOfType('AWS::KMS::Key');
    this.keyArn = t.getAtt(key!, 'Arn');
  }

  private fn(service: string) {
    const id = this.t.functionId(service);
    return { id, role: this.t.roleOf(id), arn: this.t.getAtt(id, 'Arn'), env: this.t.environment(id) };
  }

  get scheduling() {
    const env = this.fn('schedule-sync').env;
    const [groupId] = this.t.idsOfType('AWS::Scheduler::ScheduleGroup');
    const roleArn = env.SCHEDULER_ROLE_ARN!;
    const role = this.t.idsOfType('AWS::IAM::Role').find((id) => this.t.getAtt(id, 'Arn') === roleArn)!;
    return {
      groupArn: this.t.getAtt(groupId!, 'Arn'),
      groupName: env.SCHEDULE_GROUP_NAME!,
      role,
      roleArn,
      queueArn: env.REMINDER_QUEUE_ARN!,
      dlqArn: env.SCHEDULER_DLQ_ARN!,
    };
  }

  get inboundTopicArn(): string {
    return this.subscriptions().find((s) => s.Protocol === 'lambda')!.TopicArn;
  }

  get alarmTopicArn(): string {
    const [alarm] = this.alarms();
    return alarm!.actions[0]!;
  }

  subscriptions() {
    return this.t.idsOfType('AWS::SNS::Subscription').map(
      (id) =>
        this.t.props(id) as {
          Protocol: string;
          TopicArn: string;
          Endpoint: string;
          RedrivePolicy?: { deadLetterTargetArn: string };
        },
    );
  }

  alarms() {
    return this.t.idsOfType('AWS::CloudWatch::Alarm').map((id) => {
      const p = this.t.props(id) as { AlarmActions?: string[] };
      return { id, arn: this.t.getAtt(id, 'Arn'), actions: p.AlarmActions ?? [] };
    });
  }

  private sendsToEncryptedQueue(
    name: string,
    principal: IamRequest['principal'],
    queueArn: string,
    source: string,
    context: Record<string, string> = {},
  ): IamRequest[] {
    return [
      { name, principal, action: 'sqs:SendMessage', resource: queueArn, context, source },
      ...PRODUCER_KMS.map((action) => ({
        name: `${name} (key)`,
        principal,
        action,
        resource: this.keyArn,
        context: { ...context, ...sqsKmsContext(queueArn) },
        source: DOCS.sqsKms,
      })),
    ];
  }

  /** Every request one service makes of another in the deployed stack, each expected Allowed. */
  all(): IamRequest[] {
    const t = this.t;
    const requests: IamRequest[] = [];
    const s = this.scheduling;

    // CloudFront reads the static files through origin access control: as its service principal,
    // presenting the distribution's ARN (the bucket policy allows that distribution only).
    for (const distribution of t.idsOfType('AWS::CloudFront::Distribution'))
      for (const bucket of t.idsOfType('AWS::S3::Bucket'))
        requests.push({
          name: 'CloudFront (origin access control) → the static files bucket',
          principal: { service: 'cloudfront.amazonaws.com' },
          action: 's3:GetObject',
          resource: `${t.getAtt(bucket, 'Arn')}/assets/app.0123456789.js`,
          context: {
            'aws:SourceArn': `arn:${PARTITION}:cloudfront::${ACCOUNT}:distribution/${t.ref(distribution)}`,
          },
          source: DOCS.cloudFrontOac,
        });

    // Scheduler: assumes its role presenting the schedule group, then sends to the queue or its DLQ.
    requests.push(this.schedulerAssumesRole(s.groupArn, ACCOUNT));
    requests.push(
      ...this.sendsToEncryptedQueue(
        'Scheduler role → reminder queue',
        { role: s.role },
        s.queueArn,
        DOCS.schedulerRole,
      ),
      ...this.sendsToEncryptedQueue(
        'Scheduler role → its dead-letter queue',
        { role: s.role },
        s.dlqArn,
        DOCS.schedulerRole,
      ),
    );

    for (const service of this.services()) {
      const f = this.fn(service);
      const fnProps = t.props(f.id) as {
        LoggingConfig?: { LogGroup?: string };
        DeadLetterConfig?: { TargetArn?: string };
      };
      requests.push({
        name: `Lambda assumes the ${service} role`,
        principal: { service: 'lambda.amazonaws.com' },
        action: 'sts:AssumeRole',
        resource: t.getAtt(f.role, 'Arn'),
        source: DOCS.lambdaRole,
      });
      const logGroup = fnProps.LoggingConfig?.LogGroup;
      if (!logGroup) throw new Error(`${service} has no log group of its own`);
      const logGroupArn = `arn:${PARTITION}:logs:${REGION}:${ACCOUNT}:log-group:${logGroup}`;
      for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents'])
        requests.push({
          name: `${service} writes its logs`,
          principal: { role: f.role },
          action,
          resource: `${logGroupArn}:log-stream:2026/11/30/[$LATEST]0123456789abcdef`,
          source: DOCS.lambdaRole,
        });
      for (const action of ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'])
        requests.push({
          name: `CloudWatch Logs encrypts the ${service} log group`,
          principal: { service: `logs.${REGION}.amazonaws.com` },
          action,
          resource: this.keyArn,
          context: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn },
          source: DOCS.logsKms,
        });
      for (const action of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'])
        requests.push({
          name: `${service} sends traces`,
          principal: { role: f.role },
          action,
          resource: '*',
          source: DOCS.xray,
        });
      // Secrets the function reads at init, through the data key when the stack made them.
      for (const [name, secretArn] of Object.entries(f.env).filter(([k]) => k.endsWith('_SECRET_ARN'))) {
        requests.push({
          name: `${service} reads ${name}`,
          principal: { role: f.role },
          action: 'secretsmanager:GetSecretValue',
          resource: secretArn,
          source: DOCS.secretsKms,
        });
        if (secretArn.includes(`:${ACCOUNT}:secret:${t.ref('AWS::StackName')}`))
          requests.push({
            name: `${service} reads ${name} (key, via Secrets Manager)`,
            principal: { role: f.role },
            action: 'kms:Decrypt',
            resource: this.keyArn,
            context: {
              'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com`,
              'kms:EncryptionContext:SecretARN': secretArn,
            },
            source: DOCS.secretsKms,
          });
      }
      if (fnProps.DeadLetterConfig?.TargetArn)
        requests.push(
          ...this.sendsToEncryptedQueue(
            `Lambda puts a failed async ${service} event on its DLQ`,
            { role: f.role },
            fnProps.DeadLetterConfig.TargetArn,
            DOCS.asyncDlq,
          ),
        );
    }

    // Event source mappings: Lambda polls with the function's role; failures go on-failure.
    for (const id of t.idsOfType('AWS::Lambda::EventSourceMapping')) {
      const m = t.props(id) as {
        FunctionName: string;
        EventSourceArn: string;
        DestinationConfig?: { OnFailure?: { Destination?: string } };
      };
      const fnId = t
        .idsOfType('AWS::Lambda::Function')
        .find((f) => t.ref(f) === m.FunctionName || t.getAtt(f, 'Arn') === m.FunctionName)!;
      const role = t.roleOf(fnId);
      const service = t.environment(fnId).POWERTOOLS_SERVICE_NAME;
      if (m.EventSourceArn.includes(':sqs:')) {
        for (const action of [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueAttributes',
        ])
          requests.push({
            name: `${service} polls its queue`,
            principal: { role },
            action,
            resource: m.EventSourceArn,
            source: DOCS.sqsMapping,
          });
        requests.push({
          name: `${service} polls its queue (key)`,
          principal: { role },
          action: 'kms:Decrypt',
          resource: this.keyArn,
          context: sqsKmsContext(m.EventSourceArn),
          source: DOCS.sqsKms,
        });
      } else {
        for (const action of ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'])
          requests.push({
            name: `${service} reads the table stream`,
            principal: { role },
            action,
            resource: m.EventSourceArn,
            source: DOCS.streamMapping,
          });
        requests.push({
          name: `${service} lists the table's streams`,
          principal: { role },
          action: 'dynamodb:ListStreams',
          resource: '*',
          source: DOCS.streamMapping,
        });
      }
      const onFailure = m.DestinationConfig?.OnFailure?.Destination;
      if (onFailure)
        requests.push(
          ...this.sendsToEncryptedQueue(
            `${service} mapping → on-failure queue`,
            { role },
            onFailure,
            DOCS.onFailure,
          ),
        );
    }

    // SNS: invokes the inbound function, and puts what it could not deliver on the subscription DLQ.
    for (const sub of this.subscriptions().filter((x) => x.Protocol === 'lambda')) {
      const context = { 'aws:SourceArn': sub.TopicArn, 'aws:SourceAccount': ACCOUNT };
      requests.push({
        name: 'SNS (inbound topic) invokes the inbound function',
        principal: { service: 'sns.amazonaws.com' },
        action: 'lambda:InvokeFunction',
        resource: sub.Endpoint,
        context: { 'aws:SourceArn': sub.TopicArn },
        source: DOCS.snsLambda,
      });
      if (sub.RedrivePolicy)
        requests.push(
          ...this.sendsToEncryptedQueue(
            'SNS → the inbound subscription DLQ',
            { service: 'sns.amazonaws.com' },
            sub.RedrivePolicy.deadLetterTargetArn,
            DOCS.snsDlq,
            context,
          ),
        );
    }

    // EventBridge rules (the clinic's hourly sweep) invoke their target functions.
    for (const id of t.idsOfType('AWS::Events::Rule')) {
      const targets = (t.props(id).Targets as { Arn: string }[] | undefined) ?? [];
      for (const target of targets.filter((x) => x.Arn.includes(':lambda:')))
        requests.push(this.ruleInvokes(t.getAtt(id, 'Arn'), target.Arn, ACCOUNT));
    }
    // SNS's SMS delivery status log (sms.recordDeliveries): SNS writes it with the stack's role,
    // CloudWatch Logs hands each line to the recorder.
    requests.push(...this.smsDeliveryStatus(ACCOUNT));

    // End User Messaging (two-way SMS) publishes replies to the encrypted inbound topic.
    requests.push(...this.smsPublishesInbound(ACCOUNT));

    // Every alarm publishes to the encrypted alarm topic.
    for (const alarm of this.alarms()) {
      for (const topicArn of alarm.actions)
        requests.push(...this.alarmPublishes(alarm.arn, topicArn, ACCOUNT));
    }

    // API Gateway invokes intake for every route of the HTTP contract.
    const intake = this.fn('intake');
    for (const route of API_ROUTES) requests.push(this.apiInvokes(route, intake.arn, t.ref(this.apiId())));
    // …and the console for its pages, API and invite links.
    const consoleFn = this.fn('console');
    for (const route of CONSOLE_API_ROUTES)
      requests.push(this.apiInvokes(route, consoleFn.arn, t.ref(this.apiId()), 'console'));

    // End User Messaging (sms.channel): SNS sends through the stack's numbers and opt-out list.
    requests.push(...this.snsUsesSmsChannel(ACCOUNT));

    // Deploy-time custom resources: the account's SMS settings, the default protect configuration,
    // SNS's status log groups, and an adopted number or opt-out list (sms.channel: by id or name).
    for (const id of t.idsOfType('Custom::AWS')) {
      const p = t.props(id) as { ServiceToken: string; Create: string; Delete?: string };
      const provider = t
        .idsOfType('AWS::Lambda::Function')
        .find((f) => t.getAtt(f, 'Arn') === p.ServiceToken)!;
      for (const json of [p.Create, p.Delete].filter((c): c is string => c !== undefined)) {
        const call = JSON.parse(json) as {
          service: string;
          action: string;
          parameters?: Record<string, string> & { attributes?: Record<string, string> };
        };
        const action = `${CUSTOM_RESOURCE_SERVICES[call.service]}:${call.action[0]!.toUpperCase()}${call.action.slice(1)}`;
        for (const resource of this.customResourceTargets(call.parameters ?? {}))
          requests.push({
            name: `deploy: custom resource ${call.action}`,
            principal: { role: t.roleOf(provider) },
            action,
            resource,
            source:
              { SNS: DOCS.smsSettings, CloudWatchLogs: DOCS.logsCalls }[call.service] ??
              (call.action.startsWith('setAccountDefault') || call.action.startsWith('deleteAccountDefault')
                ? DOCS.protectDefault
                : DOCS.smsVoiceActions),
          });
        // Naming a role in the account's SMS settings passes it to SNS.
        const statusRole = call.parameters?.attributes?.DeliveryStatusIAMRole;
        if (statusRole)
          requests.push({
            name: 'deploy: the SMS settings pass the delivery status role to SNS',
            principal: { role: t.roleOf(provider) },
            action: 'iam:PassRole',
            resource: statusRole,
            context: { 'iam:PassedToService': 'sns.amazonaws.com' },
            source: DOCS.passRole,
          });
      }
    }
    return requests;
  }

  logGroupArn(name: string): string {
    return `arn:${PARTITION}:logs:${REGION}:${ACCOUNT}:log-group:${name}`;
  }

  phoneNumberArn(phoneNumberId: string): string {
    return `arn:${PARTITION}:sms-voice:${REGION}:${ACCOUNT}:phone-number/${phoneNumberId}`;
  }

  optOutListArn(name: string): string {
    return `arn:${PARTITION}:sms-voice:${REGION}:${ACCOUNT}:opt-out-list/${name}`;
  }

  /**
   * What a deploy-time call acts on, as IAM authorizes it: the protect configuration, the log group,
   * an adopted number (and the opt-out list UpdatePhoneNumber names: its optional resource type),
   * the resource a policy is put on; "*" for account-wide calls.
   */
  private customResourceTargets(parameters: Record<string, unknown>): string[] {
    const p = parameters as Record<string, string | undefined>;
    if (p.ProtectConfigurationId) return [this.protectConfigurationArn(p.ProtectConfigurationId)];
    if (p.logGroupName) return [this.logGroupArn(p.logGroupName)];
    if (p.ResourceArn) return [p.ResourceArn];
    const phoneNumberId = p.PhoneNumberId ?? p.OriginationIdentity;
    if (phoneNumberId)
      return [
        this.phoneNumberArn(phoneNumberId),
        ...(p.OptOutListName ? [this.optOutListArn(p.OptOutListName)] : []),
      ];
    return ['*'];
  }

  /** The role the account's SMS settings name for SNS's delivery status log, if the stack sets one. */
  get smsStatusRoleArn(): string | undefined {
    for (const id of this.t.idsOfType('Custom::AWS')) {
      const create = JSON.parse((this.t.props(id) as { Create: string }).Create) as {
        parameters?: { attributes?: Record<string, string> };
      };
      const role = create.parameters?.attributes?.DeliveryStatusIAMRole;
      if (role) return role;
    }
    return undefined;
  }

  /**
   * SNS assumes the status role (on behalf of `account`) and writes its two log groups with it; each
   * group's subscription invokes the recorder. Empty when the stack records no deliveries.
   */
  smsDeliveryStatus(account: string): IamRequest[] {
    const roleArn = this.smsStatusRoleArn;
    if (!roleArn) return [];
    const role = this.t.idsOfType('AWS::IAM::Role').find((id) => this.t.getAtt(id, 'Arn') === roleArn)!;
    const requests: IamRequest[] = [
      {
        // AWS documents no condition key SNS sends when it assumes this role: none is presented, so
        // a trust that required one would refuse here, as it would in the account.
        name: 'SNS assumes the SMS delivery status role',
        principal: { service: 'sns.amazonaws.com' },
        action: 'sts:AssumeRole',
        resource: roleArn,
        source: DOCS.smsStatusRole,
      },
    ];
    for (const id of this.t.idsOfType('AWS::Logs::SubscriptionFilter')) {
      const f = this.t.props(id) as { LogGroupName: string; DestinationArn: string };
      const groupArn = this.logGroupArn(f.LogGroupName);
      for (const [action, resource] of [
        ['logs:CreateLogGroup', groupArn],
        ['logs:CreateLogStream', `${groupArn}:log-stream:1234abcd-5678`],
        ['logs:PutLogEvents', `${groupArn}:log-stream:1234abcd-5678`],
      ] as const)
        requests.push({
          name: `SNS writes SMS delivery status to ${f.LogGroupName}`,
          principal: { role },
          action,
          resource,
          source: DOCS.smsStatusRole,
        });
      requests.push({
        name: `CloudWatch Logs (${f.LogGroupName}) invokes the recorder`,
        principal: { service: 'logs.amazonaws.com' },
        action: 'lambda:InvokeFunction',
        resource: f.DestinationArn,
        context: { 'aws:SourceArn': `${groupArn}:*`, 'aws:SourceAccount': account },
        source: DOCS.logsLambda,
      });
    }
    return requests;
  }

  apiId(): string {
    const [api] = this.t.idsOfType('AWS::ApiGatewayV2::Api');
    return api!;
  }

  ruleInvokes(ruleArn: string, functionArn: string, account: string): IamRequest {
    return {
      name: `EventBridge rule ${ruleArn.split('/').pop()} invokes its function`,
      principal: { service: 'events.amazonaws.com' },
      action: 'lambda:InvokeFunction',
      resource: functionArn,
      context: { 'aws:SourceArn': ruleArn, 'aws:SourceAccount': account },
      source: DOCS.eventsLambda,
    };
  }

  schedulerAssumesRole(sourceArn: string, account: string): IamRequest {
    const s = this.scheduling;
    return {
      name: 'Scheduler assumes its role (source: the schedule group)',
      principal: { service: 'scheduler.amazonaws.com' },
      action: 'sts:AssumeRole',
      resource: s.roleArn,
      context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': account },
      source: DOCS.schedulerTrust,
    };
  }

  /**
   * The stack's End User Messaging resources (sms.channel): the numbers and opt-out list it made,
   * and those it adopted (a deploy-time UpdatePhoneNumber, a PutResourcePolicy on the list). Empty
   * when it has none.
   */
  get smsChannel() {
    const t = this.t;
    const calls = t.customResourceCalls().filter((c) => c.service === 'PinpointSMSVoiceV2');
    const adoptedNumbers = calls
      .filter((c) => c.action === 'updatePhoneNumber')
      .map((c) => this.phoneNumberArn(String(c.parameters?.PhoneNumberId)));
    const adoptedLists = calls
      .filter(
        (c) =>
          c.action === 'putResourcePolicy' && String(c.parameters?.ResourceArn).includes(':opt-out-list/'),
      )
      .map((c) => String(c.parameters?.ResourceArn));
    return {
      numberArns: [
        ...t.idsOfType('AWS::SMSVOICE::PhoneNumber').map((id) => t.getAtt(id, 'Arn')),
        ...adoptedNumbers,
      ],
      optOutListArns: [
        ...t.idsOfType('AWS::SMSVOICE::OptOutList').map((id) => t.getAtt(id, 'Arn')),
        ...adoptedLists,
      ],
    };
  }

  private protectConfigurationArn(protectConfigurationId: string): string {
    const id = this.t
      .idsOfType('AWS::SMSVOICE::ProtectConfiguration')
      .find((p) => this.t.getAtt(p, 'ProtectConfigurationId') === protectConfigurationId);
    if (!id) throw new Error(`no protect configuration ${protectConfigurationId} in the template`);
    return this.t.getAtt(id, 'Arn');
  }

  /**
   * SNS Publish of a text goes through End User Messaging: SNS (the service, on behalf of this
   * account) sends through the origination number and checks and updates the opt-out list.
   */
  snsUsesSmsChannel(account: string): IamRequest[] {
    const principal = { service: 'sns.amazonaws.com' };
    const context = { 'aws:SourceAccount': account };
    const { numberArns, optOutListArns } = this.smsChannel;
    return [
      ...numberArns.map((resource) => ({
        name: "SNS sends a text through the stack's number",
        principal,
        action: 'sms-voice:SendTextMessage',
        resource,
        context,
        source: DOCS.snsSmsAccess,
      })),
      ...optOutListArns.flatMap((resource) =>
        [
          'sms-voice:DescribeOptedOutNumbers',
          'sms-voice:PutOptedOutNumber',
          'sms-voice:DeleteOptedOutNumber',
        ].map((action) => ({
          name: "SNS uses the stack's opt-out list",
          principal,
          action,
          resource,
          context,
          source: DOCS.snsSmsAccess,
        })),
      ),
    ];
  }

  smsPublishesInbound(account: string): IamRequest[] {
    const context = {
      'aws:SourceAccount': account,
      'aws:SourceArn': `arn:${PARTITION}:sms-voice:${REGION}:${account}:phone-number/phone-0123456789abcdef`,
    };
    const principal = { service: 'sms-voice.amazonaws.com' };
    return [
      {
        name: 'two-way SMS → inbound topic',
        principal,
        action: 'sns:Publish',
        resource: this.inboundTopicArn,
        context,
        source: DOCS.twoWaySms,
      },
      ...PRODUCER_KMS.map((action) => ({
        name: 'two-way SMS → inbound topic (key)',
        principal,
        action,
        resource: this.keyArn,
        context,
        source: DOCS.snsSse,
      })),
    ];
  }

  alarmPublishes(alarmArn: string, topicArn: string, account: string): IamRequest[] {
    const context = { 'aws:SourceArn': alarmArn, 'aws:SourceAccount': account };
    const principal = { service: 'cloudwatch.amazonaws.com' };
    return [
      {
        name: `alarm ${alarmArn.split(':').pop()} → alarm topic`,
        principal,
        action: 'sns:Publish',
        resource: topicArn,
        context,
        source: DOCS.alarmTopic,
      },
      ...PRODUCER_KMS.map((action) => ({
        name: `alarm ${alarmArn.split(':').pop()} → alarm topic (key)`,
        principal,
        action,
        resource: this.keyArn,
        context,
        source: DOCS.snsSse,
      })),
    ];
  }

  /** The stack's functions, by their folder name (each BaseFunction's POWERTOOLS_SERVICE_NAME). */
  services(): string[] {
    return this.t
      .idsOfType('AWS::Lambda::Function')
      .map((id) => this.t.environment(id).POWERTOOLS_SERVICE_NAME)
      .filter((name): name is string => Boolean(name));
  }

  /**
   * API Gateway invokes with the *matched route's* path in the source ARN (`{proxy+}` as is, the way
   * CDK's integrations grant it), so a request is first matched to a route of the template.
   */

  apiInvokes(request: string, functionArn: string, apiId: string, target = 'intake'): IamRequest {
    const slash = request.indexOf('/');
    const method = request.slice(0, slash);
    const path = request.slice(slash);
    const routes = this.t
      .idsOfType('AWS::ApiGatewayV2::Route')
      .map((id) => String(this.t.props(id).RouteKey).split(' ') as [string, string]);
    const methodMatches = (m: string) => m === method || m === 'ANY';
    const greedyPrefix = (p: string) => p.slice(0, -'{proxy+}'.length);
    // API Gateway takes the most specific route: an exact path, else the longest greedy prefix; a
    // route of the request's own method before ANY.
    const bySpecificity = (a: [string, string], b: [string, string]) =>
      b[1].length - a[1].length || (a[0] === 'ANY' ? 1 : 0) - (b[0] === 'ANY' ? 1 : 0);
    const route =
      routes.filter(([m, p]) => methodMatches(m) && p === path).sort(bySpecificity)[0] ??
      // A one-segment parameter ({token}) is more specific than any greedy path.
      routes.find(
        ([m, p]) =>
          methodMatches(m) &&
          /\/\{[a-zA-Z]+\}$/.test(p) &&
          p.replace(/\{[a-zA-Z]+\}$/, '') === path.replace(/[^/]+$/, ''),
      ) ??
      routes
        .filter(
          ([m, p]) =>
            methodMatches(m) &&
            p.endsWith('/{proxy+}') &&
            path.startsWith(greedyPrefix(p)) &&
            path !== greedyPrefix(p),
        )
        .sort(bySpecificity)[0];
    if (!route) throw new Error(`no route of the HTTP API matches ${method} ${path}`);
    return {
      name: `API Gateway → ${target}: ${method} ${path} (route ${route.join(' ')})`,
      principal: { service: 'apigateway.amazonaws.com' },
      action: 'lambda:InvokeFunction',
      resource: functionArn,
      context: {
        'aws:SourceArn': `arn:${PARTITION}:execute-api:${REGION}:${ACCOUNT}:${apiId}/$default/${method}${route[1]}`,
      },
      source: DOCS.apiLambda,
    };
  }

  role(service: string): string {
    return this.fn(service).role;
  }

  functionArn(service: string): string {
    return this.fn(service).arn;
  }
}
