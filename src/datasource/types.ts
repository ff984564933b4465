import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import type { CostBasis } from '../catalog';

export type QueryType = 'promql' | 'usage' | 'cost' | 'active_users' | 'variable' | 'pipeline';
/** pipeline query views: one row per hop (dialect, discards included), or last sample per developer. */
export type PipelineView = 'hops' | 'developers';
export type CanonicalLabel = 'agent' | 'user' | 'model' | 'type';
export type VariableKind = 'user' | 'model' | 'agent';

export interface QueryFilters {
  agent?: string[];
  user?: string[];
  model?: string[];
  type?: string[];
}

/** One query; each query type reads its own fields (contract: backend data source API). */
export interface SeatmeterQuery extends DataQuery {
  queryType?: QueryType;
  expr?: string;
  legendFormat?: string;
  instant?: boolean;
  measure?: string;
  groupBy?: CanonicalLabel[];
  filters?: QueryFilters;
  basis?: CostBasis;
  variable?: VariableKind;
  view?: PipelineView;
}

export const DEFAULT_QUERY: Partial<SeatmeterQuery> = { queryType: 'promql', expr: '' };

export type AuthType = 'none' | 'basic' | 'bearer';
export type Dialect = 'auto' | 'nosuffix' | 'suffixed' | 'utf8';

/** Non-secret settings; mirror of pkg/models/settings.go. */
export interface SeatmeterOptions extends DataSourceJsonData {
  authType?: AuthType;
  basicAuthUser?: string;
  dialect?: Dialect;
  cacheWriteTTL?: '5m' | '1h';
  timeoutSeconds?: number;
  /** Price overrides as parsed JSON (validated with the pricing module's parseOverrides). */
  priceOverrides?: unknown;
  [key: `httpHeaderName${number}`]: string | undefined;
}

/** Secrets, stored encrypted by Grafana and never sent back to the browser. */
export interface SeatmeterSecureOptions {
  basicAuthPassword?: string;
  bearerToken?: string;
  [key: `httpHeaderValue${number}`]: string | undefined;
}
