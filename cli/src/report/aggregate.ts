import { CliError } from '../errors';
import { PricerLike } from '../pricing';
import { addTokens, AgentId, Tokens, totalTokens, UsageRecord, zeroTokens } from '../usage';
import { UsageGroup } from './groups';
import { LocalDates, Period } from './periods';

export type Axis = 'model' | 'agent' | 'project' | 'branch' | 'feature' | 'session';
export const AXES: Axis[] = ['model', 'agent', 'project', 'branch', 'feature', 'session'];

export interface Totals {
  tokens: Tokens;
  totalTokens: number;
  costUSD: number;
  listCeilingUSD: number;
  /** tokens of records no price exists for (only with --unpriced warn) */
  unpricedTokens: number;
  requests: number;
}

export interface ReportRow extends Totals {
  period: string;
  dims: Partial<Record<Axis, string>>;
}

export interface UnpricedModel {
  agent: AgentId;
  model: string;
  reason: string;
  tokens: Tokens;
}

export interface PricedRecord {
  /** one request, or a group of requests with summed tokens (see groups.ts) */
  rec: UsageRecord;
  requests: number;
  period: string;
  feature: string;
  cost: number;
  listCeiling: number;
  priced: boolean;
}

export interface ReportInput {
  groups: UsageGroup[];
  period: Period;
  by: Axis[];
  dates: LocalDates;
  since?: string;
  until?: string;
  featureOf: (r: UsageRecord) => string;
  /** only asked for the known models when one is missing */
  pricer: Pick<PricerLike, 'knownModels'>;
  unpriced: 'error' | 'warn';
}

export function emptyTotals(): Totals {
  return { tokens: zeroTokens(), totalTokens: 0, costUSD: 0, listCeilingUSD: 0, unpricedTokens: 0, requests: 0 };
}

export function addRecord(t: Totals, p: PricedRecord): void {
  addTokens(t.tokens, p.rec.tokens);
  const n = totalTokens(p.rec.tokens);
  t.totalTokens += n;
  t.requests += p.requests;
  if (p.priced) {
    t.costUSD += p.cost;
    t.listCeilingUSD += p.listCeiling;
  } else {
    t.unpricedTokens += n;
  }
}

export function dimValue(p: PricedRecord, axis: Axis): string {
  switch (axis) {
    case 'feature':
      return p.feature;
    case 'branch':
      return p.rec.branch || '(no branch)';
    case 'session':
      return p.rec.session || '(no session)';
    default:
      return p.rec[axis];
  }
}

/** Filters by date, takes each group's per-request prices, and fails on unknown models unless told to warn. */
export function priceRecords(input: ReportInput): { priced: PricedRecord[]; unpriced: UnpricedModel[]; notes: string[] } {
  const { dates, since, until, pricer } = input;
  const priced: PricedRecord[] = [];
  const unpriced = new Map<string, UnpricedModel>();
  const notes = new Set<string>();
  for (const g of input.groups) {
    const rec = g.rec;
    const day = dates.day(rec.timestamp);
    if ((since && day < since) || (until && day > until)) {
      continue;
    }
    const res = g.price;
    const p: PricedRecord = {
      rec,
      requests: g.requests,
      period: dates.periodKey(input.period, rec.timestamp, rec.session),
      feature: input.featureOf(rec),
      cost: 0,
      listCeiling: 0,
      priced: res.priced,
    };
    if (res.priced) {
      p.cost = res.total;
      p.listCeiling = res.listCeiling;
      if (res.assumedCacheWriteTTL) {
        notes.add(`cache writes without a TTL priced as ${res.assumedCacheWriteTTL}`);
      }
    } else {
      noteUnpriced(unpriced, rec, res);
    }
    for (const f of rec.flags ?? []) {
      notes.add(`${rec.agent}: ${f}`);
    }
    priced.push(p);
  }
  const list = [...unpriced.values()].sort((a, b) => (a.model < b.model ? -1 : 1));
  if (list.length && input.unpriced === 'error') {
    const names = list.map((u) => `'${u.model}' (${u.agent})`).join(', ');
    throw new CliError(
      1,
      `unknown model ${names}: no price for it. Known models: ${pricer.knownModels().join(', ')}. ` +
        `Use --unpriced warn to report it as unpriced, or add it with --price-overrides.`
    );
  }
  return { priced, unpriced: list, notes: [...notes].sort() };
}

function noteUnpriced(m: Map<string, UnpricedModel>, rec: UsageRecord, res: { reason: string }): void {
  const key = `${rec.agent}\u0000${rec.model}`;
  let u = m.get(key);
  if (!u) {
    u = { agent: rec.agent, model: rec.model, reason: res.reason, tokens: zeroTokens() };
    m.set(key, u);
  }
  addTokens(u.tokens, rec.tokens);
}

/** Buckets by period and the --by axes, sorted by period then dims. */
export function buildRows(priced: PricedRecord[], by: Axis[]): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  for (const p of priced) {
    const dims: Partial<Record<Axis, string>> = {};
    let key = p.period;
    for (const a of by) {
      dims[a] = dimValue(p, a);
      key += `\u0000${dims[a]}`;
    }
    let row = rows.get(key);
    if (!row) {
      row = { period: p.period, dims, ...emptyTotals() };
      rows.set(key, row);
    }
    addRecord(row, p);
  }
  return [...rows.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
}

export function grandTotals(priced: PricedRecord[]): Totals {
  const t = emptyTotals();
  for (const p of priced) {
    addRecord(t, p);
  }
  return t;
}
