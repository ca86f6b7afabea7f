import { LANGUAGES } from './domain/language.ts';
import { RULE } from './domain/plan/rules.ts';
import * as z from './domain/zod.ts';
import { ENV } from './env.ts';
import { namedError } from './domain/named-error.ts';

/**
 * The one configuration schema. Operators set it in cdk.json ("rehab" context key); CDK validates
 * it at synth and hands the functions the runtime part as environment variables; the functions
 * read those once at module load with `loadRuntimeConfig`; the local stack builds the same object.
 */
const HH_MM = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM' }));

/** A whole number from min to max, `fallback` when absent. */
const int = (min: number, max: number, fallback: number) =>
  z._default(z.number().check(z.int(), z.gte(min), z.lte(max)), fallback);

/** The longest `formUrl` (a custom domain's URL) that keeps every reminder with its link in one segment. */
export const FORM_URL_MAX_LENGTH = 80;

/** The longest a reminder may be late and still go out (Scheduler retries for up to 24 h). */
export const MAX_LATE_AFTER_MINUTES = 24 * 60;

export const limitsSchema = z.strictObject({
  /** Assessments that send a code, per phone per day. @default 3 */
  assessmentsPerPhonePerDay: int(1, 100, 3),
  /** Assessments per client (source IP) per hour. @default 10 */
  assessmentsPerClientPerHour: int(1, 10_000, 10),
  /** Verification codes sent per phone per hour (first send and resends). @default 3 */
  codesPerPhonePerHour: int(1, 100, 3),
  /**
   * Verification codes sent to one number in any 24 hours, however asked for (assessments and
   * resends together); half of it can go in one burst (shared/domain/security/rate-limit.ts). @default 6
   */
  codesPerPhonePer24Hours: int(2, 200, 6),
  /** Codes one plan may be sent (the first and its resends); then the form must be sent again. @default 4 */
  codesPerPlan: int(1, 20, 4),
  /**
   * Verification codes the whole service may send in an hour: past it, new codes are refused (503)
   * and the `CodeBreakerOpen` metric and its alarm fire. Size it to a few times a busy hour. @default 300
   */
  serviceCodesPerHour: int(1, 100_000, 300),
  /** Wrong codes before a plan's verification locks. @default 5 */
  maxCodeAttempts: int(1, 20, 5),
  /** Minutes a code stays valid. @default 10 */
  codeValidMinutes: int(1, 60, 10),
  /** Verification codes sent per client (source IP) per hour (first send and resends). @default 20 */
  codesPerClientPerHour: int(1, 10_000, 20),
  /** Codes a client (source IP) may submit per hour, right or wrong: stops guessing across plans. @default 30 */
  codeChecksPerClientPerHour: int(1, 10_000, 30),
  /**
   * Plan page views and Done presses per client (source IP) per hour, right token or not: bounds
   * guessing at links (a token has 128 bits) and the writes a page costs. @default 120
   */
  planPageRequestsPerClientPerHour: int(1, 100_000, 120),
  /**
   * The form's first steps (POST /screenings and /proposals, together) per client (source
   * address) per hour: they store nothing, but each is work the API does for whoever asks. A
   * patient makes a few; a clinic's waiting room shares one address. @default 120
   */
  formRequestsPerClientPerHour: int(1, 100_000, 120),
  /**
   * Requests for a new code per client (source address) per hour, counted before the plan is read,
   * whatever the answer (a spray of plan ids is bounded too; codes sent are also counted by
   * codesPerClientPerHour). @default 30
   */
  resendsPerClientPerHour: int(1, 10_000, 30),
  /** Seconds a patient waits after a code before asking for a new one. @default 60 */
  resendAfterSeconds: int(10, 3600, 60),
  /**
   * Erasure codes (DELETE <code>) a number may try per UTC day, right or wrong, counted before the
   * code is compared: bounds blind guesses by a spoofed sender. @default 3
   */
  erasureCodeTriesPerPhonePerDay: int(1, 20, 3),
  /** Answers to one number's texts per hour; past it texts are acted on but not answered. @default 5 */
  repliesPerPhonePerHour: int(1, 100, 5),
  /** Answers to one number's texts per UTC day. @default 20 */
  repliesPerPhonePerDay: int(1, 1000, 20),
});

