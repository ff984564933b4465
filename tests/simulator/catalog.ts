// Metric names, units, instruments and type values for the simulated agents, read from the ONE catalog.
import catalog from '../../data/catalog.json';

export interface CatalogMetric {
  agent: string;
  otel: string;
  instrument: string;
  otelUnit: string;
  labels: Record<string, string>;
  typeMap?: Record<string, string | null>;
  subsetOf?: Record<string, string>;
}

export interface CatalogAgent {
  id: string;
  meter: string;
  serviceNames: string[];
}

export function agent(id: string): CatalogAgent {
  const a = catalog.agents.find((x) => x.id === id);
  if (!a) {
    throw new Error(`catalog has no agent ${id}`);
  }
  return a;
}

/** The metric carrying `measure` for `agentId`, e.g. metric('tokens', 'claude-code'). */
export function metric(measure: string, agentId: string): CatalogMetric {
  const m = catalog.measures.find((x) => x.id === measure);
  const found = m?.metrics.find((x) => x.agent === agentId) as CatalogMetric | undefined;
  if (!found) {
    throw new Error(`catalog has no ${measure} metric for ${agentId}`);
  }
  return found;
}

/** The raw type value that the agent emits for a canonical (or sub-) type, from the metric's typeMap. */
export function rawType(m: CatalogMetric, canonical: string | null): string {
  const entry = Object.entries(m.typeMap ?? {}).find(([, v]) => v === canonical);
  if (!entry) {
    throw new Error(`${m.otel} has no type value mapped to ${canonical}`);
  }
  return entry[0];
}

/** All metrics of one agent, by OTel name. */
export function agentMetrics(agentId: string): CatalogMetric[] {
  const out: CatalogMetric[] = [];
  for (const m of catalog.measures) {
    for (const x of m.metrics as CatalogMetric[]) {
      if (x.agent === agentId && !out.some((o) => o.otel === x.otel)) {
        out.push(x);
      }
    }
  }
  return out;
}
