// A Seatmeter data source query as a foundation-sdk builder. The JSON it builds is exactly what the
// backend receives (contract: backend data source API), so a Go test can replay every dashboard panel.
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import type { CostBasis } from '../../catalog';
import type { CanonicalLabel, PipelineView, QueryFilters, QueryType, VariableKind } from '../../datasource/types';

export const PLUGIN_DS_TYPE = 'seatmeter-datasource';
/** Every panel and variable points at the dashboard's data source variable: no hard-coded uid. */
export const DS: DataSourceRef = { type: PLUGIN_DS_TYPE, uid: '${datasource}' };

/** The dashboard variables every query filters by: "All" means no filter. */
export const VARIABLE_FILTERS: QueryFilters = { agent: ['$agent'], user: ['$user'], model: ['$model'] };

export interface SeatmeterDataquery {
  refId?: string;
  hide?: boolean;
  datasource?: DataSourceRef;
  queryType: QueryType;
  measure?: string;
  groupBy?: CanonicalLabel[];
  filters?: QueryFilters;
  basis?: CostBasis;
  instant?: boolean;
  legendFormat?: string;
  variable?: VariableKind;
  view?: PipelineView;
  _implementsDataqueryVariant(): void;
}

export class SeatmeterQueryBuilder implements Builder<Dataquery> {
  private readonly q: SeatmeterDataquery;
  constructor(queryType: QueryType, refId = 'A') {
    // The marker method cog uses is not serialised: JSON.stringify drops functions.
    this.q = { refId, datasource: DS, queryType, _implementsDataqueryVariant() {} };
  }
  build(): SeatmeterDataquery {
    return this.q;
  }
  measure(id: string): this {
    this.q.measure = id;
    return this;
  }
  groupBy(...labels: CanonicalLabel[]): this {
    this.q.groupBy = labels;
    return this;
  }
  filters(f: QueryFilters = VARIABLE_FILTERS): this {
    this.q.filters = f;
    return this;
  }
  basis(b: CostBasis): this {
    this.q.basis = b;
    return this;
  }
  instant(on = true): this {
    this.q.instant = on;
    return this;
  }
  legend(format: string): this {
    this.q.legendFormat = format;
    return this;
  }
  view(v: PipelineView): this {
    this.q.view = v;
    return this;
  }
}

export const usage = (measure: string, refId = 'A') =>
  new SeatmeterQueryBuilder('usage', refId).measure(measure).filters();
export const cost = (basis: CostBasis, refId = 'A') => new SeatmeterQueryBuilder('cost', refId).basis(basis).filters();
export const activeUsers = (refId = 'A') => new SeatmeterQueryBuilder('active_users', refId).filters();
export const pipeline = (view: PipelineView, refId = 'A') =>
  new SeatmeterQueryBuilder('pipeline', refId).view(view).instant();
