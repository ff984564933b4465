import { RawRow } from './adapters/types';
import { CLAUDE_SUFFIX } from './adapters/claude';
import { discover, discoveryTop, FoundFile } from './io/discover';
import { listAndReadNatively, NativeListing } from './io/nativeDiscover';
import { CachedFile, packRows, ScanCache, unpackRows } from './io/scanCache';
import { fingerprint, readRecords, snapshotPath, writeRecords } from './io/snapshot';
import { ReadResult } from './io/lineReader';
import { FinalHandlers, hasNativeReader, NativeAgent, NativeFinal, NativeOutcome, readNative } from './io/nativeScan';
import { PriceItems, PriceSplits } from './report/groupPricing';
import { ADAPTERS, openFile, Parsed, parseFile } from './parseFile';
import { AgentId, UsageRecord } from './usage';
import { Job, parseInWorkers } from './workerPool';

export { ADAPTERS };

export interface ScanOptions {
  agents: AgentId[];
  env: NodeJS.ProcessEnv;
  home: string;
  user: string;
  /** cache directory; undefined disables the incremental cache */
  cacheDir?: string;
  onProgress?: (done: number, total: number) => void;
  /** parse on worker threads running this script (the CLI bundle); undefined parses inline */
  workerScript?: string;
  /** parse threads (default 1: inline) */
  jobs?: number;
  /** the native reader of Claude Code transcripts (nativeScan.ts); undefined reads them in TypeScript */
  native?: string;
  /**
   * Without a cache: the price splits the report buckets requests by. The native reader then may send the
   * Claude Code requests already deduplicated and bucketed (ScanResult.items) instead of their rows.
   */
  priceSplits?: PriceSplits;
  /** Claude Code's files as the native reader lists and reads them (startListing), instead of discovery here */
  listing?: NativeListing;
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
  /** threads that parsed (1 = inline) */
  threads: number;
}

export interface ScanResult {
  records: UsageRecord[];
  stats: ScanStats;
  /** identity of the scanned corpus state (keys the price cache); undefined without a cache dir */
  fingerprint?: string;
  /** true when the records came from the consolidated snapshot (no per-file work, no dedupe) */
  fromSnapshot: boolean;
  /** false when some file's last line was still being written (nothing derived from it may be kept) */
  complete: boolean;
  /** the Claude Code requests bucketed by the native reader (they are then not in `records`) */
  items?: PriceItems;
}

export interface Slot {
  agent: AgentId;
  file: FoundFile;
  prev?: CachedFile;
  parsed?: Parsed;
  fromCache?: RawRow[];
}

/**
 * Without a cache, a report starts the native reader first: it lists Claude Code's transcripts and reads them
 * in final mode while the rest starts here (scan takes its listing). Undefined when that does not apply.
 */
export function startListing(opts: ScanOptions, splits: PriceSplits | undefined): NativeListing | undefined {
  if (!opts.native || opts.cacheDir || !splits || opts.agents[0] !== 'claude-code') {
    return undefined;
  }
  const roots = ADAPTERS['claude-code'].roots(opts.env, opts.home).map(discoveryTop);
  return listAndReadNatively(opts.native, roots, CLAUDE_SUFFIX, { splits, progress: !!opts.onProgress });
}

/** Every transcript of the asked agents (one readdir walk per root) and the corpus state's fingerprint. */
export function discoverFiles(opts: ScanOptions): { slots: Slot[]; fingerprint?: string } {
  const slots: Slot[] = [];
  for (const agent of opts.agents) {
    if (agent === 'claude-code' && opts.listing) {
      continue; // the native reader lists them (scan)
    }
    const seen = new Set<string>();
    for (const root of ADAPTERS[agent].roots(opts.env, opts.home)) {
      for (const file of discover(root, ADAPTERS[agent].accepts)) {
        if (!seen.has(file.path)) {
          seen.add(file.path);
          slots.push({ agent, file });
        }
      }
    }
  }
  const fp = opts.cacheDir ? fingerprint(slots.map((x) => ({ agent: x.agent, ...x.file }))) : undefined;
  return { slots, fingerprint: fp };
}

/** The stats an unchanged re-run reports: every file from the cache, nothing read, one thread. */
export function asWarm(stats: ScanStats): ScanStats {
  return { ...stats, filesFromCache: stats.files, filesResumed: 0, bytesRead: 0, threads: 1 };
}

