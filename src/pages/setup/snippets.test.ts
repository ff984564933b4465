import { catalog } from '../../catalog';
import { authorizationValue, snippets, type SetupInput } from './snippets';

const input: SetupInput = {
  httpEndpoint: 'https://otel.example.com:4318',
  grpcEndpoint: 'https://otel.example.com:4317',
  auth: { kind: 'basic', user: 'team', password: 'p@ss' },
  temporality: 'delta',
  email: 'ada@example.com',
};
const byId = (id: string) => snippets(input).find((s) => s.id === id)!;

test('basic credentials become one Authorization header value', () => {
  expect(authorizationValue(input.auth)).toBe(`Basic ${Buffer.from('team:p@ss').toString('base64')}`);
  expect(authorizationValue({ kind: 'bearer', token: 't0k' })).toBe('Bearer t0k');
  expect(authorizationValue({ kind: 'none' })).toBeUndefined();
});

test('Claude Code settings: telemetry on, HTTP/protobuf, endpoint, headers, identity, no session label', () => {
  const env = JSON.parse(byId('claude-user').text).env;
  expect(env).toMatchObject({
    CLAUDE_CODE_ENABLE_TELEMETRY: '1',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: input.httpEndpoint,
    OTEL_EXPORTER_OTLP_HEADERS: `Authorization=${authorizationValue(input.auth)}`,
    OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta',
    OTEL_METRICS_INCLUDE_SESSION_ID: 'false',
    OTEL_RESOURCE_ATTRIBUTES: `${catalog.agents.find((a) => a.id === 'claude-code')!.userAttributes[0]}=ada@example.com`,
  });
  const managed = JSON.parse(byId('claude-managed').text).env;
  expect(managed.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(input.httpEndpoint);
});

test('Codex: gRPC exporters for logs and metrics with the header, identity in ~/.codex/.env', () => {
  const toml = byId('codex-config').text;
  const line = `{ otlp-grpc = { endpoint = "${input.grpcEndpoint}", headers = { authorization = "${authorizationValue(input.auth)}" } } }`;
  expect(toml).toContain(`exporter = ${line}`);
  expect(toml).toContain(`metrics_exporter = ${line}`);
  expect(toml).toContain('log_user_prompt = false');
  expect(byId('codex-env').text).toBe('OTEL_RESOURCE_ATTRIBUTES=user.email=ada@example.com');
});

test('the claude.ai console gets the HTTP endpoint; no auth means no header anywhere', () => {
  const open = snippets({ ...input, auth: { kind: 'none' } });
  expect(open.find((s) => s.id === 'claude-console')!.text).toContain(`Endpoint: ${input.httpEndpoint}`);
  expect(open.map((s) => s.text).join('\n')).not.toMatch(/authorization/i);
});
