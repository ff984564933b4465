import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import catalog from '../../../data/catalog.json';
import { CliError } from '../errors';
import { Rollup } from './rollup';

const rollups = catalog.localRollups;

/** Metric names and units of pushed local rollups, from the one catalog. */
export const PUSH_METRICS = {
  tokens: {
    name: rollups.metrics.tokens.otel,
    unit: rollups.metrics.tokens.otelUnit,
    description: rollups.metrics.tokens.description,
  },
  cost: {
    name: rollups.metrics.cost.otel,
    unit: rollups.metrics.cost.otelUnit,
    description: rollups.metrics.cost.description,
  },
};

/** Collects on demand only: every push exports the whole cumulative state once. */
class OnDemandReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface Pusher {
  /** Exports the current rollup; rejects naming the endpoint when the export fails. */
  push(rollup: Rollup): Promise<void>;
  shutdown(): Promise<void>;
}

export function createPusher(opts: {
  endpoint: string;
  headers: Record<string, string>;
  serviceVersion: string;
}): Pusher {
  const exporter = new OTLPMetricExporter({
    url: opts.endpoint,
    headers: opts.headers,
    temporalityPreference: AggregationTemporality.CUMULATIVE,
    timeoutMillis: 15000,
  });
  const reader = new OnDemandReader({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': rollups.serviceName, 'service.version': opts.serviceVersion }),
    readers: [reader],
  });
  const meter = provider.getMeter(rollups.meter);
  let current: Rollup = { tokens: [], costUSD: [] };
  const tokenCounter = meter.createObservableCounter(PUSH_METRICS.tokens.name, {
    unit: PUSH_METRICS.tokens.unit,
    description: PUSH_METRICS.tokens.description,
  });
  const costCounter = meter.createObservableCounter(PUSH_METRICS.cost.name, {
    unit: PUSH_METRICS.cost.unit,
    description: PUSH_METRICS.cost.description,
  });
  tokenCounter.addCallback((obs) => current.tokens.forEach((p) => obs.observe(p.value, p.attributes)));
  costCounter.addCallback((obs) => current.costUSD.forEach((p) => obs.observe(p.value, p.attributes)));

  return {
    async push(rollup) {
      current = rollup;
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length) {
        throw new CliError(1, `push: collecting metrics failed: ${String(errors[0])}`);
      }
      await new Promise<void>((resolve, reject) => {
        exporter.export(resourceMetrics, (res) => {
          if (res.code === 0) {
            resolve();
          } else {
            reject(new CliError(1, `push to ${opts.endpoint} failed: ${res.error?.message ?? 'unknown error'}`));
          }
        });
      });
    },
    async shutdown() {
      await provider.shutdown().catch(() => undefined);
      await exporter.shutdown().catch(() => undefined);
    },
  };
}
