import { join } from 'node:path';
import { num, projectName } from '../usage';
import { Adapter, dedupeByKey, AdapterState, FileParser, isoToMs, obj, RawRow, str } from './types';

/**
 * The members this adapter reads of a rollout line, per level, and the level each object member is read at:
 * the native reader (internal/claudescan codexSchema) sends these and only these.
 */
export const CODEX_MEMBERS = [
  ['timestamp', 'type', 'payload'],
  [
    'type',
    'id',
    'cwd',
    'git',
    'model',
    'timestamp',
    'forked_from_id',
    'forked_from',
    'parent_session_id',
    'source',
    'info',
  ],
  ['branch'],
  ['subagent'],
  ['total_token_usage'],
  ['input_tokens', 'cached_input_tokens', 'output_tokens', 'reasoning_output_tokens', 'total_tokens'],
];
export const CODEX_CHILD = [
  [-1, -1, 1],
  [-1, -1, -1, 2, -1, -1, -1, -1, -1, 3, 4],
  [-1],
  [-1],
  [5],
  [-1, -1, -1, -1, -1],
];

/** Model assumed when a session never says (early Codex builds); every such row is flagged. */
export const CODEX_FALLBACK_MODEL = 'gpt-5';

interface Cumulative {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
  total: number;
}

interface CodexState {
  model: string;
  session: string;
  project: string;
  branch: string;
  /** session start (ms); token_count lines stamped earlier are a fork/subagent replay of the parent */
  startMs: number;
  last: Cumulative;
  /** inside the replay burst at the head of a forked file */
  inReplay: boolean;
}

const ZERO: Cumulative = { input: 0, cached: 0, output: 0, reasoning: 0, total: 0 };

function cumulative(u: Record<string, unknown>): Cumulative {
  const input = num(u.input_tokens);
  const output = num(u.output_tokens);
  const total = num(u.total_tokens) || input + output;
  return { input, cached: num(u.cached_input_tokens), output, reasoning: num(u.reasoning_output_tokens), total };
}

/** Codex rollouts: $CODEX_HOME/{sessions,archived_sessions}/YYYY/MM/DD/rollout-*.jsonl (sources.md §4). */
export const codexAdapter: Adapter = {
  agent: 'codex',
  roots(env, home) {
    const base = env.CODEX_HOME?.trim() || join(home, '.codex');
    return [join(base, 'sessions'), join(base, 'archived_sessions')];
  },
  accepts: (path) => path.endsWith('.jsonl'),
  parser({ path, user, state }) {
    const rows: RawRow[] = [];
    const s: CodexState = (state as unknown as CodexState | undefined) ?? {
      model: '',
      session: '',
      project: '(unknown)',
      branch: '',
      startMs: NaN,
      last: { ...ZERO },
      inReplay: false,
    };
    const parser: FileParser = {
      rows,
      markers: [Buffer.from('"token_count"'), Buffer.from('"turn_context"'), Buffer.from('"session_meta"')],
      // every rollout line is {"timestamp","type","payload":{"type",...}}: the types sit at the head
      window: 256,
      state: () => s as unknown as AdapterState,
      line(buf, start, end) {
        let entry: Record<string, unknown> | undefined;
        try {
          entry = obj(JSON.parse(buf.toString('utf8', start, end)));
        } catch {
          return false;
        }
        return entry ? take(entry) : false;
      },
      entry: (e) => take(e),
      // a token_count event the native reader read (internal/claudescan codex.go): its time and num() totals
      codexTokens(ts, input, cached, output, reasoning, total) {
        const row = countTokens(s, { input, cached, output, reasoning, total: total || input + output }, ts, user, path);
        if (row) {
          rows.push(row);
        }
      },
    };
    const take = (entry: Record<string, unknown>): boolean => {
      const payload = obj(entry.payload);
      if (!payload) {
        return true;
      }
      const ts = isoToMs(entry.timestamp);
      if (entry.type === 'session_meta') {
        s.session = str(payload.id) || s.session;
        s.project = projectName(payload.cwd);
        s.branch = str(obj(payload.git)?.branch);
        s.model = str(payload.model) || s.model;
        s.startMs = isoToMs(payload.timestamp) || ts;
        s.inReplay = isFork(payload);
      } else if (entry.type === 'turn_context') {
        s.model = str(payload.model) || s.model;
      } else if (entry.type === 'event_msg' && payload.type === 'token_count') {
        const row = tokenCount(s, payload, ts, user, path);
        if (row) {
          rows.push(row);
        }
      }
      return true;
    };
    return parser;
  },
  // Positive deltas are already disjoint per file; archived copies of the same session are collapsed by key.
  dedupe: dedupeByKey,
};

function isFork(meta: Record<string, unknown>): boolean {
  if (meta.forked_from_id || meta.forked_from || meta.parent_session_id) {
    return true;
  }
  const source = meta.source;
  return obj(source)?.subagent !== undefined || (typeof source === 'string' && source.includes('subagent'));
}

function tokenCount(s: CodexState, payload: Record<string, unknown>, ts: number, user: string, path: string) {
  const totals = obj(obj(payload.info)?.total_token_usage);
  if (!totals || !Number.isFinite(ts)) {
    return undefined;
  }
  return countTokens(s, cumulative(totals), ts, user, path);
}

/** The row of a token_count event whose cumulative totals are `cur` (at a finite time ts), if it counts. */
function countTokens(s: CodexState, cur: Cumulative, ts: number, user: string, path: string) {
  if (s.inReplay) {
    if (ts < s.startMs) {
      s.last = cur; // the parent's history replayed: sets the baseline, never counted
      return undefined;
    }
    s.inReplay = false;
    if (cur.total < s.last.total) {
      s.last = { ...ZERO }; // the fork counts from zero after the burst
    }
  }
  if (cur.total <= s.last.total) {
    return undefined; // re-emitted (unchanged) or reset totals are never counted
  }
  const prev = s.last;
  s.last = cur;
  const input = Math.max(0, cur.input - prev.input);
  const cached = Math.min(input, Math.max(0, cur.cached - prev.cached));
  const flags = s.model ? undefined : [`model missing: assumed ${CODEX_FALLBACK_MODEL}`];
  return {
    agent: 'codex' as const,
    model: s.model || CODEX_FALLBACK_MODEL,
    timestamp: ts,
    session: s.session,
    project: s.project,
    branch: s.branch,
    user,
    tokens: {
      input: input - cached, // uncached input only: cached_input is a subset of input
      output: Math.max(0, cur.output - prev.output),
      cacheRead: cached,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheWriteUnknown: 0,
      reasoning: Math.max(0, cur.reasoning - prev.reasoning),
    },
    flags,
    key: s.session ? `${s.session}\u0000${cur.total}` : `${path}\u0000${cur.total}`,
  };
}
