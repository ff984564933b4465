/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPricer } from '../pricer';
import { groupAndPrice, priceSplits } from '../report/groupPricing';
import { discoverFiles, scan, ScanOptions, startListing } from '../scan';
import { withNativeReader } from '../testing/bundle';

// Without a cache the native reader is started before anything is listed and lists Claude Code's files
// itself (cmd/seatmeter-scan/discover.go): its list must be discover.ts's, file for file and in order, and a
// scan taking it must be the scan that lists them here.
const { bin, tmp } = withNativeReader('seatmeter-listing-');
const splits = priceSplits(undefined);
const pricer = loadPricer(undefined, '5m');

const line = (session: string, id: string, input: number) =>
  JSON.stringify({ type: 'assistant', sessionId: session, cwd: `/w/${session}`, timestamp: '2026-03-01T10:00:00.000Z', requestId: `r-${id}`, message: { id, model: 'claude-sonnet-4-5', content: [], usage: { input_tokens: input, output_tokens: 1 } } });

/** two config dirs (the second given twice), subagent files, a symlinked file and directory, odd names */
function tree(dir: string): NodeJS.ProcessEnv {
  const put = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  put('a/projects/-p1/s1.jsonl', line('s1', 'm1', 10) + '\n');
  put('a/projects/-p1/s1/subagents/agent-x.jsonl', line('s1', 'm2', 20) + '\n');
  put('a/projects/-p2/\u{1F600}.jsonl', line('s2', 'm3', 30) + '\n');
  put('a/projects/-p2/\uffff.jsonl', line('s3', 'm4', 40) + '\n');
  put('a/projects/-p2/notes.txt', 'not a transcript');
  put('b/projects/-p3/s4.jsonl', line('s4', 'm1', 50) + '\n' + line('s4', 'm5', 60) + '\n');
  put('elsewhere/linked.jsonl', line('s5', 'm6', 70) + '\n');
  put('elsewhere/dir/hidden.jsonl', line('s6', 'm7', 80) + '\n');
  symlinkSync(join(dir, 'elsewhere/linked.jsonl'), join(dir, 'a/projects/-p2/link.jsonl'));
  symlinkSync(join(dir, 'elsewhere/dir'), join(dir, 'a/projects/-p2/linkdir'));
  symlinkSync(join(dir, 'nowhere.jsonl'), join(dir, 'a/projects/-p2/dangling.jsonl'));
  return { CLAUDE_CONFIG_DIR: `${join(dir, 'a')}/, ${join(dir, 'b')},${join(dir, 'a')}`, CODEX_HOME: join(dir, 'none'), PI_CODING_AGENT_DIR: join(dir, 'none') };
}

const options = (env: NodeJS.ProcessEnv, native?: string): ScanOptions => ({ agents: ['claude-code', 'codex', 'pi'], env, home: tmp, user: 'dev', native, priceSplits: splits });

describe('native listing', () => {
  it("lists discover.ts's files, in its order, with their sizes and times", async () => {
    const env = tree(join(tmp, 't1'));
    const here = discoverFiles({ ...options(env), agents: ['claude-code'] }).slots.map((s) => s.file);
    const listing = startListing(options(env, bin()), splits)!;
    const listed = await listing.files;
    expect(here.map((f) => f.path.slice(tmp.length))).toEqual([
      '/t1/a/projects/-p1/s1.jsonl',
      '/t1/a/projects/-p1/s1/subagents/agent-x.jsonl',
      '/t1/a/projects/-p2/link.jsonl',
      '/t1/a/projects/-p2/\u{1F600}.jsonl',
      '/t1/a/projects/-p2/\uffff.jsonl',
      '/t1/b/projects/-p3/s4.jsonl',
    ]);
    expect(listed).toEqual(here);
    await listing.read([], () => undefined, { splits, user: 'dev', onFinal: () => undefined });
  }, 60000);

  it('a scan taking the listing is the scan that lists here, and the TypeScript reader agrees', async () => {
    const env = tree(join(tmp, 't2'));
    const opts = options(env, bin());
    const listing = startListing(opts, splits);
    const listed = await scan({ ...opts, listing }, discoverFiles({ ...opts, listing }));
    const plain = await scan(opts);
    const ts = await scan(options(env));
    expect(listed.items).toBeDefined(); // (final mode: the items, no records)
    expect(listed.stats).toEqual(plain.stats);
    expect(listed.stats).toEqual(ts.stats);
    const groups = groupAndPrice(listed.records, pricer, splits, listed.items);
    expect(groups).toEqual(groupAndPrice(plain.records, pricer, splits, plain.items));
    expect(groups).toEqual(groupAndPrice(ts.records, pricer, splits));
    expect(groups.reduce((n, g) => n + g.rec.tokens.input, 0)).toBe(20 + 30 + 40 + 50 + 60 + 70); // m1 of s1 (10) is m1 of s4 (50): the larger kept
  }, 60000);

  it('a listed run whose lines the native reader cannot all judge sends per-file frames, to the same result', async () => {
    const dir = join(tmp, 't4');
    const env = tree(dir);
    // a model spelled with an escape: no final frame, every listed file's frame instead
    writeFileSync(join(dir, 'b/projects/-p3/escaped.jsonl'), line('s7', 'm8', 90).replace('claude-sonnet-4-5', 'claude-sonnet-4-\\u0035') + '\n');
    const opts = options(env, bin());
    const listing = startListing(opts, splits);
    const listed = await scan({ ...opts, listing }, discoverFiles({ ...opts, listing }));
    const ts = await scan(options(env));
    expect(listed.items).toBeUndefined();
    expect(listed.stats).toEqual(ts.stats);
    expect(groupAndPrice(listed.records, pricer, splits)).toEqual(groupAndPrice(ts.records, pricer, splits));
    expect(listed.records.reduce((n, r) => n + r.tokens.input, 0)).toBe(270 + 90);
  }, 60000);

  it('a reader that cannot start lists nothing, and the scan lists and reads the files here', async () => {
    const env = tree(join(tmp, 't3'));
    const opts = options(env, join(tmp, 'no-such-reader'));
    const listing = startListing(opts, splits)!;
    const out = await scan({ ...opts, listing }, discoverFiles({ ...opts, listing }));
    expect(await listing.files).toBeUndefined();
    expect(out.stats).toEqual((await scan(options(env))).stats);
    expect(out.records.reduce((n, r) => n + r.tokens.input, 0)).toBe(270);
  }, 60000);
});
