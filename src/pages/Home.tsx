import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { Alert, LinkButton, LoadingPlaceholder, Stack } from '@grafana/ui';
import pluginJson from '../plugin.json';
import { catalog } from '../catalog';
import { pipelineHealth } from '../datasource/resources';
import { UIDS } from '../dashboards/code/uids';
import { DatasourceGate } from './DatasourceGate';
import { HopList } from './HopList';
import { useLoad, type SeatmeterInstance } from './seatmeterDatasource';

const DASHBOARD_LINKS: Array<{ title: string; uid: string }> = [
  { title: 'Overview', uid: UIDS.overview },
  { title: 'Per developer', uid: UIDS.developers },
  { title: 'Per model', uid: UIDS.models },
  { title: 'Pipeline health', uid: UIDS.pipeline },
];

export function Home() {
  return (
    <PluginPage>
      <p>
        Seatmeter shows who on your team uses AI coding agents, how hard, on which models, and what it would cost at API
        prices, from the agents&apos; own OpenTelemetry export and local transcripts. Every figure says which evidence
        it came from ({Object.values(catalog.sources).join(', ')}).
      </p>
      <h3>Dashboards</h3>
      <Stack gap={1} wrap="wrap">
        {DASHBOARD_LINKS.map((d) => (
          <LinkButton key={d.uid} href={`/d/${d.uid}`} variant="secondary" icon="apps">
            {d.title}
          </LinkButton>
        ))}
      </Stack>
      <h3>Sources</h3>
      <DatasourceGate>{(ds) => <SourceState ds={ds} />}</DatasourceGate>
      <h3>Agents this version understands</h3>
      <ul data-testid="agents">
        {catalog.agents.map((a) => (
          <li key={a.id}>{a.name}</li>
        ))}
      </ul>
      <p>
        Set clients up on the <a href={`/a/${pluginJson.id}/setup`}>Setup</a> page.
      </p>
    </PluginPage>
  );
}

function SourceState({ ds }: { ds: SeatmeterInstance }) {
  const { loading, value, error } = useLoad(ds.uid, () => pipelineHealth(ds.caller));
  if (loading) {
    return <LoadingPlaceholder text="Checking the pipeline…" />;
  }
  if (error || !value) {
    return (
      <Alert severity="error" title={`${ds.name}: pipeline health unavailable`}>
        {error}
      </Alert>
    );
  }
  return <HopList hops={value.hops} />;
}
