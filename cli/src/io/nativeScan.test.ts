/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { appendFileSync, chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileParser } from '../adapters/types';
import { openFile, Parsed, parseFile } from '../parseFile';
import { scan } from '../scan';
import { runBundle, withNativeReader } from '../testing/bundle';
import { FIXTURES } from '../testing/cliHarness';
import { mutate, nastyText, rng } from '../testing/random';
import { discover, FoundFile } from './discover';
import { readJsonLines, ReadResult } from './lineReader';
import { findNative, NativeOutcome, readNative } from './nativeScan';
import { CachedFile, packRows } from './scanCache';

// The native reader (Go: cmd/seatmeter-scan) against the TypeScript reader: the same rows after the in-file
// dedupe, the same counts and cache entry, on the fixtures and on generated transcripts; and nothing lost
// when the native reader cannot run.

const USER = 'dev@example.com';
const CLAUDE = readdirSync(FIXTURES).filter((n) => n.startsWith('claude-'));

// the CLI bundle and, beside it, the native reader of this machine
const { bin, bundle, tmp } = withNativeReader('seatmeter-native-');

function found(path: string): FoundFile {
  const st = statSync(path);
  return { path, size: st.size, mtimeMs: st.mtimeMs };
}

/** Counts what the native reader hands the parser: rows or members (read natively) and raw lines. */
function counting(p: FileParser, n: { rows: number; entries: number; raw: number }): FileParser {
  return {
    ...p,
    line: (buf, s, e, hint) => (n.raw++, p.line(buf, s, e, hint)),
    entry: (e) => (n.entries++, p.entry!(e)),
    row: (r) => (n.rows++, p.row!(r)),
  };
}

/**
 * Reads the files in TypeScript and natively (all in one run of the reader) and expects the same Parsed
 * (rows after the in-file dedupe, cache entry) and the same ReadResult; what the native reader sent.
 */
async function bothWays(paths: string[], prevs: Array<CachedFile | undefined> = []) {
  const files = paths.map(found);
  const ts = files.map((f, i) => {
    const open = openFile('claude-code', f, prevs[i], USER);
    const res = readJsonLines(f.path, open.from, open.parser);
    return { res, parsed: open.finish(res) };
  });
  const opened = files.map((f, i) => openFile('claude-code', f, prevs[i], USER));
  const sent = { rows: 0, entries: 0, raw: 0 };
  const outcomes = new Map<number, NativeOutcome>();
  const jobs = opened.map((o, i) => ({ path: files[i].path, from: o.from, parser: counting(o.parser, sent) }));
  const pending = await readNative(bin(), jobs, (i, outcome) => {
    expect(outcomes.has(i)).toBe(false);
    outcomes.set(i, outcome);
  });
  expect(pending).toEqual([]);
  const parsed: Parsed[] = [];
  files.forEach((_, i) => {
    const outcome = outcomes.get(i)!;
    expect(outcome).toMatchObject({ ok: true });
    if (outcome.ok) {
      parsed.push(opened[i].finish(outcome.res));
      expect(parsed[i]).toStrictEqual(ts[i].parsed);
      const { duplicates, ...res } = outcome.res; // lines the native reader collapsed: counted in cached.duplicates
      expect(res).toStrictEqual<ReadResult>(ts[i].res);
      expect(duplicates ?? 0).toBeLessThanOrEqual(parsed[i].cached.duplicates);
    }
  });
  return { sent, parsed };
}

/** A JSON number (or anything else) as written in the line: "#n:<text>" strings are unquoted. */
const raw = (text: string) => `#n:${text}`;
const unquote = (json: string) => json.replace(/"#n:([^"]*)"/g, '$1');

function tokens(r: ReturnType<typeof rng>, base: number): unknown {
  const odd = [raw('-0'), raw('12.5'), raw('1e400'), raw('-3'), '42', null, raw('0.5'), raw('1E3'), true, raw('9007199254740993'), raw('1e16'), raw('0.49999999999999994')];
  return r.next() < 0.9 ? base + r.int(0, 50) : r.pick(odd);
}

function usageOf(r: ReturnType<typeof rng>): Record<string, unknown> {
  const base = r.int(0, 5000);
  const usage: Record<string, unknown> = {
    input_tokens: tokens(r, base),
    cache_creation_input_tokens: tokens(r, base * 2),
    cache_read_input_tokens: tokens(r, base * 3),
    output_tokens: tokens(r, r.int(0, 900)),
    service_tier: 'standard',
  };
  if (r.next() < 0.6) {
    usage.cache_creation = r.next() < 0.9 ? { ephemeral_5m_input_tokens: tokens(r, base), ephemeral_1h_input_tokens: tokens(r, 0) } : r.pick([{}, null, [], 'x']);
  }
  if (r.next() < 0.1) {
    usage.speed = r.pick(['fast', 'standard']);
    usage.inference_geo = r.pick(['eu', 'global', 'not_available', '']);
  }
  return usage;
}

