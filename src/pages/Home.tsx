import React from 'react';
import { PluginPage } from '@grafana/runtime';
import catalog from '../../data/catalog.json';

export function Home() {
  return (
    <PluginPage>
      <p>
        Seatmeter shows who on your team uses AI coding agents, how hard, on which models, and what it would cost at API
        prices, from the agents&apos; own OpenTelemetry export and local transcripts.
      </p>
      <h3>Agents this version understands</h3>
      <ul data-testid="agents">
        {catalog.agents.map((a) => (
          <li key={a.id}>{a.name}</li>
        ))}
      </ul>
    </PluginPage>
  );
}
