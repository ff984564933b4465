import { LineConsumer } from '../io/lineReader';
import { AgentId, UsageRecord } from '../usage';

/** A usage row before cross-file deduplication. */
export interface RawRow extends UsageRecord {
  /** Dedupe key across files ('' = never deduped). */
  key: string;
  /** Claude: sidechain replay candidate; used to prefer main-chain rows. */
  sidechain?: boolean;
  /** Claude: message.id, used to collapse sidechain replays. */
  messageId?: string;
}

/** A row as the native reader sends it (internal/claudescan/collapse.go); one object reused for every row. */
export interface NativeRow {
  timestamp: number;
  /** input, output, cache read, 5m write, 1h write, write of unknown TTL */
  tokens: Float64Array;
  sidechain: boolean;
  model: string;
  session: string;
  /** undefined when not a string */
  cwd: string | undefined;
  branch: string;
  geo: string;
  speed: string;
  messageId: string;
  requestId: string;
}

/** Per-file parse state that must survive an incremental re-read (e.g. Codex cumulative baselines). */
export type AdapterState = Record<string, unknown>;

export interface FileParser extends LineConsumer {
  rows: RawRow[];
  /** State to persist so an appended file can resume where it stopped. */
  state(): AdapterState;
  /**
   * Takes a line already read into the members a row is made of (by the native reader, nativeScan.ts, in the
   * shape the adapter's own fast path builds); false when it is malformed. Only adapters with a native reader.
   */
  entry?(e: Record<string, unknown>): boolean;
  /** Takes a row the native reader built (its fields as claudeRow reads them); only adapters with one. */
  row?(r: NativeRow): void;
  /** Takes a Codex token_count event the native reader read: its time (ms) and totals as num() reads them. */
  codexTokens?(ts: number, input: number, cached: number, output: number, reasoning: number, total: number): void;
}

export interface Adapter {
  agent: AgentId;
  /** Default roots from the environment. */
  roots(env: NodeJS.ProcessEnv, home: string): string[];
  /** Whether a discovered file (absolute path) belongs to this agent. */
  accepts(path: string): boolean;
  parser(ctx: { path: string; user: string; state?: AdapterState }): FileParser;
  /** Cross-file deduplication of all rows of this agent. */
  dedupe(rows: RawRow[]): { rows: RawRow[]; duplicates: number };
}

/** Date.parse of each hour `YYYY-MM-DDTHH` seen (the transcripts' timestamps share few hours) */
const hours = new Map<string, number>();

/** Date.parse of `YYYY-MM-DDTHH:MM:SS.sssZ` (what the agents write) from its hour; undefined for any other text. */
function isoFast(s: string): number | undefined {
  if (s.length !== 24 || s.charCodeAt(23) !== 0x5a || s.charCodeAt(19) !== 0x2e || s.charCodeAt(16) !== 0x3a || s.charCodeAt(13) !== 0x3a) {
    return undefined;
  }
  let v = 0;
  for (const i of [11, 12, 14, 15, 17, 18, 20, 21, 22]) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) {
      return undefined;
    }
    v = v * 10 + d;
  }
  // v = HHMMSSsss
  const ms = v % 1000;
  const sec = Math.floor(v / 1000) % 100;
  const min = Math.floor(v / 100000) % 100;
  if (v >= 24e7 || min > 59 || sec > 59) {
    return undefined;
  }
  const hour = s.slice(0, 13);
  let base = hours.get(hour);
  if (base === undefined) {
    base = Date.parse(`${hour}:00:00.000Z`);
    if (hours.size < 100000) {
      hours.set(hour, base);
    }
  }
  return Number.isFinite(base) ? base + min * 60000 + sec * 1000 + ms : undefined;
}

export function isoToMs(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) {
    return v < 1e12 ? v * 1000 : v;
  }
  if (typeof v === 'string') {
    const fast = isoFast(v);
    if (fast !== undefined) {
      return fast;
    }
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : NaN;
  }
  return NaN;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Keeps the first row of every non-empty key; rows without a key are never deduplicated. */
export function dedupeByKey(rows: RawRow[]): { rows: RawRow[]; duplicates: number } {
  const seen = new Set<string>();
  const out: RawRow[] = [];
  for (const r of rows) {
    if (r.key) {
      if (seen.has(r.key)) {
        continue;
      }
      seen.add(r.key);
    }
    out.push(r);
  }
  return { rows: out, duplicates: rows.length - out.length };
}
