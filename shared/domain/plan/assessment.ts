import type { CountryCode } from 'libphonenumber-js/mobile';
import { defaultCountryFor, readPhone } from '../messaging/phone.ts';
import { DEFAULT_LANGUAGE, type Language } from '../language.ts';
import { CATALOG, findMovement } from './catalog.ts';
import { authSecretProblem, p256dhProblem, pushEndpointProblem } from '../messaging/push.ts';
import type { FieldName, IssueTexts } from './api-texts.ts';
import { CONSENTS, consentOfVersion, RULE } from './rules.ts';
import { RED_FLAG_IDS } from './red-flags.ts';
import { sessionTimeIssues } from '../scheduling/settings-rules.ts';
import { canonicalLocale, clockOf } from '../scheduling/local-time.ts';
import { canonicalTimeZone } from '../time.ts';
import * as z from '../zod.ts';
import { choiceProblems } from './plan.ts';
import { HOLD_LADDER } from './progression.ts';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface AssessmentSchemaOptions {
  /** ISO 3166-1 alpha-2 codes a text may go to; empty or absent means any. */
  allowedCountries?: readonly string[];
  defaultSessionTimes?: readonly [string, string, string];
  /** Whether push is configured (a VAPID key): without it `channel: "push"` is refused. @default false */
  pushEnabled?: boolean;
  /** The languages the operator offers (config `languages`). @default ["en"] */
  languages?: readonly Language[];
}

/** A check that adds the issue `problem` finds, if any (the message ends the field's sentence). */
const checkedBy = (problem: (value: string) => string | undefined) =>
  z.superRefine((value: string, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message, input: value });
  });

const pushSubscriptionSchema = z.object({
  endpoint: z
    .string({ error: 'is required: the https URL of a push service' })
    .check(z.maxLength(2048), checkedBy(pushEndpointProblem)),
  expirationTime: z.optional(z.nullable(z.number())),
  keys: z.object({
    p256dh: z.string().check(z.maxLength(512), checkedBy(p256dhProblem)),
    auth: z.string().check(z.maxLength(512), checkedBy(authSecretProblem)),
  }),
});

/** Refuses the value inside a transform, as `zod`'s `ctx.addIssue` does (zod/mini has no helper). */
function refuse(ctx: z.core.ParsePayload, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
  return z.NEVER;
}

/**
 * A phone number as patients and operators type it (spaces, dashes, brackets allowed) → E.164 with
 * its country; with `allowedCountries`, numbers elsewhere are refused. A number without + is read in
 * `defaultCountry` (messaging/phone.ts `readPhone`). The one normalisation, so a number hashes the
 * same wherever it was typed.
 */
export function makePhoneSchema(allowedCountries: readonly string[] = [], defaultCountry?: string) {
  return z.pipe(
    phoneText,
    z.transform((value: string, ctx) => {
      const read = readPhone(value, { allowed: allowedCountries, defaultCountry });
      if ('problem' in read) return refuse(ctx, read.problem);
      return { e164: read.e164, country: read.country as CountryCode };
    }),
  );
}

/** A BCP 47 language tag ("en-US"), kept in its canonical form. */
const localeField = z.pipe(
  z.string({ error: 'must be a language tag, like en-US' }).check(z.maxLength(35)),
  z.transform(
    (value: string, ctx) => canonicalLocale(value) ?? refuse(ctx, 'must be a language tag, like en-US'),
  ),
);

/** The phone field as typed (read with the body's time zone: `makeAssessmentSchema`). */
const phoneText = z
  .string({ error: 'is required: your mobile number, so the code and reminders reach you' })
  .check(z.trim(), z.maxLength(32, { error: 'is too long for a phone number' }));

const scoreError = { error: 'must be a whole number from 0 to 10' };
const score = z.number(scoreError).check(z.int(scoreError), z.gte(0, scoreError), z.lte(10, scoreError));

/** The movements' pain scores: known ids, at least one rated, kept in catalog order. */
const scores = z.pipe(
  z
    .record(z.string(), z.nullable(score), {
      error: 'is required: a pain score for each movement you tried',
    })
    .check(
      z.superRefine((value, ctx) => {
        for (const id of Object.keys(value)) {
          if (!findMovement(id)) {
            ctx.addIssue({
              code: 'custom',
              path: [id],
              message: `"${id.slice(0, 64)}" is not a movement of the assessment`,
            });
          }
        }
        const rated = Object.values(value).filter((s) => s !== null);
        if (rated.length === 0) {
          ctx.addIssue({ code: 'custom', message: 'rate at least one movement (0 = no pain, 10 = worst)' });
        }
      }),
    ),
  z.transform((value: Record<string, number | null>) => {
    // Keep only rated movements, in catalog order, so equal inputs store equal data.
    const out: Record<string, number> = {};
    for (const m of CATALOG) {
      const s = value[m.id];
      if (typeof s === 'number') out[m.id] = s;
    }
    return out;
  }),
);

