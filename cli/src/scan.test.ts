/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ScanCache } from './io/scanCache';
import { snapshotPath } from './io/snapshot';
import { scan } from './scan';
import { totalTokens } from './usage';

const FIXTURES = resolve(__dirname, '..', 'fixtures');

describe('incremental scan cache (size, mtime, offset)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seatmeter-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const claude = join(dir, 'claude');
  const codex = join(dir, 'codex');
  cpSync(join(FIXTURES, 'claude-fork-copies', 'claude'), claude, { recursive: true });
  cpSync(join(FIXTURES, 'codex-reemits', 'codex'), codex, { recursive: true });
  const opts = {
    agents: ['claude-code' as const, 'codex' as const],
    env: { CLAUDE_CONFIG_DIR: claude, CODEX_HOME: codex },
    home: join(dir, 'home'),
    user: 'u',
    cacheDir: join(dir, 'cache'),
  };
  const sum = (r: Awaited<ReturnType<typeof scan>>) => r.records.reduce((n, x) => n + totalTokens(x.tokens), 0);

  // the snapshot keeps records, not the dedupe-only fields of the rows they were chosen from
  const dedupeOnly = new Set(['key', 'sidechain', 'messageId']);
  const plain = (r: Awaited<ReturnType<typeof scan>>) =>
    JSON.parse(JSON.stringify(r.records, (k, v) => (dedupeOnly.has(k) ? undefined : v)));

  it('reads nothing on an unchanged re-run and gives the same records', async () => {
    const first = await scan(opts);
    const second = await scan(opts);
    expect(first.stats.filesFromCache).toBe(0);
    expect(first.fromSnapshot).toBe(false);
    expect(second.fromSnapshot).toBe(true);
    expect(second.stats.filesFromCache).toBe(second.stats.files);
    expect(second.stats.bytesRead).toBe(0);
    expect(plain(second)).toEqual(plain(first));
    // without the consolidated snapshot the per-file cache gives the same records, reading nothing
    rmSync(snapshotPath(opts.cacheDir, opts.agents, 'records'));
    const third = await scan(opts);
    expect(third.fromSnapshot).toBe(false);
    expect(third.stats.bytesRead).toBe(0);
    expect(plain(third)).toEqual(plain(first));
    expect(sum(first)).toBe(3045 + 366 + 500 + 300 + 2000);
  });

  it('reads only the appended bytes of a grown file, keeping Codex baselines', async () => {
    const f = join(codex, 'sessions', '2026', '03', '02', 'rollout-2026-03-02T09-00-00-c1.jsonl');
    const before = readFileSync(f).length;
    const tot = { input_tokens: 3000, cached_input_tokens: 2100, output_tokens: 350, reasoning_output_tokens: 90, total_tokens: 3350 };
    appendFileSync(f, JSON.stringify({ timestamp: '2026-03-02T09:01:00.000Z', type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: tot } } }) + '\n');
    const r = await scan(opts);
    expect(r.stats.filesResumed).toBe(1);
    expect(r.stats.bytesRead).toBe(readFileSync(f).length - before);
    // delta: input 500 (cached 100 → uncached 400), output 50
    expect(sum(r)).toBe(3045 + 366 + 500 + 300 + 2000 + 400 + 100 + 50);
  });

  it('re-reads a rewritten file in full', async () => {
    const f = join(claude, 'projects', '-home-dev-app', 's1.jsonl');
    writeFileSync(f, readFileSync(f, 'utf8').replace('"input_tokens":1000', '"input_tokens":1001') + '\n');
    utimesSync(f, new Date(), new Date(Date.now() + 5000));
    const r = await scan(opts);
    expect(r.stats.filesResumed).toBe(0);
    expect(r.stats.filesFromCache).toBe(r.stats.files - 1);
    // msg_1 now differs between s1 (1001) and its fork copy in s2 (1000): the larger row wins
    expect(sum(r)).toBe(3045 + 1 + 366 + 500 + 300 + 2000 + 400 + 100 + 50);
  });
});

describe('ScanCache', () => {
  it('keeps one entry per transcript and prunes entries of vanished transcripts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seatmeter-entries-'));
    try {
      const entry = { size: 1, mtimeMs: 1, offset: 1, head: '', malformed: 0, duplicates: 0, lines: 1, state: {}, strings: [], rows: [] };
      const a = new ScanCache(dir);
      a.put('/t/a.jsonl', entry);
      a.put('/t/b.jsonl', { ...entry, size: 2 });
      const b = new ScanCache(dir);
      expect(b.get('/t/b.jsonl')?.size).toBe(2);
      b.prune(); // only b.jsonl was looked up in this run
      expect(readdirSync(dir)).toHaveLength(1);
      expect(new ScanCache(dir).get('/t/a.jsonl')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
