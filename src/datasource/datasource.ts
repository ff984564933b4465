import type { DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';
import { DEFAULT_QUERY, type SeatmeterOptions, type SeatmeterQuery } from './types';

export class DataSource extends DataSourceWithBackend<SeatmeterQuery, SeatmeterOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<SeatmeterOptions>) {
    super(instanceSettings);
  }

  getDefaultQuery(): Partial<SeatmeterQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: SeatmeterQuery): boolean {
    return !query.hide && !!query.expr?.trim();
  }

  /** Dashboard variables are interpolated here; Grafana's range macros are left for the backend. */
  applyTemplateVariables(query: SeatmeterQuery, scopedVars: ScopedVars): SeatmeterQuery {
    return { ...query, expr: getTemplateSrv().replace(query.expr ?? '', scopedVars, 'regex') };
  }
}
