/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claudeAdapter } from '../adapters/claude';
import { loadPricer } from '../pricer';
import { groupAndPrice, PriceSplits, priceSplits } from '../report/groupPricing';
import { QUARTER_HOURS, reportGrid } from '../report/timeGrid';
import { scan, ScanOptions } from '../scan';
import { withNativeReader } from '../testing/bundle';
import { FINAL_JOB, NATIVE_FORMAT, PROGRESS_JOB, readNative } from './nativeScan';
import { rng } from '../testing/random';

// Final mode: without a cache the native reader dedupes and buckets the Claude Code requests itself
// (internal/claudescan/final.go) and sends only price items. The priced groups and the scan's figures must be
// exactly those of the TypeScript reader, whatever the rows hold: duplicates within and across files,
// sidechain replays, price-period boundaries, long-context tiers, fast mode, regions, unknown TTLs.

// an override that changes a model's price inside a quarter hour: the price period matters apart from it
const overrides = {
  models: [
    { id: 'claude-sonnet-4-5-20250929', prices: [
      { from: '2020-01-01T00:00:00Z', to: '2026-03-13T01:07:30Z', input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6 },
      { from: '2026-03-13T01:07:30Z', input: 30, output: 150, cacheRead: 3, cacheWrite5m: 37.5, cacheWrite1h: 60 },
    ] },
  ],
};
const splits = priceSplits(overrides);
const pricer = loadPricer(overrides, '5m');
const { bin, tmp } = withNativeReader('seatmeter-final-');

const iso = (ms: number) => new Date(ms).toISOString();

interface Message {
  lines: Array<Record<string, unknown>>;
}

/**
 * A Claude Code history: messages written as one line per content block; sessions resumed in another file
 * copy earlier messages (some as sidechain replays, some under another request id, all with the same usage).
 */
function corpus(dir: string, seed: number, extra: string[] = []): void {
  const r = rng(seed);
  const boundary = splits.boundaries.filter((b) => b > Date.parse('2025-01-01'));
  const models = ['claude-sonnet-4-5-20250929', 'claude-opus-4-5-20251101', 'claude-haiku-4-5-20251001', 'claude-sonnet-4-20250514'];
  const made: Message[] = [];
  const message = (f: number, m: number, sidechain: boolean): Message => {
    const id = `msg_${seed}_${f}_${m}`;
    const ts = r.pick(boundary) + r.int(-3, 3) * 3600000 + r.int(0, 3599999); // around price changes, any minute
    const sonnet = r.next() < 0.2; // in the quarter hour of the override's price change
    const usage: Record<string, unknown> = {
      input_tokens: r.next() < 0.15 ? r.pick(splits.thresholds) + r.int(1, 50000) : r.int(0, 5000),
      cache_creation_input_tokens: r.int(0, 20000),
      cache_read_input_tokens: r.int(0, 200000),
      output_tokens: r.int(0, 4000),
      service_tier: 'standard',
    };
    if (r.next() < 0.7) {
      usage.cache_creation = { ephemeral_5m_input_tokens: r.int(0, 9000), ephemeral_1h_input_tokens: r.int(0, 9000) };
    }
    if (r.next() < 0.1) {
      usage.speed = 'fast';
    }
    if (r.next() < 0.2) {
      usage.inference_geo = r.pick(['us', 'global', 'not_available', 'eu']);
    }
    const model = r.next() < 0.03 ? '<synthetic>' : sonnet ? models[0] : r.pick(models);
    const cwd = r.pick(['/home/dev/p0', '/home/dev/p1/', 'C:\\work\\p2', '/', '/home/dév/naïve']);
    const lines = Array.from({ length: r.int(1, 3) }, (_, b) => ({
      parentUuid: b ? `u${m}-${b - 1}` : null,
      isSidechain: sidechain,
      userType: 'external',
      cwd,
      sessionId: `s${f}`,
      version: '2.1.0',
      gitBranch: r.pick(['main', 'feat/x', '']),
      message: {
        id, type: 'message', role: 'assistant', model,
        content: [{ type: 'text', text: `block ${b} of ${m}` }],
        stop_reason: null, stop_sequence: null,
        usage: { ...usage, output_tokens: (usage.output_tokens as number) + b * r.int(0, 1) },
      },
      requestId: `req_${id}`,
      type: 'assistant',
      uuid: `u${m}-${b}`,
      timestamp: sonnet ? iso(Date.parse('2026-03-13T01:00:00Z') + r.int(0, 899999)) : r.next() < 0.02 ? ts / 1000 : iso(ts),
    }));
    return { lines };
  };
  for (let f = 0; f < 12; f++) {
    const project = join(dir, 'projects', `-home-dev-p${f % 3}`);
    mkdirSync(project, { recursive: true });
    const out: string[] = [];
    for (let m = 0; m < 40; m++) {
      let msg: Message;
      if (made.length && r.next() < 0.3) {
        const copy = r.pick(made); // a resumed session's copy: the same usage
        const how = r.int(0, 3);
        msg = {
          // how 3: only the first content block's line (a smaller usage than the whole message's)
          lines: (how === 3 ? copy.lines.slice(0, 1) : copy.lines).map((l) => ({
            ...l,
            isSidechain: how === 1 ? !l.isSidechain : l.isSidechain,
            requestId: how === 2 ? `${l.requestId}_replay` : l.requestId,
          })),
        };
      } else {
        msg = message(f, m, f % 4 === 3 || r.next() < 0.05);
        made.push(msg);
      }
      out.push(...msg.lines.map((l) => JSON.stringify(l)));
      if (r.next() < 0.05) {
        out.push('{"type":"assistant","message":{"id":"x","content":[],"usage":{"input_tokens":1}}}'); // no timestamp
      }
    }
    writeFileSync(join(project, `${f}.jsonl`), out.concat(f === 0 ? extra : []).join('\n') + '\n');
  }
}

