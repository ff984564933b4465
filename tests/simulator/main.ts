// Seatmeter's agent simulators: Claude Code (OTLP/HTTP protobuf) and Codex (OTLP/gRPC) telemetry for
// N developers, seeded and deterministic, with a ground-truth file. See tests/simulator/README.md.
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { claudeClient } from './claude';
import { Client, ClientOptions } from './client';
import { codexClient } from './codex';
import { assertKnownModel, claudeReportedCostUSD } from './cost';
import { plan, PlanOptions } from './plan';
import { groundTruth } from './truth';

const USAGE = `usage: npx tsx tests/simulator/main.ts [flags]
  --seed N                 random seed (1)
  --developers N           developers (5)
  --sessions N             sessions per developer per agent (2)
  --requests N             requests (Claude) / turns (Codex) per session (8)
  --claude-models a,b      (claude-opus-4-5,claude-sonnet-4-5,claude-haiku-4-5)
  --codex-models a,b       (gpt-5-codex,gpt-5.1-codex)
  --agents a,b             claude-code,codex
  --duration-ms N          spread requests over N ms (0 = all at once)
  --export-interval-ms N   OTLP export interval (OTEL_METRIC_EXPORT_INTERVAL; 1000)
  --otlp-http URL          OTLP/HTTP base URL (env SEATMETER_OTLP_HTTP, http://127.0.0.1:4318)
  --otlp-grpc URL          OTLP/gRPC URL (env SEATMETER_OTLP_GRPC, http://127.0.0.1:4317)
  --user U --password P    basic auth (env SEATMETER_OTLP_USER / SEATMETER_OTLP_PASSWORD; none if unset)
  --no-content             do not put prompt/response/tool text into events
  --truth FILE             write the ground-truth JSON here
  --allow-export-errors    exit 0 even if some exports failed (fault tests)
  --repeat                 keep going: run the plan again and again (demo load), no ground truth`;

function list(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

async function main() {
  const { values: v } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      developers: { type: 'string', default: '5' },
      sessions: { type: 'string', default: '2' },
      requests: { type: 'string', default: '8' },
      'claude-models': { type: 'string', default: 'claude-opus-4-5,claude-sonnet-4-5,claude-haiku-4-5' },
      'codex-models': { type: 'string', default: 'gpt-5-codex,gpt-5.1-codex' },
      agents: { type: 'string', default: 'claude-code,codex' },
      'duration-ms': { type: 'string', default: '0' },
      'export-interval-ms': { type: 'string', default: '1000' },
      'otlp-http': { type: 'string', default: process.env.SEATMETER_OTLP_HTTP ?? 'http://127.0.0.1:4318' },
      'otlp-grpc': { type: 'string', default: process.env.SEATMETER_OTLP_GRPC ?? 'http://127.0.0.1:4317' },
      user: { type: 'string', default: process.env.SEATMETER_OTLP_USER ?? '' },
      password: { type: 'string', default: process.env.SEATMETER_OTLP_PASSWORD ?? '' },
      'no-content': { type: 'boolean', default: false },
      truth: { type: 'string' },
      'allow-export-errors': { type: 'boolean', default: false },
      repeat: { type: 'boolean', default: false },
      'email-domain': { type: 'string', default: 'example.com' },
      help: { type: 'boolean', default: false },
    },
  });
  if (v.help) {
    console.log(USAGE);
    return;
  }
  const int = (name: string, s: string) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) {
      throw new Error(`--${name} must be a non-negative integer, got ${s}`);
    }
    return n;
  };
  const opts: PlanOptions = {
    seed: int('seed', v.seed),
    developers: int('developers', v.developers),
    sessionsPerDeveloper: int('sessions', v.sessions),
    requestsPerSession: int('requests', v.requests),
    claudeModels: list(v['claude-models']),
    codexModels: list(v['codex-models']),
    agents: list(v.agents).map((a) => {
      if (a !== 'claude-code' && a !== 'codex') {
        throw new Error(`--agents: unknown agent ${a} (claude-code, codex)`);
      }
      return a;
    }),
    durationMs: int('duration-ms', v['duration-ms']),
    emailDomain: v['email-domain'],
  };
  [...opts.claudeModels, ...opts.codexModels].forEach(assertKnownModel);
  const client: ClientOptions = {
    httpEndpoint: v['otlp-http'].replace(/\/+$/, ''),
    grpcEndpoint: v['otlp-grpc'],
    authorization: v.user ? `Basic ${Buffer.from(`${v.user}:${v.password}`).toString('base64')}` : '',
    exportIntervalMs: int('export-interval-ms', v['export-interval-ms']),
    content: !v['no-content'],
  };

  let exportErrors = 0;
  diag.setLogger(
    {
      error: (msg, ...args) => {
        exportErrors++;
        console.error('otel error:', msg, ...args.map((a) => (a instanceof Error ? a.message : a)));
      },
      warn: () => {},
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    DiagLogLevel.ERROR
  );

  const events = plan(opts);
  const clients = new Map<string, Client>();
  const clientFor = (agentId: string, devIndex: number, make: () => Client) => {
    const k = `${agentId}/${devIndex}`;
    if (!clients.has(k)) {
      clients.set(k, make());
    }
    return clients.get(k)!;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let stop = false;
  process.on('SIGTERM', () => (stop = true));
  process.on('SIGINT', () => (stop = true));

  let costs: number[] = [];
  do {
    costs = [];
    const t0 = Date.now();
    for (const e of events) {
      if (stop) {
        break;
      }
      const wait = t0 + e.at - Date.now();
      if (wait > 0) {
        await sleep(wait);
      }
      const c =
        e.kind === 'claude-code'
          ? clientFor(e.kind, e.dev.index, () => claudeClient(e.dev, client))
          : clientFor(e.kind, e.dev.index, () => codexClient(e.dev, client));
      const cost = e.kind === 'claude-code' ? claudeReportedCostUSD(e.model, e.tokens, e.fast, new Date()) : 0;
      costs.push(cost);
      c.emit(e, cost);
    }
    if (v.repeat && !stop) {
      await sleep(Math.max(client.exportIntervalMs, 1000));
    }
  } while (v.repeat && !stop);

  const all = [...clients.values()];
  await Promise.all(all.map((c) => c.flush()));
  await Promise.all(all.map((c) => c.shutdown()));

  if (v.truth && !v.repeat) {
    const truth = groundTruth(events, costs, client.exportIntervalMs, {
      ...opts,
      exportIntervalMs: client.exportIntervalMs,
      events: events.length,
      content: client.content,
    });
    writeFileSync(v.truth, JSON.stringify(truth, null, 2) + '\n');
  }
  console.error(`simulator: ${events.length} events from ${opts.developers} developers, ${exportErrors} export errors`);
  if (exportErrors > 0 && !v['allow-export-errors']) {
    process.exitCode = 2;
  }
}

main().catch((err: unknown) => {
  console.error(`simulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
