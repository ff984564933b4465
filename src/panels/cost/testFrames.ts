// Builds frames shaped like the backend's usage answer (one numeric field per series, canonical labels).
import { FieldType, toDataFrame, type DataFrame } from '@grafana/data';

export function tokenFrame(labels: Record<string, string>, value: number, at = Date.UTC(2026, 8, 1)): DataFrame {
  return toDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: [at] },
      { name: 'Value', type: FieldType.number, values: [value], labels, config: { unit: 'short' } },
    ],
  });
}

export function costFrame(labels: Record<string, string>, usd: number, at = Date.UTC(2026, 8, 1)): DataFrame {
  return toDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: [at] },
      { name: 'Value', type: FieldType.number, values: [usd], labels, config: { unit: 'currencyUSD' } },
    ],
  });
}
