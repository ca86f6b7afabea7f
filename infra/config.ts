import * as z from 'zod';
import {
  ConfigError,
  describeZodError,
  operatorRuntimeConfigSchema,
  PARTS_PER_SECOND,
} from '../shared/config.ts';
import { isKnownCountry, sessionTimeIssues } from '../shared/domain/scheduling/settings-rules.ts';
import {
  isMissing,
  missingValueHint,
  parseContextJson,
  settingPath,
  SOURCE_WORDS,
  type ConfigSource,
} from './config-source.ts';
import { isSmsCountry, SMS_COUNTRIES_READ_ON } from './sms-countries.ts';

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const E164 = /^\+[1-9]\d{6,14}$/;
// Complete: with the 6-character suffix Secrets Manager adds. A partial ARN grants nothing (IAM
// matches the whole ARN) and the sender could never read the key.
const SECRETS_MANAGER_ARN =
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;

const PHONE_NUMBER_ID = /^phone-[A-Za-z0-9]{1,64}$/;
const OPT_OUT_LIST_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A number of the stack's: either requested by the stack (isoCountryCode, numberType) or one that
 * exists already in End User Messaging, adopted by its id (phoneNumberId: a number the stack requested
 * before a `cdk destroy`, which kept it, or one requested by hand). Adopted, the stack points its
 * two-way replies at the inbound topic, its opt-outs at the stack's opt-out list, writes the resource
 * policy SNS needs and AWS's HELP/STOP answers (infra/constructs/sms-channel.ts).
 */
const phoneNumberSchema = z
  .strictObject({
    /** Country of a requested number, ISO 3166-1 alpha-2. @default "US" */
    isoCountryCode: z
      .string()
      .refine(isKnownCountry, { error: 'must be an ISO 3166-1 alpha-2 country code, like "US"' })
      .optional(),
    /**
     * TOLL_FREE (US: usable once its registration is approved, up to 15 business days) or LONG_CODE
     * (countries that allow it). SIMULATOR is still read but texts only AWS's simulator numbers: use
     * `sms.channel.simulator` beside the real number instead (synth warns). 10DLC and short codes need
     * a registration before the request: bring those as originationNumber or adopt them by id.
     * Changing it (or isoCountryCode) on a deployed stack replaces the number: adopt it by id first.
     * @default "TOLL_FREE"
     */
    numberType: z.enum(['TOLL_FREE', 'LONG_CODE', 'SIMULATOR']).optional(),
    /** The id of a number that exists already (phone-…): adopted instead of requested. @default none */
    phoneNumberId: z
      .string()
      .regex(PHONE_NUMBER_ID, {
        error:
          'must be the number\'s id, like "phone-0123456789abcdef0123456789abcdef" (aws pinpoint-sms-voice-v2 describe-phone-numbers)',
      })
      .optional(),
  })
  .refine((n) => !(n.phoneNumberId && (n.isoCountryCode || n.numberType)), {
    error:
      'phoneNumberId adopts a number that exists: isoCountryCode and numberType are for a number the stack requests',
  })
  .transform((n): PhoneNumberSource =>
    n.phoneNumberId
      ? { kind: 'existing', phoneNumberId: n.phoneNumberId }
      : {
          kind: 'request',
          isoCountryCode: n.isoCountryCode ?? 'US',
          numberType: n.numberType ?? 'TOLL_FREE',
        },
  );

/** A number the stack requests, or one it adopts by id. */
export type PhoneNumberSource =
  | { kind: 'request'; isoCountryCode: string; numberType: 'TOLL_FREE' | 'LONG_CODE' | 'SIMULATOR' }
  | { kind: 'existing'; phoneNumberId: string };

/** The stack's opt-out list: its own (made and kept), one that exists (adopted by name), or none. */
export type OptOutListSource =
  { kind: 'own' } | { kind: 'existing'; optOutListName: string } | { kind: 'none' };

/**
 * The SMS channel in AWS End User Messaging, declared in the stack (infra/constructs/sms-channel.ts).
 * Each part can be left out, e.g. to keep a number bought earlier (sms.originationNumber).
 */
