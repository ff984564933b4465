import { join } from 'node:path';
import { num, projectName, Tokens } from '../usage';
import { extractClaudeLine } from './claudeFast';
import { Adapter, FileParser, isoToMs, obj, RawRow, str } from './types';

const SYNTHETIC = '<synthetic>';

/** Claude Code transcripts: <root>/projects/<cwd-slug>/<session>.jsonl, subagents included (sources.md §4). */
/** Claude Code transcripts are the .jsonl files under the roots (the native reader lists them by it too). */
export const CLAUDE_SUFFIX = '.jsonl';

export const claudeAdapter: Adapter = {
  agent: 'claude-code',
  roots(env, home) {
    const configured = (env.CLAUDE_CONFIG_DIR ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bases = configured.length ? configured : [join(home, '.config', 'claude'), join(home, '.claude')];
    return bases.map((b) => join(b, 'projects'));
  },
  accepts: (path) => path.endsWith(CLAUDE_SUFFIX),
  parser({ user }) {
    const rows: RawRow[] = [];
    // every line repeats session, cwd, branch and model: keep one copy of each string
    const names = new Map<string, string>();
    const intern = (v: string) => {
      const hit = names.get(v);
      if (hit !== undefined) {
        return hit;
      }
      names.set(v, v);
      return v;
    };
    const projects = new Map<unknown, string>();
    const projectOf = (cwd: unknown) => {
      let name = projects.get(cwd);
      if (name === undefined) {
        name = intern(projectName(cwd));
        projects.set(cwd, name);
      }
      return name;
    };
    // consecutive lines of one message share message.id and requestId (one line per content block): one
    // key string for them hashes once in the dedupe maps
    let lastKey = '';
    let lastId = '';
    let lastRequest = '';
    const keyOf = (messageId: string, requestId: string) => {
      if (messageId !== lastId || requestId !== lastRequest) {
        lastId = messageId;
        lastRequest = requestId;
        lastKey = `${messageId}\u0000${requestId}`;
      }
      return lastKey;
    };
    const parser: FileParser = {
      rows,
      markers: [Buffer.from('"usage"')],
      state: () => ({}),
      line(buf, start, end, hint) {
        let entry: unknown = extractClaudeLine(buf, start, end, hint);
        if (entry === undefined) {
          try {
            entry = JSON.parse(buf.toString('utf8', start, end));
          } catch {
            return false;
          }
        }
        return take(entry);
      },
      entry: (e) => take(e),
      row(n) {
        const t = n.tokens;
        const tokens = { input: t[0], output: t[1], cacheRead: t[2], cacheWrite5m: t[3], cacheWrite1h: t[4], cacheWriteUnknown: t[5], reasoning: 0 };
        const row = makeRow(n.model, n.timestamp, n.session, projectOf(n.cwd), n.branch, user, tokens, n.speed, n.geo, n.messageId, n.requestId, n.sidechain, keyOf);
        row.session = intern(row.session);
        row.branch = intern(row.branch);
        row.model = intern(row.model);
        rows.push(row);
      },
    };
    const take = (entry: unknown): boolean => {
      const row = claudeRow(entry, user, projectOf, keyOf);
      if (row) {
        row.session = intern(row.session);
        row.branch = intern(row.branch);
        row.model = intern(row.model);
        rows.push(row);
      }
      return row !== null;
    };
    return parser;
  },
  dedupe: dedupeClaude,
};

export function claudeTokens(usage: Record<string, unknown>): { tokens: Tokens; ttlKnown: boolean } {
  const aggregate = num(usage.cache_creation_input_tokens);
  const split = obj(usage.cache_creation);
  const w5 = split ? num(split.ephemeral_5m_input_tokens) : 0;
  const w1 = split ? num(split.ephemeral_1h_input_tokens) : 0;
  // (a parsed JSON member is never undefined: the fast path's objects hold absent members as undefined)
  const hasSplit = split !== undefined && (split.ephemeral_5m_input_tokens !== undefined || split.ephemeral_1h_input_tokens !== undefined);
  // When the split is present it is authoritative; any remainder of the aggregate keeps an unknown TTL.
  const unknown = hasSplit ? Math.max(0, aggregate - w5 - w1) : aggregate;
  return {
    tokens: {
      input: num(usage.input_tokens),
      output: num(usage.output_tokens),
      cacheRead: num(usage.cache_read_input_tokens),
      cacheWrite5m: w5,
      cacheWrite1h: w1,
      cacheWriteUnknown: unknown,
      reasoning: 0,
    },
    ttlKnown: unknown === 0,
  };
}

/** The usage row of a transcript line; undefined when it carries none, null when its usage is unusable. */
export function claudeRow(
  entry: unknown,
  user: string,
  projectOf = projectName,
  keyOf = (messageId: string, requestId: string) => `${messageId}\u0000${requestId}`
): RawRow | undefined | null {
  const e = obj(entry);
  const message = e && obj(e.message);
  const usage = message && obj(message.usage);
  if (!e || !message || !usage) {
    return undefined;
  }
  const model = str(message.model);
  if (model === SYNTHETIC) {
    return undefined; // local error/limit messages: no billable usage
  }
  const timestamp = isoToMs(e.timestamp);
  if (!Number.isFinite(timestamp)) {
    return null;
  }
  const { tokens } = claudeTokens(usage);
  return makeRow(
    model,
    timestamp,
    str(e.sessionId),
    projectOf(e.cwd),
    str(e.gitBranch),
    user,
    tokens,
    str(usage.speed) || str(message.speed),
    str(usage.inference_geo),
    str(message.id),
    str(e.requestId),
    e.isSidechain === true,
    keyOf
  );
}

/** The row of a usage line from its parts (claudeRow's, or the native reader's: nativeScan.ts). */
export function makeRow(
  model: string,
  timestamp: number,
  session: string,
  project: string,
  branch: string,
  user: string,
  tokens: Tokens,
  speed: string,
  geo: string,
  messageId: string,
  requestId: string,
  sidechain: boolean,
  keyOf: (messageId: string, requestId: string) => string
): RawRow {
  const flags: string[] = [];
  if (tokens.cacheWriteUnknown !== 0) {
    flags.push('cache-write TTL unknown');
  }
  if (!model) {
    flags.push('model missing');
  }
  return {
    agent: 'claude-code',
    model: model || '(unknown)',
    timestamp,
    session,
    project,
    branch,
    user,
    tokens,
    speed: speed === 'fast' ? 'fast' : undefined,
    inferenceGeo: geo && geo !== 'global' && geo !== 'not_available' ? geo : undefined,
    flags: flags.length ? flags : undefined,
    key: messageId ? keyOf(messageId, requestId) : '',
    messageId: messageId || undefined,
    sidechain: sidechain ? true : undefined,
  };
}

function size(r: RawRow): number {
  const t = r.tokens;
  return t.input + t.output + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.cacheWriteUnknown;
}

/** Better of two rows for the same (message.id, requestId): larger usage, then main chain over sidechain. */
function better(a: RawRow, b: RawRow): RawRow {
  const sa = size(a);
  const sb = size(b);
  if (sa !== sb) {
    return sa > sb ? a : b;
  }
  return a.sidechain && !b.sidechain ? b : a;
}

/**
 * ccusage's rule: key (message.id, requestId), keep the larger row; then collapse sidechain replays of a
 * message the main chain already holds. Rows without message.id are never deduped.
 */
export function dedupeClaude(rows: RawRow[]): { rows: RawRow[]; duplicates: number } {
  const byKey = new Map<string, RawRow>();
  const out: RawRow[] = [];
  // a message's rows come one after another: the last key's winner is at hand without a lookup
  let lastKey = '';
  let lastWinner: RawRow | undefined;
  for (const r of rows) {
    if (!r.key) {
      out.push(r);
      continue;
    }
    const prev = r.key === lastKey ? lastWinner : byKey.get(r.key);
    const winner = prev ? better(prev, r) : r;
    if (winner !== prev) {
      byKey.set(r.key, winner);
    }
    lastKey = r.key;
    lastWinner = winner;
  }
  const mainIds = new Set<string>();
  for (const r of byKey.values()) {
    if (!r.sidechain && r.messageId) {
      mainIds.add(r.messageId);
    }
  }
  for (const r of byKey.values()) {
    if (r.sidechain && r.messageId && mainIds.has(r.messageId)) {
      continue;
    }
    out.push(r);
  }
  return { rows: out, duplicates: rows.length - out.length };
}
