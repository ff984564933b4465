import { claudeAdapter } from './adapters/claude';
import { codexAdapter } from './adapters/codex';
import { piAdapter } from './adapters/pi';
import { Adapter, RawRow } from './adapters/types';
import { discover, FoundFile } from './io/discover';
import { readJsonLines } from './io/lineReader';
import { CachedFile, headHash, packRows, ScanCache, unpackRows } from './io/scanCache';
import { AgentId, UsageRecord } from './usage';

export const ADAPTERS: Record<AgentId, Adapter> = { 'claude-code': claudeAdapter, codex: codexAdapter, pi: piAdapter };

export interface ScanOptions {
  agents: AgentId[];
  env: NodeJS.ProcessEnv;
  home: string;
  user: string;
  /** cache directory; undefined disables the incremental cache */
  cacheDir?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ScanStats {
  files: number;
  filesFromCache: number;
  filesResumed: number;
  bytesRead: number;
  lines: number;
  malformed: number;
  malformedByFile: Record<string, number>;
  rows: number;
  duplicates: number;
}

export interface ScanResult {
  records: UsageRecord[];
  stats: ScanStats;
}

export function scan(opts: ScanOptions): ScanResult {
  const cache = new ScanCache(opts.cacheDir);
  const stats: ScanStats = {
    files: 0, filesFromCache: 0, filesResumed: 0, bytesRead: 0, lines: 0, malformed: 0, malformedByFile: {},
    rows: 0, duplicates: 0,
  };
  const perAgent = opts.agents.map((agent) => {
    const adapter = ADAPTERS[agent];
    const seen = new Set<string>();
    const files: FoundFile[] = [];
    for (const root of adapter.roots(opts.env, opts.home)) {
      for (const f of discover(root, adapter.accepts)) {
        if (!seen.has(f.path)) {
          seen.add(f.path);
          files.push(f);
        }
      }
    }
    return { adapter, files };
  });
  const total = perAgent.reduce((n, a) => n + a.files.length, 0);
  let done = 0;
  const records: UsageRecord[] = [];
  for (const { adapter, files } of perAgent) {
    const rows: RawRow[] = [];
    for (const f of files) {
      const prev = cache.get(f.path);
      const entry = readFile(adapter, f, prev, opts.user, stats);
      if (entry.cacheable && entry.cached !== prev) {
        cache.put(f.path, { ...entry.cached, ...packRows(entry.rows) });
      }
      stats.lines += entry.cached.lines;
      stats.malformed += entry.cached.malformed;
      stats.duplicates += entry.cached.duplicates;
      stats.rows += entry.cached.duplicates;
      if (entry.cached.malformed) {
        stats.malformedByFile[f.path] = entry.cached.malformed;
      }
      for (const r of entry.rows) {
        rows.push(r);
      }
      opts.onProgress?.(++done, total);
    }
    stats.rows += rows.length;
    const deduped = adapter.dedupe(rows);
    stats.duplicates += deduped.duplicates;
    for (const r of deduped.rows) {
      records.push(r); // a RawRow is a UsageRecord; its dedupe fields are not copied away (memory)
    }
  }
  stats.files = total;
  if (opts.agents.length === Object.keys(ADAPTERS).length) {
    cache.prune(); // only a scan of every agent knows which entries are stale
  }
  return { records, stats };
}

function readFile(
  adapter: Adapter,
  f: FoundFile,
  prev: CachedFile | undefined,
  user: string,
  stats: ScanStats
) {
  if (prev && prev.size === f.size && prev.mtimeMs === f.mtimeMs) {
    stats.filesFromCache++;
    return { rows: unpackRows(prev.strings, prev.rows, user), cached: prev, cacheable: true };
  }
  let from = 0;
  let carried: RawRow[] = [];
  let state = undefined;
  let lines = 0;
  let malformed = 0;
  let duplicates = 0;
  if (prev && f.size > prev.size && prev.offset <= f.size && headHash(f.path, prev.offset) === prev.head) {
    from = prev.offset; // appended since last time: resume where the last complete line ended
    carried = unpackRows(prev.strings, prev.rows, user);
    state = structuredClone(prev.state);
    lines = prev.lines;
    malformed = prev.malformed;
    duplicates = prev.duplicates;
    stats.filesResumed++;
  }
  const parser = adapter.parser({ path: f.path, user, state });
  const res = readJsonLines(f.path, from, parser);
  stats.bytesRead += f.size - from;
  // duplicates inside one file (one line per content block, streaming partials) go before anything is kept
  const inFile = adapter.dedupe(parser.rows);
  const rows = carried.length ? carried.concat(inFile.rows) : inFile.rows;
  const cached: CachedFile = {
    size: f.size,
    mtimeMs: f.mtimeMs,
    offset: res.endOffset,
    head: headHash(f.path, res.endOffset),
    lines: lines + res.lines,
    malformed: malformed + res.malformed,
    duplicates: duplicates + inFile.duplicates,
    state: parser.state(),
    strings: [],
    rows: [],
  };
  // A file whose last line is still being written is re-read next time rather than cached half-done.
  return { rows, cached, cacheable: !res.unterminatedTail };
}
