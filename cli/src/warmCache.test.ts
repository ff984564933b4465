/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { appendFileSync, existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotPath } from './io/snapshot';
import { Report } from './report/report';
import { makeWorkspace, runCli } from './testing/cliHarness';
import { AGENTS } from './usage';

// The consolidated warm cache (record snapshot + price cache) must give exactly what a run without any
// cache gives, for every filter, and must be dropped as soon as any transcript changes.
const ws = makeWorkspace();
afterAll(() => ws.cleanup());
const scanDir = join(ws.env.SEATMETER_CACHE!, 'scan');
const recordsFile = snapshotPath(scanDir, AGENTS, 'records');
const pricesFile = snapshotPath(scanDir, AGENTS, 'prices');
const groupsFile = snapshotPath(scanDir, AGENTS, 'groups');
const sidecar = join(ws.dir, 'windows.json');
writeFileSync(sidecar, JSON.stringify([{ label: 'odd', from: '2026-03-01T10:07:13Z', until: '2026-03-02T09:00:01Z' }]));

async function report(argv: string[]): Promise<Report> {
  const r = await runCli([...argv, '--format', 'json'], ws.env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

/** The report minus the scan fields that say where records came from (cache or transcripts). */
function content(r: Report): unknown {
  const { filesFromCache, bytesRead, filesResumed, ...scan } = r.scan;
  expect(filesFromCache + bytesRead + filesResumed).toBeGreaterThanOrEqual(0);
  return { ...r, scan };
}

const VARIANTS = [
  ['daily', '--timezone', 'UTC'],
  ['daily', '--timezone', 'Pacific/Kiritimati', '--by', 'model,project'],
  ['weekly', '--since', '2026-03-02', '--by', 'agent,branch,session'],
  ['monthly', '--until', '20260301', '--by', 'feature', '--branch-prefix', 'feat/'],
  ['session', '--agent', 'claude,pi'],
  ['daily', '--by', 'feature', '--sidecar-map', sidecar, '--timezone', 'Asia/Kathmandu'],
];

async function expectWarmEqualsUncached(): Promise<void> {
  for (const v of VARIANTS) {
    const uncached = await report([...v, '--no-cache']);
    const warm = await report(v);
    expect(warm.scan.bytesRead).toBe(0);
    expect(content(warm)).toEqual(content(uncached));
  }
}

describe('warm re-run from the consolidated snapshot', () => {
  it('an unchanged re-run equals a cold run, JSON for JSON, under every filter', async () => {
    const cold = await report(['daily', '--timezone', 'UTC']);
    expect(cold.scan.filesFromCache).toBe(0);
    expect(existsSync(recordsFile) && existsSync(groupsFile)).toBe(true);
    // requests are priced per group on this path; only time-window runs (--sidecar-map) keep per-request prices
    expect(existsSync(pricesFile)).toBe(false);
    const written = statSync(recordsFile).mtimeMs;
    const grouped = statSync(groupsFile).mtimeMs;
    const warm = await report(['daily', '--timezone', 'UTC']);
    expect(warm.scan.filesFromCache).toBe(warm.scan.files);
    expect(content(warm)).toEqual(content(cold));
    expect(statSync(recordsFile).mtimeMs).toBe(written); // neither rebuilt
    expect(statSync(groupsFile).mtimeMs).toBe(grouped);
    await expectWarmEqualsUncached();
  });

  it('appending to one transcript invalidates the snapshot; the new request is counted', async () => {
    const before = await report(['daily', '--timezone', 'UTC']);
    const f = join(ws.dir, 'claude-a', 'projects', '-home-dev-app', 's1.jsonl');
    const usage = { input_tokens: 11, output_tokens: 13, cache_read_input_tokens: 17 };
    const line = { type: 'assistant', sessionId: 's1', cwd: '/home/dev/app', timestamp: '2026-03-04T10:00:00.000Z', requestId: 'req_new', message: { id: 'msg_new', model: 'claude-sonnet-4-5', usage } };
    appendFileSync(f, JSON.stringify(line) + '\n');
    const after = await report(['daily', '--timezone', 'UTC']);
    expect(after.scan.filesResumed).toBe(1);
    expect(after.totals.totalTokens).toBe(before.totals.totalTokens + 11 + 13 + 17);
    expect(after.rows.map((r) => r.period)).toContain('2026-03-04');
    await expectWarmEqualsUncached();
  });

  it('touching one transcript (same bytes, new mtime) invalidates and rebuilds the snapshot', async () => {
    const target = findFirstFile(join(ws.dir, 'pi'));
    expect(target).not.toBe('');
    const old = statSync(recordsFile).mtimeMs;
    const oldGroups = statSync(groupsFile).mtimeMs;
    utimesSync(target, new Date(), new Date(Date.now() + 7000));
    const r = await report(['daily', '--timezone', 'UTC']);
    expect(r.scan.filesFromCache).toBe(r.scan.files - 1); // the per-file cache took the fall-back path
    expect(statSync(recordsFile).mtimeMs).not.toBe(old);
    expect(statSync(groupsFile).mtimeMs).not.toBe(oldGroups);
    await expectWarmEqualsUncached();
  });

  it('a corrupt snapshot or price cache is rebuilt, never trusted', async () => {
    writeFileSync(recordsFile, 'garbage');
    writeFileSync(pricesFile, Buffer.alloc(3));
    writeFileSync(groupsFile, Buffer.from([255, 255, 255, 255, 1]));
    await expectWarmEqualsUncached();
  });

  it('changed price overrides reprice from the cached records', async () => {
    const f = join(ws.dir, 'half.json');
    writeFileSync(f, JSON.stringify({ discountPercent: 50 }));
    const full = await report(['monthly']);
    const half = await report(['monthly', '--price-overrides', f]);
    expect(half.totals.costUSD).toBeCloseTo(full.totals.costUSD / 2, 12);
    expect(content(half)).toEqual(content(await report(['monthly', '--price-overrides', f, '--no-cache'])));
    expect(content(await report(['monthly']))).toEqual(content(full));
  });
});

function findFirstFile(dir: string): string {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isFile() && p.endsWith('.jsonl')) {
      return p;
    }
    if (e.isDirectory()) {
      const found = findFirstFile(p);
      if (found) {
        return found;
      }
    }
  }
  return '';
}