/** The warning signs the patient ticks (rules.ts RED_FLAGS). */
const redFlagsField = z.optional(
  z
    .array(z.enum(RED_FLAG_IDS, { error: `must be one of: ${RED_FLAG_IDS.join(', ')}` }))
    .check(z.maxLength(RED_FLAG_IDS.length)),
);

/** How much the back hurts sitting or lying still, 0–10: feeds the advice tiers. */
const restPainField = z.optional(
  z
    .number({ error: 'must be a number from 0 to 10' })
    .check(
      z.int({ error: 'must be a whole number from 0 to 10' }),
      z.minimum(0, { error: 'must be 0 or more' }),
      z.maximum(10, { error: 'must be 10 or less' }),
    ),
);

/**
 * The patient says a doctor or physiotherapist has checked this back pain: with weak flags alone
 * (age with new pain, osteoporosis or steroids, a past cancer) a plan may then follow. Ignored for
 * any other flag.
 */
const clinicianCheckedField = z.optional(z.boolean({ error: 'must be true or false' }));

/** The kettlebell hold the patient tried and rated (the plan starts on it). */
const kettlebellHoldField = z.optional(
  z.enum(HOLD_LADDER, { error: `must be one of: ${HOLD_LADDER.join(', ')}` }),
);

/** `language`: one of the languages the operator offers (none given: English only). */
export function languageField(offered: readonly Language[] | undefined) {
  const languages = offered?.length ? offered : [DEFAULT_LANGUAGE];
  return z.enum(languages as [Language, ...Language[]], {
    error: `must be one of the languages offered here: ${languages.join(', ')}`,
  });
}

/**
 * A form step's body that may also say the language of its answer's words (the form's chosen
 * language: docs/API.md, "Language of messages"), one of those offered, else 400 naming `language`.
 */
export function withLanguage<S extends z.ZodMiniObject>(schema: S, offered: readonly Language[] | undefined) {
  return z.extend(schema, { language: z.optional(languageField(offered)) });
}

/** POST /screenings: the first screen, before any movement is tried (nothing is stored). */
export const screeningBodySchema = z.strictObject(
  { redFlags: redFlagsField, restPain: restPainField, clinicianChecked: clinicianCheckedField },
  { error: 'must be a JSON object' },
);

/** POST /proposals: the scores, for the movements that qualify and the rule's proposal (nothing is stored). */
export const proposalBodySchema = z.strictObject(
  { scores, restPain: restPainField },
  { error: 'must be a JSON object' },
);

/**
 * The body of POST /assessments. Every refusal names its field: the form shows the message next
 * to it. The output is normalised: phone in E.164 with its country, the zone's canonical name.
 */
