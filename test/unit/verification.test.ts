import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  issueCode,
  judgeCountedTry,
  judgeResend,
  whyNoTry,
  verificationBodySchema,
} from '../../shared/domain/security/verification.ts';

const rules = { codeValidMinutes: 10, maxCodeAttempts: 5, resendAfterSeconds: 60, codesPerPlan: 4 };
const T0 = new Date('2030-01-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('verification rules', () => {
  it('a code is valid for 10 minutes from its sending', () => {
    const state = issueCode('h', T0, rules);
    expect(state).toEqual({
      codeHash: 'h',
      sentAt: T0.toISOString(),
      expiresAt: at(10 * 60_000).toISOString(),
      attempts: 0,
      sends: 1,
    });
    const pending = { status: 'pending_verification', verification: state };
    expect(whyNoTry(pending, at(10 * 60_000 - 1), rules)).toEqual({ kind: 'retry' });
    expect(whyNoTry(pending, at(10 * 60_000), rules)).toEqual({ kind: 'expired' });
  });

  it('counts tries down and locks with a wrong fifth; the right code in a counted try verifies', () => {
    const left: number[] = [];
    for (let attempts = 1; attempts <= 5; attempts++) {
      const counted = { ...issueCode('h', T0, rules), attempts };
      const j = judgeCountedTry(counted, false, rules);
      if (j.kind !== 'wrong') throw new Error(`expected wrong, got ${j.kind}`);
      left.push(j.attemptsLeft);
      expect(j.locksNow).toBe(j.attemptsLeft === 0);
      expect(judgeCountedTry(counted, true, rules)).toEqual({ kind: 'verified' });
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
  });

  it('a code that found no try left is never judged: 409 once active, 423 once locked', () => {
    const state = issueCode('h', T0, rules);
    const active = { status: 'active', activatedAt: T0.toISOString(), verification: state };
    expect(whyNoTry(active, T0, rules)).toEqual({ kind: 'already-verified' });
    expect(whyNoTry({ status: 'replaced', verification: state }, T0, rules)).toEqual({ kind: 'not-pending' });
    for (const locked of [
      { ...state, attempts: 5 },
      { ...state, lockedAt: T0.toISOString() },
    ]) {
      expect(whyNoTry({ status: 'pending_verification', verification: locked }, T0, rules)).toEqual({
        kind: 'locked',
      });
    }
  });

  it('a resend keeps the try count, adds a send, and waits 60 seconds after the last code', () => {
    const first = { ...issueCode('h', T0, rules), attempts: 2 };
    expect(judgeResend(first, at(1000), rules)).toEqual({ kind: 'too-soon', retryAfterSeconds: 59 });
    expect(judgeResend(first, at(60_000), rules)).toEqual({ kind: 'ok' });
    const second = issueCode('h2', at(60_000), rules, first);
    expect(second).toMatchObject({ attempts: 2, sends: 2, sentAt: at(60_000).toISOString() });
    expect(judgeResend({ ...second, attempts: 5 }, at(10 * 60_000), rules)).toEqual({ kind: 'locked' });
    // A state from before `sentAt` existed dates its code from the expiry.
    const { sentAt: _sentAt, ...legacy } = first;
    expect(judgeResend(legacy, at(59_000), rules)).toEqual({ kind: 'too-soon', retryAfterSeconds: 1 });
  });

  it('never says "verified" for a wrong code, whatever the count', () => {
    fc.assert(
      fc.property(fc.nat(10), (attempts) => {
        const counted = { ...issueCode('h', T0, rules), attempts };
        expect(judgeCountedTry(counted, false, rules).kind).not.toBe('verified');
      }),
    );
  });
});

describe('the verification body', () => {
  it('takes six digits, forgiving spaces and dashes', () => {
    const planId = '7d5e3c1a-9b2f-4c8e-8a6d-1f2e3d4c5b6a';
    expect(verificationBodySchema.parse({ planId, code: ' 123 456 ' })).toEqual({ planId, code: '123456' });
    expect(verificationBodySchema.parse({ planId, code: '123-456' }).code).toBe('123456');
    for (const code of ['12345', '1234567', 'abcdef', 123456, '']) {
      expect(verificationBodySchema.safeParse({ planId, code }).success).toBe(false);
    }
    expect(verificationBodySchema.safeParse({ planId: 'nope', code: '123456' }).success).toBe(false);
    expect(verificationBodySchema.safeParse({ planId, code: '123456', extra: 1 }).success).toBe(false);
  });
});
