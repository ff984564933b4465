import React, { type ChangeEvent } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Combobox, Field, FieldSet, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import { CustomHeaders } from './config/CustomHeaders';
import { PriceOverridesField } from './config/PriceOverridesField';
import type { AuthType, Dialect, SeatmeterOptions, SeatmeterSecureOptions } from './types';

type Props = DataSourcePluginOptionsEditorProps<SeatmeterOptions, SeatmeterSecureOptions>;

const AUTH_OPTIONS: Array<{ label: string; value: AuthType }> = [
  { label: 'None', value: 'none' },
  { label: 'Basic', value: 'basic' },
  { label: 'Bearer token', value: 'bearer' },
];

const DIALECT_OPTIONS: Array<{ label: string; value: Dialect; description: string }> = [
  { label: 'Detect', value: 'auto', description: 'Probe the store once and cache the answer' },
  { label: 'No suffixes', value: 'nosuffix', description: 'Mimir default: dots become underscores' },
  { label: 'Unit and _total suffixes', value: 'suffixed', description: 'Prometheus and Grafana Cloud default' },
  { label: 'UTF-8 names', value: 'utf8', description: 'Prometheus 3 without translation: OTel names as is' },
];

const TTL_OPTIONS = [
  { label: '5 minutes', value: '5m' as const },
  { label: '1 hour', value: '1h' as const },
];

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  const secureJsonFields = options.secureJsonFields ?? {};
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
      <FieldSet label="Store">
        <Field
          label="Store URL"
          description="Prometheus API base: http://mimir:9009/prometheus or http://prometheus:9090"
          htmlFor="store-url"
        >
          <Input
            id="store-url"
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
            <Field label="User" htmlFor="basic-user">
              <Input
                id="basic-user"
                width={40}
                value={jsonData.basicAuthUser ?? ''}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ basicAuthUser: e.target.value })}
              />
            </Field>
            <Field label="Password" htmlFor="basic-password">
              <SecretInput
                id="basic-password"
                width={40}
                isConfigured={!!secureJsonFields.basicAuthPassword}
                value={secure.basicAuthPassword ?? ''}
                onReset={() => resetSecret('basicAuthPassword')}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setSecret('basicAuthPassword', e.target.value)}
              />
            </Field>
          </>
        )}
        {auth === 'bearer' && (
          <Field label="Token" htmlFor="bearer-token">
            <SecretInput
              id="bearer-token"
              width={40}
              isConfigured={!!secureJsonFields.bearerToken}
              value={secure.bearerToken ?? ''}
              onReset={() => resetSecret('bearerToken')}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setSecret('bearerToken', e.target.value)}
            />
          </Field>
        )}
        <Field label="Custom headers" description="Values are stored encrypted, e.g. the Mimir tenant X-Scope-OrgID">
          <CustomHeaders
            jsonData={jsonData}
            secureJsonData={secure}
            secureJsonFields={secureJsonFields}
            onChange={(next) => onOptionsChange({ ...options, ...next })}
          />
        </Field>
      </FieldSet>
      <FieldSet label="Metric names and cost">
        <Field
          label="Naming dialect"
          description="How the store names OTel metrics; queries are rewritten to it"
          htmlFor="dialect"
        >
          <Combobox
            id="dialect"
            width={40}
            options={DIALECT_OPTIONS}
            value={jsonData.dialect ?? 'auto'}
            onChange={(v) => setJson({ dialect: v.value })}
          />
        </Field>
        <Field
          label="Assumed cache-write TTL"
          description="OTel reports cache writes without their TTL; costs price them at this TTL and say so"
        >
          <RadioButtonGroup
            options={TTL_OPTIONS}
            value={jsonData.cacheWriteTTL ?? '5m'}
            onChange={(v) => setJson({ cacheWriteTTL: v })}
          />
        </Field>
        <PriceOverridesField value={jsonData.priceOverrides} onChange={(v) => setJson({ priceOverrides: v })} />
      </FieldSet>
    </>
  );
}
