import { Metrics as PowertoolsMetrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, type MetricName } from '../../shared/metrics.ts';
import type { Metrics } from '../../shared/ports.ts';

export interface FlushedMetrics extends Metrics {
  /** Writes the counts of this invocation as one EMF log line (call once per invocation). */
  flush(): void;
}

/** Powertools Metrics (CloudWatch EMF: no API call, no latency) behind the Metrics port. */
export function createMetrics(serviceName: string): FlushedMetrics {
  const metrics = new PowertoolsMetrics({ namespace: METRICS_NAMESPACE, serviceName });
  return {
    count: (name: MetricName, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
    // No counts this invocation: write nothing (Powertools would warn about an empty flush).
    flush: () => {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    },
  };
}

/** Wraps a Lambda handler so the invocation's counts are flushed however it ends. */
export function flushingMetrics<A extends unknown[], R>(
  metrics: FlushedMetrics,
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } finally {
      metrics.flush();
    }
  };
}
