import { Annotations, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath, URL } from 'node:url';
import { STATIC_DIST } from '../shared/web/static-files.ts';
import type { RuntimeConfig } from '../shared/config.ts';
import { helpText, stopText } from '../shared/domain/messaging/texts.ts';
import { ENV } from '../shared/env.ts';
import {
  DELIVERY_EVENTS_REPLACED,
  knownSmsSpendLimitUsd,
  MESSAGES_PER_SECOND_RENAMED,
  SIMULATOR_AS_REAL_NUMBER,
  type OperatorConfig,
} from './config.ts';
import { BaseFunction } from './constructs/base-function.ts';
import { ClinicAuth } from './constructs/clinic-auth.ts';
import { ClinicConsole } from './constructs/clinic-console.ts';
import { ClinicWatch } from './constructs/clinic-watch.ts';
import { Delivery } from './constructs/delivery.ts';
import { Edge } from './constructs/edge.ts';
import { Encryption } from './constructs/encryption.ts';
import { Inbound } from './constructs/inbound.ts';
import { IntakeApi } from './constructs/intake-api.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { deadLetterQueue } from './constructs/queues.ts';
import { Scheduling } from './constructs/scheduling.ts';
import { Secrets } from './constructs/secrets.ts';
import { SmsAccountSettings } from './constructs/sms-account-settings.ts';
import { SmsChannel } from './constructs/sms-channel.ts';
import { SmsDeliveryStatus } from './constructs/sms-delivery-status.ts';
import { Storage } from './constructs/storage.ts';
import { OPTIONAL_STACK_OUTPUT, STACK_OUTPUT, type StackOutputName } from './outputs.ts';
import { SMS_COUNTRIES } from './sms-countries.ts';

/**
 * What intake does with the table: plans and patients (transactions of Put/Update), verification,
 * rate counters, the plan page's log (Query of the plan's own partition, never an index), session
 * places (booked with the plan; BatchGetItem reads how full the minutes around a full one are), and
 * erasure from the plan page (a Query of the patient index, gsi1, then BatchWriteItem deletes), as
 * the inbound function erases on DELETE <code>.
 */
const INTAKE_TABLE_ACTIONS = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'Query',
  'BatchGetItem',
  'BatchWriteItem',
] as const;

export interface RehabStackProps extends StackProps {
  readonly config: OperatorConfig;
}

/** The built static files (scripts/build-web-assets.mjs writes them before every synth). */
export const STATIC_FILES_DIR = fileURLToPath(new URL(`../${STATIC_DIST}`, import.meta.url));

/** The whole service in one stack; each concern is a construct of its own (infra/constructs). */
export class RehabStack extends Stack {
  readonly functions: {
    intake: BaseFunction;
    scheduleSync: BaseFunction;
    sendReminder: BaseFunction;
    inbound: BaseFunction;
    console: BaseFunction;
    clinicWatch: BaseFunction;
    /** Only when the stack records deliveries (sms.recordDeliveries). */
    deliveryStatus?: BaseFunction;
  };

