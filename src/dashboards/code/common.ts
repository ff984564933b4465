import {
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  VariableHide,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import type { VariableKind } from '../../datasource/types';
import { DS, PLUGIN_DS_TYPE } from './query';

export const TAG = 'seatmeter';

export { UIDS } from './uids';

function labelVariable(name: VariableKind, label: string, multi: boolean) {
  return (
    new QueryVariableBuilder(name)
      .label(label)
      .datasource(DS)
      .query({ refId: 'V', queryType: 'variable', variable: name })
      .definition(`Seatmeter ${name} values`)
      .refresh(VariableRefresh.OnTimeRangeChanged)
      .sort(VariableSort.AlphabeticalCaseInsensitiveAsc)
      .multi(multi)
      .includeAll(true)
      // "All" is sent as '*', which the front end turns into "no filter" (src/datasource/templating.ts).
      .allValue('*')
      .current({ text: ['All'], value: ['$__all'] })
  );
}

/** The frame every bundled dashboard shares: data source variable, $agent, $user (multi, default all), $model. */
export function seatmeterDashboard(title: string, uid: string, description: string) {
  return new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags([TAG])
    .editable()
    .time({ from: 'now-7d', to: 'now' })
    .refresh('5m')
    .timezone('browser')
    .withVariable(
      new DatasourceVariableBuilder('datasource').label('Data source').type(PLUGIN_DS_TYPE).hide(VariableHide.DontHide)
    )
    .withVariable(labelVariable('agent', 'Agent', true))
    .withVariable(labelVariable('user', 'Developer', true))
    .withVariable(labelVariable('model', 'Model', true))
    .link(
      new DashboardLinkBuilder('Seatmeter')
        .type(DashboardLinkType.Dashboards)
        .tags([TAG])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true)
    );
}
