import { z } from 'zod';
import { RULE } from './domain/rules.ts';
import { ENV } from './env.ts';

/**
 * The one configuration schema. Operators set it in cdk.json ("rehab" context key); CDK validates
 * it at synth and hands the functions the runtime part as environment variables; the functions
 * read those once at module load with `loadRuntimeConfig`; the local stack builds the same object.
 */
const HH_MM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM' });

export const limitsSchema = z.strictObject({
  /** Assessments that send a code, per phone per day. @default 3 */
  assessmentsPerPhonePerDay: z.number().int().min(1).max(100).default(3),
  /** Assessments per client (source IP) per hour. @default 10 */
  assessmentsPerClientPerHour: z.number().int().min(1).max(10_000).default(10),
  /** Verification codes sent per phone per hour (first send and resends). @default 3 */
  codesPerPhonePerHour: z.number().int().min(1).max(100).default(3),
  /** Wrong codes before a plan's verification locks. @default 5 */
  maxCodeAttempts: z.number().int().min(1).max(20).default(5),
  /** Minutes a code stays valid. @default 10 */
  codeValidMinutes: z.number().int().min(1).max(60).default(10),
  /** Verification codes sent per client (source IP) per hour (first send and resends). @default 20 */
  codesPerClientPerHour: z.number().int().min(1).max(10_000).default(20),
  /** Codes a client (source IP) may submit per hour, right or wrong: stops guessing across plans. @default 30 */
  codeChecksPerClientPerHour: z.number().int().min(1).max(10_000).default(30),
  /** Seconds a patient waits after a code before asking for a new one. @default 60 */
  resendAfterSeconds: z.number().int().min(10).max(3600).default(60),
});

export const runtimeConfigSchema = z.strictObject({
  /** Name used at the start of every text, so patients know who writes. @default "Rehab reminders" */
  appName: z
    .string()
    .min(1)
    .max(30)
    .regex(/^[A-Za-z0-9 .'-]+$/, { error: "must be plain letters, digits, spaces, . ' or - (GSM-7 safe)" })
    .default('Rehab reminders'),
  /** Days a plan lasts before the patient is asked to re-assess. @default 14 */
  planLengthDays: z.number().int().min(1).max(90).default(RULE.defaultPlanLengthDays),
  /** Session times offered when the patient keeps the defaults. @default ["08:00","13:00","19:00"] */
  defaultSessionTimes: z.tuple([HH_MM, HH_MM, HH_MM]).default([...RULE.defaultSessionTimes]),
  /** ISO 3166-1 alpha-2 countries texts may go to; anything else is refused before a text is sent. @default ["US"] */
  allowedCountries: z
    .array(
      z.string().regex(/^[A-Z]{2}$/, { error: 'must be ISO 3166-1 alpha-2 codes in capitals, like "US"' }),
    )
    .min(1)
    .default(['US']),
  /** A reminder later than this after its session time is dropped and recorded, not sent. @default 60 */
  lateAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /** Days patient data is kept after a plan ends (TTL). @default 30 */
  retentionDays: z.number().int().min(1).max(3650).default(30),
  /** Public URL of the form, used in the re-assessment text. */
  formUrl: z.url().optional(),
  limits: limitsSchema.default(() => limitsSchema.parse({})),
});

export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;
export type RuntimeConfigInput = z.input<typeof runtimeConfigSchema>;

/** The whole runtime config goes in one env var as JSON: one name to set, one schema to check. */
export const RUNTIME_CONFIG_ENV = ENV.config;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describe(error: z.ZodError, prefix: string): string {
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

export { describe as describeZodError };
