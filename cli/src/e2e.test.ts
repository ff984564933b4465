/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Report } from './report/report';
import { buildBundle, runBundle } from './testing/bundle';
import { makeWorkspace, WORKSPACE_TOTALS } from './testing/cliHarness';

// The published artefact: one esbuild bundle run by node, as `npx seatmeter` runs it.
describe('CLI bundle end to end', () => {
  const ws = makeWorkspace();
  let bundle: ReturnType<typeof buildBundle>;
  beforeAll(() => {
    bundle = buildBundle();
  }, 60000);
  afterAll(() => {
    ws.cleanup();
    bundle.cleanup();
  });
  const cli = (argv: string[], env: NodeJS.ProcessEnv = ws.env) => runBundle(bundle.path, argv, env);

  it.each(['daily', 'weekly', 'monthly', 'session'])('%s in json, csv and table agree on the total', async (period) => {
    const j = await cli([period, '--format', 'json', '--timezone', 'UTC']);
    expect(j.code).toBe(0);
    const report = JSON.parse(j.stdout) as Report;
    expect(report.totals.totalTokens).toBe(WORKSPACE_TOTALS.totalTokens);
    expect(report.reconciled).toBe(true);
    const csv = await cli([period, '--format', 'csv', '--timezone', 'UTC']);
    const [head, ...rows] = csv.stdout.trim().split('\n');
    const ti = head.split(',').indexOf('total_tokens');
    expect(rows.reduce((n, l) => n + Number(l.split(',')[ti]), 0)).toBe(WORKSPACE_TOTALS.totalTokens);
    const table = await cli([period, '--timezone', 'UTC']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Total\s.*7,980\s+\$0\.03$/m);
    expect(table.stdout.match(/^reconcile .* ok$/gm)).toHaveLength(8);
  });

  it('parses on worker threads with --jobs, to the same report', async () => {
    // the TypeScript reader alone: the native one reads Claude Code and Codex files on its own threads
    const ts = { ...ws.env, SEATMETER_NATIVE: '0' };
    const inline = JSON.parse((await cli(['session', '--format', 'json', '--no-cache', '--jobs', '1'], ts)).stdout) as Report;
    const threaded = await cli(['session', '--format', 'json', '--no-cache', '--jobs', '3'], ts);
    expect(threaded.code).toBe(0);
    const t = JSON.parse(threaded.stdout) as Report;
    expect(t.rows).toEqual(inline.rows);
    expect(t.scan).toEqual({ ...inline.scan, threads: 3 });
    expect(inline.scan.threads).toBe(1);
    expect(t.totals.totalTokens).toBe(WORKSPACE_TOTALS.totalTokens);
    expect((await cli(['daily', '--jobs', '0'])).code).toBe(2);
  });

  it('uses the incremental cache on a re-run', async () => {
    await cli(['daily']);
    const r = await cli(['daily', '--format', 'json']);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.scan.filesFromCache).toBe(rep.scan.files);
    expect(rep.totals.totalTokens).toBe(WORKSPACE_TOTALS.totalTokens);
  });

  it('stops writing quietly when the reader of its output goes away (| head)', async () => {
    const child = spawn(process.execPath, [bundle.path, 'session', '--format', 'json', '--no-cache'], { env: ws.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // before the CLI has started: its every write meets a closed pipe
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('exit codes: 0 ok, 1 unknown model, 2 usage error', async () => {
    const dir = join(ws.dir, 'bad-model', 'projects', '-x');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 's.jsonl'), JSON.stringify({ type: 'assistant', timestamp: '2026-03-01T00:00:00Z', requestId: 'r', message: { id: 'm', model: 'gpt-imaginary', usage: { input_tokens: 1 } } }) + '\n');
    const bad = await cli(['daily'], { ...ws.env, CLAUDE_CONFIG_DIR: join(ws.dir, 'bad-model') });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("unknown model 'gpt-imaginary'");
    expect((await cli(['daily', '--format', 'yaml'])).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
  });
});
