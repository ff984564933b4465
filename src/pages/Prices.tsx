import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import rawDataset from '../../data/prices.json';
import { createPricer } from '../shared/pricing';
import type { PriceDataset } from '../shared/pricing/types';
import { prices } from '../datasource/resources';
import { DatasourceGate } from './DatasourceGate';
import { useLoad, type SeatmeterInstance } from './seatmeterDatasource';

const dataset = rawDataset as unknown as PriceDataset;
const pricer = createPricer();
const perMillion = (v: number) => `$${v.toFixed(v < 1 ? 3 : 2)}`;

export function PricesPage() {
  const models = Object.entries(dataset.models).sort(([a], [b]) => a.localeCompare(b));
  return (
    <PluginPage>
      <p data-testid="prices-asof">
        Price dataset as of <strong>{pricer.asOf}</strong>, from {dataset.source.package} {pricer.sourceVersion}. USD
        per million tokens; a row applies from its date until the next one, so usage is priced as it was billed then.
      </p>
      <DatasourceGate>{(ds) => <StoreSide ds={ds} />}</DatasourceGate>
      <h3>Rows</h3>
      <table className="filter-table" data-testid="price-rows">
        <thead>
          <tr>
            <th>Model</th>
            <th>Provider</th>
            <th>From</th>
            <th>To</th>
            <th>Input</th>
            <th>Output</th>
            <th>Cache read</th>
            <th>Cache write 5m</th>
            <th>Cache write 1h</th>
            <th>Tiers</th>
          </tr>
        </thead>
        <tbody>
          {models.flatMap(([id, m]) =>
            m.prices.map((r) => (
              <tr key={`${id}/${r.from}`}>
                <td>{id}</td>
                <td>{m.provider}</td>
                <td>{r.from}</td>
                <td>{r.to ?? ''}</td>
                <td>{perMillion(r.input)}</td>
                <td>{perMillion(r.output)}</td>
                <td>{perMillion(r.cacheRead)}</td>
                <td>{perMillion(r.cacheWrite5m)}</td>
                <td>{perMillion(r.cacheWrite1h)}</td>
                <td>
                  {(r.tiers ?? [])
                    .map(
                      (t) =>
                        `> ${t.aboveInputTokens.toLocaleString()}: ${perMillion(t.input)} / ${perMillion(t.output)}`
                    )
                    .join('; ')}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </PluginPage>
  );
}

/** Overrides configured on the data source and models seen in the store that have no price. */
function StoreSide({ ds }: { ds: SeatmeterInstance }) {
  const { loading, value, error } = useLoad(ds.uid, () => prices(ds.caller));
  if (loading) {
    return <LoadingPlaceholder text="Asking the store which models it has seen…" />;
  }
  if (error || !value) {
    return (
      <Alert severity="warning" title="Could not read overrides and unpriced models from the backend">
        {error}
      </Alert>
    );
  }
  const overrides = value.overrides && Object.keys(value.overrides as object).length ? value.overrides : undefined;
  return (
    <>
      <h3>Active overrides</h3>
      {overrides ? <pre data-testid="overrides">{JSON.stringify(overrides, null, 2)}</pre> : <p>None: list prices.</p>}
      <h3>Unpriced models seen in the store</h3>
      {value.unpriced.length === 0 ? (
        <p data-testid="unpriced-none">None: every model in the store has a price.</p>
      ) : (
        <ul data-testid="unpriced">
          {value.unpriced.map((u) => (
            <li key={u.model}>
              {u.model}:{' '}
              {typeof u.tokens === 'number'
                ? u.tokens.toLocaleString()
                : Object.entries(u.tokens)
                    .map(([k, v]) => `${k} ${v.toLocaleString()}`)
                    .join(', ')}{' '}
              tokens, no cost shown (add an override)
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
