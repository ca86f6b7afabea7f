/**
 * Abuse limits as fixed windows (pure). Public forms that send texts attract SMS pumping fraud, so
 * every request that would send a code is counted per phone and per client (the source address),
 * and code checks are counted per client. A window is aligned to the epoch (UTC days, whole hours),
 * so a counter is one item per subject and window, found again without reading first.
 */
export interface RateRule {
  /** Stable name, part of the counter's key. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Windows start this long after the epoch's (a second family of windows, staggered). @default 0 */
  offsetSeconds?: number;
}

export interface IntakeLimits {
  assessmentsPerPhonePerDay: number;
  assessmentsPerClientPerHour: number;
  codesPerPhonePerHour: number;
  codesPerClientPerHour: number;
  codeChecksPerClientPerHour: number;
  planPageRequestsPerClientPerHour: number;
  formRequestsPerClientPerHour: number;
  resendsPerClientPerHour: number;
  codesPerPhonePer24Hours: number;
  serviceCodesPerHour: number;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

export function intakeRateRules(limits: IntakeLimits) {
  return {
    assessmentsPerClient: {
      name: 'assessments-client-hour',
      limit: limits.assessmentsPerClientPerHour,
      windowSeconds: HOUR,
    },
    assessmentsPerPhone: {
      name: 'assessments-phone-day',
      limit: limits.assessmentsPerPhonePerDay,
      windowSeconds: DAY,
    },
    codesPerPhone: { name: 'codes-phone-hour', limit: limits.codesPerPhonePerHour, windowSeconds: HOUR },
    // Code texts to a number in ANY 24 hours, with fixed-window counters: two families of day
    // windows staggered by 12 hours, a text counted in both, with limits a + b = the cap. Any 24
    // hours hold one boundary x of one family and one y of the other (x < y): [start, y) lies in
    // one window of the second (at most b texts), [x, end) in one of the first (at most a), and
    // the two cover the 24 hours, so they hold at most a + b.
    codesPerPhoneDay: {
      name: 'codes-phone-day',
      limit: Math.floor(limits.codesPerPhonePer24Hours / 2),
      windowSeconds: DAY,
    },
    codesPerPhoneDayStaggered: {
      name: 'codes-phone-day-12h',
      limit: limits.codesPerPhonePer24Hours - Math.floor(limits.codesPerPhonePer24Hours / 2),
      windowSeconds: DAY,
      offsetSeconds: 12 * HOUR,
    },
    codesPerClient: { name: 'codes-client-hour', limit: limits.codesPerClientPerHour, windowSeconds: HOUR },
    codeChecksPerClient: {
      name: 'code-checks-client-hour',
      limit: limits.codeChecksPerClientPerHour,
      windowSeconds: HOUR,
    },
    planPageRequestsPerClient: {
      name: 'plan-page-client-hour',
      limit: limits.planPageRequestsPerClientPerHour,
      windowSeconds: HOUR,
    },
    formRequestsPerClient: {
      name: 'form-requests-client-hour',
      limit: limits.formRequestsPerClientPerHour,
      windowSeconds: HOUR,
    },
    resendsPerClient: {
      name: 'resends-client-hour',
      limit: limits.resendsPerClientPerHour,
      windowSeconds: HOUR,
    },
    /** The whole service's code texts an hour: a breaker against pumping spread over many numbers. */
    serviceCodes: { name: 'codes-service-hour', limit: limits.serviceCodesPerHour, windowSeconds: HOUR },
  } as const satisfies Record<string, RateRule>;
}

export type IntakeRateRules = ReturnType<typeof intakeRateRules>;

export interface InboundLimits {
  erasureCodeTriesPerPhonePerDay: number;
  repliesPerPhonePerHour: number;
  repliesPerPhonePerDay: number;
}

/**
 * Limits on what texts to the service may do: answers per number (past them a text is still acted
 * on, just not answered: a flood of texts cannot make the service text back a flood), and guesses
 * at an erasure code.
 */
export function inboundRateRules(limits: InboundLimits) {
  return {
    repliesPerHour: { name: 'replies-phone-hour', limit: limits.repliesPerPhonePerHour, windowSeconds: HOUR },
    repliesPerDay: { name: 'replies-phone-day', limit: limits.repliesPerPhonePerDay, windowSeconds: DAY },
    // Urgent advice (red-flag words, a pain of 8+): the first answer always goes; a repeat within
    // the (clock) hour is acted on and the clinic told, but not answered again. Counted per number
    // and per sign, so a new sign always gets its advice.
    urgentAnswer: { name: 'urgent-answer-phone-hour', limit: 1, windowSeconds: HOUR },
    // A text the service did not understand gets one short answer every 6 hours at most.
    unknownAnswer: { name: 'unknown-answer-phone-6h', limit: 1, windowSeconds: 6 * HOUR },
    erasureCodeTries: {
      name: 'erasure-tries-phone-day',
      limit: limits.erasureCodeTriesPerPhonePerDay,
      windowSeconds: DAY,
    },
  } as const satisfies Record<string, RateRule>;
}

/** The window holding `now`: its start (ISO, part of the counter's key) and its end. */
export function windowAt(now: Date, windowSeconds: number, offsetSeconds = 0): { start: string; end: Date } {
  const size = windowSeconds * 1000;
  const offset = offsetSeconds * 1000;
  const start = Math.floor((now.getTime() - offset) / size) * size + offset;
  return { start: new Date(start).toISOString(), end: new Date(start + size) };
}

/** Whole seconds until the window holding `now` ends (at least 1): the answer's Retry-After. */
export function retryAfterSeconds(now: Date, windowSeconds: number, offsetSeconds = 0): number {
  const end = windowAt(now, windowSeconds, offsetSeconds).end.getTime();
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}
