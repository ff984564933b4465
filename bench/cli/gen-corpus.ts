// Generates a realistic, deterministic transcript corpus for the CLI benchmark:
//   <out>/claude/projects/<slug>/<session>.jsonl (+ <session>/subagents/agent-*.jsonl)
//   <out>/codex/sessions/YYYY/MM/DD/rollout-*.jsonl
// with the traps of sources.md §4: one line per content block, streaming partials, sidechains and their
// replays, resumed-session copies, <synthetic> rows, Codex re-emits. Writes <out>/truth.json (deduplicated
// token totals computed while generating).
// Usage: npx tsx bench/cli/gen-corpus.ts --out DIR [--claude-mb 1300] [--codex-mb 130] [--seed 1]
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { rng } from '../../cli/src/testing/random';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    'claude-mb': { type: 'string', default: '1300' },
    'codex-mb': { type: 'string', default: '130' },
    seed: { type: 'string', default: '1' },
  },
});
if (!values.out) {
  throw new Error('--out DIR is required');
}
const OUT = values.out;
const { next: rnd, int, pick } = rng(Number(values.seed) >>> 0 || 1);
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

// No JSON-looking usage text in the content: ccusage 20.0.24's scanner miscounts lines whose strings contain
// '"usage": {"' (seatmeter does not; see cli/fixtures), and the benchmark compares totals with ccusage.
const WORDS = ('const function return import export interface usage tokens model request cache "quoted" ' +
  'naïve café 日本語 emoji🙂 path/to/file.ts \\backslash tab\t newline\n { } [ ] : , ' +
  'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt').split(' ');
const POOL = Array.from({ length: 200000 }, () => pick(WORDS)).join(' ');
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
// never split a surrogate pair: serde-based readers (ccusage) reject lone surrogates and drop the line
const text = (n: number) => {
  let s = int(0, POOL.length - n - 2);
  let e = s + n;
  if (isLowSurrogate(POOL.charCodeAt(s))) {
    s++;
  }
  if (isLowSurrogate(POOL.charCodeAt(e))) {
    e++;
  }
  return POOL.slice(s, e);
};

class Writer {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }
  line(o: unknown) {
    const s = JSON.stringify(o) + '\n';
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) {
      this.flush();
    }
  }
  flush() {
    const b = Buffer.from(this.parts.join(''));
    writeSync(this.fd, b);
    this.bytes += b.length;
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

const truth = { claude: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0, requests: 0 }, codex: { input: 0, cachedInput: 0, output: 0, reasoning: 0, requests: 0 } };
const MODELS = ['claude-sonnet-4-5-20250929', 'claude-opus-4-5-20251101', 'claude-haiku-4-5-20251001'];
const PROJECTS = Array.from({ length: 24 }, (_, i) => `/home/dev/src/project-${i}`);
const BRANCHES = ['main', 'feat/login', 'feat/billing', 'fix/cache', 'feat/search'];
const START = Date.parse('2026-06-01T08:00:00Z');

interface Resp { lines: object[] }

