// What main.ts needs from one simulated agent install (one developer's process).
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
