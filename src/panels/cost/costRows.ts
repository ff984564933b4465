// Usage records → priced rows per group, all money from the shared pricing engine.
import type { CacheTTL, Pricer, UsageTokens } from '../../shared/pricing';
import type { CostGroupBy, CostSort } from './types';
import { emptyTokens, type UsageRecord } from './usageRecords';

export interface CostRow {
  key: string;
  model?: string;
  user?: string;
  tokens: UsageTokens;
  totalTokens: number;
  reportedUSD?: number;
  /** Sum over the priced usage; undefined when none of the row's usage could be priced (never $0). */
  cacheAwareUSD?: number;
  listCeilingUSD?: number;
  savingsUSD?: number;
  /** Cache reads as a share of all input-side tokens. */
  cacheHitRatio?: number;
  /** Usage left out of the sums because its model has no price: shown, never silently $0. */
  unpriced: Array<{ model: string; reason: string; tokens: number }>;
  pricedRecords: number;
  assumedCacheWriteTTL?: CacheTTL;
  notes: string[];
}

export interface CostTable {
  rows: CostRow[];
  total: CostRow;
  asOf: string;
  sourceVersion: string;
}

export interface PriceOptions {
  groupBy: CostGroupBy;
  sort: CostSort;
  /** When set, every record is priced at this time instead of its own. */
  priceAtMs?: number;
}

const TOKEN_KEYS: Array<keyof UsageTokens> = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite5m',
  'cacheWrite1h',
  'cacheWriteUnknown',
];

export function sumTokens(t: UsageTokens): number {
  return t.input + t.output + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.cacheWriteUnknown;
}

function addTokens(into: UsageTokens, t: UsageTokens) {
  TOKEN_KEYS.forEach((k) => (into[k] = (into[k] ?? 0) + (t[k] ?? 0)));
}

function groupKey(r: UsageRecord, by: CostGroupBy): { key: string; model?: string; user?: string } {
  switch (by) {
    case 'user':
      return { key: r.user, user: r.user };
    case 'model_user':
      return { key: `${r.model} · ${r.user}`, model: r.model, user: r.user };
    default:
      return { key: r.model, model: r.model };
  }
}

function emptyRow(key: string, model?: string, user?: string): CostRow {
  return {
    key,
    model,
    user,
    tokens: emptyTokens(),
    totalTokens: 0,
    cacheAwareUSD: 0,
    listCeilingUSD: 0,
    unpriced: [],
    pricedRecords: 0,
    notes: [],
  };
}

function accumulate(row: CostRow, rec: UsageRecord, pricer: Pricer, priceAtMs?: number) {
  addTokens(row.tokens, rec.tokens);
  if (rec.reportedUSD !== undefined) {
    row.reportedUSD = (row.reportedUSD ?? 0) + rec.reportedUSD;
  }
  if (sumTokens(rec.tokens) === 0) {
    return;
  }
  const cost = pricer.price({
    agent: rec.agent,
    model: rec.model,
    timestamp: priceAtMs ?? rec.at,
    tokens: rec.tokens,
    perRequest: false,
  });
  if (!cost.priced) {
    const same = row.unpriced.find((u) => u.model === rec.model);
    if (same) {
      same.tokens += sumTokens(rec.tokens);
    } else {
      row.unpriced.push({ model: rec.model, reason: cost.reason, tokens: sumTokens(rec.tokens) });
    }
    return;
  }
  row.pricedRecords++;
  row.cacheAwareUSD! += cost.total;
  row.listCeilingUSD! += cost.listCeiling;
  row.assumedCacheWriteTTL = cost.assumedCacheWriteTTL ?? row.assumedCacheWriteTTL;
  cost.notes.forEach((n) => row.notes.includes(n) || row.notes.push(n));
}

function finish(row: CostRow): CostRow {
  row.totalTokens = sumTokens(row.tokens);
  const t = row.tokens;
  const inputSide = t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.cacheWriteUnknown;
  row.cacheHitRatio = inputSide > 0 ? t.cacheRead / inputSide : undefined;
  if (row.pricedRecords === 0) {
    row.cacheAwareUSD = undefined;
    row.listCeilingUSD = undefined;
  }
  row.savingsUSD =
    row.cacheAwareUSD !== undefined && row.listCeilingUSD !== undefined
      ? row.listCeilingUSD - row.cacheAwareUSD
      : undefined;
  return row;
}

const SORTERS: Record<CostSort, (a: CostRow, b: CostRow) => number> = {
  cost: (a, b) => (b.cacheAwareUSD ?? -Infinity) - (a.cacheAwareUSD ?? -Infinity) || a.key.localeCompare(b.key),
  tokens: (a, b) => b.totalTokens - a.totalTokens || a.key.localeCompare(b.key),
  savings: (a, b) => (b.savingsUSD ?? -Infinity) - (a.savingsUSD ?? -Infinity) || a.key.localeCompare(b.key),
  name: (a, b) => a.key.localeCompare(b.key),
};

export function priceRows(records: UsageRecord[], pricer: Pricer, opts: PriceOptions): CostTable {
  const groups = new Map<string, CostRow>();
  const total = emptyRow('Total');
  for (const rec of records) {
    const g = groupKey(rec, opts.groupBy);
    let row = groups.get(g.key);
    if (!row) {
      row = emptyRow(g.key, g.model, g.user);
      groups.set(g.key, row);
    }
    accumulate(row, rec, pricer, opts.priceAtMs);
    accumulate(total, rec, pricer, opts.priceAtMs);
  }
  const rows = Array.from(groups.values()).map(finish).sort(SORTERS[opts.sort]);
  return { rows, total: finish(total), asOf: pricer.asOf, sourceVersion: pricer.sourceVersion };
}
