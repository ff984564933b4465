import React, { type ChangeEvent } from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { Field, InlineSwitch, Input, TextArea } from '@grafana/ui';
import type { DataSource } from './datasource';
import type { SeatmeterOptions, SeatmeterQuery } from './types';

type Props = QueryEditorProps<DataSource, SeatmeterQuery, SeatmeterOptions>;

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  return (
    <>
      <Field
        label="PromQL"
        description="OTel, Prometheus or canonical metric names; the backend rewrites them for your store"
      >
        <TextArea
          aria-label="PromQL"
          rows={3}
          value={query.expr ?? ''}
          onChange={(e: ChangeEvent<HTMLTextAreaElement>) =>
            onChange({ ...query, queryType: 'promql', expr: e.target.value })
          }
          onBlur={onRunQuery}
        />
      </Field>
      <Field label="Legend">
        <Input
          aria-label="Legend"
          width={40}
          placeholder="{{user}} {{model}}"
          value={query.legendFormat ?? ''}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange({ ...query, legendFormat: e.target.value })}
          onBlur={onRunQuery}
        />
      </Field>
      <InlineSwitch
        label="Instant"
        showLabel
        value={!!query.instant}
        onChange={(e: React.FormEvent<HTMLInputElement>) => {
          onChange({ ...query, instant: e.currentTarget.checked });
          onRunQuery();
        }}
      />
    </>
  );
}
