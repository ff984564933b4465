import { Axis, ReportRow, Totals } from './aggregate';
import { Report } from './report';

type Col = { title: string; get: (r: ReportRow | Totals, first: string) => string; right: boolean };

// Token counts with thousands separators, as en-US prints them; toLocaleString's first call loads ICU
// data, a fifth of a warm run's time.
export const int = (n: number): string => {
  if (!Number.isInteger(n)) {
    return n.toLocaleString('en-US');
  }
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) {
    out = digits.slice(Math.max(0, i - 3), i) + (out ? ',' + out : '');
  }
  return n < 0 ? '-' + out : out;
};
const compact = (n: number) =>
  n >= 1e9 ? `${(n / 1e9).toFixed(2)}B` : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : String(n);
const usd = (r: Totals) =>
  r.unpricedTokens > 0 ? (r.costUSD > 0 ? `$${r.costUSD.toFixed(2)}+?` : 'unpriced') : `$${r.costUSD.toFixed(2)}`;

function columns(report: Report, narrow: boolean, splitWrites: boolean): Col[] {
  const n = narrow ? compact : int;
  const periodTitle = report.report === 'session' ? 'Session' : report.report === 'daily' ? 'Date' : report.report === 'weekly' ? 'Week of' : 'Month';
  const cols: Col[] = [{ title: periodTitle, get: (r, first) => ('period' in r ? r.period : first), right: false }];
  for (const a of report.by) {
    cols.push({ title: a[0].toUpperCase() + a.slice(1), get: (r) => ('dims' in r ? (r.dims[a as Axis] ?? '') : ''), right: false });
  }
  cols.push({ title: 'Input', get: (r) => n(r.tokens.input), right: true });
  cols.push({ title: 'Output', get: (r) => n(r.tokens.output), right: true });
  cols.push({ title: 'Cache read', get: (r) => n(r.tokens.cacheRead), right: true });
  const t = report.totals.tokens;
  if (splitWrites) {
    cols.push({ title: 'Write 5m', get: (r) => n(r.tokens.cacheWrite5m), right: true });
    cols.push({ title: 'Write 1h', get: (r) => n(r.tokens.cacheWrite1h), right: true });
    if (t.cacheWriteUnknown > 0) {
      cols.push({ title: 'Write ?TTL', get: (r) => n(r.tokens.cacheWriteUnknown), right: true });
    }
  } else {
    cols.push({
      title: 'Cache write',
      get: (r) => n(r.tokens.cacheWrite5m + r.tokens.cacheWrite1h + r.tokens.cacheWriteUnknown),
      right: true,
    });
  }
  cols.push({ title: 'Total', get: (r) => n(r.totalTokens), right: true });
  cols.push({ title: 'Cost (USD)', get: (r) => usd(r), right: true });
  return cols;
}

function layout(cols: Col[], rows: ReportRow[], totals: Totals): string[] {
  const cells = rows.map((r) => cols.map((c) => c.get(r, '')));
  const foot = cols.map((c) => c.get(totals, 'Total'));
  const widths = cols.map((c, i) => Math.max(c.title.length, foot[i].length, ...cells.map((r) => r[i].length)));
  const line = (vals: string[]) =>
    vals.map((v, i) => (cols[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cols.map((c) => c.title)), rule, ...cells.map(line), rule, line(foot)];
}

/** A table that fits `width`: split 5m/1h writes when there is room, else merged, else compact numbers. */
export function renderTable(report: Report, width: number): string {
  let lines: string[] = [];
  for (const [narrow, split] of [[false, true], [false, false], [true, false]] as const) {
    lines = layout(columns(report, narrow, split), report.rows, report.totals);
    if (Math.max(...lines.map((l) => l.length)) <= width) {
      break;
    }
  }
  const out = [`Seatmeter — ${report.report} usage (${report.source}; prices as of ${report.prices.asOf})`, '', ...lines, ''];
  for (const c of report.reconciliation) {
    const mark = c.ok ? 'ok' : `MISMATCH (${c.mismatched.join(', ')})`;
    out.push(
      `reconcile ${c.axis.padEnd(7)} ${String(c.buckets).padStart(5)} buckets: ${int(c.tokens.sum)} tokens / ` +
        `$${c.costUSD.sum.toFixed(6)} vs total ${int(c.tokens.total)} / $${c.costUSD.total.toFixed(6)} ${mark}`
    );
  }
  for (const b of report.budgets) {
    out.push(
      `budget ${b.axis} ${b.name}: $${b.costUSD.toFixed(2)} of $${b.capUSD.toFixed(2)}${b.over ? '  OVER BUDGET' : ''}`
    );
  }
  for (const u of report.unpriced) {
    out.push(`unpriced: ${u.model} (${u.agent}) — ${int(u.totalTokens)} tokens not in the cost`);
  }
  for (const note of report.notes) {
    out.push(`note: ${note}`);
  }
  const s = report.scan;
  out.push(
    `scanned ${s.files} files (${s.filesFromCache} from cache, ${s.filesResumed} resumed), ${int(s.lines)} lines, ` +
      `${int(s.rows)} usage rows, ${int(s.duplicates)} duplicates removed, ${int(s.malformed)} malformed lines skipped`
  );
  return out.join('\n') + '\n';
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function renderCsv(report: Report): string {
  const head = ['period', ...report.by, 'input', 'output', 'cache_read', 'cache_write_5m', 'cache_write_1h',
    'cache_write_unknown', 'reasoning', 'total_tokens', 'cost_usd', 'unpriced_tokens', 'requests'];
  const lines = [head.join(',')];
  for (const r of report.rows) {
    const t = r.tokens;
    lines.push(
      [r.period, ...report.by.map((a) => r.dims[a] ?? ''), t.input, t.output, t.cacheRead, t.cacheWrite5m, t.cacheWrite1h,
        t.cacheWriteUnknown, t.reasoning, r.totalTokens, r.costUSD, r.unpricedTokens, r.requests].map(csvCell).join(',')
    );
  }
  return lines.join('\n') + '\n';
}

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