export async function scan(opts: ScanOptions, found = discoverFiles(opts)): Promise<ScanResult> {
  const cache = new ScanCache(opts.cacheDir);
  const stats: ScanStats = {
    files: 0, filesFromCache: 0, filesResumed: 0, bytesRead: 0, lines: 0, malformed: 0, malformedByFile: {},
    rows: 0, duplicates: 0, threads: 1,
  };
  // 0. the consolidated snapshot when no file changed; else 1. take unchanged files from the per-file cache;
  // 2. parse the rest (inline or on workers); 3. per agent, in file order, collect, cache and deduplicate
  let { slots } = found;
  if (opts.listing) {
    const listed = await opts.listing.files;
    if (!listed) {
      opts.listing = undefined; // the reader could not list them: found here, read as usual
    }
    const claude = listed ? listed.map((file) => ({ agent: 'claude-code' as const, file })) : discoverFiles({ ...opts, agents: ['claude-code'] }).slots;
    slots = claude.concat(slots); // (Claude Code is the first agent when there is a listing)
  }
  const fp = found.fingerprint;
  const total = slots.length;
  const snapFile = opts.cacheDir ? snapshotPath(opts.cacheDir, opts.agents, 'records') : undefined;
  if (fp && snapFile) {
    const snap = readRecords<ScanStats>(snapFile, fp, opts.user);
    if (snap) {
      opts.onProgress?.(total, total);
      return { records: snap.records, stats: snap.stats, fingerprint: fp, fromSnapshot: true, complete: true };
    }
  }
  let done = 0;
  const tick = () => opts.onProgress?.(++done, total);
  const jobs: Job[] = [];
  const jobSlots: number[] = [];
  slots.forEach((s, i) => {
    s.prev = cache.get(s.file.path);
    if (s.prev && s.prev.size === s.file.size && s.prev.mtimeMs === s.file.mtimeMs) {
      s.fromCache = unpackRows(s.prev.strings, s.prev.rows, opts.user);
      s.prev.strings = []; // the unpacked rows replace the packed copy (peak memory)
      s.prev.rows = [];
      stats.filesFromCache++;
      tick();
    } else {
      jobs.push({ agent: s.agent, file: s.file, prev: s.prev });
      jobSlots.push(i);
    }
  });
  let final: NativeFinal | undefined;
  if (opts.native) {
    final = await readNatively(opts, jobs, jobSlots, slots, tick, () => readRest(opts, jobs, jobSlots, slots, tick));
  }
  // One thread by default: on the 2-core bench machine a second one (a worker) costs ~0.4 s more CPU and
  // ~15 MB more memory, and reads from the page cache do not get faster (see bench/cli/README.md).
  const threads = opts.jobs ?? 1;
  if (opts.workerScript && threads > 1 && jobs.length > 1) {
    stats.threads = Math.min(threads, jobs.length);
    const parsed = await parseInWorkers(opts.workerScript, threads, jobs, { user: opts.user, withCache: !!opts.cacheDir }, tick);
    parsed.forEach((p, k) => (slots[jobSlots[k]].parsed = p));
  } else {
    jobs.forEach((j, k) => {
      slots[jobSlots[k]].parsed = parseFile(j.agent, j.file, j.prev, opts.user, !!opts.cacheDir);
      tick();
    });
  }

  const records: UsageRecord[] = [];
  let complete = true; // every file's rows are final (no half-written last line)
  for (const agent of opts.agents) {
    const rows: RawRow[] = [];
    for (const s of slots) {
      if (s.agent !== agent) {
        continue;
      }
      let meta: CachedFile;
      let fileRows: RawRow[];
      if (s.fromCache) {
        meta = s.prev!;
        fileRows = s.fromCache;
      } else {
        const p = s.parsed!;
        meta = p.cached;
        fileRows = p.rows;
        stats.bytesRead += p.bytesRead;
        stats.filesResumed += p.resumed ? 1 : 0;
        if (p.cacheable) {
          if (opts.cacheDir) {
            cache.put(s.file.path, { ...p.cached, ...packRows(p.rows) });
          }
        } else {
          complete = false;
        }
      }
      stats.lines += meta.lines;
      stats.malformed += meta.malformed;
      stats.duplicates += meta.duplicates;
      stats.rows += meta.duplicates;
      if (meta.malformed) {
        stats.malformedByFile[s.file.path] = meta.malformed;
      }
      for (const r of fileRows) {
        rows.push(r);
      }
      s.fromCache = undefined;
      s.parsed = undefined;
      s.prev = undefined;
    }
    stats.rows += rows.length;
    const deduped = ADAPTERS[agent].dedupe(rows);
    stats.duplicates += deduped.duplicates;
    if (final && agent === 'claude-code') {
      stats.rows += final.rows; // (its files gave no rows here: they are in final.items)
      stats.duplicates += final.duplicates;
    }
    for (const r of deduped.rows) {
      records.push(r); // a RawRow is a UsageRecord; its dedupe fields are not copied away (memory)
    }
  }
  stats.files = total;
  if (opts.agents.length === Object.keys(ADAPTERS).length) {
    cache.prune(); // only a scan of every agent knows which entries are stale
  }
  if (fp && snapFile && complete) {
    // what an unchanged re-run reports: every file from the cache, nothing read
    writeRecords(snapFile, fp, records, asWarm({ ...stats }));
  }
  return { records, stats, fingerprint: fp, fromSnapshot: false, complete, items: final?.items };
}

