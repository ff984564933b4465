import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

export type QueryType = 'promql';

export interface SeatmeterQuery extends DataQuery {
  queryType?: QueryType;
  expr?: string;
  legendFormat?: string;
  instant?: boolean;
}

export const DEFAULT_QUERY: Partial<SeatmeterQuery> = { queryType: 'promql', expr: '' };

export type AuthType = 'none' | 'basic' | 'bearer';

/** Non-secret settings; mirror of pkg/models/settings.go. */
export interface SeatmeterOptions extends DataSourceJsonData {
  authType?: AuthType;
  basicAuthUser?: string;
  dialect?: 'auto' | 'nosuffix' | 'suffixed' | 'utf8';
  cacheWriteTTL?: '5m' | '1h';
  timeoutSeconds?: number;
  [key: `httpHeaderName${number}`]: string | undefined;
}

/** Secrets, stored encrypted by Grafana and never sent back to the browser. */
export interface SeatmeterSecureOptions {
  basicAuthPassword?: string;
  bearerToken?: string;
  [key: `httpHeaderValue${number}`]: string | undefined;
}
