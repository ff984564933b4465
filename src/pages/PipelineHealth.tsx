import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { agentName } from '../catalog';
import { pipelineHealth } from '../datasource/resources';
import { DatasourceGate } from './DatasourceGate';
import { HopList } from './HopList';
import { useLoad, type SeatmeterInstance } from './seatmeterDatasource';

export function PipelineHealthPage() {
  return (
    <PluginPage>
      <DatasourceGate>{(ds) => <PipelineReport ds={ds} />}</DatasourceGate>
    </PluginPage>
  );
}

export function PipelineReport({ ds }: { ds: SeatmeterInstance }) {
  const { loading, value, error } = useLoad(ds.uid, () => pipelineHealth(ds.caller));
  if (loading) {
    return <LoadingPlaceholder text="Checking every hop…" />;
  }
  if (error || !value) {
    return (
      <Alert severity="error" title="The backend could not report pipeline health">
        {error}
      </Alert>
    );
  }
  return (
    <div data-testid="pipeline-report">
      <h3>Hops</h3>
      <HopList hops={value.hops} />
      <p>
        Store naming dialect: <strong data-testid="dialect">{value.dialect}</strong>
      </p>
      <h3>Last sample per source and developer</h3>
      <table className="filter-table" data-testid="last-seen">
        <thead>
          <tr>
            <th>Agent</th>
            <th>Developer</th>
            <th>Last sample</th>
          </tr>
        </thead>
        <tbody>
          {value.agents.flatMap((a) =>
            (a.users.length ? a.users : [{ user: '—', lastSample: a.lastSample }]).map((u) => (
              <tr key={`${a.agent}/${u.user}`}>
                <td>{agentName(a.agent)}</td>
                <td>{u.user}</td>
                <td>{u.lastSample}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