/** Mostly `YYYY-MM-DDTHH:MM:SS.sssZ`, its fields now and then out of range; else other forms. */
function timestamp(r: ReturnType<typeof rng>): unknown {
  const d = (lo: number, hi: number, n = 2) => String(r.next() < 0.97 ? r.int(lo, hi) : r.int(0, 10 ** n - 1)).padStart(n, '0');
  if (r.next() < 0.9) {
    return `${r.pick(['2026', '2026', '2024', '0000', '1969'])}-${d(1, 12)}-${d(1, r.pick([28, 31]))}T${d(0, 23)}:${d(0, 59)}:${d(0, 59)}.${d(0, 999, 3)}Z`;
  }
  return r.pick(['bad', 1767225600000, 1767225600, -1, 1.5, '2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000+01:00', '2026-3-01T10:00:00.000Z', null, undefined]);
}

/** One line per content block of a message, as Claude Code writes them (the usage so far on each). */
function messageLines(r: ReturnType<typeof rng>, i: number): string[] {
  const id = r.next() < 0.95 ? `msg_${r.int(0, 3000)}` : r.pick([undefined, '', 'msg_\u00e9', 7]);
  const requestId = r.next() < 0.9 ? `req_${r.int(0, 3000)}` : r.pick([undefined, null, '', 3]);
  const model = r.next() < 0.9 ? r.pick(['claude-sonnet-4-5', 'claude-opus-4-5', 'claude-haiku-4-5']) : r.pick(['<synthetic>', undefined, 'claude-sonnet-4-5\u0000']);
  const sidechain = r.next() < 0.2;
  const out: string[] = [];
  let usage = usageOf(r);
  for (let k = r.int(1, 4); k > 0; k--) {
    if (r.next() < 0.3) {
      usage = r.next() < 0.5 ? usageOf(r) : { ...usage, output_tokens: tokens(r, r.int(0, 900)) };
    }
    const content = [
      r.pick([
        { type: 'text', text: nastyText(r, r.next() < 0.0005 ? 300000 : r.int(0, 300)) },
        { type: 'thinking', thinking: nastyText(r, r.int(0, 200)), signature: 'sig' },
        { type: 'tool_use', id: 't1', name: 'Edit', input: { a: 1, usage: { input_tokens: 7 }, content: [nastyText(r, 40)] } },
      ]),
    ];
    const line = {
      parentUuid: r.pick([null, `p${i}`]),
      isSidechain: r.next() < 0.1 ? !sidechain : sidechain,
      userType: 'external',
      cwd: r.pick(['/home/dev/app', '/home/dev/app', '/srv/x', '/home/dév/app', 'C:\\work\\y', 7]),
      sessionId: r.pick(['s1', 's2', 's\u00e9', 7]),
      version: '2.1.0',
      gitBranch: r.pick(['main', 'main', 'feat/x', 'feat/a"b', '']),
      message: { id, type: 'message', role: 'assistant', model, content, stop_reason: r.pick([null, 'end_turn']), stop_sequence: null, speed: r.pick([undefined, undefined, 'fast', 'x']), usage },
      requestId,
      type: r.next() < 0.98 ? 'assistant' : 'user',
      uuid: `u${i}`,
      timestamp: timestamp(r),
    };
    out.push(unquote(JSON.stringify(line)));
  }
  return out;
}

