import { FieldType, type DataFrame } from '@grafana/data';

export interface TokenRow {
  key: string;
  tokens: number;
}

/** Sums the last value of every numeric field per label value (token frames are cumulative increases). */
export function tokenTotals(frames: DataFrame[], label: string): TokenRow[] {
  const totals = new Map<string, number>();
  for (const frame of frames) {
    for (const field of frame.fields) {
      if (field.type !== FieldType.number || field.values.length === 0) {
        continue;
      }
      const key = field.labels?.[label] ?? '(none)';
      const last = Number(field.values[field.values.length - 1]);
      totals.set(key, (totals.get(key) ?? 0) + (Number.isFinite(last) ? last : 0));
    }
  }
  return Array.from(totals, ([key, tokens]) => ({ key, tokens })).sort((a, b) => b.tokens - a.tokens);
}
