import { PricerLike } from '../pricing';
import { ScanStats } from '../scan';
import { totalTokens, UsageRecord } from '../usage';
import { UsageGroup } from './groups';
import { Axis, buildRows, grandTotals, priceRecords, ReportRow, Totals, UnpricedModel } from './aggregate';
import { BudgetStatus, evaluateBudgets } from './budgets';
import { LocalDates, Period } from './periods';
import { AxisCheck, reconcile } from './reconcile';

/** The documented, stable JSON shape of every report (`--format json`); see cli/README.md. */
export interface Report {
  schema: 'seatmeter.report/1';
  source: string;
  report: Period;
  by: Axis[];
  timezone: string;
  since: string | null;
  until: string | null;
  prices: { asOf: string; sourceVersion: string };
  rows: ReportRow[];
  totals: Totals;
  reconciled: boolean;
  reconciliation: AxisCheck[];
  unpriced: Array<UnpricedModel & { totalTokens: number }>;
  budgets: BudgetStatus[];
  notes: string[];
  scan: ScanStats;
}

export interface ReportOptions {
  period: Period;
  by: Axis[];
  timezone: string;
  since?: string;
  until?: string;
  featureOf: (r: UsageRecord) => string;
  pricer: PricerLike;
  unpriced: 'error' | 'warn';
  budgets?: Partial<Record<Axis, Record<string, number>>>;
  sourceLabel: string;
}

export function buildReport(groups: UsageGroup[], scan: ScanStats, o: ReportOptions): Report {
  const dates = new LocalDates(o.timezone);
  const { priced, unpriced, notes } = priceRecords({ ...o, groups, dates });
  const rows = buildRows(priced, o.by);
  const totals = grandTotals(priced);
  const reconciliation = reconcile(priced, totals, rows);
  return {
    schema: 'seatmeter.report/1',
    source: o.sourceLabel,
    report: o.period,
    by: o.by,
    timezone: o.timezone,
    since: o.since ?? null,
    until: o.until ?? null,
    prices: { asOf: o.pricer.asOf, sourceVersion: o.pricer.sourceVersion },
    rows,
    totals,
    reconciled: reconciliation.every((c) => c.ok),
    reconciliation,
    unpriced: unpriced.map((u) => ({ ...u, totalTokens: totalTokens(u.tokens) })),
    budgets: o.budgets ? evaluateBudgets(o.budgets, priced) : [],
    notes,
    scan,
  };
}