/** ~n lines of a Claude Code transcript: messages over several lines, repeats, other lines, damage, spacing. */
function transcript(seed: number, n: number): Buffer[] {
  const r = rng(seed);
  const lines: Array<string | Buffer> = [];
  while (lines.length < n) {
    const v = r.next();
    if (v < 0.7) {
      const msg = messageLines(r, lines.length);
      lines.push(...msg);
      if (r.next() < 0.05) {
        lines.push(...msg.slice(0, r.int(1, msg.length))); // a replay of the same lines (a fork, a resume)
      }
    } else if (v < 0.78) {
      lines.push(JSON.stringify({ type: 'user', message: { role: 'user', content: nastyText(r, 60) }, uuid: 'x', timestamp: '2026-03-01T10:00:00.000Z' }));
    } else if (v < 0.8) {
      lines.push(JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', content: 'x' }] }, toolUseResult: { usage: { input_tokens: 5, output_tokens: 6 } } }));
    } else if (v < 0.84) {
      lines.push(r.pick(['', '   ', '\t', '{"type":"summary","summary":"s"}', 'not json', '[1]', '{"usage":', '\u0000\u00ff']));
    } else if (v < 0.92) {
      lines.push(Buffer.from(mutate(r, r.pick(messageLines(r, lines.length))), 'latin1'));
    } else if (v < 0.96) {
      lines.push(JSON.stringify(JSON.parse(r.pick(messageLines(r, lines.length))), null, 1).replace(/\n/g, ' '));
    } else {
      // other key orders, duplicate keys (the last wins), escaped keys
      const text = r.pick(messageLines(r, lines.length));
      lines.push(
        r.pick([
          `{"timestamp":"bad",${text.slice(1)}`,
          `${text.slice(0, -1)},"type":"user"}`,
          text.replace('"requestId"', '"r\\u0065questId"'),
          text.replace(',"usage":{', ',"usage":{"output_tokens":1e2,'),
          `{"message":{"usage":{"input_tokens":1}},${text.slice(1)}`,
        ])
      );
    }
  }
  const r2 = rng(seed + 1);
  const pad = (l: Buffer) => Buffer.concat([Buffer.from(r2.pick([' ', '\t', ''])), l, Buffer.from(r2.pick([' ', '\r', ' \r']))]);
  return lines.map((l) => (typeof l === 'string' ? Buffer.from(l) : l)).map((l) => (r2.next() < 0.05 ? pad(l) : l));
}

const joined = (lines: Buffer[]) => Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));

const corpus = (name: string) => join(tmp, name, 'projects', '-home-dev-app');
function writeTranscript(name: string, lines: Buffer[], terminated = true): string {
  mkdirSync(corpus(name), { recursive: true });
  const path = join(corpus(name), 's.jsonl');
  const text = joined(lines);
  writeFileSync(path, terminated ? text : text.subarray(0, text.length - 1));
  return path;
}

describe('native reader against the TypeScript reader', () => {
  it.each(CLAUDE)('fixture %s: the same rows, counts and cache entries', async (name) => {
    const dir = join(FIXTURES, name);
    const paths = discover(dir, (p) => p.endsWith('.jsonl')).map((f) => f.path);
    expect(paths.length).toBeGreaterThan(0);
    const { sent } = await bothWays(paths);
    expect(sent.rows + sent.entries + sent.raw).toBeGreaterThan(0);
    const exp = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { env: Record<string, string> };
    const env = { CLAUDE_CONFIG_DIR: exp.env.CLAUDE_CONFIG_DIR.split(',').map((p) => join(dir, p)).join(',') };
    const opts = { agents: ['claude-code' as const], env, home: join(dir, 'no-home'), user: USER };
    const native = await scan({ ...opts, native: bin() });
    expect(native).toStrictEqual(await scan(opts));
  });

  it('20,000 generated lines: the same rows, counts and cache entry', async () => {
    const path = writeTranscript('gen', transcript(1, 20000));
    const { sent, parsed } = await bothWays([path]);
    // most usage lines are read natively (and messages over several lines collapsed there)
    expect(sent.rows + sent.entries).toBeGreaterThan(parsed[0].rows.length / 2);
    expect(sent.rows).toBeGreaterThan(1000);
    expect(sent.entries).toBeGreaterThan(100);
    expect(sent.raw).toBeGreaterThan(100);
    expect(parsed[0].cached.malformed).toBeGreaterThan(100);
    expect(parsed[0].cached.duplicates).toBeGreaterThan(1000);
  });

  it('several files in one run, in whatever order their frames come; a file that cannot be read', async () => {
    const paths = [2, 3, 4, 5, 6].map((seed) => writeTranscript(`multi${seed}`, transcript(seed, 2000 * (seed - 1)), seed !== 4));
    await bothWays(paths);
    const outcomes: NativeOutcome[] = [];
    const gone = join(tmp, 'gone.jsonl');
    const pending = await readNative(bin(), [{ path: gone, from: 0, parser: openFile('claude-code', { path: gone, size: 1, mtimeMs: 0 }, undefined, USER).parser }], (i, o) => (outcomes[i] = o));
    expect(pending).toEqual([]);
    expect(outcomes[0]).toMatchObject({ ok: false, error: expect.stringContaining('gone.jsonl') });
  });

  it('a file whose last line is still being written: the same rows, not cacheable, resumed before that line', async () => {
    const lines = transcript(7, 3000);
    const path = writeTranscript('open', [...lines, lines[lines.length - 1].slice(0, 100)], false);
    const { parsed } = await bothWays([path]);
    expect(parsed[0].cacheable).toBe(false);
    expect(parsed[0].cached.offset).toBe(joined(lines).length);
  });

  it('resuming from the offset a first read cached: the same rows and counts', async () => {
    const lines = transcript(8, 6000);
    for (const cut of [10, 2999, 3000, 5990]) {
      const path = writeTranscript(`resume${cut}`, lines.slice(0, cut));
      const first = parseFile('claude-code', found(path), undefined, USER);
      const prev: CachedFile = { ...first.cached, ...packRows(first.rows) };
      appendFileSync(path, joined(lines.slice(cut)));
      const { parsed } = await bothWays([path], [prev]);
      expect(parsed[0].resumed).toBe(true);
      expect(parsed[0].bytesRead).toBe(statSync(path).size - prev.offset);
    }
  });
});