export function makeAssessmentSchema(options: AssessmentSchemaOptions = {}) {
  const defaultTimes = options.defaultSessionTimes ?? RULE.defaultSessionTimes;
  const languages = options.languages?.length ? options.languages : [DEFAULT_LANGUAGE];
  const language = languageField(languages);
  /** A known version, in a language offered here (else the page that showed it is not this one's). */
  const consentVersion = z.string({ error: 'must be the version of the consent text you agreed to' }).check(
    z.maxLength(64),
    checkedBy((value) => {
      const known = consentOfVersion(value);
      if (!known) return 'is out of date: reload the page and agree to the current text';
      if (!languages.includes(known.language))
        return `is the consent in a language not offered here (${known.language}): reload the page and agree to the current text`;
      return undefined;
    }),
  );
  const allowed = options.allowedCountries ?? [];
  /** The phone as typed, read in the country of the body's time zone where it is allowed. */
  const phoneOf = (value: { phone: string; timeZone: unknown }) =>
    readPhone(value.phone, {
      allowed,
      defaultCountry: defaultCountryFor(
        typeof value.timeZone === 'string' ? value.timeZone : undefined,
        allowed,
      ),
    });

  const timeZone = z.pipe(
    z.string({ error: 'is required: an IANA time zone such as Europe/Paris' }).check(z.maxLength(64)),
    z.transform((value: string, ctx) => {
      const canonical = canonicalTimeZone(value);
      if (!canonical) return refuse(ctx, `"${value.slice(0, 64)}" is not a known time zone`);
      return canonical;
    }),
  );

  const sessionTime = z
    .string()
    .check(z.regex(HH_MM, { error: 'must be a time of day as HH:MM, like 08:00' }));

  // The rule's checks on the times (sending hours, the gap) are made with the body's locale below,
  // so the allowed window is named in the patient's clock.
  const sessionTimes = z
    .array(sessionTime)
    .check(z.length(RULE.sessionsPerDay, { error: `must be exactly ${RULE.sessionsPerDay} times` }));

  const body = z
    .strictObject(
      {
        phone: phoneText,
        channel: z.enum(['sms', 'push'], { error: 'must be "sms" or "push"' }),
        timeZone,
        sessionTimes: z.optional(sessionTimes),
        /** The browser's language (BCP 47): times in the texts and pages in its clock (12- or 24-hour). */
        locale: z.optional(localeField),
        consent: z.literal(true, { error: 'must be accepted: tick the box to agree to the reminders' }),
        /** The consent text the patient saw (rules.ts CONSENTS, one a language): stored with its version. */
        consentVersion: z.optional(consentVersion),
        scores,
        redFlags: redFlagsField,
        restPain: restPainField,
        clinicianChecked: clinicianCheckedField,
        kettlebellHold: kettlebellHoldField,
        /** A re-assessment: the link token of the plan it follows (its plan page's), so the next plan steps on. */
        previousPlan: z.optional(
          z
            .string({ error: 'must be the link of your last plan' })
            .check(z.regex(/^[A-Za-z0-9_-]{22}$/, { error: 'must be the link of your last plan' })),
        ),
        /** The movements the patient chose from those that qualify (absent: the rule's proposal). */
        chosen: z.optional(
          z
            .array(z.string({ error: 'must be movement ids' }).check(z.maxLength(64)))
            .check(z.maxLength(CATALOG.length, { error: `must name at most ${CATALOG.length} movements` })),
        ),
        pushSubscription: z.optional(pushSubscriptionSchema),
        /** The patient's language for texts and pages (absent: the operator's first). */
        language: z.optional(language),
      },
      { error: 'must be a JSON object' },
    )
    .check(
      // The times against the rule, the window in the patient's clock; also when other answers have problems.
      z.superRefine(
        (value, ctx) => {
          const times = value.sessionTimes as unknown as string[];
          const locale = typeof value.locale === 'string' ? canonicalLocale(value.locale) : undefined;
          for (const { index, message } of sessionTimeIssues(times, clockOf(locale)))
            ctx.addIssue({ code: 'custom', path: ['sessionTimes', index], message });
        },
        {
          when: (payload) => {
            const v = payload.value as { sessionTimes?: unknown } | undefined;
            return (
              Array.isArray(v?.sessionTimes) &&
              v.sessionTimes.length === RULE.sessionsPerDay &&
              v.sessionTimes.every((t) => typeof t === 'string' && HH_MM.test(t))
            );
          },
        },
      ),
      // The phone is read with the zone (its default country), also when other answers have problems.
      z.superRefine(
        (value, ctx) => {
          const read = phoneOf(value);
          if ('problem' in read)
            ctx.addIssue({ code: 'custom', path: ['phone'], message: read.problem, input: value.phone });
        },
        {
          when: (payload) => {
            const v = payload.value as { phone?: unknown } | undefined;
            return typeof v?.phone === 'string';
          },
        },
      ),
      z.superRefine((value, ctx) => {
        if (value.channel === 'push' && !options.pushEnabled) {
          ctx.addIssue({
            code: 'custom',
            path: ['channel'],
            message: 'cannot be "push" here: this service sends reminders by text message only',
          });
        } else if (value.channel === 'push' && !value.pushSubscription) {
          ctx.addIssue({
            code: 'custom',
            path: ['pushSubscription'],
            message: 'is required when channel is "push": allow notifications in the browser',
          });
        }
        // The server checks the patient's choice against the rule, whatever the page allowed.
        if (value.chosen?.length) {
          for (const problem of choiceProblems(value.scores, value.chosen)) {
            ctx.addIssue({
              code: 'custom',
              path: problem.index === undefined ? ['chosen'] : ['chosen', problem.index],
              message: problem.message,
              ...(problem.index === undefined ? {} : { input: value.chosen[problem.index] }),
            });
          }
        }
      }),
    );

  return z.pipe(
    body,
    z.transform((value: z.output<typeof body>) => ({
      ...e164Of(phoneOf(value)),
      channel: value.channel,
      timeZone: value.timeZone,
      sessionTimes: (value.sessionTimes ?? [...defaultTimes]) as [string, string, string],
      /** The patient chose the times (a full minute is then refused, not moved). */
      sessionTimesChosen: value.sessionTimes !== undefined,
      ...(value.locale ? { locale: value.locale } : {}),
      // The version the page sent; none (an older client): the text of the plan's language.
      consent: consentSent(value.consentVersion, value.language ?? languages[0]!),
      scores: value.scores,
      redFlags: [...new Set(value.redFlags ?? [])],
      ...(value.restPain !== undefined ? { restPain: value.restPain } : {}),
      clinicianChecked: value.clinicianChecked === true,
      // Only for a kettlebell walk the patient rated: the plan starts on this hold.
      ...(value.kettlebellHold && value.scores['kettlebell-walk'] !== undefined
        ? { kettlebellHold: value.kettlebellHold }
        : {}),
      ...(value.chosen?.length ? { chosen: value.chosen } : {}),
      ...(value.previousPlan ? { previousPlan: value.previousPlan } : {}),
      pushSubscription: value.channel === 'push' ? value.pushSubscription : undefined,
      // None sent: the browser's preference among those offered (the assessment use case).
      ...(value.language ? { language: value.language } : {}),
    })),
  );
}

