// Typed access to data/catalog.json, the one metric catalog. Nothing here names a metric: it only derives.
import catalogJson from '../data/catalog.json';

export interface CatalogMetric {
  agent: string;
  otel: string;
  instrument: string;
  otelUnit: string;
  series?: string;
  labels: Record<string, string>;
  typeMap?: Record<string, string>;
}
export interface CatalogMeasure {
  id: string;
  name: string;
  unit: string;
  kind: string;
  source: string;
  description: string;
  formula: string;
  metrics: CatalogMetric[];
}
export interface CatalogAgent {
  id: string;
  name: string;
  transport: string;
  temporality: string;
  identity: string;
  userAttributes: string[];
  serviceNames: string[];
  meter: string;
}
export interface Catalog {
  sources: Record<string, string>;
  canonicalLabels: Record<string, string>;
  tokenTypes: string[];
  subTypes: Record<string, string>;
  agents: CatalogAgent[];
  measures: CatalogMeasure[];
}

export const catalog = catalogJson as unknown as Catalog;

/** Labels a query may group or filter by: the canonical labels except the evidence label. */
export const groupableLabels = Object.keys(catalog.canonicalLabels).filter((l) => l !== 'source');

/** Measures backed by agent metrics (what a `usage` query can read). */
export const evidenceMeasures = catalog.measures.filter((m) => m.metrics.length > 0);

/** The measure whose metrics map onto every canonical token type: the token counter. */
export const tokensMeasure: CatalogMeasure = (() => {
  const found = evidenceMeasures.find((m) =>
    catalog.tokenTypes.every((t) => m.metrics.some((x) => Object.values(x.typeMap ?? {}).includes(t)))
  );
  if (!found) {
    throw new Error('data/catalog.json has no measure covering every canonical token type');
  }
  return found;
})();

export type CostBasis = 'reported' | 'cache-aware' | 'list-ceiling';

/** Which catalog measure describes each cost basis of the backend's `cost` query. */
export const basisMeasureId: Record<CostBasis, string> = {
  reported: 'cost_reported',
  'cache-aware': 'cost_estimated',
  'list-ceiling': 'cost_ceiling',
};

export function measureById(id: string | undefined): CatalogMeasure | undefined {
  return catalog.measures.find((m) => m.id === id);
}

export function agentName(id: string): string {
  return catalog.agents.find((a) => a.id === id)?.name ?? id;
}

/** Mimir-default (no-suffix) Prometheus names: what editor completion offers; the backend rewrites per dialect. */
export function noSuffixMetricNames(): string[] {
  const names = new Set<string>();
  for (const m of catalog.measures) {
    for (const x of m.metrics) {
      const base = x.otel.replace(/\./g, '_');
      if (x.instrument === 'histogram') {
        ['sum', 'count', 'bucket'].forEach((s) => names.add(`${base}_${s}`));
      } else {
        names.add(base);
      }
    }
  }
  return Array.from(names).sort();
}
