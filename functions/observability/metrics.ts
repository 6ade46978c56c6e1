import type { Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';

/** Product metrics the alarms and dashboards read: replies, handoffs and feedback, per store and channel. */
export type ProductMetricName = 'ShopperReplies' | 'LlmFallbacks' | 'Handoffs' | 'Feedback';

export interface ProductMetrics {
  count(name: ProductMetricName, dimensions?: Record<string, string>): void;
}

/** Counts in memory: the local runtime and tests read them; nothing is printed. */
export class InMemoryMetrics implements ProductMetrics {
  readonly counts = new Map<string, number>();

  count(name: ProductMetricName, dimensions: Record<string, string> = {}): void {
    const key = [name, ...Object.entries(dimensions).map(([k, v]) => `${k}=${v}`)].join('|');
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  total(name: ProductMetricName): number {
    let sum = 0;
    for (const [key, value] of this.counts) if (key === name || key.startsWith(`${name}|`)) sum += value;
    return sum;
  }
}

/**
 * Powertools Metrics (CloudWatch embedded metric format) in Lambda. The namespace comes from
 * POWERTOOLS_METRICS_NAMESPACE, set by the stack. Each count is a single metric, written at once, so no
 * flush is needed at the end of an invocation.
 */
export class EmfMetrics implements ProductMetrics {
  constructor(private readonly metrics: PowertoolsMetrics) {}

  count(name: ProductMetricName, dimensions: Record<string, string> = {}): void {
    const single = this.metrics.singleMetric();
    for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
    single.addMetric(name, 'Count', 1);
  }
}

/** Builds EMF metrics in Lambda (loading Powertools Metrics only there) and in-memory counters elsewhere. */
export async function createProductMetrics(runtime: 'local' | 'lambda' | 'test', serviceName: string) {
  if (runtime !== 'lambda') return new InMemoryMetrics();
  const { Metrics } = await import('@aws-lambda-powertools/metrics');
  return new EmfMetrics(new Metrics({ serviceName }));
}
