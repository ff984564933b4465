import { parseArgs } from 'node:util';
import { usageError } from './errors';
import { Axis, AXES } from './report/aggregate';
import { parseDay, Period, PERIODS } from './report/periods';
import { AgentId, AGENTS } from './usage';

export type Format = 'table' | 'json' | 'csv';

export interface CommonArgs {
  agents: AgentId[];
  user?: string;
  cacheDir?: string;
  noCache: boolean;
  priceOverrides?: string;
  cacheTTL: '5m' | '1h';
  unpriced: 'error' | 'warn';
  since?: string;
  until?: string;
  timezone: string;
  /** parse threads; undefined = automatic */
  jobs?: number;
}

export interface ReportArgs extends CommonArgs {
  command: 'report';
  period: Period;
  by: Axis[];
  format: Format;
  branchPrefix?: string;
  sidecarMap?: string;
  budgets?: string;
}

export interface PushArgs extends CommonArgs {
  command: 'push';
  endpoint: string;
  headers: Record<string, string>;
  watchMs?: number;
  projectNames: 'hash' | 'plain';
  projectAlias?: string;
}

export type Args = ReportArgs | PushArgs | { command: 'help' } | { command: 'version' };

const OPTIONS = {
  by: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  timezone: { type: 'string' },
  agent: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  'branch-prefix': { type: 'string' },
  'sidecar-map': { type: 'string' },
  unpriced: { type: 'string' },
  'price-overrides': { type: 'string' },
  'cache-ttl': { type: 'string' },
  budgets: { type: 'string' },
  user: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  jobs: { type: 'string' },
  endpoint: { type: 'string' },
  header: { type: 'string', multiple: true },
  watch: { type: 'string' },
  'project-names': { type: 'string' },
  'project-alias': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const AGENT_ALIASES: Record<string, AgentId> = { claude: 'claude-code', 'claude-code': 'claude-code', codex: 'codex', pi: 'pi' };

function oneOf<T extends string>(flag: string, v: string | undefined, allowed: readonly T[], dflt: T): T {
  if (v === undefined) {
    return dflt;
  }
  if (!allowed.includes(v as T)) {
    throw usageError(`${flag}: '${v}' is not one of ${allowed.join(', ')}`);
  }
  return v as T;
}

function list<T extends string>(flag: string, v: string | undefined, map: (s: string) => T | undefined, allowed: string[]): T[] {
  if (v === undefined) {
    return [];
  }
  return v.split(',').map((s) => {
    const t = map(s.trim());
    if (!t) {
      throw usageError(`${flag}: '${s}' is not one of ${allowed.join(', ')}`);
    }
    return t;
  });
}

function parseJobs(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw usageError(`--jobs: expected a whole number of threads from 1 to 64, got '${v}'`);
  }
  return n;
}

