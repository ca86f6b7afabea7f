/**
 * The plan's lifecycle: every change goes through transition(), and nothing else writes a status.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allows,
  parseReason,
  PLAN_STATUSES,
  reasonCode,
  transition,
  type LifecycleEvent,
  type StatusReason,
} from '../../shared/domain/plan/lifecycle.ts';

const EVENTS: LifecycleEvent[] = [
  { kind: 'verify' },
  { kind: 'patient-paused' },
  { kind: 'pain-reported' },
  { kind: 'red-flag-reported' },
  { kind: 'resume' },
  { kind: 'opted-out' },
  { kind: 'unreachable', cause: 'opted-out' },
  { kind: 'unreachable', cause: 'invalid-endpoint' },
  { kind: 'unreachable', cause: 'disabled-endpoint' },
  { kind: 'replaced', byPlanId: 'p-2' },
  { kind: 'complete' },
  { kind: 'clinic-paused' },
  { kind: 'clinic-resumed' },
  { kind: 'clinic-stopped' },
];

describe('transition()', () => {
  it('moves a plan only along the documented arrows', () => {
    const arrows = EVENTS.map((event) => {
      const change = transition(event);
      return `${change.from.join('|')} → ${change.to}${change.reason ? ` (${reasonCode(change.reason)})` : ''}`;
    });
    expect(arrows).toEqual([
      'pending_verification → active',
      'active → paused (patient-paused)',
      'active|paused → paused (pain-reported)',
      'active|paused → paused (red-flag-reported)',
      'paused → active',
      'active|paused → stopped (opted-out)',
      'active|paused → stopped (opted-out)',
      'active|paused → stopped (unreachable:invalid-endpoint)',
      'active|paused → stopped (unreachable:disabled-endpoint)',
      'active|paused → replaced (replaced-by:p-2)',
      'active → completed (plan-ended)',
      'active → paused (clinic-paused)',
      'paused → active',
      'active|paused → stopped (clinic-stopped)',
    ]);
  });

  it('no change leaves an ended plan, and only verification leaves a pending one', () => {
    for (const event of EVENTS) {
      const change = transition(event);
      for (const ended of ['stopped', 'replaced', 'completed'] as const)
        expect(allows(change, ended)).toBe(false);
      expect(allows(change, 'pending_verification')).toBe(event.kind === 'verify');
      expect(PLAN_STATUSES).toContain(change.to);
    }
  });

  it('stored reasons read back as they were written, and those written before this version still read', () => {
    const reasons: StatusReason[] = EVENTS.flatMap((e) => transition(e).reason ?? []);
    for (const reason of reasons) expect(parseReason(reasonCode(reason))).toEqual(reason);
    fc.assert(
      fc.property(fc.string(), (planId) => {
        const reason: StatusReason = { kind: 'replaced-by', planId: `p${planId}` };
        expect(parseReason(reasonCode(reason))).toEqual(reason);
      }),
    );
    expect(parseReason('unreachable:invalid-endpoint')).toEqual({
      kind: 'unreachable',
      cause: 'invalid-endpoint',
    });
    expect(parseReason('replaced-by:abc')).toEqual({ kind: 'replaced-by', planId: 'abc' });
    expect(parseReason('something-else')).toBeUndefined();
    expect(parseReason(undefined)).toBeUndefined();
  });
});

describe('statuses change only through the lifecycle', () => {
  const sources = execFileSync('git', ['ls-files', 'functions', 'shared', 'local', 'scripts', 'bench'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f.endsWith('.ts'));
  const ONLY_WRITER = 'shared/adapters/dynamodb/plan-status.ts';
  const LIFECYCLE = 'shared/domain/plan/lifecycle.ts';

  it('no source but the one status writer sets `status` in an UpdateExpression', () => {
    const writers = sources.filter((f) => /SET[^'`"]*#status\s*=/.test(readFileSync(f, 'utf8')));
    expect(writers).toEqual([]);
    expect(readFileSync(ONLY_WRITER, 'utf8')).toContain("'#status = :to'");
  });

  it('no source outside the lifecycle names a status as a value it writes', () => {
    const literal = /\bstatus:\s*'(pending_verification|active|paused|stopped|replaced|completed)'/;
    const offenders = sources.filter((f) => f !== LIFECYCLE && literal.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the old way round it is gone: no setPlanStatus, no status decided in an adapter', () => {
    const old = sources.filter((f) =>
      /setPlanStatus|completePlan|markUnreachable/.test(readFileSync(f, 'utf8')),
    );
    expect(old).toEqual([]);
  });
});
