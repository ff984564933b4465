// Codex profile: meter codex, codex.turn.token_usage as a histogram (one sample per token_type per turn),
// delta temporality over OTLP/gRPC; user identity ONLY on the resource (as OTEL_RESOURCE_ATTRIBUTES does).
import { Metadata } from '@grpc/grpc-js';
import { Counter, Histogram } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality } from '@opentelemetry/sdk-metrics';
import { agent, metric } from './catalog';
import { Client, ClientOptions, providers } from './client';
import { CodexTurn, Developer } from './plan';
import { rawTokens } from './truth';

const CODEX = 'codex';
const APP_VERSION = '0.63.0';

export function codexClient(dev: Developer, opts: ClientOptions): Client {
  const a = agent(CODEX);
  const resource = resourceFromAttributes({
    'service.name': a.serviceNames[0],
    'service.version': APP_VERSION,
    env: 'dev',
    'user.email': dev.email,
  });
  const metadata = () => {
    const md = new Metadata();
    if (opts.authorization) {
      md.set('authorization', opts.authorization);
    }
    return md;
  };
  const { meterProvider, loggerProvider } = providers(
    resource,
    new OTLPMetricExporter({
      url: opts.grpcEndpoint,
      metadata: metadata(),
      temporalityPreference: AggregationTemporality.DELTA,
    }),
    new OTLPLogExporter({ url: opts.grpcEndpoint, metadata: metadata() }),
    opts.exportIntervalMs
  );
  const meter = meterProvider.getMeter(a.meter, APP_VERSION);
  const logger = loggerProvider.getLogger(a.meter, APP_VERSION);
  const tokens = metric('tokens', CODEX);
  const usage: Histogram = meter.createHistogram(tokens.otel, tokens.otelUnit ? { unit: tokens.otelUnit } : {});
  const api = metric('api_requests', CODEX);
  const apiRequests: Counter = meter.createCounter(api.otel);
  const tool = metric('tool_calls', CODEX);
  const toolCalls: Counter = meter.createCounter(tool.otel);

  const emit = (e: CodexTurn) => {
    const common = {
      model: e.model,
      'app.version': APP_VERSION,
      auth_mode: 'Chatgpt',
      originator: 'codex_cli_rs',
      session_source: 'cli',
    };
    for (const [type, n] of Object.entries(rawTokens(e, tokens))) {
      usage.record(n, { ...common, [tokens.labels.type]: type });
    }
    apiRequests.add(1, { [api.labels.type]: e.apiStatus, success: String(e.apiStatus === '200') });
    toolCalls.add(1, { [tool.labels.type]: e.tool, success: 'true' });

    const event = (name: string, attrs: Record<string, string | number | boolean>) =>
      logger.emit({
        body: name,
        attributes: {
          'event.name': name,
          'event.timestamp': new Date().toISOString(),
          'conversation.id': e.conversationId,
          'user.email': dev.email,
          model: e.model,
          ...attrs,
        },
      });
    event('codex.user_prompt', { prompt_length: e.prompt.length, ...(opts.content ? { prompt: e.prompt } : {}) });
    event('codex.tool_result', {
      tool_name: e.tool,
      success: 'true',
      ...(opts.content ? { arguments: e.toolInput, output: e.toolInput } : {}),
    });
    event('codex.sse_event', {
      'event.kind': 'response.completed',
      // several numeric fields arrive as strings in real Codex output
      input_token_count: String(e.tokens.input),
      output_token_count: String(e.tokens.output),
      cached_token_count: String(e.tokens.cachedInput),
      reasoning_token_count: String(e.tokens.reasoningOutput),
    });
  };

  return {
    emit: (e) => emit(e as CodexTurn),
    flush: async () => {
      await Promise.all([meterProvider.forceFlush(), loggerProvider.forceFlush()]);
    },
    shutdown: async () => {
      await Promise.all([meterProvider.shutdown(), loggerProvider.shutdown()]);
    },
  };
}
