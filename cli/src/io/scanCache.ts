import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { AdapterState, RawRow } from '../adapters/types';
import { sha1Hex } from '../builtins';
import { AgentId } from '../usage';
import { stringTable } from './stringTable';

/**
 * Incremental scan cache: per file its size, mtime, the offset parsed up to, a hash of its head (to notice
 * rewrites), the adapter state to resume with, and its rows in a compact form. Unchanged files are not read
 * at all; appended files are read from the stored offset only.
 */
export interface CachedFile {
  size: number;
  mtimeMs: number;
  offset: number;
  head: string;
  malformed: number;
  /** duplicates removed inside this file */
  duplicates: number;
  lines: number;
  state: AdapterState;
  strings: string[];
  /** rows flattened, STRIDE values each (one flat array parses and collects far cheaper than many) */
  rows: Array<number | string>;
}

const VERSION = 4;
const HEAD_BYTES = 4096;

/**
 * One small cache file per transcript (named by a hash of its path), so a run reads, and holds in memory,
 * one entry at a time, and rewrites only the entries of files that changed.
 */
export class ScanCache {
  private readonly seen = new Set<string>();

  constructor(readonly dir: string | undefined) {}

  private file(path: string): string {
    return join(this.dir!, `${sha1Hex(path)}.json`);
  }

  get(path: string): CachedFile | undefined {
    if (!this.dir) {
      return undefined;
    }
    this.seen.add(this.file(path));
    try {
      const data = JSON.parse(readFileSync(this.file(path), 'utf8')) as {
        version: number;
        path: string;
        entry: CachedFile;
      };
      return data.version === VERSION && data.path === path ? data.entry : undefined;
    } catch {
      return undefined; // missing or corrupt entry: read the transcript
    }
  }

  put(path: string, entry: CachedFile): void {
    if (!this.dir) {
      return;
    }
    mkdirSync(this.dir, { recursive: true });
    const target = this.file(path);
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: VERSION, path, entry }));
    renameSync(tmp, target);
  }

  /** Drops entries of transcripts that no longer exist (e.g. removed by Claude Code's cleanup). */
  prune(): void {
    if (!this.dir) {
      return;
    }
    let names: string[] = [];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const n of names) {
      if (n.endsWith('.json') && !this.seen.has(join(this.dir, n))) {
        rmSync(join(this.dir, n), { force: true });
      }
    }
  }
}

export function headHash(path: string, length: number): string {
  const n = Math.min(length, HEAD_BYTES);
  const buf = Buffer.alloc(n);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, n, 0);
  } finally {
    closeSync(fd);
  }
  return sha1Hex(buf);
}

// Row tuple layout: strings are indexes into the file's string table (-1 = absent), but for the dedupe key
// (RAW_STRING_FIELD), kept as it is: nearly every row has its own.
export const STRIDE = 19;
export const RAW_STRING_FIELD = 16;

export function packRows(rows: RawRow[]): { strings: string[]; rows: Array<number | string> } {
  const { strings, id: s } = stringTable();
  const packed: Array<number | string> = [];
  for (const r of rows) {
    const t = r.tokens;
    packed.push(
      s(r.agent),
      s(r.model),
      r.timestamp,
      s(r.session),
      s(r.project),
      s(r.branch),
      t.input,
      t.output,
      t.cacheRead,
      t.cacheWrite5m,
      t.cacheWrite1h,
      t.cacheWriteUnknown,
      t.reasoning,
      s(r.speed),
      s(r.inferenceGeo),
      s(r.flags?.join('\n')),
      r.key,
      r.sidechain ? 1 : 0,
      s(r.messageId)
    );
  }
  return { strings, rows: packed };
}

export function unpackRows(strings: string[], flat: Array<number | string>, user: string): RawRow[] {
  const s = (i: number | string): string | undefined => (typeof i === 'number' && i >= 0 ? strings[i] : undefined);
  const out: RawRow[] = [];
  for (let o = 0; o + STRIDE <= flat.length; o += STRIDE) {
    const flags = s(flat[o + 15]);
    out.push({
      agent: s(flat[o + 0]) as AgentId,
      model: s(flat[o + 1]) ?? '',
      timestamp: flat[o + 2] as number,
      session: s(flat[o + 3]) ?? '',
      project: s(flat[o + 4]) ?? '',
      branch: s(flat[o + 5]) ?? '',
      user,
      tokens: {
        input: flat[o + 6] as number,
        output: flat[o + 7] as number,
        cacheRead: flat[o + 8] as number,
        cacheWrite5m: flat[o + 9] as number,
        cacheWrite1h: flat[o + 10] as number,
        cacheWriteUnknown: flat[o + 11] as number,
        reasoning: flat[o + 12] as number,
      },
      speed: s(flat[o + 13]) as RawRow['speed'],
      inferenceGeo: s(flat[o + 14]),
      flags: flags ? flags.split('\n') : undefined,
      key: flat[o + 16] as string,
      sidechain: flat[o + 17] === 1 ? true : undefined,
      messageId: s(flat[o + 18]),
    });
  }
  return out;
}
