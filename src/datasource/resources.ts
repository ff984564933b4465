// Shapes of the backend's HTTP resources (contract: backend data source API) and typed calls to them.
export interface RewriteError {
  message: string;
  line: number;
  column: number;
  offset: number;
}
export interface RewriteResult {
  rewritten: string;
  dialect: string;
  error?: RewriteError;
}
export type HopStatus = 'ok' | 'warn' | 'error';
export interface PipelineHop {
  id: string;
  name: string;
  status: HopStatus;
  message: string;
  fix?: string;
}
export interface LastSeen {
  user: string;
  lastSample: string;
}
export interface AgentLastSeen {
  agent: string;
  lastSample: string;
  users: LastSeen[];
}
export interface PipelineHealth {
  hops: PipelineHop[];
  dialect: string;
  agents: AgentLastSeen[];
}
export interface PricesReport {
  asOf: string;
  sourceVersion: string;
  models: unknown[];
  overrides: unknown;
  unpriced: Array<{ model: string; tokens: number | Record<string, number> }>;
}
export interface LabelValues {
  values: string[];
}

/** What the pages and editors need from a data source instance: DataSourceWithBackend has both. */
export interface ResourceCaller {
  getResource<T>(path: string, params?: Record<string, unknown>): Promise<T>;
  postResource<T>(path: string, data?: unknown): Promise<T>;
}

export const rewrite = (ds: ResourceCaller, expr: string) => ds.postResource<RewriteResult>('rewrite', { expr });
export const pipelineHealth = (ds: ResourceCaller) => ds.getResource<PipelineHealth>('health/pipeline');
export const prices = (ds: ResourceCaller) => ds.getResource<PricesReport>('prices');
export const labelValues = (ds: ResourceCaller, label: string) =>
  ds.getResource<LabelValues>('label-values', { label }).then((r) => r.values ?? []);
