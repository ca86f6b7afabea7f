/**
 * The one way a plan's status is written: a StatusChange the lifecycle decided
 * (shared/domain/plan/lifecycle.ts), as parts of an UpdateItem conditional on its `from`. Adapters
 * build nothing else that sets `status` (test/unit/plan-lifecycle.test.ts checks the sources).
 */
import { reasonCode, type StatusChange } from '../../domain/plan/lifecycle.ts';
import type { StatusMark } from '../../domain/scheduling/due.ts';

export interface StatusUpdate {
  /** SET clauses (without the keyword) and the REMOVE clause, if any. */
  set: string[];
  remove: string[];
  condition: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

export function statusUpdate(change: StatusChange, at: Date): StatusUpdate {
  const from = Object.fromEntries(change.from.map((status, i) => [`:from${i}`, status]));
  const reason = change.reason ? reasonCode(change.reason) : undefined;
  const mark: StatusMark = { to: change.to, at: at.toISOString() };
  return {
    set: [
      '#status = :to',
      'updatedAt = :now',
      // The history the "due" sessions are read from (shared/domain/scheduling/due.ts).
      'statusHistory = list_append(if_not_exists(statusHistory, :noMarks), :mark)',
      ...(reason ? ['statusReason = :reason'] : []),
    ],
    remove: reason ? [] : ['statusReason'],
    condition: `#status IN (${Object.keys(from).join(', ')})`,
    names: { '#status': 'status' },
    values: {
      ':to': change.to,
      ':now': at.toISOString(),
      ':noMarks': [],
      ':mark': [mark],
      ...(reason ? { ':reason': reason } : {}),
      ...from,
    },
  };
}

/** The update's SET and REMOVE clauses as one UpdateExpression, with `extra` SET clauses. */
export function updateExpression(update: StatusUpdate, extraSet: string[] = []): string {
  const set = `SET ${[...update.set, ...extraSet].join(', ')}`;
  return update.remove.length ? `${set} REMOVE ${update.remove.join(', ')}` : set;
}
