import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, ClipboardButton, Field, Input, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';
import { snippets, transportMatrix, type SetupInput } from './setup/snippets';

type AuthKind = SetupInput['auth']['kind'];

export function SetupPage() {
  const styles = useStyles2(getStyles);
  const [httpEndpoint, setHttp] = useState('https://otel.example.com:4318');
  const [grpcEndpoint, setGrpc] = useState('https://otel.example.com:4317');
  const [kind, setKind] = useState<AuthKind>('basic');
  const [user, setUser] = useState('');
  const [secret, setSecret] = useState('');
  const [temporality, setTemporality] = useState<SetupInput['temporality']>('delta');
  const [email, setEmail] = useState('');
  const auth: SetupInput['auth'] =
    kind === 'basic' ? { kind, user, password: secret } : kind === 'bearer' ? { kind, token: secret } : { kind };
  const list = snippets({ httpEndpoint, grpcEndpoint, auth, temporality, email });
  return (
    <PluginPage>
      <p>Fill in your collector’s doors and credentials; copy each block to where it says. Nothing here is saved.</p>
      <Stack direction="column" gap={0}>
        <Field label="OTLP/HTTP endpoint (Claude Code)" htmlFor="http-endpoint">
          <Input id="http-endpoint" width={60} value={httpEndpoint} onChange={(e) => setHttp(e.currentTarget.value)} />
        </Field>
        <Field label="OTLP/gRPC endpoint (Codex, Gemini CLI)" htmlFor="grpc-endpoint">
          <Input id="grpc-endpoint" width={60} value={grpcEndpoint} onChange={(e) => setGrpc(e.currentTarget.value)} />
        </Field>
        <Field label="Collector authentication">
          <RadioButtonGroup
            value={kind}
            onChange={setKind}
            options={[
              { label: 'Basic', value: 'basic' },
              { label: 'Bearer', value: 'bearer' },
              { label: 'None', value: 'none' },
            ]}
          />
        </Field>
        {kind === 'basic' && (
          <Field label="User" htmlFor="setup-user">
            <Input id="setup-user" width={30} value={user} onChange={(e) => setUser(e.currentTarget.value)} />
          </Field>
        )}
        {kind !== 'none' && (
          <Field label={kind === 'basic' ? 'Password' : 'Token'} htmlFor="setup-secret">
            <Input
              id="setup-secret"
              type="password"
              width={30}
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
            />
          </Field>
        )}
        <Field
          label="Metric temporality (Claude Code)"
          description="Delta is Claude Code’s default; the collector converts it to cumulative"
        >
          <RadioButtonGroup
            value={temporality}
            onChange={setTemporality}
            options={[
              { label: 'Delta', value: 'delta' },
              { label: 'Cumulative', value: 'cumulative' },
            ]}
          />
        </Field>
        <Field
          label="Developer e-mail"
          description="Identity for Codex and for Claude API-key, Bedrock or Vertex users"
          htmlFor="setup-email"
        >
          <Input
            id="setup-email"
            width={40}
            value={email}
            placeholder="ada@example.com"
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
      </Stack>
      <h3>Which agent sends how</h3>
      <table className="filter-table" data-testid="transport-matrix">
        <thead>
          <tr>
            <th>Agent</th>
            <th>Transport</th>
            <th>Temporality</th>
            <th>Identity on</th>
          </tr>
        </thead>
        <tbody>
          {transportMatrix().map((r) => (
            <tr key={r.agent}>
              <td>{r.agent}</td>
              <td>{r.transport}</td>
              <td>{r.temporality}</td>
              <td>{r.identity}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Alert severity="warning" title="Do not export OTEL_* variables in a shell profile">
        Generic OTEL_* variables in ~/.bashrc or ~/.zshrc reach every OpenTelemetry-instrumented program you start,
        which then sends its own telemetry to the team collector with your credentials. Put them in the agent’s own
        settings as shown here.
      </Alert>
      {list.map((s) => (
        <section key={s.id} data-testid={`snippet-${s.id}`} className={styles.snippet}>
          <Stack justifyContent="space-between" alignItems="center">
            <h4>{s.title}</h4>
            <ClipboardButton icon="copy" variant="secondary" size="sm" getText={() => s.text}>
              Copy
            </ClipboardButton>
          </Stack>
          <div className={styles.where}>{s.where}</div>
          <pre className={styles.code}>{s.text}</pre>
          {s.note && <div className={styles.where}>{s.note}</div>}
        </section>
      ))}
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  snippet: css({ marginTop: theme.spacing(3) }),
  where: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  code: css({ whiteSpace: 'pre-wrap', marginTop: theme.spacing(1) }),
});