/** The SMS rates a deployment may set, in parts per second (an identity's throughput). */
export const PARTS_PER_SECOND = { min: 0.1, max: 1000 } as const;

export const smsPacingSchema = z.strictObject({
  /**
   * Message parts (segments) per second the origination identity may send: AWS's throughput
   * figure (US toll-free 3, 10DLC 1 by default, short code 100). The sender paces each text by its
   * parts (shared/sending.ts). In AWS the stack sets it from the operator's
   * `rehab.sms.partsPerSecond`. @default 1
   */
  partsPerSecond: z._default(z.number().check(z.gte(PARTS_PER_SECOND.min), z.lte(PARTS_PER_SECOND.max)), 1),
  /**
   * Origination identities reminders are spread over (a pool of numbers), each at partsPerSecond.
   * In AWS the stack sets it from the operator's pool. @default 1
   */
  identities: z._default(z.number().check(z.int(), z.gte(1), z.lte(100)), 1),
});

/**
 * The clinic console's alert rules and invites (shared/domain/clinic/alerts.ts says what each alert
 * means). `consoleUrl` is where alert emails point: the stack sets it to the API's /console/.
 */
export const clinicSchema = z.strictObject({
  /** A pain score at or above this is an alert for the clinic. @default 7 */
  painAlertAt: int(1, 10, 7),
  /** Days with a score over which the day's highest pain must rise for a "pain rising" alert. @default 3 */
  risingDays: int(2, 7, 3),
  /** How much the last of those days must be above the first. @default 2 */
  risingBy: int(1, 10, 2),
  /** Days with no session logged, while a plan runs, before an alert. @default 2 */
  inactiveDays: int(1, 14, 2),
  /** Days an unused invite link stays valid. @default 30 */
  inviteValidDays: int(1, 90, 30),
  /** The console's address, linked from alert emails. @default none (the stack sets the API's) */
  consoleUrl: z.optional(z.url()),
  /**
   * The FHIR identifier system of this deployment's pseudonymous patient ids (the transaction
   * export's conditional update finds the same Patient again by it). @default <form URL>/fhir/sid/patient-id
   */
  fhirIdentifierSystem: z.optional(z.url()),
  /**
   * Match the FHIR Patient on the clinic's record number instead: the system of the clinic's MRNs
   * (the clinic reference is sent as the MRN). Off by default: it puts the reference, in clear, in
   * every transaction export (docs/CLINICS.md). @default none
   */
  fhirMrnSystem: z.optional(z.url()),
});

