/**
 * The adapters a handler falls back on when its deps leave them out: no logging, no metrics, the
 * system's clock. Tests and the local stack pass their own.
 */
import type { Clock, Log, Metrics, OptOutList } from '../ports.ts';

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

export const noMetrics: Metrics = { count() {} };

export const systemClock: Clock = { now: () => new Date() };

/**
 * No opt-out list (the stack declares no SMS channel, or the operator brought a number of their
 * own): nothing to put or take off; every number reads as not listed. The patient's opt-out still
 * stops the plan and is confirmed; only the number's list entry is the operator's to keep.
 */
export const noOptOutList: OptOutList = {
  async putOptedOutNumber() {},
  async deleteOptedOutNumber() {
    return 'not-listed';
  },
  async describeOptedOutNumber() {
    return false;
  },
};
