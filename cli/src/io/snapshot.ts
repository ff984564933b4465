import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AgentId, Tokens, UsageRecord } from '../usage';
import { stringTable } from './stringTable';

/**
 * The consolidated warm cache: one file per scanned agent set holding the deduplicated records of the whole
 * corpus, valid only for the exact set of (agent, path, size, mtime) it was built from. Deduplication is
 * global across files, so any change anywhere invalidates it and the scan falls back to the per-file cache.
 * Layout: uint32 LE header length, JSON header, zero padding to 8 bytes, then float64 columns (exact for
 * every integer and double a record holds).
 */
const FORMAT = 1;

export interface FileKey {
  agent: AgentId;
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Identity of a corpus state: any added, removed, grown, rewritten or touched file changes it. Kept whole
 * (~130 bytes a file) rather than hashed: exact, and no crypto module to load on the warm path.
 */
/** Writes the seven token counts at n[o...] in one fixed order; returns the next offset. */
export function packTokens(n: Float64Array, o: number, t: Tokens): number {
  n[o] = t.input;
  n[o + 1] = t.output;
  n[o + 2] = t.cacheRead;
  n[o + 3] = t.cacheWrite5m;
  n[o + 4] = t.cacheWrite1h;
  n[o + 5] = t.cacheWriteUnknown;
  n[o + 6] = t.reasoning;
  return o + 7;
}

/** Reads what packTokens wrote at n[o...]. */
export function unpackTokens(n: Float64Array, o: number): Tokens {
  return {
    input: n[o],
    output: n[o + 1],
    cacheRead: n[o + 2],
    cacheWrite5m: n[o + 3],
    cacheWrite1h: n[o + 4],
    cacheWriteUnknown: n[o + 5],
    reasoning: n[o + 6],
  };
}

export function fingerprint(files: FileKey[]): string {
  let s = `seatmeter-snapshot/${FORMAT}\n`;
  for (const f of files) {
    s += `${f.agent}\u0000${f.path}\u0000${f.size}\u0000${f.mtimeMs}\n`;
  }
  return s;
}

export function snapshotPath(dir: string, agents: AgentId[], kind: 'records' | 'prices' | 'groups' | 'reports'): string {
  return join(dir, `snapshot-${kind}-${agents.join('+')}.bin`);
}

/** Writes header + numbers atomically (temp file, rename), the numbers straight from their array (no copy). */
export function writeBlob(path: string, header: unknown, numbers: Float64Array): void {
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = (8 - ((4 + head.length) % 8)) % 8;
  const prefix = Buffer.alloc(4 + head.length + pad);
  prefix.writeUInt32LE(head.length, 0);
  head.copy(prefix, 4);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeAll(fd, prefix);
    writeAll(fd, new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length;) {
    off += writeSync(fd, bytes, off, bytes.length - off);
  }
}

/** Reads a blob; undefined when missing or unreadable (the caller then takes the slow path). */
export function readBlob<H>(path: string): { header: H; numbers: Float64Array } | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return undefined;
  }
  try {
    const len = buf.readUInt32LE(0);
    const header = JSON.parse(buf.toString('utf8', 4, 4 + len)) as H;
    const start = 4 + len + ((8 - ((4 + len) % 8)) % 8);
    const bytes = buf.length - start;
    if (bytes % 8 !== 0) {
      return undefined;
    }
    const abs = buf.byteOffset + start;
    const numbers =
      abs % 8 === 0
        ? new Float64Array(buf.buffer, abs, bytes / 8)
        : new Float64Array(buf.buffer.slice(abs, abs + bytes));
    return { header, numbers };
  } catch {
    return undefined; // corrupt: rebuild
  }
}

// Record columns: strings are indexes into the header's string table (-1 = absent).
const STRIDE = 16;

interface RecordsHeader<S> {
  format: number;
  fingerprint: string;
  strings: string[];
  count: number;
  stats: S;
}

export function writeRecords<S>(path: string, fp: string, records: UsageRecord[], stats: S): void {
  const { strings, id: s } = stringTable();
  const n = new Float64Array(records.length * STRIDE);
  let o = 0;
  for (const r of records) {
    const t = r.tokens;
    n[o++] = s(r.agent);
    n[o++] = s(r.model);
    n[o++] = r.timestamp;
    n[o++] = s(r.session);
    n[o++] = s(r.project);
    n[o++] = s(r.branch);
    o = packTokens(n, o, t);
    n[o++] = s(r.speed);
    n[o++] = s(r.inferenceGeo);
    n[o++] = s(r.flags?.join('\n'));
  }
  const header: RecordsHeader<S> = { format: FORMAT, fingerprint: fp, strings, count: records.length, stats };
  writeBlob(path, header, n);
}

/** The records of the snapshot when it was built from exactly `fp`; undefined otherwise. */
export function readRecords<S>(
  path: string,
  fp: string,
  user: string
): { records: UsageRecord[]; stats: S } | undefined {
  const blob = readBlob<RecordsHeader<S>>(path);
  if (!blob || blob.header.format !== FORMAT || blob.header.fingerprint !== fp) {
    return undefined;
  }
  const { strings, count, stats } = blob.header;
  const n = blob.numbers;
  if (n.length !== count * STRIDE) {
    return undefined;
  }
  const str = (i: number): string | undefined => (i >= 0 ? strings[i] : undefined);
  const records: UsageRecord[] = new Array(count);
  for (let k = 0, o = 0; k < count; k++, o += STRIDE) {
    const flags = str(n[o + 15]);
    records[k] = {
      agent: str(n[o]) as AgentId,
      model: str(n[o + 1]) ?? '',
      timestamp: n[o + 2],
      session: str(n[o + 3]) ?? '',
      project: str(n[o + 4]) ?? '',
      branch: str(n[o + 5]) ?? '',
      user,
      tokens: unpackTokens(n, o + 6),
      speed: str(n[o + 13]) as UsageRecord['speed'],
      inferenceGeo: str(n[o + 14]),
      flags: flags ? flags.split('\n') : undefined,
    };
  }
  return { records, stats };
}
