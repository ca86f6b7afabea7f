import type { VerificationState } from '../model.ts';
import * as z from '../zod.ts';

/**
 * Phone verification rules (pure). A plan waits for the six-digit code sent to its phone; the code
 * is stored only as a keyed hash (privacy.ts `hashCode`), expires, and a plan allows a fixed number
 * of tries in all (resends do not reset the count; the right code ends the tries), then locks for
 * good: the patient sends the form again, which the per-phone limits bound.
 */
export interface VerificationRules {
  /** Minutes a code stays valid. */
  codeValidMinutes: number;
  /** Codes a plan may have judged; a wrong one in the last try locks it. */
  maxCodeAttempts: number;
  /** Seconds between two codes of one plan. */
  resendAfterSeconds: number;
  /** Codes one plan may be sent in all (the first and its resends). */
  codesPerPlan: number;
}

export const CODE_PATTERN = /^\d{6}$/;

/** The state after sending a code: the first one, or a resend that keeps the wrong-code count. */
export function issueCode(
  codeHash: string,
  now: Date,
  rules: VerificationRules,
  previous?: VerificationState,
): VerificationState {
  return {
    codeHash,
    sentAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + rules.codeValidMinutes * 60_000).toISOString(),
    attempts: previous?.attempts ?? 0,
    sends: (previous?.sends ?? 0) + 1,
  };
}

export function isLocked(state: VerificationState, rules: VerificationRules): boolean {
  return state.lockedAt !== undefined || state.attempts >= rules.maxCodeAttempts;
}

/**
 * Why a code was not taken as a try (the conditional count refused it), from the plan as read
 * afterwards. Codes are never judged once the plan is active (`already-verified`, 409) or locked
 * (423): only a try that was counted is compared with the code.
 */
export type TryRefusal =
  | { kind: 'already-verified' }
  | { kind: 'not-pending' }
  | { kind: 'locked' }
  | { kind: 'expired' }
  /** The state allows a try after all (it changed between the count and the read): count again. */
  | { kind: 'retry' };

export function whyNoTry(
  plan: { status: string; activatedAt?: string; verification: VerificationState },
  now: Date,
  rules: VerificationRules,
): TryRefusal {
  if (plan.status !== 'pending_verification') {
    return plan.activatedAt ? { kind: 'already-verified' } : { kind: 'not-pending' };
  }
  if (isLocked(plan.verification, rules)) return { kind: 'locked' };
  if (codeExpired(plan.verification, now)) return { kind: 'expired' };
  return { kind: 'retry' };
}

export function codeExpired(state: VerificationState, now: Date): boolean {
  return now.getTime() >= Date.parse(state.expiresAt);
}

export type CodeJudgement = { kind: 'verified' } | { kind: 'wrong'; attemptsLeft: number; locksNow: boolean };

/**
 * What a code means once its try is counted (`counted` is the state the count wrote, this try
 * included). The right code activates the plan; a wrong one uses a try, and the one that uses the
 * last try locks the plan. Counting first means racing guesses each use a try of their own: at
 * most `maxCodeAttempts` codes are ever compared, however many arrive at once.
 */
export function judgeCountedTry(
  counted: VerificationState,
  codeMatches: boolean,
  rules: VerificationRules,
): CodeJudgement {
  if (codeMatches) return { kind: 'verified' };
  const attemptsLeft = Math.max(0, rules.maxCodeAttempts - counted.attempts);
  return { kind: 'wrong', attemptsLeft, locksNow: attemptsLeft === 0 };
}

export type ResendJudgement =
  | { kind: 'ok' }
  | { kind: 'too-soon'; retryAfterSeconds: number }
  | { kind: 'locked' }
  /** The plan had all the codes a plan may get: the current one is the last (valid this long). */
  | { kind: 'plan-cap'; retryAfterSeconds: number };

/** Whether a plan waiting for its code may get a new one now. Per-phone and per-client limits come on top. */
export function judgeResend(state: VerificationState, now: Date, rules: VerificationRules): ResendJudgement {
  if (isLocked(state, rules)) return { kind: 'locked' };
  if (state.sends >= rules.codesPerPlan) {
    const validFor = Math.ceil((Date.parse(state.expiresAt) - now.getTime()) / 1000);
    return { kind: 'plan-cap', retryAfterSeconds: Math.max(1, validFor) };
  }
  // States written before `sentAt` existed date the code from its expiry.
  const sentAt = state.sentAt
    ? Date.parse(state.sentAt)
    : Date.parse(state.expiresAt) - rules.codeValidMinutes * 60_000;
  const wait = Math.ceil((sentAt + rules.resendAfterSeconds * 1000 - now.getTime()) / 1000);
  return wait > 0 ? { kind: 'too-soon', retryAfterSeconds: wait } : { kind: 'ok' };
}

const planId = z.uuid({ error: 'must be the planId from the answer to POST /assessments' });

/** The body of POST /verifications. Spaces and dashes in the code are forgiven ("123 456"). */
export const verificationBodySchema = z.strictObject(
  {
    planId,
    code: z.pipe(
      z.pipe(
        z
          .string({ error: 'is required: the 6 digits from the text' })
          .check(z.maxLength(32, { error: 'must be the 6 digits from the text' })),
        z.transform((value: string) => value.replace(/[\s-]/g, '')),
      ),
      z.string().check(z.regex(CODE_PATTERN, { error: 'must be the 6 digits from the text' })),
    ),
  },
  { error: 'must be a JSON object' },
);

/** The body of POST /verifications/resend. */
export const resendBodySchema = z.strictObject({ planId }, { error: 'must be a JSON object' });

export type VerificationBody = z.output<typeof verificationBodySchema>;
export type ResendBody = z.output<typeof resendBodySchema>;
