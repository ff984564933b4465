/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNative } from './io/nativeScan';
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

  it('writes all of a large output to a pipe that is read late, then exits', async () => {
    // more than a pipe holds, read late: the CLI exits at once only when nothing waits in a stream (bin.ts;
    // on POSIX Node makes a pipe's stream write blocking, so this guards against lost output on any path)
    const dir = join(ws.dir, 'many-sessions', 'projects', '-many');
    mkdirSync(dir, { recursive: true });
    const line = (i: number) =>
      JSON.stringify({ type: 'assistant', sessionId: `s-${i}`, timestamp: '2026-03-01T00:00:00Z', requestId: `r${i}`, message: { id: `m${i}`, model: 'claude-sonnet-4-5', usage: { input_tokens: i + 1 } } });
    writeFileSync(join(dir, 's.jsonl'), Array.from({ length: 3000 }, (_, i) => line(i)).join('\n') + '\n');
    const env = { ...ws.env, CLAUDE_CONFIG_DIR: join(ws.dir, 'many-sessions') };
    // a non-blocking pipe (as a parent using libuv may hand over): writes meet EAGAIN once it is full
    const fifo = join(ws.dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const rfd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const wfd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const child = spawn(process.execPath, [bundle.path, 'session', '--format', 'json', '--no-cache', '--agent', 'claude'], { env, stdio: ['ignore', wfd, 'pipe'] });
    closeSync(wfd);
    const exited = new Promise((resolve) => child.on('close', resolve));
    await new Promise((r) => setTimeout(r, 700));
    const chunks: Buffer[] = [];
    for (const buf = Buffer.alloc(1 << 16); ; ) {
      let n: number;
      try {
        n = readSync(rfd, buf);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') {
          throw e;
        }
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      if (n === 0) {
        break; // every writer closed it
      }
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    closeSync(rfd);
    const code = await exited;
    const out = Buffer.concat(chunks).toString('utf8');
    expect(code).toBe(0);
    expect(out.length).toBeGreaterThan(256 * 1024);
    const report = JSON.parse(out) as Report;
    expect(report.rows).toHaveLength(3000);
    expect(report.totals.totalTokens).toBe((3000 * 3001) / 2);
  });

  it('exits when its output is written, but never before its native reader has exited', async () => {
    const reader = findNative({}, bundle.path)!;
    const pidFile = join(ws.dir, 'reader.pid');
    const wrapper = join(ws.dir, 'slow-exit-reader.sh');
    // a reader that answers, then takes 400 ms to exit
    writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${pidFile}'\n'${reader}' "$@"\nsleep 0.4\n`, { mode: 0o755 });
    const t0 = Date.now();
    const r = await cli(['daily', '--format', 'json', '--no-cache', '--agent', 'claude'], { ...ws.env, SEATMETER_NATIVE: wrapper });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).scan.files).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(); // gone
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
