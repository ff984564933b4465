import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { agentName, catalog } from '../catalog';

/** Every measure of the metric catalog: evidence or calculated, its source label, unit, formula and OTel names. */
export function DictionaryPage() {
  return (
    <PluginPage>
      <p>
        Every figure Seatmeter shows says which evidence it came from. Prometheus names are derived from the OTel names
        per store dialect (dots become underscores; Prometheus adds unit and _total suffixes).
      </p>
      <table className="filter-table" data-testid="dictionary">
        <thead>
          <tr>
            <th>Measure</th>
            <th>Source</th>
            <th>Kind</th>
            <th>Unit</th>
            <th>Formula</th>
            <th>Agent metrics (OTel)</th>
          </tr>
        </thead>
        <tbody>
          {catalog.measures.map((m) => (
            <tr key={m.id} data-testid={`measure-${m.id}`}>
              <td title={m.description}>
                <strong>{m.name}</strong>
                <div>{m.description}</div>
              </td>
              <td>{catalog.sources[m.source] ?? m.source}</td>
              <td>{m.kind}</td>
              <td>{m.unit}</td>
              <td>{m.formula}</td>
              <td>
                {m.metrics.map((x) => (
                  <div key={`${x.agent}/${x.otel}`}>
                    {agentName(x.agent)}: <code>{x.otel}</code> ({x.instrument}
                    {x.series ? `, _${x.series}` : ''})
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </PluginPage>
  );
}
