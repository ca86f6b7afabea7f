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
}

export interface IntakeLimits {
  assessmentsPerPhonePerDay: number;
  assessmentsPerClientPerHour: number;
  codesPerPhonePerHour: number;
  codesPerClientPerHour: number;
  codeChecksPerClientPerHour: number;
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
    codesPerClient: { name: 'codes-client-hour', limit: limits.codesPerClientPerHour, windowSeconds: HOUR },
    codeChecksPerClient: {
      name: 'code-checks-client-hour',
      limit: limits.codeChecksPerClientPerHour,
      windowSeconds: HOUR,
    },
  } as const satisfies Record<string, RateRule>;
}

export type IntakeRateRules = ReturnType<typeof intakeRateRules>;

export interface InboundLimits {
  erasureCodeTriesPerPhonePerDay: number;
}

/** Limits on what texts to the service may do: guesses at an erasure code. */
export function inboundRateRules(limits: InboundLimits) {
  return {
    erasureCodeTries: {
      name: 'erasure-tries-phone-day',
      limit: limits.erasureCodeTriesPerPhonePerDay,
      windowSeconds: DAY,
    },
  } as const satisfies Record<string, RateRule>;
}

/** The window holding `now`: its start (ISO, part of the counter's key) and its end. */
export function windowAt(now: Date, windowSeconds: number): { start: string; end: Date } {
  const size = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / size) * size;
  return { start: new Date(start).toISOString(), end: new Date(start + size) };
}

/** Whole seconds until the window holding `now` ends (at least 1): the answer's Retry-After. */
export function retryAfterSeconds(now: Date, windowSeconds: number): number {
  return Math.max(1, Math.ceil((windowAt(now, windowSeconds).end.getTime() - now.getTime()) / 1000));
}