/** The consent text to store: the version the patient agreed to, else the language's own. */
function consentSent(version: string | undefined, language: Language): { version: string; text: string } {
  const consent = (version && consentOfVersion(version)?.consent) || CONSENTS[language];
  return { version: consent.version, text: consent.text };
}

/** A phone the body's check accepted: its E.164 form and country. */
function e164Of(read: ReturnType<typeof readPhone>): { phone: string; country: string } {
  if ('problem' in read) throw new Error('unreachable: the phone was checked');
  return { phone: read.e164, country: read.country };
}

export type AssessmentInput = z.input<ReturnType<typeof makeAssessmentSchema>>;
export type Assessment = z.output<ReturnType<typeof makeAssessmentSchema>>;

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Zod issues → `[{ path: "scores.cat-camel", message: "scores.cat-camel must be …" }]`. Without
 * `words`, each message is the schema's own (English, with the details the rule gives); with a
 * language's `words` (api-texts.ts `IssueTexts`), each issue's code and field pick that language's
 * sentence, which names the field first as in English: no zod or schema English in another language.
 */
export function toFieldIssues(
  error: { issues: readonly z.core.$ZodIssue[] },
  words?: IssueTexts,
): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      // One issue per unknown field, each naming it, so a client can show it where it belongs.
      return issue.keys.map((key) => {
        const path = [...base, key].join('.');
        return { path, message: words ? words.notAField(path) : `${path} is not a field of this request` };
      });
    }
    const path = base.join('.');
    if (words) return [{ path, message: issueIn(words, issue, base) }];
    const message = formatIssueMessage(issue);
    return [{ path, message: path ? `${path} ${message}` : message }];
  });
}

/** One issue in a language's words: by its code and its field (the first segment of its path). */
function issueIn(words: IssueTexts, issue: z.core.$ZodIssue, base: readonly string[]): string {
  const path = base.join('.');
  const field = base[0];
  if (!path) return words.notAnObject;
  if (issue.code === 'invalid_type' && issue.input === undefined) return words.required(path);
  if (issue.code === 'custom' && field === 'scores' && base.length === 2 && !findMovement(base[1]!))
    return words.notAMovement(path, base[1]!.slice(0, 64));
  if (issue.code === 'custom' && field === 'chosen' && base.length === 2 && typeof issue.input === 'string')
    return words.notChoosable(path, issue.input.slice(0, 64));
  if (field && Object.hasOwn(words.rules, field)) return words.wants(path, words.rules[field as FieldName]);
  return words.invalid(path);
}
function formatIssueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    // The schema's own message names what is wanted; zod's default says only "received undefined".
    return issue.message.startsWith('Invalid input') ? 'is required' : issue.message;
  }
  return issue.message;
}