export const smsChannelSchema = z
  .strictObject({
    /** The number for reminders (and for codes, unless `codes` is set). @default none: bring your own */
    reminders: phoneNumberSchema.optional(),
    /** A second number for verification codes, where carriers want one number per use case. @default none */
    codes: phoneNumberSchema.optional(),
    /**
     * A simulator number (US) beside the real one(s): texts only AWS's simulator destinations, needs
     * no registration, and lets `npm run ops:selftest` send one real text through SNS and see its
     * delivery status recorded. `{}` requests one; `{ "phoneNumberId": … }` adopts one. @default none
     */
    simulator: z
      .strictObject({
        phoneNumberId: z
          .string()
          .regex(PHONE_NUMBER_ID, { error: 'must be the simulator number\'s id, like "phone-0123…"' })
          .optional(),
      })
      .transform((s): PhoneNumberSource =>
        s.phoneNumberId
          ? { kind: 'existing', phoneNumberId: s.phoneNumberId }
          : { kind: 'request', isoCountryCode: 'US', numberType: 'SIMULATOR' },
      )
      .optional(),
    /** An opt-out list of the stack's own, with the resource policy SNS needs. @default true */
    optOutList: z.boolean().optional(),
    /**
     * The name of an opt-out list that exists (the stack's list kept by a `cdk destroy`, or one made by
     * hand), adopted instead of making one: the stack's numbers use it, SNS may use it, the sender
     * checks it. @default none
     */
    optOutListName: z
      .string()
      .regex(OPT_OUT_LIST_NAME, {
        error:
          "must be an opt-out list's name: letters, digits, _ and - (aws pinpoint-sms-voice-v2 describe-opt-out-lists)",
      })
      .optional(),
    /**
     * @deprecated Ignored (synth warns): SNS Publish names no configuration set, so its events never
     * fired for the service's texts. Delivery is recorded from SNS's own status log: sms.recordDeliveries.
     */
    deliveryEvents: z.boolean().optional(),
    /** A protect configuration allowing only runtime.allowedCountries, as the account default. @default true */
    protectCountries: z.boolean().default(true),
  })
  .refine((c) => !(c.optOutListName && c.optOutList !== undefined), {
    path: ['optOutListName'],
    error: 'adopts an existing list: leave optOutList out (it makes a new list, or none)',
  })
  .transform(({ optOutList, optOutListName, ...channel }) => ({
    ...channel,
    optOutList: optOutListSource(optOutList, optOutListName),
  }));

function optOutListSource(
  optOutList: boolean | undefined,
  optOutListName: string | undefined,
): OptOutListSource {
  if (optOutListName) return { kind: 'existing', optOutListName };
  return optOutList === false ? { kind: 'none' } : { kind: 'own' };
}

const partsPerSecond = () => z.number().min(PARTS_PER_SECOND.min).max(PARTS_PER_SECOND.max).optional();

