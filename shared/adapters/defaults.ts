/**
 * The adapters a handler falls back on when its deps leave them out: no logging, no metrics, the
 * system's clock. Tests and the local stack pass their own.
 */
import type { Clock, Log, Metrics } from '../ports.ts';

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

export const noMetrics: Metrics = { count() {} };

export const systemClock: Clock = { now: () => new Date() };
