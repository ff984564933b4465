// Completion source for the PromQL editor: metric names derived from the catalog, canonical labels,
// and label values from the backend. codemirror-promql asks; nothing here talks to the store directly.
import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import { catalog, groupableLabels, noSuffixMetricNames } from '../../catalog';

export function catalogPromClient(values: (label: string) => Promise<string[]>): PrometheusClient {
  const metadata = Object.fromEntries(
    catalog.measures.flatMap((m) =>
      m.metrics.map((x) => [x.otel.replace(/\./g, '_'), [{ type: x.instrument, help: m.description }]])
    )
  );
  return {
    labelNames: async () => groupableLabels,
    labelValues: async (label) => (groupableLabels.includes(label) ? values(label).catch(() => []) : []),
    metricMetadata: async () => metadata,
    series: async () => [],
    metricNames: async () => noSuffixMetricNames(),
    flags: async () => ({}),
  };
}
