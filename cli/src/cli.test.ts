/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reconciliationExit } from './main';
import { Report } from './report/report';
import { makeWorkspace, runCli, WORKSPACE_TOTALS } from './testing/cliHarness';

const ws = makeWorkspace();
afterAll(() => ws.cleanup());
const json = async (argv: string[], env = ws.env) => {
  const r = await runCli([...argv, '--format', 'json'], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
};

describe('reports', () => {
  it('daily JSON: hand-computed totals, one row per day, reconciled on every axis', async () => {
    const r = await json(['daily', '--timezone', 'UTC']);
    expect(r.schema).toBe('seatmeter.report/1');
    expect(r.source).toBe('Local transcripts');
    expect(r.totals.tokens).toEqual(WORKSPACE_TOTALS.tokens);
    expect(r.totals.totalTokens).toBe(WORKSPACE_TOTALS.totalTokens);
    expect(r.totals.costUSD).toBeCloseTo(WORKSPACE_TOTALS.costUSD, 9);
    expect(Object.fromEntries(r.rows.map((x) => [x.period, x.totalTokens]))).toEqual(WORKSPACE_TOTALS.byDay);
    expect(r.reconciled).toBe(true);
    expect(r.reconciliation.map((c) => c.axis)).toEqual(['rows', 'period', 'model', 'agent', 'project', 'branch', 'feature', 'session']);
    expect(r.notes).toContain('cache writes without a TTL priced as 5m');
  });

  it('weekly, monthly and session periods', async () => {
    expect((await json(['weekly', '--timezone', 'UTC'])).rows.map((x) => x.period)).toEqual(['2026-02-23', '2026-03-02']);
    expect((await json(['monthly', '--timezone', 'UTC'])).rows.map((x) => [x.period, x.totalTokens])).toEqual([['2026-03', 7980]]);
    const s = await json(['session']);
    expect(s.rows.map((x) => [x.period, x.totalTokens])).toEqual([['c1', 2800], ['f1', 515], ['p1', 1155], ['s1', 3440], ['s9', 70]]);
  });

  it('--by model,agent,project,branch,feature with --branch-prefix', async () => {
    const r = await json(['monthly', '--by', 'agent,project,feature', '--branch-prefix', 'feat/']);
    expect(r.rows.map((x) => [x.dims.agent, x.dims.project, x.dims.feature, x.totalTokens])).toEqual([
      ['claude-code', 'app', '(unattributed)', 3440],
      ['claude-code', 'web', '(unattributed)', 70],
      ['codex', 'api', 'login', 2800],
      ['pi', 'tool', '(unattributed)', 1670],
    ]);
    const m = await json(['monthly', '--by', 'model']);
    expect(m.rows.map((x) => x.dims.model)).toEqual(['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'gpt-5-codex']);
  });

  it('--sidecar-map labels time windows; --since/--until/--timezone/--agent filter', async () => {
    const map = join(ws.dir, 'windows.json');
    writeFileSync(map, JSON.stringify({ windows: [{ label: 'billing', from: '2026-03-02T00:00:00Z', until: '2026-03-03T00:00:00Z' }] }));
    const r = await json(['monthly', '--by', 'feature', '--sidecar-map', map]);
    expect(r.rows.map((x) => [x.dims.feature, x.totalTokens])).toEqual([['(unattributed)', 5180], ['billing', 2800]]);
    expect((await json(['daily', '--since', '20260302', '--until', '2026-03-02', '--timezone', 'UTC'])).totals.totalTokens).toBe(2800);
    // 10:00Z on 1 March is 2 March in Kiritimati (UTC+14)
    expect((await json(['daily', '--timezone', 'Pacific/Kiritimati', '--agent', 'claude'])).rows.map((x) => x.period)).toEqual(['2026-03-02']);
    expect((await json(['daily', '--agent', 'pi,codex'])).totals.totalTokens).toBe(2800 + 1670);
  });

  it('table fits the terminal and prints a reconcile line per axis; CSV sums to the total', async () => {
    const t = await runCli(['daily', '--timezone', 'UTC'], ws.env);
    expect(t.code).toBe(0);
    const lines = t.stdout.split('\n');
    expect(lines.filter((l) => /^reconcile \w+ .* ok$/.test(l))).toHaveLength(8);
    expect(lines.some((l) => l.startsWith('Total') && l.includes('7,980') && l.includes('$0.03'))).toBe(true);
    const narrow = await runCli(['daily', '--by', 'model,project', '--timezone', 'UTC'], { ...ws.env });
    expect(narrow.code).toBe(0);
    const csv = await runCli(['daily', '--format', 'csv', '--by', 'agent'], ws.env);
    const rows = csv.stdout.trim().split('\n');
    const head = rows[0].split(',');
    expect(head.slice(0, 3)).toEqual(['period', 'agent', 'input']);
    const ti = head.indexOf('total_tokens');
    expect(rows.slice(1).reduce((n, l) => n + Number(l.split(',')[ti]), 0)).toBe(7980);
  });

  it('budgets flag overages without changing the exit code', async () => {
    const f = join(ws.dir, 'budgets.json');
    writeFileSync(f, JSON.stringify({ project: { app: 0.01, api: 1 }, agent: { pi: 0 } }));
    const r = await json(['monthly', '--budgets', f]);
    expect(r.budgets.map((b) => [b.axis, b.name, b.over])).toEqual([['project', 'app', true], ['project', 'api', false], ['agent', 'pi', true]]);
  });
});

describe('exit codes', () => {
  const unknown = (() => {
    const dir = join(ws.dir, 'unknown-model');
    const p = join(dir, 'projects', '-x', 's.jsonl');
    mkdirSync(join(dir, 'projects', '-x'), { recursive: true });
    writeFileSync(p, JSON.stringify({ type: 'assistant', sessionId: 's', cwd: '/x', timestamp: '2026-03-01T00:00:00Z', requestId: 'r', message: { id: 'm', model: 'claude-imaginary-9', usage: { input_tokens: 5, output_tokens: 7 } } }) + '\n');
    return { ...ws.env, CLAUDE_CONFIG_DIR: dir };
  })();

  it('unknown model: exit 1 naming the model and the known ids', async () => {
    const r = await runCli(['daily'], unknown);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown model 'claude-imaginary-9' \(claude-code\).*Known models: .*claude-sonnet-4-5.*gpt-5-codex/);
    expect(r.stdout).toBe('');
  });

  it('--unpriced warn reports it as unpriced with its tokens, never $0', async () => {
    const r = await runCli(['daily', '--unpriced', 'warn', '--format', 'json'], unknown);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.unpriced).toEqual([expect.objectContaining({ model: 'claude-imaginary-9', totalTokens: 12 })]);
    expect(rep.totals.unpricedTokens).toBe(12);
    expect(rep.totals.costUSD).toBeGreaterThan(0);
    const t = await runCli(['daily', '--unpriced', 'warn', '--agent', 'claude'], unknown);
    expect(t.stdout).toMatch(/Total .* unpriced/);
  });

  it('invalid or missing price overrides: exit 1 naming the field', async () => {
    const f = join(ws.dir, 'overrides.json');
    writeFileSync(f, JSON.stringify({ models: [{ id: 'x', prices: [{ from: 'soon' }] }] }));
    const r = await runCli(['daily', '--price-overrides', f], ws.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('overrides.models[0].prices[0].from');
    const missing = await runCli(['daily', '--price-overrides', join(ws.dir, 'nope.json')], ws.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--price-overrides');
  });

  it('valid overrides reprice (discount)', async () => {
    const f = join(ws.dir, 'discount.json');
    writeFileSync(f, JSON.stringify({ discountPercent: 50 }));
    const r = await json(['monthly', '--price-overrides', f]);
    expect(r.totals.costUSD).toBeCloseTo(WORKSPACE_TOTALS.costUSD / 2, 9);
  });

  it.each([
    [['--bogus']],
    [['daily', '--format', 'xml']],
    [['daily', '--since', '2026-02-30']],
    [['daily', '--since', '2026-03-05', '--until', '2026-03-01']],
    [['daily', '--by', 'colour']],
    [['daily', '--agent', 'cursor']],
    [['daily', '--timezone', 'Mars/Olympus']],
    [['yearly']],
    [['daily', 'extra']],
    [['push']],
    [['push', '--endpoint', 'not a url']],
    [['push', '--endpoint', 'http://127.0.0.1:1/v1/metrics', '--watch', 'often']],
  ])('usage error %j: exit 2', async (argv) => {
    const r = await runCli(argv, ws.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^seatmeter: .+\nRun 'seatmeter --help' for usage.\n$/);
  });

  it('a reconciliation mismatch exits 1 and names the axis', () => {
    let err = '';
    const report = { reconciled: false, reconciliation: [{ axis: 'model', ok: false, mismatched: ['output'] }] } as unknown as Report;
    expect(reconciliationExit(report, { stderr: (s) => (err += s) })).toBe(1);
    expect(err).toContain('model (output)');
    expect(reconciliationExit({ ...report, reconciled: true }, { stderr: () => undefined })).toBe(0);
  });

  it('--help and --version exit 0', async () => {
    expect((await runCli(['--help'], ws.env)).stdout).toContain('seatmeter push --endpoint');
    expect((await runCli(['--version'], ws.env)).code).toBe(0);
  });
});
