/**
 * The IAM proof: DynamoDB Local and the local stack evaluate no IAM, so this evaluates, against the
 * policies of the template `cdk deploy` sends, every AWS request the functions really sent during
 * the system tests (recorded by local/aws-calls.ts; this project runs after them) and every request
 * one AWS service makes of another in the stack. Each must be allowed; strangers must not be.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_AWS_CALL_LOG_DIR } from '../../local/aws-calls.ts';
import { StackEdges } from './iam/edges.ts';
import { evaluate, type IamRequest } from './iam/evaluate.ts';
import { CALLERS, iamRequestsFor, readRecordedCalls } from './iam/recorded.ts';
import { ACCOUNT, PARTITION, REGION, ResolvedTemplate, synthDeployTemplate } from './iam/template.ts';

/** Every channel and option on, so every edge the stack can have is in the template. */
const FULL = {
  runtime: { allowedCountries: ['US', 'CA'], clinicContact: '(415) 555-0100' },
  sms: { originationNumber: '+18885550123', partsPerSecond: 3, manageAccountSettings: true },
  push: {
    vapidPublicKey: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
    vapidPrivateKeySecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rehab-vapid-AbCdEf`,
    vapidSubject: 'mailto:ops@clinic.example',
  },
  alarmEmail: 'ops@clinic.example',
};
/** The SMS channel declared in the stack (sms.channel), every part on, with two numbers. */
const CHANNEL = {
  runtime: { allowedCountries: ['US', 'CA'], clinicContact: '(415) 555-0100' },
  sms: { manageAccountSettings: true, channel: { reminders: {}, codes: { numberType: 'SIMULATOR' } } },
};
/**
 * After a `cdk destroy`, a new stack adopting what the old one kept: its numbers by id (reminders,
 * codes, simulator) and its opt-out list by name (docs/DEPLOY.md, Teardown and what stays).
 */
const ADOPTED = {
  reminders: 'phone-0123456789abcdef0123456789abcdef',
  codes: 'phone-fedcba9876543210fedcba9876543210',
  simulator: 'phone-00000000000000000000000000000001',
  optOutListName: 'RehabReminders-SmsChannelOptOutList-1A2B3C4D5E6F',
};
const ADOPT = {
  runtime: { allowedCountries: ['US', 'CA'] },
  sms: {
    manageAccountSettings: true,
    channel: {
      reminders: { phoneNumberId: ADOPTED.reminders },
      codes: { phoneNumberId: ADOPTED.codes },
      simulator: { phoneNumberId: ADOPTED.simulator },
      optOutListName: ADOPTED.optOutListName,
    },
  },
};
const STRANGER = '444455556666';

const template = new ResolvedTemplate(synthDeployTemplate(FULL));
const edges = new StackEdges(template);
const channelTemplate = new ResolvedTemplate(synthDeployTemplate(CHANNEL));
const channelEdges = new StackEdges(channelTemplate);
const adoptTemplate = new ResolvedTemplate(synthDeployTemplate(ADOPT));
const adoptEdges = new StackEdges(adoptTemplate);
/**
 * The template a recorded request is judged against: the stack whose function sends it. The
 * sender asks End User Messaging's opt-out list only where the stack has one (sms.channel), SNS's
 * account list elsewhere (FULL): each grant exists only in the stack that needs it.
 */
const templateFor = (call: { client: string }) =>
  call.client === 'PinpointSMSVoiceV2Client' ? channelTemplate : template;
const recorded = readRecordedCalls(TEST_AWS_CALL_LOG_DIR);
const RESULTS = dirname(TEST_AWS_CALL_LOG_DIR);

async function decisions(requests: IamRequest[], t = template) {
  return Promise.all(
    requests.map(async (r) => ({
      request: `${r.name}: ${r.action} on ${r.resource}`,
      decision: await evaluate(t, r),
    })),
  );
}

/** Every evaluated request, one a line, in test-results/iam-proof-*.txt; the count on the console. */
function listing(kind: string, requests: IamRequest[]) {
  const lines = requests.map(
    (r) => `${r.name}: ${r.action} on ${r.resource}${r.source ? ` (${r.source})` : ''}`,
  );
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `iam-proof-${kind}.txt`), `${lines.join('\n')}\n`);
  console.log(
    `IAM proof: ${requests.length} ${kind} requests evaluated (listed in test-results/iam-proof-${kind}.txt)`,
  );
}

const allowed = (requests: IamRequest[], t = template) =>
  decisions(requests, t).then((all) => all.filter((d) => d.decision !== 'Allowed'));

describe('every AWS request a function sent in the system tests is allowed to its role', () => {
  it('recorded requests from every function, on every client it is built with (run the whole suite: npm test)', () => {
    const callers = new Set(recorded.map((c) => c.fn));
    expect([...callers].sort()).toEqual([...CALLERS].sort());
    // Each deployed function's clients (functions/*/index.ts): a client no test drives proves nothing.
    const clients = new Set(recorded.map((c) => `${c.fn} ${c.client}`));
    for (const expected of [
      'intake DynamoDBDocumentClient',
      'intake SNSClient',
      'send-reminder DynamoDBDocumentClient',
      'send-reminder SNSClient',
      'send-reminder PinpointSMSVoiceV2Client',
      'inbound DynamoDBDocumentClient',
      'inbound SNSClient',
      'schedule-sync SchedulerClient',
      'console DynamoDBDocumentClient',
      'console SNSClient',
      'clinic-watch DynamoDBDocumentClient',
      'clinic-watch SNSClient',
      'delivery-status DynamoDBDocumentClient',
      'inbound PinpointSMSVoiceV2Client',
      'intake PinpointSMSVoiceV2Client',
      'console PinpointSMSVoiceV2Client',
    ])
      expect(clients, expected).toContain(expected);
  });

  it('each recorded request is allowed', async () => {
    const judged = recorded.flatMap((call) => {
      const t = templateFor(call);
      return iamRequestsFor(t, call).map((request) => ({ request, t }));
    });
    const unique = [...new Map(judged.map((j) => [`${j.request.name}|${j.request.resource}`, j])).values()];
    const refused = (
      await Promise.all(
        unique.map(async ({ request, t }) => ({ request, decision: await evaluate(t, request) })),
      )
    ).filter((d) => d.decision !== 'Allowed');
    listing(
      'recorded',
      unique.map((j) => j.request),
    );
    expect(refused).toEqual([]);
  });

  it("the sender asks the opt-out list its numbers use, and only where the stack has one: End User Messaging's list there, SNS's elsewhere", async () => {
    const asks = recorded.filter((c) => c.client === 'PinpointSMSVoiceV2Client');
    expect(asks.map((c) => `${c.fn} ${c.command}`)).toContain('send-reminder DescribeOptedOutNumbersCommand');
    const [ask] = asks.flatMap((c) => iamRequestsFor(channelTemplate, c));
    expect(ask!.resource).toBe(channelEdges.smsChannel.optOutListArns[0]);
    // Not granted where the numbers have no list of the stack's (FULL brings its own number)…
    expect(await evaluate(template, { ...ask!, principal: { role: edges.role('send-reminder') } })).toMatch(
      /Denied$/,
    );
    // …and SNS's account-list check is not granted where they do.
    const snsCheck = {
      name: 'send-reminder asks SNS',
      principal: { role: channelEdges.role('send-reminder') },
      action: 'sns:CheckIfPhoneNumberIsOptedOut',
      resource: '*',
    };
    expect(await evaluate(channelTemplate, snsCheck)).toMatch(/Denied$/);
    expect(await evaluate(template, { ...snsCheck, principal: { role: edges.role('send-reminder') } })).toBe(
      'Allowed',
    );
  });

  it('each recorded request to the opt-out list is allowed, in the stack with its SMS channel', async () => {
    const calls = recorded.filter((c) => c.client === 'PinpointSMSVoiceV2Client');
    // Inbound puts and takes numbers off the list; intake and the console's resend ask about a
    // number; the sender asks before each reminder.
    expect(new Set(calls.map((c) => `${c.fn} ${c.command}`))).toEqual(
      new Set([
        'inbound PutOptedOutNumberCommand',
        'inbound DeleteOptedOutNumberCommand',
        'intake DescribeOptedOutNumbersCommand',
        'console DescribeOptedOutNumbersCommand',
        'send-reminder DescribeOptedOutNumbersCommand',
      ]),
    );
    const requests = calls.flatMap((call) => iamRequestsFor(channelTemplate, call));
    listing('recorded-sms-channel', requests);
    expect(
      (await Promise.all(requests.map(async (r) => ({ r, d: await evaluate(channelTemplate, r) })))).filter(
        (x) => x.d !== 'Allowed',
      ),
    ).toEqual([]);
    // …and no other function may touch the list.
    const list = requests[0]!.resource;
    for (const fn of ['send-reminder', 'schedule-sync', 'clinic-watch']) {
      for (const action of ['sms-voice:PutOptedOutNumber', 'sms-voice:DeleteOptedOutNumber']) {
        expect(
          await evaluate(channelTemplate, {
            name: `${fn} → ${action}`,
            principal: { role: channelEdges.role(fn) },
            action,
            resource: list,
          }),
        ).toMatch(/Denied$/);
      }
    }
    // Intake only reads it: it may never take a number off.
    expect(
      await evaluate(channelTemplate, {
        name: 'intake → DeleteOptedOutNumber',
        principal: { role: channelEdges.role('intake') },
        action: 'sms-voice:DeleteOptedOutNumber',
        resource: list,
      }),
    ).toMatch(/Denied$/);
  });
});

describe('every request between services in the stack is allowed', () => {
  const requests = edges.all();
  it(`${requests.length} service-to-service requests, each allowed`, async () => {
    listing('service-to-service', requests);
    expect(await allowed(requests)).toEqual([]);
  });

  const adoptRequests = adoptEdges.all();
  it(`with numbers and an opt-out list adopted after a destroy: ${adoptRequests.length} requests, each allowed`, async () => {
    listing('service-to-service-sms-adopted', adoptRequests);
    const names = adoptRequests.map((r) => `${r.action} ${r.resource}`);
    const number = (id: string) => `arn:${PARTITION}:sms-voice:${REGION}:${ACCOUNT}:phone-number/${id}`;
    const list = `arn:${PARTITION}:sms-voice:${REGION}:${ACCOUNT}:opt-out-list/${ADOPTED.optOutListName}`;
    for (const id of [ADOPTED.reminders, ADOPTED.codes, ADOPTED.simulator]) {
      // Deploy: point it at the new inbound topic and the list, answer HELP/STOP, write SNS's policy…
      for (const action of [
        'sms-voice:UpdatePhoneNumber',
        'sms-voice:PutResourcePolicy',
        'sms-voice:PutKeyword',
      ])
        expect(names).toContain(`${action} ${number(id)}`);
      // …then SNS sends through it, by the policy the deploy wrote (not one CloudFormation made).
      expect(names).toContain(`sms-voice:SendTextMessage ${number(id)}`);
    }
    expect(names).toContain(`sms-voice:UpdatePhoneNumber ${list}`);
    expect(names).toContain(`sms-voice:PutResourcePolicy ${list}`);
    for (const action of ['DescribeOptedOutNumbers', 'PutOptedOutNumber', 'DeleteOptedOutNumber'])
      expect(names).toContain(`sms-voice:${action} ${list}`);
    expect(adoptTemplate.idsOfType('AWS::SMSVOICE::PhoneNumber')).toEqual([]);
    expect(adoptTemplate.idsOfType('AWS::SMSVOICE::OptOutList')).toEqual([]);
    expect(await allowed(adoptRequests, adoptTemplate)).toEqual([]);
    // The sender checks the adopted list, by the grant the stack gives it.
    expect(
      await evaluate(adoptTemplate, {
        name: 'send-reminder asks the adopted list',
        principal: { role: adoptEdges.role('send-reminder') },
        action: 'sms-voice:DescribeOptedOutNumbers',
        resource: list,
      }),
    ).toBe('Allowed');
  });

  const channelRequests = channelEdges.all();
  it(`with the SMS channel declared: ${channelRequests.length} requests, each allowed`, async () => {
    listing('service-to-service-sms-channel', channelRequests);
    // SNS → both numbers, SNS → the opt-out list (3 actions), the default protect configuration.
    const names = channelRequests.map((r) => `${r.action} ${r.name}`);
    expect(names.filter((n) => n.startsWith('sms-voice:SendTextMessage SNS sends'))).toHaveLength(2);
    expect(names.filter((n) => n.includes('opt-out list'))).toHaveLength(3);
    expect(names).toEqual(
      expect.arrayContaining([
        'sms-voice:SetAccountDefaultProtectConfiguration deploy: custom resource setAccountDefaultProtectConfiguration',
        'sms-voice:DeleteAccountDefaultProtectConfiguration deploy: custom resource deleteAccountDefaultProtectConfiguration',
        'sns:SetSMSAttributes deploy: custom resource setSMSAttributes',
      ]),
    );
    expect(await allowed(channelRequests, channelTemplate)).toEqual([]);
  });
});

// One test per problem a review of the template found; each failed on the template before the fix.
describe('regressions: what a real deploy would have broken', () => {
  it('Scheduler can assume its role: it presents the schedule group ARN, not a schedule ARN', async () => {
    const s = edges.scheduling;
    expect(await evaluate(template, edges.schedulerAssumesRole(s.groupArn, ACCOUNT))).toBe('Allowed');
  });

  it('CloudWatch may publish alarms to the encrypted alarm topic (and use its key)', async () => {
    const [alarm] = edges.alarms();
    expect(await allowed(edges.alarmPublishes(alarm!.arn, edges.alarmTopicArn, ACCOUNT))).toEqual([]);
  });

  it('failed inbound texts reach the encrypted DLQ: the function role and SNS may use the key', async () => {
    const failed = edges
      .all()
      .filter((r) => /inbound event on its DLQ|inbound subscription DLQ/.test(r.name));
    expect(failed.map((r) => r.action)).toEqual(
      expect.arrayContaining(['sqs:SendMessage', 'kms:GenerateDataKey']),
    );
    expect(failed.length).toBeGreaterThanOrEqual(6);
    expect(await allowed(failed)).toEqual([]);
  });

  it('the stream reader may list streams (an action with no resource type, granted on "*")', async () => {
    const request = {
      name: 'list streams',
      principal: { role: edges.role('schedule-sync') },
      action: 'dynamodb:ListStreams',
      resource: '*',
    };
    expect(await evaluate(template, request)).toBe('Allowed');
  });

  it('the sender may do every DynamoDB operation it sent in the tests', async () => {
    const sender = recorded.filter((c) => c.fn === 'send-reminder' && c.client.startsWith('DynamoDB'));
    expect(sender.length).toBeGreaterThan(0);
    expect(await allowed(sender.flatMap((c) => iamRequestsFor(template, c)))).toEqual([]);
  });
});

describe('strangers and other roles are refused', () => {
  const denied = async (request: IamRequest) => {
    const decision = await evaluate(template, request);
    expect(decision, request.name).toMatch(/Denied$/);
  };

  it('another CloudFront distribution (this account or another) cannot read the static files bucket', async () => {
    const read = edges
      .all()
      .find(
        (r) =>
          r.action === 's3:GetObject' && JSON.stringify(r.principal).includes('cloudfront.amazonaws.com'),
      );
    expect(read, 'the CloudFront → bucket edge').toBeDefined();
    expect(await evaluate(template, read!)).toBe('Allowed');
    for (const account of [ACCOUNT, STRANGER])
      await denied({
        ...read!,
        name: `a distribution of ${account} reads the static files`,
        context: { 'aws:SourceArn': `arn:${PARTITION}:cloudfront::${account}:distribution/EOTHERDIST0001` },
      });
    // Nor anyone without the distribution's ARN (no public read).
    await denied({ ...read!, name: 'CloudFront with no source ARN', context: {} });
  });

  it('a schedule in another account cannot assume the scheduler role', () =>
    denied(
      edges.schedulerAssumesRole(
        `arn:${PARTITION}:scheduler:${REGION}:${STRANGER}:schedule-group/x`,
        STRANGER,
      ),
    ));

  it('a schedule group of another service in the account cannot assume the scheduler role', () =>
    denied(
      edges.schedulerAssumesRole(
        `arn:${PARTITION}:scheduler:${REGION}:${ACCOUNT}:schedule-group/other`,
        ACCOUNT,
      ),
    ));

  it('another account cannot publish to the inbound topic, directly or through its SMS number', async () => {
    await denied({
      name: 'stranger → inbound topic',
      principal: { arn: `arn:${PARTITION}:iam::${STRANGER}:root` },
      action: 'sns:Publish',
      resource: edges.inboundTopicArn,
    });
    for (const request of edges.smsPublishesInbound(STRANGER)) await denied(request);
  });

  it("another account's SNS cannot send through the stack's numbers or touch its opt-out list, made or adopted", async () => {
    const requests = channelEdges.snsUsesSmsChannel(STRANGER);
    expect(requests.length).toBe(5);
    for (const request of requests)
      expect(await evaluate(channelTemplate, request), request.name).toMatch(/Denied$/);
    const adopted = adoptEdges.snsUsesSmsChannel(STRANGER);
    expect(adopted.length).toBe(6);
    for (const request of adopted)
      expect(await evaluate(adoptTemplate, request), request.name).toMatch(/Denied$/);
  });

  it('the deploy role may adopt only the numbers and list named in the settings', async () => {
    const adoption = adoptEdges.all().find((r) => r.action === 'sms-voice:UpdatePhoneNumber')!;
    const otherNumber = `arn:${PARTITION}:sms-voice:${REGION}:${ACCOUNT}:phone-number/phone-99999999999999999999999999999999`;
    const defaultList = `arn:${PARTITION}:sms-voice:${REGION}:${ACCOUNT}:opt-out-list/Default`;
    for (const [resource, actions] of [
      [otherNumber, ['sms-voice:UpdatePhoneNumber', 'sms-voice:PutResourcePolicy', 'sms-voice:PutKeyword']],
      [defaultList, ['sms-voice:UpdatePhoneNumber', 'sms-voice:PutResourcePolicy']],
    ] as const)
      for (const action of actions)
        expect(
          await evaluate(adoptTemplate, { ...adoption, action, resource }),
          `${action} ${resource}`,
        ).toMatch(/Denied$/);
  });

  it('only the stack passes the delivery status role (its trust has no key SNS may leave out); another log group cannot invoke the recorder', async () => {
    const own = edges.smsDeliveryStatus(ACCOUNT);
    // SNS assumes the role, writes both groups (3 actions each), and each group invokes the recorder.
    expect(own.map((r) => r.action).sort()).toEqual(
      [
        'sts:AssumeRole',
        ...[
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'lambda:InvokeFunction',
        ].flatMap((a) => [a, a]),
      ].sort(),
    );
    expect(await allowed(own)).toEqual([]);
    // SNS assumes it with no condition key (AWS documents none): the guard is who may name it as the
    // account's DeliveryStatusIAMRole, and only the stack's deploy-time settings call may pass it.
    const statusRole = edges.smsStatusRoleArn!;
    for (const service of ['send-reminder', 'inbound', 'delivery-status', 'schedule-sync'])
      await denied({
        name: `${service} passes the delivery status role`,
        principal: { role: edges.role(service) },
        action: 'iam:PassRole',
        resource: statusRole,
        context: { 'iam:PassedToService': 'sns.amazonaws.com' },
      });
    const passes = edges.all().filter((r) => r.action === 'iam:PassRole' && r.resource === statusRole);
    expect(passes.map((r) => r.name)).toEqual([
      'deploy: the SMS settings pass the delivery status role to SNS',
    ]);
    await denied({
      ...passes[0]!,
      name: 'the settings call passes it to another service',
      context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
    });
    const invoke = own.find((r) => r.action === 'lambda:InvokeFunction')!;
    await denied({
      ...invoke,
      name: 'another log group → the recorder',
      context: {
        'aws:SourceArn': edges.logGroupArn('/aws/lambda/anything') + ':*',
        'aws:SourceAccount': ACCOUNT,
      },
    });
    // The role writes SNS's two groups, no other.
    const write = own.find((r) => r.action === 'logs:PutLogEvents')!;
    await denied({
      ...write,
      name: 'status role → another group',
      resource: `${edges.logGroupArn('/aws/lambda/x')}:log-stream:s`,
    });
  });

  it("another account's alarms cannot publish to the alarm topic", async () => {
    const foreign = `arn:${PARTITION}:cloudwatch:${REGION}:${STRANGER}:alarm:x`;
    for (const request of edges.alarmPublishes(foreign, edges.alarmTopicArn, STRANGER)) await denied(request);
  });

  it('another API cannot invoke intake', () =>
    denied(edges.apiInvokes('POST/assessments', edges.functionArn('intake'), 'zz99zz99zz')));

  it("another account's rule cannot invoke clinic-watch; clinic-watch cannot publish to the alarm or inbound topic", async () => {
    const [rule] = template.idsOfType('AWS::Events::Rule');
    const ruleArn = template.getAtt(rule!, 'Arn').replace(ACCOUNT, STRANGER);
    await denied(edges.ruleInvokes(ruleArn, edges.functionArn('clinic-watch'), STRANGER));
    for (const resource of [edges.alarmTopicArn, edges.inboundTopicArn])
      await denied({
        name: `clinic-watch → ${resource}`,
        principal: { role: edges.role('clinic-watch') },
        action: 'sns:Publish',
        resource,
      });
  });

  it('another API cannot invoke the console', () =>
    denied(
      edges.apiInvokes('GET/console/api/patients', edges.functionArn('console'), 'zz99zz99zz', 'console'),
    ));

  it("the console's role cannot reach the schedules, the queues or the alarm topic", async () => {
    const s = edges.scheduling;
    for (const [action, resource] of [
      [
        'scheduler:CreateSchedule',
        `arn:${PARTITION}:scheduler:${REGION}:${ACCOUNT}:schedule/${s.groupName}/x`,
      ],
      ['sqs:SendMessage', s.queueArn],
      ['sns:Publish', edges.alarmTopicArn],
      [
        'dynamodb:Scan',
        `arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/${template.environment(template.functionId('console')).TABLE_NAME}`,
      ],
    ] as const)
      await denied({
        name: `console → ${action}`,
        principal: { role: edges.role('console') },
        action,
        resource,
      });
  });

  it("a function's role cannot use another function's resources", async () => {
    const s = edges.scheduling;
    const tableArn = `arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/${template.environment(template.functionId('intake')).TABLE_NAME}`;
    const hashKey = template.environment(template.functionId('intake')).HASH_KEY_SECRET_ARN!;
    const cases: IamRequest[] = [
      {
        name: 'intake → reminder queue',
        principal: { role: edges.role('intake') },
        action: 'sqs:SendMessage',
        resource: s.queueArn,
      },
      {
        name: 'intake → create a schedule',
        principal: { role: edges.role('intake') },
        action: 'scheduler:CreateSchedule',
        resource: `arn:${PARTITION}:scheduler:${REGION}:${ACCOUNT}:schedule/${s.groupName}/x`,
      },
      {
        name: 'inbound → invoke the sender',
        principal: { role: edges.role('inbound') },
        action: 'lambda:InvokeFunction',
        resource: edges.functionArn('send-reminder'),
      },
      // schedule-sync writes only session places back (Put a marker, Update counters): it reads
      // and deletes nothing of the table.
      {
        name: 'schedule-sync → read the table',
        principal: { role: edges.role('schedule-sync') },
        action: 'dynamodb:GetItem',
        resource: tableArn,
      },
      {
        name: 'schedule-sync → delete from the table',
        principal: { role: edges.role('schedule-sync') },
        action: 'dynamodb:DeleteItem',
        resource: tableArn,
      },
      {
        // send-reminder reads it (each reminder's plan page link is made with it); schedule-sync never.
        name: 'schedule-sync → read the hash key',
        principal: { role: edges.role('schedule-sync') },
        action: 'secretsmanager:GetSecretValue',
        resource: hashKey,
      },
      {
        name: 'schedule-sync → pass its own role',
        principal: { role: edges.role('schedule-sync') },
        action: 'iam:PassRole',
        resource: template.getAtt(edges.role('intake'), 'Arn'),
        context: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
      },
    ];
    for (const request of cases) await denied(request);
  });

  it('roles that text phone numbers cannot publish to topics in the account', async () => {
    for (const service of ['intake', 'send-reminder', 'inbound']) {
      for (const topic of [
        edges.alarmTopicArn,
        edges.inboundTopicArn,
        `arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:anything`,
      ]) {
        await denied({
          name: `${service} → ${topic}`,
          principal: { role: edges.role(service) },
          action: 'sns:Publish',
          resource: topic,
        });
      }
      // …while a text to a phone number (resource "*") stays allowed.
      expect(
        await evaluate(template, {
          name: `${service} texts`,
          principal: { role: edges.role(service) },
          action: 'sns:Publish',
          resource: '*',
        }),
      ).toBe('Allowed');
    }
  });
});
