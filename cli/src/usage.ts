import type { UsageTokens } from '../../src/shared/pricing';

// The ONE usage record every agent adapter produces. Token fields follow the shared price engine's
// UsageTokens contract (disjoint fields; `reasoning` is a sub-breakdown of output, never added).

/** The shared price engine's UsageTokens with the reasoning sub-breakdown always present. */
export type Tokens = Required<UsageTokens>;

export type AgentId = 'claude-code' | 'codex' | 'pi';
export const AGENTS: AgentId[] = ['claude-code', 'codex', 'pi'];

export interface UsageRecord {
  agent: AgentId;
  model: string;
  /** epoch milliseconds */
  timestamp: number;
  session: string;
  /** basename of the working directory */
  project: string;
  branch: string;
  user: string;
  tokens: Tokens;
  speed?: 'standard' | 'fast';
  inferenceGeo?: string;
  /** assumptions the adapter had to make for this record, e.g. 'model missing' */
  flags?: string[];
}

export function zeroTokens(): Tokens {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheWriteUnknown: 0, reasoning: 0 };
}

/** Adds b into a (mutates a). */
export function addTokens(a: Tokens, b: Tokens): Tokens {
  a.input += b.input;
  a.output += b.output;
  a.cacheRead += b.cacheRead;
  a.cacheWrite5m += b.cacheWrite5m;
  a.cacheWrite1h += b.cacheWrite1h;
  a.cacheWriteUnknown += b.cacheWriteUnknown;
  a.reasoning += b.reasoning;
  return a;
}

/** Billable total: reasoning is inside output and never added. */
export function totalTokens(t: Tokens): number {
  return t.input + t.output + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.cacheWriteUnknown;
}

export function cacheWrite(t: Tokens): number {
  return t.cacheWrite5m + t.cacheWrite1h + t.cacheWriteUnknown;
}

/** Non-negative finite integer from anything a transcript may hold (numbers, numeric strings, null). */
export function num(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0;
  return Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

export function projectName(cwd: unknown): string {
  if (typeof cwd !== 'string' || cwd === '') {
    return '(unknown)';
  }
  const parts = cwd.split(/[\\/]+/).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : cwd;
}