describe('a native reader that cannot run', () => {
  const script = (name: string, body: string) => {
    const p = join(tmp, name);
    writeFileSync(p, `#!/bin/sh\n${body}\n`);
    chmodSync(p, 0o755);
    return p;
  };

  it('missing, exiting at once or dying mid-frame: every job stays pending, none is handed over', async () => {
    const path = writeTranscript('fail', transcript(9, 200));
    const binaries = [join(tmp, 'no-such-binary'), '/bin/false', script('half-frame', "cat >/dev/null; printf '\\000\\000\\000\\000\\377\\000\\000\\000abc'")];
    for (const b of binaries) {
      const jobs = [0, 1, 2].map(() => ({ path, from: 0, parser: openFile('claude-code', found(path), undefined, USER).parser }));
      const got: number[] = [];
      expect(await readNative(b, jobs, (i) => got.push(i))).toEqual([0, 1, 2]);
      expect(got).toEqual([]);
      expect(jobs.every((j) => j.parser.rows.length === 0)).toBe(true);
    }
  });

  it('scan() then reads every file in TypeScript: the same records and stats', async () => {
    writeTranscript('fail', transcript(9, 200));
    const env = { CLAUDE_CONFIG_DIR: [join(tmp, 'fail'), join(FIXTURES, 'claude-fork-copies', 'claude')].join(',') };
    const opts = { agents: ['claude-code' as const], env, home: join(tmp, 'no-home'), user: USER };
    const plain = await scan(opts);
    expect(plain.records.length).toBeGreaterThan(10);
    for (const native of ['/bin/false', join(tmp, 'no-such-binary')]) {
      expect(await scan({ ...opts, native })).toStrictEqual(plain);
    }
  });
});

describe('the bundle end to end', () => {
  it('prints byte-identical JSON with its native reader and with SEATMETER_NATIVE=0', async () => {
    const fixtures = CLAUDE.filter((n) => n !== 'claude-config-dir-list').map((n) => join(FIXTURES, n, 'claude'));
    writeTranscript('e2e', transcript(10, 3000));
    const argv = ['session', '--format', 'json', '--no-cache', '--timezone', 'UTC', '--unpriced', 'warn'];
    // the packed reader, behind a wrapper that leaves a mark: the run did use it
    const packed = findNative({}, bundle())!;
    const mark = join(tmp, 'used');
    renameSync(packed, `${packed}.real`);
    writeFileSync(packed, `#!/bin/sh\ntouch '${mark}'\nexec '${packed}.real' "$@"\n`);
    chmodSync(packed, 0o755);
    // the fixtures; then with generated lines too (whose absurd token counts may fail the report's reconciliation)
    for (const dirs of [fixtures, [...fixtures, join(tmp, 'e2e')]]) {
      const env = { HOME: join(tmp, 'home'), CLAUDE_CONFIG_DIR: dirs.join(','), SEATMETER_USER: USER };
      rmSync(mark, { force: true });
      const native = await runBundle(bundle(), argv, env);
      expect(statSync(mark).isFile()).toBe(true);
      const ts = await runBundle(bundle(), argv, { ...env, SEATMETER_NATIVE: '0' });
      expect(native.code).toBe(ts.code);
      expect(dirs === fixtures ? ts.code : 0).toBe(0);
      expect(native.stderr).toBe(ts.stderr);
      expect(native.stdout).toBe(ts.stdout);
      expect(JSON.parse(ts.stdout).rows.length).toBeGreaterThan(0);
    }
  });
});
