import React from 'react';
import type { PanelProps } from '@grafana/data';
import type { CostPanelOptions } from './types';
import { tokenTotals } from './tokenTotals';

type Props = PanelProps<CostPanelOptions>;

export function CostPanel({ data, options, width, height }: Props) {
  const rows = tokenTotals(data.series, options.groupBy);
  if (rows.length === 0) {
    return <div>No token frames: query token usage with the Seatmeter data source.</div>;
  }
  return (
    <div style={{ width, height, overflow: 'auto' }}>
      <table data-testid="token-totals">
        <thead>
          <tr>
            <th>{options.groupBy}</th>
            <th>tokens</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.key}</td>
              <td>{r.tokens.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
