import { intakeStores } from '../../shared/adapters/dynamodb/intake-stores.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { parseRuntimeConfig, type RuntimeConfig, type RuntimeConfigInput } from '../../shared/config.ts';
import type { OutboundMessage, SendResult } from '../../shared/domain/model.ts';
import type {
  Clock,
  Log,
  Metrics,
  Notifier,
  PatientEventStore,
  PlanPageStore,
  PlanRepository,
  RateLimiter,
  SessionSlots,
  VerificationStore,
} from '../../shared/ports.ts';
import { createIntakeHandler, type IntakeDeps } from '../../functions/intake/handler.ts';
import type { TestTable } from './dynamodb.ts';
import { nextPhone, TEST_HASH_KEY } from './fixtures.ts';
import { asFunction } from '../../local/aws-calls.ts';
import type { Language } from '../../shared/domain/language.ts';
import { expect } from 'vitest';
import { call, httpEvent } from './http.ts';

/** Records what would have been sent; `failWith` makes the next sends throw. */
export class RecordingNotifier implements Notifier {
  readonly sent: OutboundMessage[] = [];
  failWith: Error | undefined;

  async send(message: OutboundMessage): Promise<SendResult> {
    if (this.failWith) throw this.failWith;
    this.sent.push(message);
    return { messageId: `test-${this.sent.length}` };
  }

  /** The six-digit code of the newest verification text to `phone`. */
  codeFor(phone: string): string {
    const text = [...this.sent].reverse().find((m) => m.kind === 'verification' && m.to === phone);
    const code = text && /\b(\d{6})\b/.exec(text.body)?.[1];
    if (!code) throw new Error(`no verification text to ${phone}`);
    return code;
  }
}

/** A clock tests move by hand. Starts at the real now: DynamoDB Local's TTL deletes items dated in the past. */
export class TestClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function testConfig(input: RuntimeConfigInput = {}): RuntimeConfig {
  return parseRuntimeConfig({ allowedCountries: ['US', 'GB'], ...input });
}

/** Limits high enough that a test file never meets them unless it means to. */
export const GENEROUS_LIMITS = {
  assessmentsPerPhonePerDay: 100,
  assessmentsPerClientPerHour: 10_000,
  codesPerPhonePerHour: 100,
  codesPerClientPerHour: 10_000,
  codeChecksPerClientPerHour: 10_000,
  planPageRequestsPerClientPerHour: 100_000,
  formRequestsPerClientPerHour: 100_000,
  resendsPerClientPerHour: 10_000,
  codesPerPhonePer24Hours: 200,
  codesPerPlan: 20,
  serviceCodesPerHour: 100_000,
} as const;

/**
 * Counters live in fixed windows (UTC hours and days): 01:00 UTC of the next day, so no test
 * straddles a window's end whatever the real time, and nothing is dated in the past (DynamoDB
 * Local's TTL would delete it).
 */
export function windowSafeStart(): Date {
  const day = 86_400_000;
  return new Date(Math.ceil(Date.now() / day) * day + 3_600_000);
}

/** The form's address in the page tests (a clinic's own domain), and the origin its pages post from. */
export const TEST_FORM_URL = 'https://rehab.clinic.example/';
export const TEST_ORIGIN = new URL(TEST_FORM_URL).origin;

/** 10:00 or 11:00 in New York on a day in the future (after the first session). */
export const sessionMorning = () => new TestClock(new Date(windowSafeStart().getTime() + 14 * 3_600_000));

export interface TestIntake {
  handler: ReturnType<typeof createIntakeHandler>;
  notifier: RecordingNotifier;
  clock: TestClock;
  repo: DynamoPlanRepository;
  config: RuntimeConfig;
}

