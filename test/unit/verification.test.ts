import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  issueCode,
  judgeCode,
  judgeResend,
  verificationBodySchema,
} from '../../shared/domain/verification.ts';

const rules = { codeValidMinutes: 10, maxCodeAttempts: 5, resendAfterSeconds: 60 };
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
    expect(judgeCode(state, true, at(10 * 60_000 - 1), rules)).toEqual({ kind: 'verified' });
    expect(judgeCode(state, true, at(10 * 60_000), rules)).toEqual({ kind: 'expired' });
  });

  it('counts wrong codes down and locks with the fifth; a locked plan refuses even the right code', () => {
    let state = issueCode('h', T0, rules);
    const left: number[] = [];
    for (let i = 0; i < 5; i++) {
      const j = judgeCode(state, false, T0, rules);
      if (j.kind !== 'wrong') throw new Error(`expected wrong, got ${j.kind}`);
      left.push(j.attemptsLeft);
      expect(j.locksNow).toBe(j.attemptsLeft === 0);
      state = { ...state, attempts: state.attempts + 1 };
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    expect(judgeCode(state, true, T0, rules)).toEqual({ kind: 'locked' });
    expect(judgeCode({ ...issueCode('h', T0, rules), lockedAt: T0.toISOString() }, true, T0, rules)).toEqual({
      kind: 'locked',
    });
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

  it('never says "verified" for a wrong code, whatever the state and time', () => {
    fc.assert(
      fc.property(fc.nat(10), fc.integer({ min: -1e6, max: 1e7 }), (attempts, offset) => {
        const state = { ...issueCode('h', T0, rules), attempts };
        expect(judgeCode(state, false, at(offset), rules).kind).not.toBe('verified');
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