function claudeSession(w: Writer, sessionId: string, cwd: string, t0: number, budget: number, sidechainFile?: Writer): object[] {
  const branch = pick(BRANCHES);
  const model = pick(MODELS);
  const kept: object[] = [];
  let t = t0;
  let parent: string | null = null;
  const base = (side: boolean) => ({ parentUuid: parent, isSidechain: side, userType: 'external', cwd, sessionId, version: '2.1.100', gitBranch: branch });
  const ts = () => new Date((t += int(500, 20000))).toISOString();
  w.line({ type: 'summary', summary: text(60), leafUuid: uuid() });
  while (w.bytes + (w as unknown as { size: number }).size < budget) {
    const u = uuid();
    w.line({ ...base(false), type: 'user', message: { role: 'user', content: text(int(50, 1500)) }, uuid: u, timestamp: ts() });
    parent = u;
    const steps = int(1, 6);
    for (let s = 0; s < steps; s++) {
      const side = sidechainFile !== undefined && rnd() < 0.15;
      const resp = response(base(side), model, ts(), side);
      const target = side && sidechainFile ? sidechainFile : w;
      for (const l of resp.lines) {
        target.line(l);
      }
      kept.push(resp.lines[resp.lines.length - 1]);
      if (!side && rnd() < 0.04 && sidechainFile) {
        // sidechain replay of a main-chain response: same message.id, new requestId, isSidechain
        const last = resp.lines[resp.lines.length - 1] as Record<string, unknown>;
        sidechainFile.line({ ...last, isSidechain: true, requestId: `req_${hex(24)}`, uuid: uuid() });
      }
      const tr = uuid();
      w.line({ ...base(false), type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${hex(20)}`, content: text(int(200, 24000)) }] }, uuid: tr, timestamp: ts(), toolUseResult: { stdout: text(int(50, 800)), stderr: '', interrupted: false } });
      parent = tr;
    }
    if (rnd() < 0.03) {
      // local error row: <synthetic> model, zero usage
      w.line({ ...base(false), type: 'assistant', message: { id: uuid(), type: 'message', role: 'assistant', model: '<synthetic>', content: [{ type: 'text', text: 'API Error: Request was aborted.' }], usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } }, isApiErrorMessage: true, uuid: uuid(), timestamp: ts() });
    }
    if (rnd() < 0.05) {
      w.line({ ...base(false), type: 'system', subtype: 'info', content: text(100), uuid: uuid(), timestamp: ts() });
    }
  }
  return kept;
}

function response(base: object, model: string, timestamp: string, side: boolean): Resp {
  const id = `msg_01${hex(22)}`;
  const req = `req_011${hex(21)}`;
  const w1 = rnd() < 0.7 ? int(0, 30000) : 0;
  const w5 = rnd() < 0.3 ? int(0, 8000) : 0;
  const usage = {
    input_tokens: int(1, 40),
    cache_creation_input_tokens: w1 + w5,
    cache_read_input_tokens: int(5000, 180000),
    cache_creation: { ephemeral_5m_input_tokens: w5, ephemeral_1h_input_tokens: w1 },
    output_tokens: int(20, 4000),
    service_tier: 'standard',
  };
  truth.claude.input += usage.input_tokens;
  truth.claude.output += usage.output_tokens;
  truth.claude.cacheRead += usage.cache_read_input_tokens;
  truth.claude.cacheCreation += usage.cache_creation_input_tokens;
  truth.claude.requests++;
  const blocks = [
    () => ({ type: 'thinking', thinking: text(int(200, 4000)), signature: hex(300) }),
    () => ({ type: 'text', text: text(int(50, 2500)) }),
    () => ({ type: 'tool_use', id: `toolu_${hex(20)}`, name: pick(['Read', 'Edit', 'Bash', 'Grep']), input: { file_path: '/home/dev/x.ts', old_string: text(int(20, 1500)), new_string: text(int(20, 1500)) } }),
  ];
  const n = int(1, 3);
  const lines: object[] = [];
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    // streaming: earlier block lines carry a partial output count
    const u = last ? usage : { ...usage, output_tokens: int(1, usage.output_tokens) };
    lines.push({ ...base, message: { id, type: 'message', role: 'assistant', model, content: [pick(blocks)()], stop_reason: last ? 'tool_use' : null, stop_sequence: null, usage: u }, requestId: req, type: 'assistant', uuid: uuid(), timestamp, ...(side ? { agentId: hex(8) } : {}) });
  }
  return { lines };
}

function genClaude(targetBytes: number) {
  let total = 0;
  let n = 0;
  while (total < targetBytes) {
    const cwd = PROJECTS[n % PROJECTS.length];
    const slug = cwd.replace(/[^A-Za-z0-9]/g, '-');
    const sid = uuid();
    const dir = join(OUT, 'claude', 'projects', slug);
    const w = new Writer(join(dir, `${sid}.jsonl`));
    const sub = new Writer(join(dir, sid, 'subagents', `agent-${hex(8)}.jsonl`));
    const t0 = START + n * 3_600_000 * 3;
    const budget = int(1, 6) * 1_000_000;
    const kept = claudeSession(w, sid, cwd, t0, budget, sub);
    w.close();
    sub.close();
    total += w.bytes + sub.bytes;
    if (rnd() < 0.08 && kept.length > 4) {
      // a resumed/forked session copies the earlier rows into a new file
      const f = new Writer(join(dir, `${uuid()}.jsonl`));
      for (const l of kept.slice(0, int(2, kept.length))) {
        f.line(l);
      }
      f.close();
      total += f.bytes;
    }
    n++;
  }
  return { files: n, bytes: total };
}

function genCodex(targetBytes: number) {
  let total = 0;
  let n = 0;
  while (total < targetBytes) {
    const t0 = START + n * 3_600_000 * 5;
    const d = new Date(t0);
    const dir = join(OUT, 'codex', 'sessions', String(d.getUTCFullYear()), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0'));
    const sid = uuid();
    const w = new Writer(join(dir, `rollout-${d.toISOString().slice(0, 19).replace(/:/g, '-')}-${sid}.jsonl`));
    let t = t0;
    const ts = () => new Date((t += int(1000, 30000))).toISOString();
    w.line({ timestamp: ts(), type: 'session_meta', payload: { id: sid, timestamp: new Date(t0).toISOString(), cwd: pick(PROJECTS), originator: 'codex_cli_rs', cli_version: '0.60.0', instructions: text(8000), git: { branch: pick(BRANCHES), commit_hash: hex(40) } } });
    const model = pick(['gpt-5-codex', 'gpt-5.1-codex', 'gpt-5']);
    const cum = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
    const budget = int(1, 4) * 500_000;
    while (w.bytes < budget) {
      w.line({ timestamp: ts(), type: 'turn_context', payload: { cwd: '/x', approval_policy: 'on-request', model, effort: 'medium' } });
      w.line({ timestamp: ts(), type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: text(int(100, 2000)) }] } });
      for (let k = int(1, 5); k > 0; k--) {
        w.line({ timestamp: ts(), type: 'response_item', payload: { type: 'function_call_output', call_id: hex(12), output: text(int(200, 12000)) } });
        const inp = int(2000, 60000);
        const cached = int(0, inp);
        const out = int(10, 3000);
        const reas = int(0, out);
        cum.input_tokens += inp;
        cum.cached_input_tokens += cached;
        cum.output_tokens += out;
        cum.reasoning_output_tokens += reas;
        cum.total_tokens += inp + out;
        truth.codex.input += inp - cached;
        truth.codex.cachedInput += cached;
        truth.codex.output += out;
        truth.codex.reasoning += reas;
        truth.codex.requests++;
        const ev = { timestamp: ts(), type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { ...cum }, last_token_usage: { input_tokens: inp, cached_input_tokens: cached, output_tokens: out, reasoning_output_tokens: reas, total_tokens: inp + out }, model_context_window: 272000 } } };
        w.line(ev);
        if (rnd() < 0.4) {
          w.line({ ...ev, timestamp: ts() }); // re-emitted unchanged total
        }
      }
    }
    w.close();
    total += w.bytes;
    n++;
  }
  return { files: n, bytes: total };
}

const claude = genClaude(Number(values['claude-mb']) * 1e6);
const codex = genCodex(Number(values['codex-mb']) * 1e6);
writeFileSync(join(OUT, 'truth.json'), JSON.stringify({ claudeFiles: claude, codexFiles: codex, ...truth }, null, 2));
console.log(JSON.stringify({ claude, codex, truth }));
