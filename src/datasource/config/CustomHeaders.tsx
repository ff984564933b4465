import React, { type ChangeEvent } from 'react';
import { Button, IconButton, InlineField, InlineFieldRow, Input, SecretInput, Stack } from '@grafana/ui';
import type { SeatmeterOptions, SeatmeterSecureOptions } from '../types';

interface Props {
  jsonData: SeatmeterOptions;
  secureJsonData: SeatmeterSecureOptions;
  secureJsonFields: Record<string, boolean>;
  onChange: (next: {
    jsonData: SeatmeterOptions;
    secureJsonData: SeatmeterSecureOptions;
    secureJsonFields: Record<string, boolean>;
  }) => void;
}

/** Grafana's convention: jsonData.httpHeaderName<N> (plain) with secureJsonData.httpHeaderValue<N> (encrypted). */
export function headerIndexes(jsonData: SeatmeterOptions): number[] {
  return Object.keys(jsonData)
    .map((k) => /^httpHeaderName(\d+)$/.exec(k))
    .filter((m): m is RegExpExecArray => !!m && jsonData[`httpHeaderName${Number(m[1])}`] !== undefined)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

export function CustomHeaders({ jsonData, secureJsonData, secureJsonFields, onChange }: Props) {
  const idx = headerIndexes(jsonData);
  const emit = (j: SeatmeterOptions, s: SeatmeterSecureOptions, f = secureJsonFields) =>
    onChange({ jsonData: j, secureJsonData: s, secureJsonFields: f });
  const add = (name = '') => {
    const n = idx.length ? Math.max(...idx) + 1 : 1;
    emit({ ...jsonData, [`httpHeaderName${n}`]: name }, { ...secureJsonData, [`httpHeaderValue${n}`]: '' });
  };
  const remove = (n: number) => {
    const j = { ...jsonData };
    delete j[`httpHeaderName${n}`];
    const s = { ...secureJsonData };
    delete s[`httpHeaderValue${n}`];
    emit(j, s, { ...secureJsonFields, [`httpHeaderValue${n}`]: false });
  };
  return (
    <Stack direction="column" gap={0.5}>
      {idx.map((n) => (
        <InlineFieldRow key={n}>
          <InlineField label="Header" labelWidth={10}>
            <Input
              aria-label={`Header ${n} name`}
              width={24}
              placeholder="X-Scope-OrgID"
              value={jsonData[`httpHeaderName${n}`] ?? ''}
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                emit({ ...jsonData, [`httpHeaderName${n}`]: e.target.value }, secureJsonData)
              }
            />
          </InlineField>
          <InlineField label="Value" labelWidth={8}>
            <SecretInput
              aria-label={`Header ${n} value`}
              width={30}
              isConfigured={!!secureJsonFields[`httpHeaderValue${n}`]}
              value={secureJsonData[`httpHeaderValue${n}`] ?? ''}
              onReset={() =>
                emit(
                  jsonData,
                  { ...secureJsonData, [`httpHeaderValue${n}`]: '' },
                  { ...secureJsonFields, [`httpHeaderValue${n}`]: false }
                )
              }
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                emit(jsonData, { ...secureJsonData, [`httpHeaderValue${n}`]: e.target.value })
              }
            />
          </InlineField>
          <IconButton name="trash-alt" tooltip={`Remove header ${n}`} onClick={() => remove(n)} />
        </InlineFieldRow>
      ))}
      <Stack gap={1}>
        <Button size="sm" variant="secondary" icon="plus" onClick={() => add()}>
          Add header
        </Button>
        {!idx.some((n) => jsonData[`httpHeaderName${n}`]?.toLowerCase() === 'x-scope-orgid') && (
          <Button size="sm" variant="secondary" icon="plus" onClick={() => add('X-Scope-OrgID')}>
            Mimir tenant (X-Scope-OrgID)
          </Button>
        )}
      </Stack>
    </Stack>
  );
}