export const smsSettingsSchema = z
  .strictObject({
    /** The SMS channel's resources, made by the stack. @default none: nothing in End User Messaging is made */
    channel: smsChannelSchema.optional(),
    /**
     * E.164 origination number registered in AWS End User Messaging (toll-free, 10DLC or short code).
     * Required to text US and Canadian numbers. @default none (SNS picks)
     */
    originationNumber: z
      .string()
      .regex(E164, { error: 'must be an E.164 number like +18885550123' })
      .optional(),
    /**
     * A pool of origination numbers you brought (2–20, E.164), in place of originationNumber: each
     * patient is texted from one of them, always the same (replies and STOP stay with the number the
     * patient knows), and the sender's rate is partsPerSecond × the pool's size. Set each number's
     * two-way destination to InboundTopicArn. @default none
     */
    originationPool: z
      .array(z.string().regex(E164, { error: 'must be an E.164 number like +18885550123' }))
      .min(2, { error: 'needs at least 2 numbers (one number: originationNumber)' })
      .max(20)
      .refine((pool) => new Set(pool).size === pool.length, { error: 'must not name a number twice' })
      .optional(),
    /** Alphanumeric sender id, 1–11 letters/digits with at least one letter (countries that allow it). @default none */
    senderId: z
      .string()
      .regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, {
        error: 'must be 1–11 letters or digits, with at least one letter',
      })
      .optional(),
    /**
     * Message parts per second the origination identity may send, as AWS states its throughput (US
     * toll-free 3, 10DLC 1 by default, short code 100). Sets the sender's concurrency, batch size and
     * pace; a two-part text takes two parts (shared/sending.ts). @default 1
     */
    partsPerSecond: partsPerSecond(),
    /**
     * @deprecated The old name of partsPerSecond, read as it (the same number: AWS's figure was
     * always in parts); synth warns. Setting both is an error.
     */
    messagesPerSecond: partsPerSecond(),
    /** Highest price in USD accepted for one text (AWS.SNS.SMS.MaxPrice). @default none */
    maxPriceUsd: z.number().positive().max(10).optional(),
    /** Let the stack set the account's SNS SMS settings (default type Transactional, monthly spend limit). @default false */
    manageAccountSettings: z.boolean().default(false),
    /**
     * Record what became of each reminder text (delivered / failed / blocked / opted out) on its
     * delivery record: the stack turns on SNS's SMS delivery status log for the account and region
     * (an account setting: only with manageAccountSettings) and reads it. @default manageAccountSettings
     */
    recordDeliveries: z.boolean().optional(),
    /**
     * The monthly SMS spend quota AWS granted this account, in USD: new accounts start at 1 and a
     * support case raises it. SNS refuses a spend limit above it, which would roll the deploy back.
     * @default 1
     */
    accountSpendQuotaUsd: z.number().int().min(1).max(1_000_000).default(1),
    /**
     * The account's monthly SMS spend limit in USD: set by the stack when manageAccountSettings is
     * true (default: the quota), otherwise the value set in the console. Known, it gets an alarm at
     * 80 %; unknown (not managed, not given), there is no spend alarm. @default none
     */
    monthlySpendLimitUsd: z.number().int().min(1).max(1_000_000).optional(),
  })
  .refine(
    (sms) => sms.monthlySpendLimitUsd === undefined || sms.monthlySpendLimitUsd <= sms.accountSpendQuotaUsd,
    {
      path: ['monthlySpendLimitUsd'],
      error:
        'must not be above accountSpendQuotaUsd (the quota AWS granted; new accounts: 1): SNS refuses it and the deploy rolls back',
    },
  )
  .refine((sms) => !(sms.originationNumber && sms.channel?.reminders), {
    path: ['channel', 'reminders'],
    error: 'cannot be set with originationNumber: either bring a number or let the stack request one',
  })
  .refine((sms) => !(sms.originationPool && (sms.originationNumber || sms.channel?.reminders)), {
    path: ['originationPool'],
    error:
      'cannot be set with originationNumber or channel.reminders: one way of naming the reminders number(s)',
  })
  .refine(
    (sms) => !sms.channel?.codes || sms.channel.reminders || sms.originationNumber || sms.originationPool,
    {
      path: ['channel', 'codes'],
      error: 'needs a reminders number too (channel.reminders or originationNumber)',
    },
  )
  .refine((sms) => !sms.recordDeliveries || sms.manageAccountSettings, {
    path: ['recordDeliveries'],
    error:
      "needs manageAccountSettings: SNS's delivery status log is an account setting the stack must be allowed to set",
  })
  .refine((sms) => sms.partsPerSecond === undefined || sms.messagesPerSecond === undefined, {
    path: ['messagesPerSecond'],
    error: 'is the old name of partsPerSecond: keep only partsPerSecond',
  })
  // One rate from here on; `renamedMessagesPerSecond` lets the stack warn about the old name.
  .transform(({ partsPerSecond, messagesPerSecond, recordDeliveries, ...sms }) => ({
    ...sms,
    recordDeliveries: recordDeliveries ?? sms.manageAccountSettings,
    partsPerSecond: partsPerSecond ?? messagesPerSecond ?? 1,
    renamedMessagesPerSecond: messagesPerSecond !== undefined,
  }))
  .default(() => ({
    partsPerSecond: 1,
    renamedMessagesPerSecond: false,
    manageAccountSettings: false,
    recordDeliveries: false,
    accountSpendQuotaUsd: 1,
  }));

