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

/** Per-file parse state that must survive an incremental re-read (e.g. Codex cumulative baselines). */
export type AdapterState = Record<string, unknown>;

export interface FileParser extends LineConsumer {
  rows: RawRow[];
  /** State to persist so an appended file can resume where it stopped. */
  state(): AdapterState;
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

export function isoToMs(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) {
    return v < 1e12 ? v * 1000 : v;
  }
  if (typeof v === 'string') {
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
