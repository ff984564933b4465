// Client configuration snippets for the agents, with the team's endpoint and credentials filled in.
// Pure functions: the page renders them, jest checks them. Nothing here is stored or sent anywhere.
import { catalog } from '../../catalog';

export interface SetupInput {
  /** OTLP/HTTP base URL (Claude Code, claude.ai console), e.g. https://otel.example.com:4318 */
  httpEndpoint: string;
  /** OTLP/gRPC URL (Codex, Gemini CLI), e.g. https://otel.example.com:4317 */
  grpcEndpoint: string;
  auth: { kind: 'none' } | { kind: 'basic'; user: string; password: string } | { kind: 'bearer'; token: string };
  temporality: 'delta' | 'cumulative';
  /** For API-key / Bedrock / Vertex users and for Codex, whose metrics carry no identity. */
  email: string;
}

export interface Snippet {
  id: string;
  title: string;
  where: string;
  language: 'json' | 'toml' | 'shell' | 'text';
  text: string;
  note?: string;
}

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  bytes.forEach((b) => (bin += String.fromCharCode(b)));
  return btoa(bin);
}

export function authorizationValue(auth: SetupInput['auth']): string | undefined {
  switch (auth.kind) {
    case 'basic':
      return `Basic ${base64(`${auth.user}:${auth.password}`)}`;
    case 'bearer':
      return `Bearer ${auth.token}`;
    default:
      return undefined;
  }
}

/** The resource attribute that carries the developer's identity (the catalog's first user attribute). */
function identityAttribute(agentId: string): string {
  const a = catalog.agents.find((x) => x.id === agentId);
  return a?.userAttributes[0] ?? catalog.agents[0].userAttributes[0];
}

function claudeEnv(input: SetupInput, withIdentity: boolean): Record<string, string> {
  const authz = authorizationValue(input.auth);
  const env: Record<string, string> = {
    CLAUDE_CODE_ENABLE_TELEMETRY: '1',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_LOGS_EXPORTER: 'otlp',
    // Claude Code has no default protocol; the collector's HTTP door takes protobuf.
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: input.httpEndpoint,
    OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: input.temporality,
    // Bounded series per developer: no per-session label on metrics.
    OTEL_METRICS_INCLUDE_SESSION_ID: 'false',
  };
  if (authz) {
    env.OTEL_EXPORTER_OTLP_HEADERS = `Authorization=${authz}`;
  }
  if (withIdentity && input.email) {
    env.OTEL_RESOURCE_ATTRIBUTES = `${identityAttribute('claude-code')}=${input.email}`;
  }
  return env;
}

export function snippets(input: SetupInput): Snippet[] {
  const authz = authorizationValue(input.auth);
  const codexAttr = identityAttribute('codex');
  const tomlHeaders = authz ? `, headers = { authorization = ${JSON.stringify(authz)} }` : '';
  const grpc = `{ otlp-grpc = { endpoint = ${JSON.stringify(input.grpcEndpoint)}${tomlHeaders} } }`;
  return [
    {
      id: 'claude-user',
      title: 'Claude Code: user settings',
      where: '~/.claude/settings.json (merge the env block)',
      language: 'json',
      text: JSON.stringify({ env: claudeEnv(input, true) }, null, 2),
      note: 'Developers signed in with claude.ai are identified by e-mail already; the OTEL_RESOURCE_ATTRIBUTES line is for API-key, Bedrock and Vertex users.',
    },
    {
      id: 'claude-managed',
      title: 'Claude Code: fleet-wide managed settings',
      where:
        'macOS /Library/Application Support/ClaudeCode/managed-settings.json, Linux /etc/claude-code/managed-settings.json (deploy with your MDM)',
      language: 'json',
      text: JSON.stringify({ env: claudeEnv({ ...input, email: input.email || '<developer e-mail>' }, true) }, null, 2),
      note: 'Templating the e-mail per machine is the MDM’s job; without it, API-key users show up under their anonymous install id.',
    },
    {
      id: 'claude-console',
      title: 'claude.ai organisation console (OTLP over HTTP only)',
      where: 'Admin settings → Claude Code → Telemetry',
      language: 'text',
      text: [
        `Endpoint: ${input.httpEndpoint}`,
        `Protocol: http/protobuf`,
        authz ? `Headers: Authorization=${authz}` : 'Headers: (none)',
      ].join('\n'),
    },
    {
      id: 'codex-config',
      title: 'Codex: config.toml (gRPC for logs and metrics)',
      where: '~/.codex/config.toml',
      language: 'toml',
      text: [
        '[otel]',
        'environment = "prod"',
        'log_user_prompt = false',
        `exporter = ${grpc}`,
        `metrics_exporter = ${grpc}`,
      ].join('\n'),
      note: 'Codex always exports delta temporality; the collector converts it.',
    },
    {
      id: 'codex-env',
      title: 'Codex: identity',
      where: '~/.codex/.env',
      language: 'shell',
      text: `OTEL_RESOURCE_ATTRIBUTES=${codexAttr}=${input.email || '<developer e-mail>'}`,
      note: 'Codex metrics carry no user: without this line every Codex developer is one anonymous row.',
    },
    {
      id: 'gemini-settings',
      title: 'Gemini CLI: settings',
      where: '~/.gemini/settings.json',
      language: 'json',
      text: JSON.stringify(
        {
          telemetry: {
            enabled: true,
            target: 'local',
            otlpEndpoint: input.grpcEndpoint,
            otlpProtocol: 'grpc',
            logPrompts: false,
          },
        },
        null,
        2
      ),
      note: authz
        ? 'Gemini CLI takes exporter headers from OTEL_EXPORTER_OTLP_HEADERS in its own environment (unverified).'
        : undefined,
    },
  ];
}

/** One row per agent of the catalog: how it must send. */
export function transportMatrix() {
  return catalog.agents.map((a) => ({
    agent: a.name,
    transport: a.transport,
    temporality: a.temporality,
    identity: a.identity,
  }));
}