  constructor(scope: Construct, id: string, props: RehabStackProps) {
    super(scope, id, props);
    const { config } = props;
    // Every function sees the SMS rate the sender paces itself to (shared/sending.ts).
    const runtime: RuntimeConfig = {
      ...config.runtime,
      sms: { partsPerSecond: config.sms.partsPerSecond, identities: config.sms.originationPool?.length ?? 1 },
    };
    if (config.sms.renamedMessagesPerSecond) {
      Annotations.of(this).addWarningV2('rehab:sms-messagesPerSecond', MESSAGES_PER_SECOND_RENAMED);
    }
    if (config.sms.channel?.deliveryEvents !== undefined) {
      Annotations.of(this).addWarningV2('rehab:sms-channel-deliveryEvents', DELIVERY_EVENTS_REPLACED);
    }
    const { reminders, codes } = config.sms.channel ?? {};
    if ([reminders, codes].some((n) => n?.kind === 'request' && n.numberType === 'SIMULATOR')) {
      Annotations.of(this).addWarningV2('rehab:sms-channel-simulator-number', SIMULATOR_AS_REAL_NUMBER);
    }
    const encryption = new Encryption(this, 'Encryption', { retain: config.retainData });
    const storage = new Storage(this, 'Storage', { retainData: config.retainData });
    const secrets = new Secrets(this, 'Secrets', {
      key: encryption.key,
      retain: config.retainData,
      vapidPrivateKeySecretArn: config.push?.vapidPrivateKeySecretArn,
    });

    const fn = (
      id: string,
      entryFolder: string,
      description: string,
      runtimeConfig: RuntimeConfig,
      options: { timeoutSeconds?: number; asyncFailureQueue?: IQueue } = {},
    ) =>
      new BaseFunction(this, id, {
        entryFolder,
        description,
        runtimeConfig,
        logKey: encryption.key,
        logRetentionDays: config.logRetentionDays,
        timeout: Duration.seconds(options.timeoutSeconds ?? 10),
        asyncFailureQueue: options.asyncFailureQueue,
      });

    // Functions that text get the origination identity; every one that meets phones gets the hash key.
    const textsFrom = (f: BaseFunction, originationNumber: string | undefined) => {
      if (originationNumber) f.addEnvironment(ENV.smsOriginationNumber, originationNumber);
      if (config.sms.originationPool)
        f.addEnvironment(ENV.smsOriginationPool, config.sms.originationPool.join(','));
      if (config.sms.senderId) f.addEnvironment(ENV.smsSenderId, config.sms.senderId);
      if (config.sms.maxPriceUsd !== undefined)
        f.addEnvironment(ENV.smsMaxPriceUsd, String(config.sms.maxPriceUsd));
      return f;
    };
    const pushFrom = (f: BaseFunction, withPrivateKey: boolean) => {
      if (!config.push) return f;
      f.addEnvironment(ENV.vapidPublicKey, config.push.vapidPublicKey);
      f.addEnvironment(ENV.vapidSubject, config.push.vapidSubject);
      if (withPrivateKey && secrets.vapidPrivateKey)
        f.bindSecret(ENV.vapidPrivateKeySecretArn, secrets.vapidPrivateKey);
      return f;
    };

    const intake = fn('IntakeFunction', 'intake', 'Assessment form and intake API', runtime)
      .bindTable(storage.table, INTAKE_TABLE_ACTIONS)
      .bindSecret(ENV.hashKeySecretArn, secrets.hashKey);
    pushFrom(intake, false);
    // Verification codes are texts to phone numbers.
    intake.allowTexting();
    const api = new IntakeApi(this, 'Intake', {
      intakeFunction: intake,
      logKey: encryption.key,
      logRetentionDays: config.logRetentionDays,
      throttleRatePerSecond: config.apiThrottle.ratePerSecond,
      throttleBurst: config.apiThrottle.burst,
      planPageThrottle: config.apiThrottle.planPage,
    });
    // One CloudFront distribution in front of everything: static files from S3, the API behind it.
    const edge = new Edge(this, 'Edge', {
      api: api.api,
      staticDir: STATIC_FILES_DIR,
      key: encryption.key,
      retain: config.retainData,
      customDomain: config.customDomain,
      waf: config.waf,
    });
    // Only CloudFront's requests reach the functions (functions/wiring/origin-guard.ts).
    intake.bindSecret(ENV.originSecretArn, edge.originSecret);
    // The re-assessment text links to the form: the distribution's URL unless the operator set another.
    const withFormUrl: RuntimeConfig = { ...runtime, formUrl: runtime.formUrl ?? edge.url };
    // The plan page's POSTs are taken from the form's origin only (the links in texts are on it).
    intake.addEnvironment(ENV.publicUrl, withFormUrl.formUrl!);

    const sendReminder = fn(
      'SendReminderFunction',
      'send-reminder',
      'Sends due reminders (SQS → SMS / push)',
      withFormUrl,
      { timeoutSeconds: 30 },
      // One conditional update claims and reads the plan; one records the outcome.
    )
      .bindTable(storage.table, ['UpdateItem'])
      // Each reminder's plan page link is an HMAC made with it (shared/domain/plan/page.ts).
      .bindSecret(ENV.hashKeySecretArn, secrets.hashKey);
    pushFrom(sendReminder, true);
    const delivery = new Delivery(this, 'Delivery', {
      sender: sendReminder,
      key: encryption.key,
      // Every number of the pool sends at the rate: together they send the pool's size times it.
      partsPerSecond: config.sms.partsPerSecond * runtime.sms.identities,
    });

    const scheduleSync = fn(
      'ScheduleSyncFunction',
      'schedule-sync',
      'Keeps EventBridge Scheduler in step with active plans (table stream)',
      withFormUrl,
      { timeoutSeconds: 30 },
    )
      // Gives a plan's session places back when it ends: a marker Put and counter Updates, one transaction.
      .bindTable(storage.table, ['PutItem', 'UpdateItem']);
    const scheduling = new Scheduling(this, 'Scheduling', {
      sync: scheduleSync,
      table: storage.table,
      reminderQueue: delivery.queue,
      key: encryption.key,
    });

    const inboundDlq = deadLetterQueue(
      this,
      'InboundDlq',
      encryption.key,
      'the inbound SMS subscription and function',
    );
    const inboundFn = fn(
      'InboundFunction',
      'inbound',
      'Reads SMS replies as people write them and answers once: opt-out, START, red flags, DONE, pain …',
      withFormUrl,
      { asyncFailureQueue: inboundDlq },
    )
      // Query (the patient index) and BatchWriteItem: erasure on the patient's DELETE <code>.
      // BatchGetItem: how full the session minutes are, when a TIMES text asks for full ones.
      .bindTable(storage.table, [
        'GetItem',
        'PutItem',
        'UpdateItem',
        'DeleteItem',
        'Query',
        'BatchWriteItem',
        'BatchGetItem',
      ])
      .bindSecret(ENV.hashKeySecretArn, secrets.hashKey);
    const inbound = new Inbound(this, 'Inbound', {
      handler: inboundFn,
      key: encryption.key,
      deadLetterQueue: inboundDlq,
    });

    const channel = config.sms.channel && this.smsChannel(config.sms.channel, config.runtime, inbound.topic);
    // Reminders and replies from one number; codes from a second one where the operator asked for it.
    const remindersNumber = config.sms.originationNumber ?? channel?.remindersNumber?.phoneNumber;
    // Intake sends codes and, once a code is confirmed, the welcome: that one from the reminders number.
    textsFrom(intake, remindersNumber);
    if (channel?.codesNumber)
      intake.addEnvironment(ENV.smsCodesOriginationNumber, channel.codesNumber.phoneNumber);
    this.optOutCheck(sendReminder, channel);
    textsFrom(sendReminder, remindersNumber);
    textsFrom(inboundFn, remindersNumber);
    // The stack's opt-out list: inbound puts a number on it once its opt-out is confirmed and takes
    // it off on START; intake and the console's resend ask whether a number is on it before a code.
    if (channel?.optOutList) {
      const list = channel.optOutList;
      const grant = (f: BaseFunction, actions: string[]) => {
        f.addEnvironment(ENV.smsOptOutListName, list.name);
        f.addToRolePolicy(new PolicyStatement({ actions, resources: [list.arn] }));
      };
      grant(inboundFn, ['sms-voice:PutOptedOutNumber', 'sms-voice:DeleteOptedOutNumber']);
      grant(intake, ['sms-voice:DescribeOptedOutNumbers']);
    }
    // Every dedicated number answers HELP itself (a mandatory keyword): one answer, not two.
    if (remindersNumber || config.sms.originationPool)
      inboundFn.addEnvironment(ENV.smsHelpAnsweredByChannel, 'true');

    // What became of each text: SNS's delivery status log, read onto the reminder's delivery record.
    let deliveryStatus: { fn: BaseFunction; dlq: IQueue; status: SmsDeliveryStatus } | undefined;
    if (config.sms.recordDeliveries) {
      const dlq = deadLetterQueue(
        this,
        'DeliveryStatusDlq',
        encryption.key,
        'the SMS delivery status function',
      );
      const recorder = fn(
        'DeliveryStatusFunction',
        'delivery-status',
        "Records what became of each text (SNS's SMS delivery status log → the reminder's record)",
        runtime,
        { asyncFailureQueue: dlq },
      )
        // The patient (by phone hash), the plan's delivery records, the outcome; an opted-out number stops the plan.
        .bindTable(storage.table, ['GetItem', 'UpdateItem'])
        .bindSecret(ENV.hashKeySecretArn, secrets.hashKey);
      deliveryStatus = {
        fn: recorder,
        dlq,
        status: new SmsDeliveryStatus(this, 'SmsDeliveryStatus', { recorder }),
      };
      // The self-test waits for its simulator text's status line in this group (npm run ops:selftest).
      new CfnOutput(this, OPTIONAL_STACK_OUTPUT.smsDeliveryLogGroup, {
        value: deliveryStatus.status.logGroupNames.success,
        description: "SNS's SMS delivery status log group, read onto each reminder's delivery record",
      });
    }

    const smsSpendLimitUsd = knownSmsSpendLimitUsd(config.sms);
    if (config.sms.manageAccountSettings && smsSpendLimitUsd !== undefined) {
      new SmsAccountSettings(this, 'SmsAccountSettings', {
        monthlySpendLimitUsd: smsSpendLimitUsd,
        deliveryStatusRole: deliveryStatus?.status.snsLoggingRole,
      });
    }

    // The clinic console (issue 17): staff sign in with Cognito; its API sits behind a JWT authorizer.
    const consoleFn = this.clinicConsole(config, fn, withFormUrl, api, edge.url, storage, secrets);
    consoleFn.bindSecret(ENV.originSecretArn, edge.originSecret);
    textsFrom(consoleFn, remindersNumber);
    if (channel?.optOutList) {
      consoleFn.addEnvironment(ENV.smsOptOutListName, channel.optOutList.name);
      consoleFn.addToRolePolicy(
        new PolicyStatement({
          actions: ['sms-voice:DescribeOptedOutNumbers'],
          resources: [channel.optOutList.arn],
        }),
      );
    }
    if (channel?.codesNumber)
      consoleFn.addEnvironment(ENV.smsCodesOriginationNumber, channel.codesNumber.phoneNumber);

    // The clinic's roster and alerts, from the table's stream and an hourly sweep; alerts by email.
    const clinicWatchFn = fn(
      'ClinicWatchFunction',
      'clinic-watch',
      'Clinic roster and alerts (table stream, hourly sweep) and their emails',
      {
        ...withFormUrl,
        clinic: { ...withFormUrl.clinic, consoleUrl: withFormUrl.clinic.consoleUrl ?? `${edge.url}console/` },
      },
      { timeoutSeconds: 60 },
      // Transactions (enrolment: Put, Put, Delete or Update, and the audit entry's Put; a roster
      // row and its shadows), the reads of the roster and events, the sweep's rows (BatchGetItem).
    )
      .bindTable(storage.table, ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem'])
      // An invite's sealed reference is sealed again for the patient who uses it (HKDF of the key).
      .bindSecret(ENV.hashKeySecretArn, secrets.hashKey);
    const clinicWatch = new ClinicWatch(this, 'ClinicWatch', {
      watch: clinicWatchFn,
      table: storage.table,
      key: encryption.key,
      alertEmail: config.clinic.alertEmail,
    });

    this.functions = {
      intake,
      scheduleSync,
      sendReminder,
      inbound: inboundFn,
      console: consoleFn,
      clinicWatch: clinicWatchFn,
      ...(deliveryStatus ? { deliveryStatus: deliveryStatus.fn } : {}),
    };
    new Monitoring(this, 'Monitoring', {
      key: encryption.key,
      functions: {
        Intake: intake,
        ScheduleSync: scheduleSync,
        SendReminder: sendReminder,
        Inbound: inboundFn,
        Console: consoleFn,
        ClinicWatch: clinicWatchFn,
        ...(deliveryStatus ? { DeliveryStatus: deliveryStatus.fn } : {}),
      },
      deadLetterQueues: {
        Reminders: delivery.deadLetterQueue,
        Scheduler: scheduling.schedulerDeadLetterQueue,
        ScheduleSync: scheduling.syncFailureQueue,
        InboundSms: inboundDlq,
        ClinicWatch: clinicWatch.failureQueue,
        ...(deliveryStatus ? { DeliveryStatus: deliveryStatus.dlq } : {}),
      },
      reminderQueue: delivery.queue,
      scheduleGroupName: scheduling.group.scheduleGroupName,
      streamConsumers: { ScheduleSync: scheduleSync, ClinicWatch: clinicWatchFn },
      asyncDlqFunctions: {
        Inbound: inboundFn,
        ...(deliveryStatus ? { DeliveryStatus: deliveryStatus.fn } : {}),
      },
      pushEnabled: config.push !== undefined,
      redrivingTopics: { InboundSms: inbound.topic },
      alarmEmail: config.alarmEmail,
      monthlySmsSpendLimitUsd: smsSpendLimitUsd,
    });
    new CfnOutput(this, 'ClinicAlertTopicArn', {
      value: clinicWatch.alertTopic.topicArn,
      description: 'Clinic alerts by email: subscribe more addresses here',
    });
    new CfnOutput(this, 'FormUrl', {
      value: edge.url,
      description: 'The assessment form: share this link with patients',
    });
    // What `npm run ops:selftest` reads (with InboundTopicArn and SelfTestAlarmName), so the operator
    // never copies an ARN by hand.
    const output = (key: StackOutputName, value: string, description: string) =>
      new CfnOutput(this, key, { value, description });
    output(
      STACK_OUTPUT.scheduleGroupName,
      scheduling.group.scheduleGroupName,
      'The schedule group of every reminder schedule',
    );
    output(
      STACK_OUTPUT.schedulerRoleArn,
      scheduling.schedulerRole.roleArn,
      'The role EventBridge Scheduler assumes to put reminders on the queue',
    );
    output(
      STACK_OUTPUT.schedulerDeadLetterQueueArn,
      scheduling.schedulerDeadLetterQueue.queueArn,
      "The schedules' dead-letter queue",
    );
    output(STACK_OUTPUT.reminderQueueArn, delivery.queue.queueArn, 'The reminder queue (schedules → sender)');
    if (channel) this.channelOutputs(channel);
    output(
      STACK_OUTPUT.tableName,
      storage.table.tableName,
      'The table (the self-test reads its records there)',
    );
    // What the other operator scripts read (scripts/ops/): lookup and erase hash phones with the
    // stack's key, redrive empties the dead-letter queues, resync puts schedules as schedule-sync does.
    output(
      STACK_OUTPUT.hashKeySecretArn,
      secrets.hashKey.secretArn,
      'The HMAC key of phone hashes (npm run ops:lookup and ops:erase read it)',
    );
    output(
      STACK_OUTPUT.reminderDeadLetterQueueArn,
      delivery.deadLetterQueue.queueArn,
      "The reminder queue's dead-letter queue (npm run ops:redrive)",
    );
    output(
      STACK_OUTPUT.inboundDeadLetterQueueArn,
      inboundDlq.queueArn,
      'The inbound SMS dead-letter queue (npm run ops:redrive reports it)',
    );
    output(
      STACK_OUTPUT.scheduleSyncFailureQueueArn,
      scheduling.syncFailureQueue.queueArn,
      "Schedule-sync's failed stream batches (npm run ops:redrive reports it; ops:resync repairs)",
    );
    output(
      STACK_OUTPUT.scheduleMaxEventAgeSeconds,
      String(withFormUrl.lateAfterMinutes * 60),
      'How long Scheduler retries a reminder (lateAfterMinutes): npm run ops:resync puts schedules as schedule-sync does',
    );
  }

  /**
   * The clinic console: the staff user pool, the console function (pages, API, invite links) and its
   * routes on the form's HTTP API. "Resend the code" is the intake's resend, so it texts like intake.
   */
  private clinicConsole(
    config: OperatorConfig,
    fn: (id: string, entryFolder: string, description: string, runtimeConfig: RuntimeConfig) => BaseFunction,
    runtime: RuntimeConfig,
    api: IntakeApi,
    publicUrl: string,
    storage: Storage,
    secrets: Secrets,
  ): BaseFunction {
    const consoleUrl = `${publicUrl}console/`;
    const auth = new ClinicAuth(this, 'ClinicAuth', {
      consoleUrl,
      domainPrefix: config.clinic.signInDomainPrefix ?? `rehab-console-${this.account}`,
    });
    const consoleFn = fn('ConsoleFunction', 'console', 'Clinic console: pages, staff API, invite links', {
      ...runtime,
      clinic: { ...runtime.clinic, consoleUrl: runtime.clinic.consoleUrl ?? consoleUrl },
    })
      // Query and BatchWriteItem: erasure (the patient's index); Get/Put/Update: the console's items,
      // and the resend's verification and rate counters.
      // BatchGetItem: a page's rows by id (a status or a search), the inbox's references.
      .bindTable(storage.table, [
        'GetItem',
        'PutItem',
        'UpdateItem',
        'Query',
        'BatchWriteItem',
        'BatchGetItem',
      ])
      .bindSecret(ENV.hashKeySecretArn, secrets.hashKey)
      .allowTexting();
    consoleFn.addEnvironment(ENV.consoleAuthUrl, auth.authUrl);
    consoleFn.addEnvironment(ENV.consoleClientId, auth.client.userPoolClientId);
    consoleFn.addEnvironment(ENV.consoleFormUrl, runtime.formUrl ?? publicUrl);
    new ClinicConsole(this, 'ClinicConsole', {
      api: api.api,
      consoleFunction: consoleFn,
      auth,
      throttle: (routes) => api.throttleRoutes(routes, config.apiThrottle.console),
    });
    new CfnOutput(this, 'ConsoleUrl', {
      value: consoleUrl,
      description: 'The clinic console: staff sign in here',
    });
    new CfnOutput(this, 'StaffUserPoolId', {
      value: auth.userPool.userPoolId,
      description: 'Create staff accounts here and put each in a group: viewer, clinician or admin',
    });
    return consoleFn;
  }

  /** The SMS channel's resources in End User Messaging, each as the operator configured it. */
  private smsChannel(
    channel: NonNullable<OperatorConfig['sms']['channel']>,
    { appName, allowedCountries, clinicContact }: OperatorConfig['runtime'],
    inboundTopic: ITopic,
  ): SmsChannel {
    return new SmsChannel(this, 'SmsChannel', {
      inboundTopic,
      helpMessage: helpText(appName, clinicContact),
      stopMessage: stopText(appName),
      reminders: channel.reminders,
      codes: channel.codes,
      simulator: channel.simulator,
      optOutList: channel.optOutList,
      allowedCountries: channel.protectCountries ? allowedCountries : undefined,
      // Only codes End User Messaging texts: another would fail the deploy (infra/sms-countries.ts).
      allCountries: SMS_COUNTRIES,
    });
  }

  /**
   * SNS accepts a text to an opted-out number and drops it, so the sender asks first, of the list
   * the numbers use: the stack's own (or adopted) list in End User Messaging, else SNS's account
   * list (the numbers then use the account's default list). Neither call names another resource.
   */
  private optOutCheck(sender: BaseFunction, channel: SmsChannel | undefined) {
    const list = channel?.optOutList;
    if (list) {
      sender.addEnvironment(ENV.smsOptOutListName, list.name);
      sender.addToRolePolicy(
        new PolicyStatement({ actions: ['sms-voice:DescribeOptedOutNumbers'], resources: [list.arn] }),
      );
    } else {
      sender.addToRolePolicy(
        new PolicyStatement({ actions: ['sns:CheckIfPhoneNumberIsOptedOut'], resources: ['*'] }),
      );
    }
  }

  /**
   * What the operator needs to find the channel's numbers and list again, also after a `cdk destroy`
   * (they stay): each number and its id, the opt-out list's name (docs/DEPLOY.md, Teardown).
   */
  private channelOutputs(channel: SmsChannel) {
    const values: [string, string | undefined, string][] = [
      ['RemindersNumber', channel.remindersNumber?.phoneNumber, 'The number reminders come from'],
      [
        'RemindersNumberId',
        channel.remindersNumber?.id,
        'Its id: sms.channel.reminders.phoneNumberId adopts it into a new stack (it outlives this one)',
      ],
      ['CodesNumber', channel.codesNumber?.phoneNumber, 'The number verification codes come from'],
      ['CodesNumberId', channel.codesNumber?.id, 'Its id: sms.channel.codes.phoneNumberId adopts it'],
      [
        OPTIONAL_STACK_OUTPUT.simulatorNumber,
        channel.simulatorNumber?.phoneNumber,
        'The simulator number: texts only AWS simulator destinations (npm run ops:selftest sends one)',
      ],
      [
        'SimulatorNumberId',
        channel.simulatorNumber?.id,
        'Its id: sms.channel.simulator.phoneNumberId adopts it',
      ],
      [
        OPTIONAL_STACK_OUTPUT.optOutListName,
        channel.optOutList?.name,
        "The numbers' opt-out list: sms.channel.optOutListName adopts it (it outlives this stack)",
      ],
      [
        'ProtectConfigurationId',
        channel.protectConfiguration?.attrProtectConfigurationId,
        'The account-default protect configuration: only the allowed countries',
      ],
    ];
    for (const [key, value, description] of values)
      if (value) new CfnOutput(this, key, { value, description });
  }
}
