// Claude Code profile: meter com.anthropic.claude_code, monotonic counters with delta temporality over
// OTLP/HTTP protobuf, the standard attributes on every datapoint, events as OTel logs (content on).
import { Counter } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality } from '@opentelemetry/sdk-metrics';
import { agent, agentMetrics, metric, rawType } from './catalog';
import { ClaudeRequest, Developer } from './plan';
import { rawTokens } from './truth';
import { Client, ClientOptions, providers } from './client';

const CLAUDE = 'claude-code';
const APP_VERSION = '2.1.240';

export function claudeClient(dev: Developer, opts: ClientOptions): Client {
  const a = agent(CLAUDE);
  const resource = resourceFromAttributes({
    'service.name': a.serviceNames[0],
    'service.version': APP_VERSION,
    'os.type': 'linux',
    'host.arch': 'amd64',
  });
  const headers: Record<string, string> = opts.authorization ? { Authorization: opts.authorization } : {};
  const { meterProvider, loggerProvider } = providers(
    resource,
    new OTLPMetricExporter({
      url: `${opts.httpEndpoint}/v1/metrics`,
      headers,
      temporalityPreference: AggregationTemporality.DELTA,
    }),
    new OTLPLogExporter({ url: `${opts.httpEndpoint}/v1/logs`, headers }),
    opts.exportIntervalMs
  );
  const meter = meterProvider.getMeter(a.meter, APP_VERSION);
  const logger = loggerProvider.getLogger(a.meter, APP_VERSION);
  const counters = new Map<string, Counter>();
  for (const m of agentMetrics(CLAUDE)) {
    counters.set(m.otel, meter.createCounter(m.otel, m.otelUnit ? { unit: m.otelUnit } : {}));
  }
  const count = (measure: string, n: number, attrs: Record<string, string>) => {
    if (n > 0) {
      counters.get(metric(measure, CLAUDE).otel)!.add(n, attrs);
    }
  };

  const std = (e: ClaudeRequest) => ({
    'user.email': dev.email,
    'user.id': dev.userId,
    'user.account_uuid': dev.accountUuid,
    'organization.id': dev.organizationId,
    'session.id': e.sessionId,
    'terminal.type': dev.terminal,
  });

  const emit = (e: ClaudeRequest, costUSD: number) => {
    const base = std(e);
    const perRequest: Record<string, string> = { ...base, model: e.model, query_source: e.querySource };
    if (e.fast) {
      perRequest.speed = 'fast';
    }
    const tokens = metric('tokens', CLAUDE);
    for (const [type, n] of Object.entries(rawTokens(e, tokens))) {
      count('tokens', n, { ...perRequest, [tokens.labels.type]: type });
    }
    count('cost_reported', costUSD, perRequest);
    if (e.sessionStart) {
      count('sessions', 1, { ...base, start_type: e.sessionStart });
    }
    const loc = metric('lines_of_code', CLAUDE);
    count('lines_of_code', e.linesAdded, { ...base, model: e.model, [loc.labels.type]: rawType(loc, 'added') });
    count('lines_of_code', e.linesRemoved, { ...base, model: e.model, [loc.labels.type]: rawType(loc, 'removed') });
    if (e.decision) {
      const d = metric('edit_decisions', CLAUDE);
      count('edit_decisions', 1, {
        ...base,
        tool_name: 'Edit',
        [d.labels.type]: rawType(d, e.decision),
        source: 'config',
        language: 'TypeScript',
      });
    }
    count('commits', e.commit ? 1 : 0, base);
    count('pull_requests', e.pullRequest ? 1 : 0, base);
    const act = metric('active_time', CLAUDE);
    count('active_time', e.activeUserSeconds, { ...base, [act.labels.type]: rawType(act, 'user') });
    count('active_time', e.activeCliSeconds, { ...base, [act.labels.type]: rawType(act, 'cli') });

    const event = (name: string, attrs: Record<string, string | number | boolean>) =>
      logger.emit({
        body: `claude_code.${name}`,
        attributes: { ...base, 'event.name': name, 'event.timestamp': new Date().toISOString(), ...attrs },
      });
    event('user_prompt', { prompt_length: e.prompt.length, ...(opts.content ? { prompt: e.prompt } : {}) });
    event('api_request', {
      model: e.model,
      cost_usd: costUSD,
      duration_ms: 1200,
      input_tokens: e.tokens.input,
      output_tokens: e.tokens.output,
      cache_read_tokens: e.tokens.cacheRead,
      cache_creation_tokens: e.tokens.cacheCreation,
      request_id: e.requestId,
      query_source: e.querySource,
    });
    event('tool_result', {
      tool_name: 'Bash',
      success: true,
      duration_ms: 300,
      ...(opts.content ? { tool_parameters: e.toolInput, tool_input: e.toolInput } : {}),
    });
    if (opts.content) {
      event('assistant_response', { response: e.response });
    }
  };

  return {
    emit: (e, cost) => emit(e as ClaudeRequest, cost),
    flush: async () => {
      await Promise.all([meterProvider.forceFlush(), loggerProvider.forceFlush()]);
    },
    shutdown: async () => {
      await Promise.all([meterProvider.shutdown(), loggerProvider.shutdown()]);
    },
  };
}
