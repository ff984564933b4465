/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { appendFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan, ScanOptions } from '../scan';
import { withNativeReader } from '../testing/bundle';
import { FIXTURES } from '../testing/cliHarness';
import { mutate, rng } from '../testing/random';

// The native reader of Codex rollouts (internal/claudescan codex.go) against the TypeScript reader: the same
// records and figures on the fixtures and on generated rollouts full of the traps of sources.md §4, read
// whole and resumed from the incremental cache.

const { bin, tmp } = withNativeReader('seatmeter-codex-');

async function both(codexHome: string, cacheDir?: (which: string) => string) {
  const opts: ScanOptions = { agents: ['codex'], env: { CODEX_HOME: codexHome }, home: tmp, user: 'dev' };
  const native = await scan({ ...opts, native: bin(), cacheDir: cacheDir?.('native') });
  const ts = await scan({ ...opts, cacheDir: cacheDir?.('ts') });
  return { native, ts };
}

/** A rollout's lines: session_meta (some forks), turn_context, token_count (re-emitted, replayed, odd). */
function rollout(seed: number, fork: boolean): string[] {
  const r = rng(seed);
  const start = Date.parse('2026-05-01T10:00:00Z') + seed * 3600000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const meta: Record<string, unknown> = { id: `sess-${seed}`, timestamp: iso(start), cwd: r.pick(['/home/dev/app', 'C:\\w\\x', '/']), originator: 'codex_cli_rs', instructions: 'x'.repeat(r.int(0, 3000)), git: r.pick([{ branch: 'main' }, {}, 'main']) };
  if (fork) {
    Object.assign(meta, r.pick([{ forked_from_id: 'p' }, { source: { subagent: 'review' } }, { source: 'exec-subagent' }, { parent_session_id: 0 }]));
  }
  if (r.next() < 0.5) {
    meta.model = 'gpt-5-codex';
  }
  const lines = [JSON.stringify({ timestamp: iso(start), type: 'session_meta', payload: meta })];
  const t = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
  let clock = fork ? start - 600000 : start; // a fork replays the parent's history, stamped before its start
  for (let i = 0; i < 60; i++) {
    clock += r.int(1000, 60000);
    if (r.next() < 0.1) {
      lines.push(JSON.stringify({ timestamp: iso(clock), type: 'turn_context', payload: { cwd: '/x', model: r.pick(['gpt-5', 'gpt-5-codex', 'o3', '']) } }));
    }
    if (r.next() > 0.2) {
      t.input_tokens += r.int(0, 9000);
      t.cached_input_tokens += r.int(0, 4000);
      t.output_tokens += r.int(0, 900);
      t.reasoning_output_tokens += r.int(0, 300);
      t.total_tokens = t.input_tokens + t.output_tokens;
    }
    const totals: Record<string, unknown> = { ...t };
    if (r.next() < 0.05) {
      totals.output_tokens = String(t.output_tokens); // a number as a string: num() reads it
    }
    if (r.next() < 0.05) {
      delete totals.total_tokens;
    }
    const when = r.next() < 0.03 ? r.pick([clock / 1000, 'not a time', null, '2026-05-01 10:00:00']) : iso(clock);
    const line = JSON.stringify({ timestamp: when, type: 'event_msg', payload: { type: 'token_count', info: r.next() < 0.03 ? null : { total_token_usage: totals, last_token_usage: totals }, rate_limits: { primary: { used_percent: 1 } } } });
    lines.push(line);
    if (r.next() < 0.2) {
      lines.push(line); // re-emitted
    }
    if (r.next() < 0.03) {
      lines.push(mutate(r, line)); // damaged
    }
    if (r.next() < 0.1) {
      // a marker past the first 256 bytes is no candidate: not read, so not malformed when damaged
      const item = JSON.stringify({ timestamp: iso(clock), type: 'response_item', payload: { type: 'function_call_output', output: 'x'.repeat(300), extra: { token_count: 1 } } });
      lines.push(r.next() < 0.5 ? item : item.slice(0, -2));
    }
  }
  return lines;
}

describe('native Codex reader', () => {
  for (const name of readdirSync(FIXTURES).filter((n) => n.startsWith('codex-'))) {
    it(`fixture ${name}: the TypeScript reader's records and figures`, async () => {
      const { native, ts } = await both(join(FIXTURES, name, 'codex'));
      expect(native.records).toEqual(ts.records);
      expect(native.stats).toEqual(ts.stats);
    });
  }

  it('generated rollouts, read whole and then resumed after an append: the same records and figures', async () => {
    const home = join(tmp, 'gen');
    const day = join(home, 'sessions', '2026', '05', '01');
    mkdirSync(day, { recursive: true });
    const files: Array<{ path: string; lines: string[] }> = [];
    for (let seed = 0; seed < 30; seed++) {
      const lines = rollout(seed, seed % 3 === 1);
      const path = join(day, `rollout-${seed}.jsonl`);
      const cut = Math.floor(lines.length / 2);
      writeFileSync(path, lines.slice(0, cut).join('\n') + '\n');
      files.push({ path, lines: lines.slice(cut) });
    }
    const caches = (which: string) => join(tmp, `cache-${which}`);
    const first = await both(home, caches);
    expect(first.native.records).toEqual(first.ts.records);
    expect(first.native.stats).toEqual(first.ts.stats);
    expect(first.ts.records.length).toBeGreaterThan(300);
    for (const f of files) {
      appendFileSync(f.path, f.lines.join('\n') + '\n');
    }
    const resumed = await both(home, caches);
    expect(resumed.native.stats.filesResumed).toBe(30);
    expect(resumed.native.records).toEqual(resumed.ts.records);
    expect(resumed.native.stats).toEqual(resumed.ts.stats);
    const whole = await both(home);
    expect(whole.native.records).toEqual(whole.ts.records);
    expect(whole.native.stats).toEqual(whole.ts.stats);
  }, 60000);
});