export function parseDuration(flag: string, v: string): number {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(v);
  if (!m || Number(m[1]) <= 0) {
    throw usageError(`${flag}: expected a duration like 60s, 5m or 1h, got '${v}'`);
  }
  const unit = { ms: 1, s: 1000, m: 60000, h: 3600000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

/** `defaultTimezone` is asked only when --timezone is absent (resolving it costs an ICU start-up). */
export function parseCliArgs(argv: string[], defaultTimezone: string | (() => string)): Args {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    return { command: 'help' };
  }
  if (v.version) {
    return { command: 'version' };
  }
  if (parsed.positionals.length > 1) {
    throw usageError(`unexpected argument '${parsed.positionals[1]}'`);
  }
  const cmd = parsed.positionals[0] ?? 'daily';
  const agents = list('--agent', v.agent, (s) => AGENT_ALIASES[s], AGENTS);
  const common: CommonArgs = {
    agents: agents.length ? [...new Set(agents)] : AGENTS,
    user: v.user,
    cacheDir: v['cache-dir'],
    noCache: v['no-cache'] === true,
    priceOverrides: v['price-overrides'],
    cacheTTL: oneOf('--cache-ttl', v['cache-ttl'], ['5m', '1h'] as const, '5m'),
    unpriced: oneOf('--unpriced', v.unpriced, ['error', 'warn'] as const, 'error'),
    since: v.since === undefined ? undefined : parseDay('--since', v.since),
    until: v.until === undefined ? undefined : parseDay('--until', v.until),
    timezone: v.timezone ?? (typeof defaultTimezone === 'function' ? defaultTimezone() : defaultTimezone),
    jobs: v.jobs === undefined ? undefined : parseJobs(v.jobs),
  };
  if (common.since && common.until && common.since > common.until) {
    throw usageError(`--since ${common.since} is after --until ${common.until}`);
  }
  if (cmd === 'push') {
    if (!v.endpoint) {
      throw usageError('push: --endpoint <otlp-http url> is required');
    }
    try {
      new URL(v.endpoint);
    } catch {
      throw usageError(`--endpoint: not a URL: '${v.endpoint}'`);
    }
    const headers: Record<string, string> = {};
    for (const h of v.header ?? []) {
      const i = h.indexOf('=');
      if (i <= 0) {
        throw usageError(`--header: expected key=value, got '${h}'`);
      }
      headers[h.slice(0, i).trim()] = h.slice(i + 1);
    }
    return {
      ...common,
      command: 'push',
      endpoint: v.endpoint,
      headers,
      watchMs: v.watch === undefined ? undefined : parseDuration('--watch', v.watch),
      projectNames: oneOf('--project-names', v['project-names'], ['hash', 'plain'] as const, 'hash'),
      projectAlias: v['project-alias'],
    };
  }
  if (!PERIODS.includes(cmd as Period)) {
    throw usageError(`unknown command '${cmd}' (expected ${[...PERIODS, 'push'].join(', ')})`);
  }
  if (v.json && v.format && v.format !== 'json') {
    throw usageError('--json conflicts with --format ' + v.format);
  }
  return {
    ...common,
    command: 'report',
    period: cmd as Period,
    by: [...new Set(list('--by', v.by, (s) => (AXES.includes(s as Axis) ? (s as Axis) : undefined), AXES))],
    format: v.json ? 'json' : oneOf('--format', v.format, ['table', 'json', 'csv'] as const, 'table'),
    branchPrefix: v['branch-prefix'],
    sidecarMap: v['sidecar-map'],
    budgets: v.budgets,
  };
}

export const HELP = `seatmeter — AI coding agent usage and cost from local transcripts (Claude Code, Codex, pi)

Usage:
  seatmeter [daily|weekly|monthly|session] [options]
  seatmeter push --endpoint <otlp-http url> [--header k=v]... [--watch 60s] [options]

Report options:
  --by <axes>            extra breakdown: model,agent,project,branch,feature,session
  --since/--until <day>  YYYY-MM-DD or YYYYMMDD, inclusive, in --timezone
  --timezone <tz>        IANA zone for calendar days (default: this machine's)
  --agent <ids>          claude-code,codex,pi (default: all)
  --format <f>           table (default) | json | csv   (--json = --format json)
  --branch-prefix <p>    feature = git branch after the prefix (e.g. feat/)
  --sidecar-map <file>   feature from time windows: {"windows":[{"label","from","until","project"?}]}
  --budgets <file>       advisory USD caps: {"project":{...},"feature":{...},"agent":{...}}
  --unpriced <mode>      error (default: unknown model exits 1) | warn (report it as unpriced)
  --price-overrides <f>  JSON price overrides for the shared price engine
  --cache-ttl <ttl>      TTL assumed for cache writes without one: 5m (default) | 1h
  --user <id>            user label (default: $SEATMETER_USER, git user.email, login name)
  --cache-dir <dir>      incremental scan cache (default: $SEATMETER_CACHE or ~/.cache/seatmeter)
  --no-cache             read every file in full
  --jobs <n>             parse on n threads: this one and n-1 workers (default 1: the least memory and CPU)

Push options:
  --endpoint <url>       OTLP/HTTP metrics URL (e.g. http://collector:4318/v1/metrics)
  --header k=v           extra HTTP header (repeatable)
  --watch <duration>     rescan and push every interval until interrupted
  --project-names <m>    hash (default) | plain
  --project-alias <file> {"<project>": "<alias>"} applied before hashing

Environment: CLAUDE_CONFIG_DIR (comma list), CODEX_HOME, PI_CODING_AGENT_DIR.
Exit codes: 0 ok; 1 unknown model, invalid overrides/config, reconciliation mismatch, push failure; 2 usage error.
`;
