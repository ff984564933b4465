// Token frames (canonical labels agent/user/model/type) → one usage record per agent, model and developer.
import { FieldType, type DataFrame, type Field } from '@grafana/data';
import type { UsageTokens } from '../../shared/pricing';
import { catalog } from '../../catalog';

export interface UsageRecord {
  agent: string;
  model: string;
  user: string;
  tokens: UsageTokens;
  /** Vendor-reported USD when a cost frame for the same agent/model/user was present. */
  reportedUSD?: number;
  /** Latest sample time seen for this record (epoch ms): prices in force then. */
  at: number;
}

export interface Extracted {
  records: UsageRecord[];
  /** Series skipped because they carry no canonical token type. */
  skipped: number;
  /** Token series without a model label: the query is not grouped by model, so nothing can be priced. */
  withoutModel: number;
}

const NONE = '(none)';
const CANONICAL_TO_FIELD: Record<string, keyof UsageTokens | undefined> = {
  input: 'input',
  output: 'output',
  cache_read: 'cacheRead',
  // OTel reports cache writes without a TTL; the pricer prices them at the assumed TTL and says so.
  cache_write: 'cacheWriteUnknown',
};

// The pricing engine's field per canonical type; a catalog with other types must extend this map.
const unmapped = catalog.tokenTypes.filter((t) => !CANONICAL_TO_FIELD[t]);
if (unmapped.length > 0) {
  throw new Error(`cost panel: no UsageTokens field for canonical token types ${unmapped.join(', ')}`);
}

export function emptyTokens(): UsageTokens {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheWriteUnknown: 0 };
}

function lastNumber(field: Field): number | undefined {
  for (let i = field.values.length - 1; i >= 0; i--) {
    const v = Number(field.values[i]);
    if (field.values[i] !== null && Number.isFinite(v)) {
      return v;
    }
  }
  return undefined;
}

function lastTime(frame: DataFrame, fallback: number): number {
  const t = frame.fields.find((f) => f.type === FieldType.time);
  const v = t ? Number(t.values[t.values.length - 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

function isCost(frame: DataFrame, field: Field): boolean {
  return (
    (field.config?.unit ?? '').toLowerCase().startsWith('currency') || frame.meta?.custom?.measure === 'cost_reported'
  );
}

/**
 * Sums the last value of each series (the panel expects instant/`increase over the range` values) into records.
 * Token types outside the catalog's canonical four (e.g. a `reasoning` sub-breakdown) are never added.
 */
export function extractUsage(frames: DataFrame[], rangeEnd: number): Extracted {
  const records = new Map<string, UsageRecord>();
  let skipped = 0;
  let withoutModel = 0;
  const record = (labels: Record<string, string>, at: number) => {
    const agent = labels.agent ?? NONE;
    const model = labels.model ?? NONE;
    const user = labels.user ?? NONE;
    const key = JSON.stringify([agent, model, user]);
    let r = records.get(key);
    if (!r) {
      r = { agent, model, user, tokens: emptyTokens(), at };
      records.set(key, r);
    }
    r.at = Math.max(r.at, at);
    return r;
  };
  for (const frame of frames) {
    const at = lastTime(frame, rangeEnd);
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const value = lastNumber(field);
      if (value === undefined) {
        continue;
      }
      const labels = field.labels ?? {};
      if (isCost(frame, field)) {
        const r = record(labels, at);
        r.reportedUSD = (r.reportedUSD ?? 0) + value;
        continue;
      }
      const target = catalog.tokenTypes.includes(labels.type) ? CANONICAL_TO_FIELD[labels.type] : undefined;
      if (!target) {
        skipped++;
        continue;
      }
      if (labels.model === undefined) {
        withoutModel++;
      }
      const r = record(labels, at);
      r.tokens[target] += value;
    }
  }
  return { records: Array.from(records.values()), skipped, withoutModel };
}