async function both(dir: string, agents: ScanOptions['agents'] = ['claude-code'], s: PriceSplits = splits) {
  const opts: ScanOptions = { agents, env: { CLAUDE_CONFIG_DIR: dir, CODEX_HOME: join(dir, 'none') }, home: tmp, user: 'dev', priceSplits: s };
  const ticks: number[] = [];
  const native = await scan({ ...opts, native: bin(), onProgress: (done, total) => ticks.push(done - total) });
  const ts = await scan(opts);
  // the progress line counts every file once, up to the total, whichever way the native reader answered
  expect(ticks).toEqual(Array.from({ length: native.stats.files }, (_, i) => i + 1 - native.stats.files));
  return { native, ts };
}

describe('native final mode', () => {
  it('gives the TypeScript reader\'s priced groups and figures, to the bit, on generated histories', async () => {
    let engaged = 0;
    // the grid a cache keeps, and those of reports without one in Asia/Kolkata (days from 18:30 UTC) and
    // America/St_Johns (hours from :30)
    const grids = [QUARTER_HOURS, reportGrid('Asia/Kolkata'), reportGrid('America/St_Johns')];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const dir = join(tmp, `c${seed}`);
      corpus(dir, seed);
      const s = { ...splits, grid: grids[seed % 3] };
      const { native, ts } = await both(dir, ['claude-code'], s);
      expect(native.stats).toEqual(ts.stats);
      expect(ts.items).toBeUndefined();
      if (native.items) {
        engaged++;
        expect(native.records).toHaveLength(0);
      }
      const a = groupAndPrice(native.records, pricer, s, native.items);
      const b = groupAndPrice(ts.records, pricer, s);
      expect(a).toEqual(b);
      expect(a.length).toBeGreaterThan(20);
      expect(native.items!.tiers.some((it) => it.requests > 1)).toBe(true); // (sums above every threshold)
    }
    expect(engaged).toBe(6); // every generated line is one the native reader can judge
  }, 60000);

  it('reports each file as read before the final frame (the progress line moves during the scan)', async () => {
    const dir = join(tmp, 'progress');
    corpus(dir, 11);
    const files = readdirSync(join(dir, 'projects'), { recursive: true }).map(String).filter((f) => f.endsWith('.jsonl'));
    const events: string[] = [];
    const pending = await readNative(
      bin(),
      files.map((f) => ({ path: join(dir, 'projects', f), from: 0, parser: claudeAdapter.parser({ path: f, user: 'dev' }) })),
      () => events.push('frame'),
      { splits, user: 'dev', onFinal: () => events.push('final'), onProgress: () => events.push('progress') }
    );
    expect(pending).toEqual([]);
    expect(events).toEqual([...files.map(() => 'progress'), 'final']);
  }, 60000);

  it('sends no progress frames unless asked (each would be an event for the CLI while the reader works)', () => {
    const dir = join(tmp, 'quiet');
    corpus(dir, 12);
    const files = readdirSync(join(dir, 'projects'), { recursive: true }).map(String).filter((f) => f.endsWith('.jsonl'));
    const jobs = files.map((f) => ({ path: join(dir, 'projects', f), from: 0 }));
    const frames = (progress: boolean) => {
      const out = execFileSync(bin(), ['-format', String(NATIVE_FORMAT)], { input: JSON.stringify({ jobs, final: splits, progress }) });
      const heads: number[] = [];
      for (let p = 0; p < out.length; p += 8 + out.readUInt32LE(p + 4)) {
        heads.push(out.readUInt32LE(p));
      }
      return heads;
    };
    expect(frames(false)).toEqual([FINAL_JOB]);
    expect(frames(true)).toEqual([...files.map(() => PROGRESS_JOB), FINAL_JOB]);
  }, 60000);

  it('falls back to per-file frames when a line is for the TypeScript reader to judge, with the same result', async () => {
    const dir = join(tmp, 'unsure');
    // a model spelled with an escape: the native reader sends its members and cannot bucket the run
    corpus(dir, 9, [
      '{"parentUuid":null,"isSidechain":false,"cwd":"/w","sessionId":"s","message":{"id":"m_esc","model":"claude-sonnet-4-5-2025092\\u0039","content":[],"usage":{"input_tokens":7,"output_tokens":1}},"requestId":"r","type":"assistant","timestamp":"2026-03-01T10:00:00.000Z"}',
    ]);
    const { native, ts } = await both(dir);
    expect(native.items).toBeUndefined();
    expect(native.stats).toEqual(ts.stats);
    expect(groupAndPrice(native.records, pricer, splits)).toEqual(groupAndPrice(ts.records, pricer, splits));
  }, 60000);
});
