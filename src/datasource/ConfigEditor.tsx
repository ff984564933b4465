import React, { type ChangeEvent } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import type { AuthType, SeatmeterOptions, SeatmeterSecureOptions } from './types';

type Props = DataSourcePluginOptionsEditorProps<SeatmeterOptions, SeatmeterSecureOptions>;

const AUTH_OPTIONS: Array<{ label: string; value: AuthType }> = [
  { label: 'None', value: 'none' },
  { label: 'Basic', value: 'basic' },
  { label: 'Bearer token', value: 'bearer' },
];

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields } = options;
  const secure = options.secureJsonData ?? {};
  const setJson = (patch: Partial<SeatmeterOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });
  const setSecret = (key: keyof SeatmeterSecureOptions, value: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...secure, [key]: value } });
  const resetSecret = (key: keyof SeatmeterSecureOptions) =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureJsonFields, [key]: false },
      secureJsonData: { ...secure, [key]: '' },
    });
  const auth = jsonData.authType ?? 'none';

  return (
    <>
      <Field
        label="Store URL"
        description="Prometheus API base: http://mimir:9009/prometheus or http://prometheus:9090"
      >
        <Input
          width={60}
          value={options.url}
          placeholder="http://mimir:9009/prometheus"
          onChange={(e: ChangeEvent<HTMLInputElement>) => onOptionsChange({ ...options, url: e.target.value })}
        />
      </Field>
      <Field label="Authentication">
        <RadioButtonGroup options={AUTH_OPTIONS} value={auth} onChange={(v) => setJson({ authType: v })} />
      </Field>
      {auth === 'basic' && (
        <>
          <Field label="User">
            <Input
              width={40}
              value={jsonData.basicAuthUser ?? ''}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ basicAuthUser: e.target.value })}
            />
          </Field>
          <Field label="Password">
            <SecretInput
              width={40}
              isConfigured={!!secureJsonFields?.basicAuthPassword}
              value={secure.basicAuthPassword ?? ''}
              onReset={() => resetSecret('basicAuthPassword')}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setSecret('basicAuthPassword', e.target.value)}
            />
          </Field>
        </>
      )}
      {auth === 'bearer' && (
        <Field label="Token">
          <SecretInput
            width={40}
            isConfigured={!!secureJsonFields?.bearerToken}
            value={secure.bearerToken ?? ''}
            onReset={() => resetSecret('bearerToken')}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setSecret('bearerToken', e.target.value)}
          />
        </Field>
      )}
      <Field
        label="Tenant header (X-Scope-OrgID)"
        description="Mimir tenant; sent as a custom header, stored encrypted"
        htmlFor="tenant-header"
      >
        <SecretInput
          id="tenant-header"
          width={40}
          isConfigured={!!secureJsonFields?.httpHeaderValue1}
          value={secure.httpHeaderValue1 ?? ''}
          onReset={() => resetSecret('httpHeaderValue1')}
          onChange={(e: ChangeEvent<HTMLInputElement>) =>
            onOptionsChange({
              ...options,
              jsonData: { ...jsonData, httpHeaderName1: 'X-Scope-OrgID' },
              secureJsonData: { ...secure, httpHeaderValue1: e.target.value },
            })
          }
        />
      </Field>
    </>
  );
}
