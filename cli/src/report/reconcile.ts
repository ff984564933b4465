import { Tokens } from '../usage';
import { addRecord, Axis, AXES, dimValue, emptyTotals, PricedRecord, ReportRow, Totals } from './aggregate';

export interface AxisCheck {
  axis: 'period' | 'rows' | Axis;
  buckets: number;
  tokens: { total: number; sum: number };
  costUSD: { total: number; sum: number };
  ok: boolean;
  /** token fields whose bucket sums differ from the total */
  mismatched: string[];
}

const TOKEN_FIELDS: Array<keyof Tokens> = [
  'input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'cacheWriteUnknown', 'reasoning',
];

/** Relative float tolerance for cost sums (summation order differs between buckets and the total). */
export const COST_EPSILON = 1e-9;

/**
 * For every axis, re-buckets the records, sums the buckets and compares with the grand total: tokens must
 * match exactly, cost within float epsilon. The displayed rows are checked the same way.
 */
export function reconcile(priced: PricedRecord[], total: Totals, rows: ReportRow[]): AxisCheck[] {
  const checks: AxisCheck[] = [check('rows', rows, total)];
  const byPeriod = new Map<string, Totals>();
  for (const p of priced) {
    bucket(byPeriod, p.period, p);
  }
  checks.push(check('period', [...byPeriod.values()], total));
  for (const axis of AXES) {
    const m = new Map<string, Totals>();
    for (const p of priced) {
      bucket(m, dimValue(p, axis), p);
    }
    checks.push(check(axis, [...m.values()], total));
  }
  return checks;
}

function bucket(m: Map<string, Totals>, key: string, p: PricedRecord): void {
  let t = m.get(key);
  if (!t) {
    t = emptyTotals();
    m.set(key, t);
  }
  addRecord(t, p);
}

export function check(axis: AxisCheck['axis'], buckets: Totals[], total: Totals): AxisCheck {
  const sum = emptyTotals();
  for (const b of buckets) {
    for (const f of TOKEN_FIELDS) {
      sum.tokens[f] += b.tokens[f];
    }
    sum.totalTokens += b.totalTokens;
    sum.costUSD += b.costUSD;
    sum.unpricedTokens += b.unpricedTokens;
  }
  const mismatched: string[] = TOKEN_FIELDS.filter((f) => sum.tokens[f] !== total.tokens[f]);
  if (sum.totalTokens !== total.totalTokens) {
    mismatched.push('totalTokens');
  }
  if (sum.unpricedTokens !== total.unpricedTokens) {
    mismatched.push('unpricedTokens');
  }
  const costOk = Math.abs(sum.costUSD - total.costUSD) <= COST_EPSILON * Math.max(1, Math.abs(total.costUSD));
  if (!costOk) {
    mismatched.push('costUSD');
  }
  return {
    axis,
    buckets: buckets.length,
    tokens: { total: total.totalTokens, sum: sum.totalTokens },
    costUSD: { total: total.costUSD, sum: sum.costUSD },
    ok: mismatched.length === 0,
    mismatched,
  };
}
