import { claudeAdapter } from './adapters/claude';
import { codexAdapter } from './adapters/codex';
import { piAdapter } from './adapters/pi';
import { Adapter, FileParser, RawRow } from './adapters/types';
import { FoundFile } from './io/discover';
import { readJsonLines, ReadResult } from './io/lineReader';
import { CachedFile, headHash, unpackRows } from './io/scanCache';
import { AgentId } from './usage';

export const ADAPTERS: Record<AgentId, Adapter> = { 'claude-code': claudeAdapter, codex: codexAdapter, pi: piAdapter };

export interface Parsed {
  rows: RawRow[];
  /** the cache entry to keep (its rows are packed only when written) */
  cached: CachedFile;
  /** false when the last line was still being written: re-read next time rather than cached half-done */
  cacheable: boolean;
  bytesRead: number;
  resumed: boolean;
}

/** A transcript opened for reading: where to read from, the parser to feed, and how to finish. */
export interface OpenFile {
  from: number;
  parser: FileParser;
  /** the file's rows, deduplicated within it, and its cache entry, once its lines are read (`res`) */
  finish(res: ReadResult): Parsed;
}

/**
 * Opens one transcript for reading — from `prev.offset` when the file only grew since `prev`; the caller
 * reads its lines into `parser` (in TypeScript, or natively: nativeScan.ts) and calls `finish`, which removes
 * the duplicates inside the file (one line per content block, streaming partials) before anything is kept.
 */
export function openFile(agent: AgentId, f: FoundFile, prev: CachedFile | undefined, user: string, withCache = true): OpenFile {
  const adapter = ADAPTERS[agent];
  let from = 0;
  let carried: RawRow[] = [];
  let state = undefined;
  let lines = 0;
  let malformed = 0;
  let duplicates = 0;
  const resumed = !!prev && f.size > prev.size && prev.offset <= f.size && headHash(f.path, prev.offset) === prev.head;
  if (prev && resumed) {
    from = prev.offset;
    carried = unpackRows(prev.strings, prev.rows, user);
    state = structuredClone(prev.state);
    lines = prev.lines;
    malformed = prev.malformed;
    duplicates = prev.duplicates;
  }
  const parser = adapter.parser({ path: f.path, user, state });
  const finish = (res: ReadResult): Parsed => {
    const inFile = adapter.dedupe(parser.rows);
    const rows = carried.length ? carried.concat(inFile.rows) : inFile.rows;
    const cached: CachedFile = {
      size: f.size,
      mtimeMs: f.mtimeMs,
      offset: res.endOffset,
      head: withCache ? headHash(f.path, res.endOffset) : '', // (without a cache nothing resumes: no need to hash)
      lines: lines + res.lines,
      malformed: malformed + res.malformed,
      duplicates: duplicates + inFile.duplicates + (res.duplicates ?? 0),
      state: parser.state(),
      strings: [],
      rows: [],
    };
    return { rows, cached, cacheable: !res.unterminatedTail, bytesRead: f.size - from, resumed };
  };
  return { from, parser, finish };
}

/** Reads one transcript in TypeScript (see openFile). */
export function parseFile(agent: AgentId, f: FoundFile, prev: CachedFile | undefined, user: string, withCache = true): Parsed {
  const open = openFile(agent, f, prev, user, withCache);
  return open.finish(readJsonLines(f.path, open.from, open.parser));
}
