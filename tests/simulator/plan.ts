// The deterministic usage plan: developers, sessions, requests/turns with cache-heavy token mixes and
// the time offset at which each is emitted. Pure: the same options always give the same plan.
import { Rng } from './rng';

export interface PlanOptions {
  seed: number;
  developers: number;
  sessionsPerDeveloper: number;
  requestsPerSession: number;
  claudeModels: string[];
  codexModels: string[];
  agents: Array<'claude-code' | 'codex'>;
  durationMs: number; // requests are spread over this many ms (0: all at once)
  emailDomain: string;
}

export interface Developer {
  index: number;
  email: string;
  userId: string; // Claude Code's anonymous install id
  accountUuid: string;
  organizationId: string;
  terminal: string;
}

export interface ClaudeRequest {
  kind: 'claude-code';
  at: number;
  dev: Developer;
  sessionId: string;
  sessionStart?: string; // start_type when this request opens its session
  requestId: string;
  model: string;
  querySource: string;
  fast: boolean;
  tokens: { input: number; output: number; cacheRead: number; cacheCreation: number };
  linesAdded: number;
  linesRemoved: number;
  decision?: 'accept' | 'reject';
  commit: boolean;
  pullRequest: boolean;
  activeUserSeconds: number;
  activeCliSeconds: number;
  prompt: string;
  response: string;
  toolInput: string;
}

export interface CodexTurn {
  kind: 'codex';
  at: number;
  dev: Developer;
  conversationId: string;
  model: string;
  tokens: { input: number; cachedInput: number; output: number; reasoningOutput: number };
  tool: string;
  apiStatus: string;
  prompt: string;
  toolInput: string;
}

export type PlannedEvent = ClaudeRequest | CodexTurn;

/** Marker contained in every piece of simulated content: the privacy test greps for it. */
export const CONTENT_MARKER = 'SEATMETER-SECRET';

const TERMINALS = ['vscode', 'iTerm.app', 'tmux', 'cursor'];
const QUERY_SOURCES = ['main', 'main', 'main', 'subagent', 'auxiliary'];
const START_TYPES = ['fresh', 'fresh', 'resume', 'continue'];
const TOOLS = ['shell', 'apply_patch', 'read_file', 'web_search'];

export function developers(opts: PlanOptions): Developer[] {
  const rng = new Rng(opts.seed ^ 0x5eed);
  const out: Developer[] = [];
  for (let i = 1; i <= opts.developers; i++) {
    out.push({
      index: i,
      email: `dev${String(i).padStart(4, '0')}@${opts.emailDomain}`,
      userId: rng.hex(64),
      accountUuid: `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
      organizationId: 'org-seatmeter-sim',
      terminal: rng.pick(TERMINALS),
    });
  }
  return out;
}

function claudeSession(rng: Rng, opts: PlanOptions, dev: Developer, s: number): ClaudeRequest[] {
  const sessionId = `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;
  const model = rng.pick(opts.claudeModels);
  const out: ClaudeRequest[] = [];
  let context = rng.int(8_000, 20_000); // the cached prefix grows through the session
  for (let r = 0; r < opts.requestsPerSession; r++) {
    const first = r === 0;
    const cacheCreation = first ? context : rng.int(200, 6_000);
    const tokens = {
      input: rng.int(1, 400), // uncached input is tiny in cache-heavy sessions
      output: rng.int(60, 4_000),
      cacheRead: first ? 0 : Math.min(context, 160_000),
      cacheCreation,
    };
    context = Math.min(context + cacheCreation, 160_000);
    const n = `${dev.index}-${s}-${r}`;
    out.push({
      kind: 'claude-code',
      at: 0,
      dev,
      sessionId,
      sessionStart: first ? rng.pick(START_TYPES) : undefined,
      requestId: `req_${rng.hex(24)}`,
      model: rng.chance(0.15) ? rng.pick(opts.claudeModels) : model,
      querySource: rng.pick(QUERY_SOURCES),
      fast: rng.chance(0.05),
      tokens,
      linesAdded: rng.int(0, 120),
      linesRemoved: rng.int(0, 40),
      decision: rng.chance(0.3) ? (rng.chance(0.8) ? 'accept' : 'reject') : undefined,
      commit: rng.chance(0.05),
      pullRequest: rng.chance(0.02),
      activeUserSeconds: rng.int(1, 30),
      activeCliSeconds: rng.int(2, 90),
      prompt: `${CONTENT_MARKER}-PROMPT ${n}: please refactor the billing module of project ${rng.hex(6)}`,
      response: `${CONTENT_MARKER}-RESPONSE ${n}: done, I changed ${rng.int(1, 9)} files`,
      toolInput: `${CONTENT_MARKER}-TOOL ${n}: {"command":"grep -r secret_${rng.hex(6)} ."}`,
    });
  }
  return out;
}

function codexSession(rng: Rng, opts: PlanOptions, dev: Developer, s: number): CodexTurn[] {
  const conversationId = `${rng.hex(8)}-${rng.hex(4)}-7${rng.hex(3)}-8${rng.hex(3)}-${rng.hex(12)}`;
  const model = rng.pick(opts.codexModels);
  const out: CodexTurn[] = [];
  let context = rng.int(4_000, 15_000);
  for (let r = 0; r < opts.requestsPerSession; r++) {
    const input = context + rng.int(100, 3_000); // input INCLUDES cached_input
    const cachedInput = r === 0 ? 0 : Math.floor(context * (0.6 + 0.35 * rng.next()));
    const output = rng.int(100, 6_000);
    context = Math.min(input + output, 180_000);
    const n = `${dev.index}-${s}-${r}`;
    out.push({
      kind: 'codex',
      at: 0,
      dev,
      conversationId,
      model,
      tokens: { input, cachedInput, output, reasoningOutput: Math.floor(output * 0.6 * rng.next()) },
      tool: rng.pick(TOOLS),
      apiStatus: rng.chance(0.97) ? '200' : '429',
      prompt: `${CONTENT_MARKER}-PROMPT ${n}: write tests for the parser in ${rng.hex(6)}`,
      toolInput: `${CONTENT_MARKER}-TOOL ${n}: {"cmd":["cat","secret_${rng.hex(6)}.txt"]}`,
    });
  }
  return out;
}

/** Every event of the run, sorted by emission offset. Sessions of one developer run one after another. */
export function plan(opts: PlanOptions): PlannedEvent[] {
  const rng = new Rng(opts.seed);
  const all: PlannedEvent[] = [];
  for (const dev of developers(opts)) {
    for (const agentId of opts.agents) {
      const events: PlannedEvent[] = [];
      for (let s = 0; s < opts.sessionsPerDeveloper; s++) {
        events.push(...(agentId === 'claude-code' ? claudeSession(rng, opts, dev, s) : codexSession(rng, opts, dev, s)));
      }
      const offsets = events.map(() => Math.floor(rng.next() * opts.durationMs)).sort((a, b) => a - b);
      events.forEach((e, i) => (e.at = offsets[i]));
      all.push(...events);
    }
  }
  return all.sort((a, b) => a.at - b.at);
}