/**
 * Reads the Claude Code and Codex jobs with the native reader (one run per agent, at once) and takes them out
 * of `jobs`; a job it could not read (no reader for this platform, a file it could not open, a reader that
 * died) stays for the TypeScript reader. `meanwhile` reads the other agents' files.
 */
async function readNatively(
  opts: ScanOptions,
  jobs: Job[],
  jobSlots: number[],
  slots: Slot[],
  tick: () => void,
  meanwhile: () => Promise<number[]>
): Promise<NativeFinal | undefined> {
  const done = new Set<number>();
  const ticked = new Set<number>(); // (final mode ticks as files are read, and a fallback's frames come after)
  const tickOnce = (k: number) => {
    if (!ticked.has(k)) {
      ticked.add(k);
      tick();
    }
  };
  let final: NativeFinal | undefined;
  const run = (agent: NativeAgent, asFinal: boolean): Promise<unknown> => {
    const mine = jobs.map((j, k) => k).filter((k) => jobs[k].agent === agent);
    if (!mine.length) {
      return Promise.resolve();
    }
    const open = mine.map((k) => openFile(agent, jobs[k].file, jobs[k].prev, opts.user, !!opts.cacheDir));
    const take = (i: number, res: ReadResult) => {
      slots[jobSlots[mine[i]]].parsed = open[i].finish(res);
      done.add(mine[i]);
      tickOnce(mine[i]);
    };
    const native = open.map((o, i) => ({ agent, path: jobs[mine[i]].file.path, from: o.from, parser: o.parser }));
    const onFile = (i: number, outcome: NativeOutcome) => outcome.ok && take(i, outcome.res);
    const handlers: FinalHandlers | undefined = asFinal
      ? {
          splits: opts.priceSplits!,
          user: opts.user,
          onFinal: (f) => {
            final = f;
            f.files.forEach((res, i) => take(i, res));
          },
          onProgress: opts.onProgress ? (i) => tickOnce(mine[i]) : undefined,
        }
      : undefined;
    // the listing's run reads every listed file, in its order: these jobs (no cache, so none is skipped)
    return agent === 'claude-code' && opts.listing && handlers ? opts.listing.read(native, onFile, handlers) : readNative(opts.native!, native, onFile, handlers);
  };
  // bucketed natively only when nothing per file is kept and Claude Code's records come first (their order)
  const finalMode = !!opts.priceSplits && !opts.cacheDir && opts.agents[0] === 'claude-code' && slots.every((s) => !s.prev);
  const runs = [run('claude-code', finalMode), run('codex', false)];
  // the other agents' files are read here while the native reader works (its frames wait in its queue)
  for (const k of await meanwhile()) {
    done.add(k);
  }
  await Promise.all(runs);
  let w = 0;
  for (let k = 0; k < jobs.length; k++) {
    if (!done.has(k)) {
      jobs[w] = jobs[k];
      jobSlots[w++] = jobSlots[k];
    }
  }
  jobs.length = w;
  jobSlots.length = w;
  return final;
}

/**
 * Reads the jobs of agents without a native reader inline, letting the native reader's frames in between
 * files; the indexes of the jobs read (none when they are for the worker pool).
 */
async function readRest(opts: ScanOptions, jobs: Job[], jobSlots: number[], slots: Slot[], tick: () => void): Promise<number[]> {
  const read: number[] = [];
  if ((opts.jobs ?? 1) > 1) {
    return read; // the worker pool takes them afterwards
  }
  for (let k = 0; k < jobs.length; k++) {
    const j = jobs[k];
    if (!hasNativeReader(j.agent)) {
      slots[jobSlots[k]].parsed = parseFile(j.agent, j.file, j.prev, opts.user, !!opts.cacheDir);
      read.push(k);
      tick();
      await new Promise<void>((r) => setImmediate(r));
    }
  }
  return read;
}
