/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Report } from '../report/report';
import { buildBundle, runBundle } from '../testing/bundle';
import { makeWorkspace, WORKSPACE_TOTALS } from '../testing/cliHarness';
import { OtlpSink, startOtlpSink } from '../testing/otlpSink';
import { PUSH_METRICS } from './push';

const ALLOWED_ATTRIBUTES = ['source', 'agent', 'user', 'model', 'type', 'project', 'cache_ttl'];

// The push runs in the published bundle (a child process): the OTel exporter's dynamic imports need real Node.
describe('seatmeter push (OTLP/HTTP protobuf to a real listener)', () => {
  const ws = makeWorkspace();
  let sink: OtlpSink;
  let bundle: ReturnType<typeof buildBundle>;
  const runCli = (argv: string[], env: NodeJS.ProcessEnv) => runBundle(bundle.path, argv, env);
  beforeAll(async () => {
    bundle = buildBundle();
    sink = await startOtlpSink();
  }, 60000);
  afterAll(async () => {
    await sink.close();
    ws.cleanup();
    bundle.cleanup();
  });

  const pushed = (i: number, metric: string) => sink.requests[i].points.filter((p) => p.metric === metric);

  it('sends cumulative usage-only totals equal to the report, and a second push changes nothing', async () => {
    const report = JSON.parse((await runCli(['monthly', '--format', 'json'], ws.env)).stdout) as Report;
    expect(report.totals.totalTokens).toBe(WORKSPACE_TOTALS.totalTokens);
    const first = await runCli(['push', '--endpoint', sink.url, '--header', 'authorization=Bearer t0ken'], ws.env);
    expect(first.stderr).toContain('pushed');
    expect(first.code).toBe(0);
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0].headers.authorization).toBe('Bearer t0ken');
    expect(sink.requests[0].resource['service.name']).toBe('seatmeter-cli');

    const tokens = pushed(0, PUSH_METRICS.tokens.name);
    const cost = pushed(0, PUSH_METRICS.cost.name);
    expect(tokens.reduce((n, p) => n + p.value, 0)).toBe(report.totals.totalTokens);
    expect(tokens.reduce((n, p) => n + p.value, 0)).toBe(WORKSPACE_TOTALS.totalTokens);
    expect(cost.reduce((n, p) => n + p.value, 0)).toBeCloseTo(report.totals.costUSD, 12);
    const byType = (type: string) => tokens.filter((p) => p.attributes.type === type).reduce((n, p) => n + p.value, 0);
    expect([byType('input'), byType('output'), byType('cache_read'), byType('cache_write')]).toEqual([662, 418, 3000, 3900]);
    for (const p of [...tokens, ...cost]) {
      expect(p.temporality).toBe(2); // AGGREGATION_TEMPORALITY_CUMULATIVE
      expect(p.monotonic).toBe(true);
      expect(p.attributes.source).toBe('local');
      expect(p.attributes.user).toBe('dev@example.com');
      expect(Object.keys(p.attributes).every((k) => ALLOWED_ATTRIBUTES.includes(k))).toBe(true);
      expect(p.attributes.project).toMatch(/^p-[0-9a-f]{12}$/); // hashed by default
    }
    expect(tokens.find((p) => p.attributes.cache_ttl === '1h')?.value).toBe(2000);

    const second = await runCli(['push', '--endpoint', sink.url], ws.env);
    expect(second.code).toBe(0);
    const again = (i: number) =>
      [...pushed(i, PUSH_METRICS.tokens.name), ...pushed(i, PUSH_METRICS.cost.name)]
        .map((p) => `${p.metric} ${JSON.stringify(p.attributes)} ${p.value}`)
        .sort();
    expect(again(1)).toEqual(again(0));
  });

  it('aliases or sends project names plain when asked', async () => {
    const alias = join(ws.dir, 'alias.json');
    writeFileSync(alias, JSON.stringify({ api: 'backend' }));
    await runCli(['push', '--endpoint', sink.url, '--project-alias', alias], ws.env);
    const projects = new Set(pushed(sink.requests.length - 1, PUSH_METRICS.tokens.name).map((p) => p.attributes.project));
    expect(projects.has('backend')).toBe(true);
    expect([...projects].filter((p) => p !== 'backend').every((p) => /^p-/.test(p))).toBe(true);
    await runCli(['push', '--endpoint', sink.url, '--project-names', 'plain'], ws.env);
    const plain = new Set(pushed(sink.requests.length - 1, PUSH_METRICS.tokens.name).map((p) => p.attributes.project));
    expect([...plain].sort()).toEqual(['api', 'app', 'tool', 'web']);
  });

  it('--watch pushes again on the interval until SIGTERM', async () => {
    const before = sink.requests.length;
    let child: import('node:child_process').ChildProcess | undefined;
    const done = runBundle(bundle.path, ['push', '--endpoint', sink.url, '--watch', '200ms'], ws.env, (c) => (child = c));
    const deadline = Date.now() + 15000;
    while (sink.requests.length < before + 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child!.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(0);
    expect(sink.requests.length).toBeGreaterThanOrEqual(before + 3);
    const last = sink.requests[sink.requests.length - 1].points.filter((p) => p.metric === PUSH_METRICS.tokens.name);
    expect(last.reduce((n, p) => n + p.value, 0)).toBe(WORKSPACE_TOTALS.totalTokens);
  }, 30000);

  // A refused connection is retried with backoff for up to the export timeout (15 s) before the same exit 1;
  // an endpoint that rejects the request fails at once, which keeps this test fast.
  it('a rejecting endpoint exits 1 naming it', async () => {
    const wrong = sink.url.replace('/v1/metrics', '/not-otlp');
    const r = await runCli(['push', '--endpoint', wrong], ws.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`push to ${wrong} failed`);
  });
});
