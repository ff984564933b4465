// What main.ts needs from one simulated agent install (one developer's process).
import type { Resource } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { PlannedEvent } from './plan';

export interface ClientOptions {
  httpEndpoint: string; // OTLP/HTTP base URL, e.g. http://127.0.0.1:4318
  grpcEndpoint: string; // OTLP/gRPC URL, e.g. http://127.0.0.1:4317
  authorization: string; // full Authorization header value ('' for none)
  exportIntervalMs: number;
  content: boolean; // prompts, responses and tool input in events (OTEL_LOG_USER_PROMPTS=1 etc.)
}

export interface Client {
  emit(e: PlannedEvent, costUSD: number): void;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** One agent process's meter and logger providers, exporting every `exportIntervalMs` like the real clients. */
export function providers(
  resource: Resource,
  metrics: PushMetricExporter,
  logs: LogRecordExporter,
  exportIntervalMs: number
): { meterProvider: MeterProvider; loggerProvider: LoggerProvider } {
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: metrics,
        exportIntervalMillis: exportIntervalMs,
        exportTimeoutMillis: Math.min(exportIntervalMs, 30_000),
      }),
    ],
  });
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [new BatchLogRecordProcessor({ exporter: logs, scheduledDelayMillis: exportIntervalMs })],
  });
  return { meterProvider, loggerProvider };
}