/** The real intake handler on the test table, with a recording notifier and a hand-moved clock. */
export function createTestIntake(
  table: TestTable,
  options: {
    config?: RuntimeConfig;
    clock?: TestClock;
    notifier?: RecordingNotifier;
    log?: Log;
    metrics?: Metrics;
    /** Push configured (channel "push" accepted) when set. */
    vapidPublicKey?: string;
    /** The stack's opt-out list and the number a patient texts START to. */
    optOutList?: IntakeDeps['optOutList'];
    startNumberFor?: IntakeDeps['startNumberFor'];
  } = {},
): TestIntake {
  const notifier = options.notifier ?? new RecordingNotifier();
  const clock = options.clock ?? new TestClock();
  const config = options.config ?? testConfig({ limits: GENEROUS_LIMITS });
  const repo = new DynamoPlanRepository(table.db, table.tableName);
  const handler = asFunction(
    'intake',
    createIntakeHandler({
      ...(options.log ? { log: options.log } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(options.vapidPublicKey ? { vapidPublicKey: options.vapidPublicKey } : {}),
      ...(options.optOutList ? { optOutList: options.optOutList } : {}),
      ...(options.startNumberFor ? { startNumberFor: options.startNumberFor } : {}),
      config,
      clock,
      notifier,
      hashKey: TEST_HASH_KEY,
      ...intakeStores(table.db, table.tableName),
      repo,
    }),
  );
  return { handler, notifier, clock, repo, config };
}

const unused = (port: string) =>
  new Proxy({} as never, {
    get: (_target, member) => () => {
      throw new Error(`${port}.${String(member)} must not be called here`);
    },
  });

/** Deps for routes that touch no port (the page, the catalog, 404/405): every port throws if used. */
/** The intake at a session morning, offering `languages`, its form at TEST_FORM_URL. */
export function intakeOffering(table: TestTable, languages: Language[]): TestIntake {
  return createTestIntake(table, {
    clock: sessionMorning(),
    config: testConfig({ limits: GENEROUS_LIMITS, formUrl: TEST_FORM_URL, languages }),
  });
}

export function offlineIntakeDeps(overrides: Partial<IntakeDeps> = {}): IntakeDeps {
  return {
    config: testConfig(),
    hashKey: TEST_HASH_KEY,
    repo: unused('repo') as PlanRepository,
    verifications: unused('verifications') as VerificationStore,
    slots: unused('slots') as SessionSlots,
    limiter: unused('limiter') as RateLimiter,
    notifier: unused('notifier') as Notifier,
    pages: unused('pages') as PlanPageStore,
    events: unused('events') as PatientEventStore,
    ...overrides,
  };
}

/** A valid POST /assessments body that makes a full plan (five movements). */
export function assessmentBody(overrides: Record<string, unknown> = {}) {
  return {
    phone: nextPhone(),
    channel: 'sms',
    timeZone: 'America/New_York',
    consent: true,
    scores: {
      'hip-mobility': 0,
      'cat-camel': 1,
      'hip-bridges': 2,
      'bird-dog': 3,
      'lateral-beast-walk': 1,
      'kettlebell-walk': 6,
    },
    ...overrides,
  };
}

/** The real intake with some limits set low (the others generous), its clock at windowSafeStart(). */
export function limitedIntake(
  table: TestTable,
  limits: Partial<Record<keyof typeof GENEROUS_LIMITS, number>> = {},
  allowedCountries?: string[],
): TestIntake {
  return createTestIntake(table, {
    clock: new TestClock(windowSafeStart()),
    config: testConfig({
      limits: { ...GENEROUS_LIMITS, ...limits },
      ...(allowedCountries ? { allowedCountries } : {}),
    }),
  });
}

/**
 * A plan made and confirmed through the API (POST /assessments, then the texted code): its id,
 * its record, the phone, and the plan page's path and token that verification answered.
 */
export async function confirmedPlan(intake: TestIntake, overrides: Record<string, unknown> = {}) {
  const body = assessmentBody(overrides);
  const phone = body.phone as string;
  const made = await call(intake.handler, httpEvent('POST', '/assessments', { body }));
  expect(made.status).toBe(201);
  const planId = (made.body as { planId: string }).planId;
  const verified = await call(
    intake.handler,
    httpEvent('POST', '/verifications', { body: { planId, code: intake.notifier.codeFor(phone) } }),
  );
  expect(verified.status).toBe(200);
  const page = (verified.body as { planPage: string }).planPage;
  return {
    planId,
    page,
    phone,
    token: page.slice('/p/'.length),
    record: (await intake.repo.getPlan(planId))!,
  };
}