/** The synth warning for `rehab.sms.channel.deliveryEvents` (no longer read). */
export const DELIVERY_EVENTS_REPLACED =
  "rehab.sms.channel.deliveryEvents is ignored: SNS Publish names no configuration set, so its events never fired for the service's texts. Delivery is now recorded from SNS's delivery status log (rehab.sms.recordDeliveries, on with manageAccountSettings): remove the key";

/** The synth warning for a SIMULATOR number asked for as the reminders or codes number. */
export const SIMULATOR_AS_REAL_NUMBER =
  'rehab.sms.channel.reminders/codes has numberType SIMULATOR: it texts only AWS simulator destinations, never a patient, and changing numberType later replaces the number. Keep the real number there and add "simulator": {} to sms.channel beside it (docs/DEPLOY.md, step 3)';

/** The synth warning for `rehab.sms.messagesPerSecond` (still read, as partsPerSecond). */
export const MESSAGES_PER_SECOND_RENAMED =
  'rehab.sms.messagesPerSecond is deprecated: rename it to rehab.sms.partsPerSecond (same value; the sender now paces by the parts each text takes)';

/** The spend limit the stack knows: the one it sets, or the one the operator says is set. */
export function knownSmsSpendLimitUsd(sms: z.output<typeof smsSettingsSchema>): number | undefined {
  return sms.manageAccountSettings
    ? (sms.monthlySpendLimitUsd ?? sms.accountSpendQuotaUsd)
    : sms.monthlySpendLimitUsd;
}

export const pushSettingsSchema = z
  .strictObject({
    /** VAPID public key (base64url, from `npx web-push generate-vapid-keys`). Enables the push channel. */
    vapidPublicKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{80,100}$/, { error: 'must be the base64url VAPID public key (87 characters)' }),
    /** ARN of the Secrets Manager secret holding the VAPID private key (never put the key itself here). */
    vapidPrivateKeySecretArn: z.string().regex(SECRETS_MANAGER_ARN, {
      error:
        'must be the complete Secrets Manager secret ARN, ending in the 6-character suffix AWS adds (…:secret:rehab-vapid-AbCdEf); the private key itself never goes in cdk.json',
    }),
    /** Contact the push services may use: mailto: or https: URL. */
    vapidSubject: z.string().regex(/^(mailto:|https:\/\/)/, { error: 'must start with mailto: or https://' }),
  })
  .optional();

/**
 * The runtime part, judged by the rules the service applies to patients (shared/domain/scheduling/settings-rules.ts):
 * a default session time in quiet hours would have every first reminder skipped in silence, and a
 * country the phone library does not know could never match a patient's number.
 */
/** One route group's throttle: steady requests per second and burst. */
const throttleSchema = (ratePerSecond: number, burst: number) =>
  z
    .strictObject({
      ratePerSecond: z.number().int().min(1).max(10_000).default(ratePerSecond),
      burst: z.number().int().min(1).max(5_000).default(burst),
    })
    .default({ ratePerSecond, burst });

const operatorRuntimeSchema = z
  ._default(operatorRuntimeConfigSchema, () => operatorRuntimeConfigSchema.parse({}))
  .superRefine((runtime, ctx) => {
    for (const { index, message } of sessionTimeIssues(runtime.defaultSessionTimes))
      ctx.addIssue({ code: 'custom', path: ['defaultSessionTimes', index], message });
    runtime.allowedCountries.forEach((code, index) => {
      if (!isKnownCountry(code))
        ctx.addIssue({
          code: 'custom',
          path: ['allowedCountries', index],
          message: `"${code}" is not a country code the phone number library knows (ISO 3166-1 alpha-2, like "US")`,
        });
    });
  });

/**
 * What an operator sets in cdk.json under the "rehab" context key. The runtime part is the same
 * schema the functions read; the rest shapes the deployment. Checked at synth: a bad setting stops
 * the synth with the setting's path and the reason.
 */