export const runtimeConfigSchema = z.strictObject({
  /** Name used at the start of every text, so patients know who writes. @default "Rehab reminders" */
  appName: z._default(
    z.string().check(
      z.minLength(1),
      z.maxLength(30),
      z.regex(/^[A-Za-z0-9 .'-]+$/, {
        error: "must be plain letters, digits, spaces, . ' or - (GSM-7 safe)",
      }),
    ),
    'Rehab reminders',
  ),
  /** Days a plan lasts before the patient is asked to re-assess. @default 14 */
  planLengthDays: int(1, 90, RULE.defaultPlanLengthDays),
  /** Session times offered when the patient keeps the defaults. @default ["08:00","13:00","19:00"] */
  defaultSessionTimes: z._default(z.tuple([HH_MM, HH_MM, HH_MM]), [...RULE.defaultSessionTimes]),
  /** ISO 3166-1 alpha-2 countries texts may go to; anything else is refused before a text is sent. @default ["US"] */
  allowedCountries: z._default(
    z
      .array(
        z
          .string()
          .check(z.regex(/^[A-Z]{2}$/, { error: 'must be ISO 3166-1 alpha-2 codes in capitals, like "US"' })),
      )
      .check(z.minLength(1)),
    ['US'],
  ),
  /**
   * The languages patients may choose (form, plan page, ESPAÑOL / ENGLISH by text); the first is
   * the default when the browser asks for none of them. Each text stays one GSM-7 segment in each
   * (test/unit/text-catalog.test.ts). @default ["en"]
   */
  languages: z._default(
    z.array(z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` })).check(
      z.minLength(1),
      z.refine((list) => new Set(list).size === list.length, { error: 'must not name a language twice' }),
    ),
    ['en'],
  ),
  /** A reminder later than this after its session time is dropped and recorded, not sent. @default 60 */
  lateAfterMinutes: int(1, MAX_LATE_AFTER_MINUTES, 60),
  /** Days patient data is kept after a plan ends (TTL). @default 30 */
  retentionDays: int(1, 3650, 30),
  /**
   * Public URL of the form (a custom domain's, or the API's own): the re-assessment text links to
   * it, and every reminder links to the plan page on its origin (`/p/<token>`). At most 80
   * characters, so a reminder with its link stays one SMS segment whatever the plan
   * (test/unit/texts.test.ts); the API's own URL is at most 60.
   */
  formUrl: z.optional(
    z.url().check(
      z.maxLength(FORM_URL_MAX_LENGTH, {
        error: `must be at most ${FORM_URL_MAX_LENGTH} characters (a reminder with the link must fit one SMS segment)`,
      }),
    ),
  ),
  /**
   * How patients reach the clinic (a phone number, an email address or a short web address), named
   * in the HELP answer. GSM-7 characters, 40 at most so HELP stays one text. @default none
   */
  clinicContact: z.optional(
    z.string().check(
      z.minLength(3),
      z.maxLength(40),
      z.regex(/^[A-Za-z0-9 +@.:/'()-]+$/, {
        error: "must be a phone number, an email or a web address (letters, digits, + @ . : / ' ( ) -)",
      }),
    ),
  ),
  limits: z._default(limitsSchema, () => limitsSchema.parse({})),
  /** The clinic console: alert rules, invites. */
  clinic: z._default(clinicSchema, () => clinicSchema.parse({})),
  /** The SMS rate the sender keeps to, in parts per second. @default { partsPerSecond: 1 } */
  sms: z._default(smsPacingSchema, () => smsPacingSchema.parse({})),
});

/**
 * The runtime settings an operator writes under `rehab.runtime`: all but `sms`, which the stack
 * fills from `rehab.sms` (one place for the SMS rate).
 */
export const operatorRuntimeConfigSchema = z.omit(runtimeConfigSchema, { sms: true });

export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;
export type RuntimeConfigInput = z.input<typeof runtimeConfigSchema>;

/** The whole runtime config goes in one env var as JSON: one name to set, one schema to check. */
export const RUNTIME_CONFIG_ENV = ENV.config;

export class ConfigError extends namedError('ConfigError') {}

function describe(error: { issues: readonly z.core.$ZodIssue[] }, prefix: string): string {
  return error.issues
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`)
    .join('; ');
}

export function parseRuntimeConfig(input: unknown, source = 'config'): RuntimeConfig {
  const result = runtimeConfigSchema.safeParse(input ?? {});
  if (!result.success) throw new ConfigError(`Invalid ${source}: ${describe(result.error, '')}`);
  return result.data;
}

/** Reads and checks the runtime config once (call at module load, so a bad deploy fails at init). */
export function loadRuntimeConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  const raw = env[RUNTIME_CONFIG_ENV];
  let parsed: unknown = {};
  if (raw) {
    try {
      parsed = JSON.parse(raw);
    } catch (cause) {
      throw new ConfigError(`${RUNTIME_CONFIG_ENV} is not valid JSON`, { cause });
    }
  }
  return parseRuntimeConfig(parsed, RUNTIME_CONFIG_ENV);
}

export function requireEnv(env: Record<string, string | undefined>, name: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(`Environment variable ${name} is required`);
  return value;
}

/**
 * The service's public URL as an origin (`ENV.publicUrl`: the form's URL, formUrl or the API's own,
 * which the stack sets): an absolute http(s) URL, checked at init, so a bad deploy fails there and
 * not at a patient's tap.
 */
export function publicOriginFromEnv(env: Record<string, string | undefined>, name: string): string {
  const value = requireEnv(env, name);
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new ConfigError(`${name} must be an absolute URL (the form's), not ${JSON.stringify(value)}`, {
      cause,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(`${name} must be an http or https URL, not ${url.protocol}`);
  return url.origin;
}

export { describe as describeZodError };
