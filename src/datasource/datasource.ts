import {
  CustomVariableSupport,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type ScopedVars,
} from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';
import type { Observable } from 'rxjs';
import { DEFAULT_QUERY, type QueryFilters, type SeatmeterOptions, type SeatmeterQuery } from './types';
import { tokensMeasure } from '../catalog';
import { VariableQueryEditor } from './editors/VariableQueryEditor';
import { expandFilters } from './templating';

export class DataSource extends DataSourceWithBackend<SeatmeterQuery, SeatmeterOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<SeatmeterOptions>) {
    super(instanceSettings);
    this.variables = new SeatmeterVariableSupport(this);
  }

  getDefaultQuery(): Partial<SeatmeterQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: SeatmeterQuery): boolean {
    if (query.hide) {
      return false;
    }
    switch (query.queryType ?? 'promql') {
      case 'promql':
        return !!query.expr?.trim();
      case 'variable':
        return !!query.variable;
      default:
        return true;
    }
  }

  /** Dashboard variables are interpolated here; Grafana's range macros are left for the backend. */
  applyTemplateVariables(query: SeatmeterQuery, scopedVars: ScopedVars): SeatmeterQuery {
    const srv = getTemplateSrv();
    const out: SeatmeterQuery = { ...query };
    if (query.queryType === 'usage' && !query.measure) {
      out.measure = tokensMeasure.id;
    }
    if (query.expr !== undefined) {
      out.expr = srv.replace(query.expr, scopedVars, 'regex');
    }
    if (query.legendFormat !== undefined) {
      out.legendFormat = srv.replace(query.legendFormat, scopedVars);
    }
    if (query.filters) {
      out.filters = expandFilters(query.filters, (v) => srv.replace(v, scopedVars, 'json')) as QueryFilters;
    }
    return out;
  }
}

/** `$user`, `$model`, `$agent` come from the backend's `variable` query type. */
class SeatmeterVariableSupport extends CustomVariableSupport<DataSource, SeatmeterQuery> {
  editor = VariableQueryEditor;
  constructor(private readonly ds: DataSource) {
    super();
  }
  query(request: DataQueryRequest<SeatmeterQuery>): Observable<DataQueryResponse> {
    const targets = request.targets.map((t) => ({ ...t, queryType: 'variable' as const }));
    return this.ds.query({ ...request, targets });
  }
}