export const operatorConfigSchema = z
  .strictObject({
    runtime: operatorRuntimeSchema,
    sms: smsSettingsSchema,
    /** Web Push (VAPID). @default off: patients can choose SMS only */
    push: pushSettingsSchema,
    /** Email address that gets every alarm (confirm the subscription mail once). @default none */
    alarmEmail: z.email({ error: 'must be an email address' }).optional(),
    /** Days of log retention for every function and the API access log. @default 30 */
    logRetentionDays: z
      .number()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
        error: `must be one of CloudWatch's periods: ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(30),
    /** Keep the table and its encryption key when the stack is deleted; false only for throwaway test stacks. @default true */
    retainData: z.boolean().default(true),
    /**
     * Serve the service (the form, the plan pages, the console, every link in texts) on your own
     * domain, on the CloudFront distribution, so links survive a replacement of the distribution or
     * the API. CloudFront takes certificates from us-east-1 only: the ACM certificate must be there,
     * whatever the stack's region. Point the domain at the CustomDomainTarget output.
     * @default none: the distribution's own address (https://<id>.cloudfront.net/)
     */
    customDomain: z
      .strictObject({
        domainName: z.string().regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
          error: 'must be a lower-case host name like reminders.clinic.example',
        }),
        certificateArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, {
            error: 'must be an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)',
          })
          .refine((arn) => arn.split(':')[3] === 'us-east-1', {
            error:
              "must be a certificate in us-east-1: CloudFront takes certificates from there only, whatever the stack's region (request one there: aws acm request-certificate --region us-east-1 …)",
          }),
      })
      .optional(),
    /**
     * A WAF web ACL on the CloudFront distribution, with rate-based rules per client address on the
     * patients' routes (the form's POSTs, the plan pages) and AWS's IP reputation list. Costs about
     * USD 8 a month (the ACL 5, each of its 3 rules 1) plus 0.60 per million requests
     * (docs/SECURITY.md). A CloudFront web ACL must be made in us-east-1: a stack there makes its
     * own; a stack elsewhere attaches one made by the `<stack>-EdgeWaf` stack in us-east-1
     * (webAclArn; docs/DEPLOY.md). @default off
     */
    waf: z
      .strictObject({
        enabled: z.boolean().default(false),
        /** Requests per client address in any 5 minutes to the form's POST routes. @default 100 */
        formPostsPer5Minutes: z.number().int().min(10).max(2_000_000_000).default(100),
        /** Requests per client address in any 5 minutes to the plan pages (/p/…). @default 300 */
        planPagesPer5Minutes: z.number().int().min(10).max(2_000_000_000).default(300),
        /** The ARN of a CLOUDFRONT web ACL made in us-east-1 (the EdgeWaf stack's output). @default none */
        webAclArn: z
          .string()
          .regex(
            /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[A-Za-z0-9_-]{1,128}\/[0-9a-f-]{36}$/,
            {
              error:
                'must be the ARN of a CLOUDFRONT web ACL, made in us-east-1 (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)',
            },
          )
          .optional(),
      })
      .default({ enabled: false, formPostsPer5Minutes: 100, planPagesPer5Minutes: 300 }),
    /** The clinic console (Cognito sign-in, alerts by email). @default no alert email; a sign-in domain named after the account */
    clinic: z
      .strictObject({
        /** Email address that gets the clinic's alerts (confirm the subscription mail once). @default none */
        alertEmail: z.email({ error: 'must be an email address' }).optional(),
        /**
         * The prefix of the staff sign-in domain, <prefix>.auth.<region>.amazoncognito.com: unique in the
         * region, lower-case letters, digits and hyphens. @default "rehab-console-<account id>"
         */
        signInDomainPrefix: z
          .string()
          .regex(/^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
            error: 'must be 1–63 lower-case letters, digits or hyphens, without "aws", "amazon" or "cognito"',
          })
          .optional(),
      })
      .default({}),
    /**
     * HTTP API throttling, per route (the stage's route settings), so a flood on one kind of route
     * never takes another's: `ratePerSecond` and `burst` for the form and its API (the patients'
     * routes, and the stage's default), `planPage` for the plan pages (/p/…), `console` for the
     * clinic console and invite links. @default 20/40, plan page 20/40, console 10/20
     */
    apiThrottle: z
      .strictObject({
        ratePerSecond: z.number().int().min(1).max(10_000).default(20),
        burst: z.number().int().min(1).max(5_000).default(40),
        planPage: throttleSchema(20, 40),
        console: throttleSchema(10, 20),
      })
      .default({
        ratePerSecond: 20,
        burst: 40,
        planPage: { ratePerSecond: 20, burst: 40 },
        console: { ratePerSecond: 10, burst: 20 },
      }),
  })
  // The protect configuration allows runtime.allowedCountries by code: End User Messaging refuses a
  // code it does not text, and the deploy would roll back.
  .superRefine((config, ctx) => {
    if (!config.sms.channel?.protectCountries) return;
    config.runtime.allowedCountries.forEach((code, index) => {
      if (isKnownCountry(code) && !isSmsCountry(code))
        ctx.addIssue({
          code: 'custom',
          path: ['runtime', 'allowedCountries', index],
          message: `"${code}" is not a country AWS End User Messaging texts (its supported-countries page, read ${SMS_COUNTRIES_READ_ON}: infra/sms-countries.ts): the protect configuration cannot allow it. Remove it, or set sms.channel.protectCountries to false`,
        });
    });
  });

/**
 * HELP must always tell a patient how to reach a person (carriers require it of a registered
 * number): a deployment that texts from a number of its own — one the stack requests
 * (sms.channel.reminders), or one brought (originationNumber, originationPool) — names the clinic's
 * contact (runtime.clinicContact), which the number's own HELP answer carries. Without such a
 * number, HELP (answered by the inbound function) links the help page instead.
 */
export function clinicContactProblem(config: {
  runtime: { clinicContact?: string | undefined };
  sms: {
    channel?: { reminders?: unknown } | undefined;
    originationNumber?: string | undefined;
    originationPool?: readonly string[] | undefined;
  };
}): string | undefined {
  const ownNumber = Boolean(
    config.sms.channel?.reminders || config.sms.originationNumber || config.sms.originationPool,
  );
  return ownNumber && !config.runtime.clinicContact
    ? 'is required when the stack texts from a number of its own (sms.channel.reminders, originationNumber or originationPool): HELP must tell patients how to reach a person, e.g. "(415) 555-0100" or "help@clinic.example"'
    : undefined;
}

export type OperatorConfig = z.output<typeof operatorConfigSchema>;

/** A refused setting: one line per setting, naming it; `cdk synth` prints it without a stack trace. */
export class OperatorConfigError extends ConfigError {
  override name = 'OperatorConfigError';
  constructor(
    readonly lines: readonly string[],
    readonly source: ConfigSource = 'cdk.json',
  ) {
    super(`Invalid "rehab" settings ${SOURCE_WORDS[source]}:\n${lines.map((l) => `  ${l}`).join('\n')}`);
  }
}

export function parseOperatorConfig(input: unknown, source: ConfigSource = 'cdk.json'): OperatorConfig {
  const given = input ?? {};
  const result = operatorConfigSchema.safeParse(given);
  if (!result.success) {
    throw new OperatorConfigError(
      result.error.issues.map((issue) =>
        isMissing(given, issue.path)
          ? `${settingPath(issue.path)}: missing: ${missingValueHint(issue.path)}`
          : describeZodError({ issues: [issue] }, 'rehab'),
      ),
      source,
    );
  }
  const contact = clinicContactProblem(result.data);
  if (contact) throw new OperatorConfigError([`rehab.runtime.clinicContact: ${contact}`]);
  return result.data;
}

/**
 * Reads the "rehab" context and checks it: an object from cdk.json, a JSON string from
 * `-c rehab='…'` (its lines joined by `npm run cdk`, or cut to the first line by a bare `npx cdk`:
 * then it says so). On a bad setting it prints the message alone, naming where the settings came
 * from, and exits non-zero (a stack trace would bury the one line the operator needs).
 */
export function operatorConfigOrExit(
  raw: unknown,
  io: { error: (text: string) => void; exit: (code: number) => never } = {
    error: (text) => console.error(text),
    exit: (code) => process.exit(code),
  },
): OperatorConfig {
  const source: ConfigSource = typeof raw === 'string' ? '-c' : 'cdk.json';
  try {
    return parseOperatorConfig(typeof raw === 'string' ? parseContextJson(raw) : raw, source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.error(error.message);
    return io.exit(1);
  }
}

/** Moved to shared/sending.ts (the function paces itself with the same numbers); kept here for callers. */
export { senderConcurrency } from '../shared/sending.ts';
