import React, { type ChangeEvent } from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup, Stack } from '@grafana/ui';
import { tokensMeasure } from '../catalog';
import type { DataSource } from './datasource';
import { PromQLQueryEditor } from './editors/PromQLQueryEditor';
import { UsageQueryEditor } from './editors/UsageQueryEditor';
import type { PipelineView, QueryType, SeatmeterOptions, SeatmeterQuery } from './types';

type Props = QueryEditorProps<DataSource, SeatmeterQuery, SeatmeterOptions>;

const TYPES: Array<{ label: string; value: QueryType; description: string }> = [
  { label: 'Usage', value: 'usage', description: 'A catalog measure, grouped and filtered by canonical labels' },
  { label: 'Cost', value: 'cost', description: 'Tokens priced: vendor-reported, cache-aware or list ceiling' },
  { label: 'Active developers', value: 'active_users', description: 'Developers with any token usage' },
  { label: 'PromQL', value: 'promql', description: 'Any PromQL, rewritten for the store' },
  { label: 'Pipeline', value: 'pipeline', description: 'The hop-by-hop pipeline report as a table' },
];

const VIEWS: Array<{ label: string; value: PipelineView }> = [
  { label: 'Hops', value: 'hops' },
  { label: 'Last sample per developer', value: 'developers' },
];

export function QueryEditor({ datasource, query, onChange, onRunQuery }: Props) {
  const type = query.queryType ?? 'promql';
  const setType = (queryType: QueryType) => {
    // A usage query always names its measure; the picker shows the token measure until another is chosen.
    const measure = queryType === 'usage' ? (query.measure ?? tokensMeasure.id) : query.measure;
    onChange({ ...query, queryType, ...(measure ? { measure } : {}) });
    onRunQuery();
  };
  return (
    <Stack direction="column" gap={1}>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={14}>
          <RadioButtonGroup options={TYPES} value={type} onChange={setType} />
        </InlineField>
      </InlineFieldRow>
      {type === 'promql' ? (
        <PromQLQueryEditor datasource={datasource} query={query} onChange={onChange} onRunQuery={onRunQuery} />
      ) : type === 'variable' ? null : type === 'pipeline' ? (
        <InlineFieldRow>
          <InlineField label="View" labelWidth={14}>
            <RadioButtonGroup
              options={VIEWS}
              value={query.view ?? 'hops'}
              onChange={(view) => {
                onChange({ ...query, view });
                onRunQuery();
              }}
            />
          </InlineField>
        </InlineFieldRow>
      ) : (
        <UsageQueryEditor
          datasource={datasource}
          query={query}
          onChange={onChange}
          onRunQuery={onRunQuery}
          mode={type}
        />
      )}
      <InlineFieldRow>
        <InlineField label="Legend" labelWidth={14} tooltip="Label templates, e.g. {{user}} {{model}}">
          <Input
            aria-label="Legend"
            width={40}
            placeholder="{{user}} {{model}}"
            value={query.legendFormat ?? ''}
            onChange={(e: ChangeEvent<HTMLInputElement>) => onChange({ ...query, legendFormat: e.target.value })}
            onBlur={onRunQuery}
          />
        </InlineField>
        <InlineField label="Instant" tooltip="One value over the whole range instead of a time series">
          <InlineSwitch
            aria-label="Instant"
            value={!!query.instant}
            onChange={(e: React.FormEvent<HTMLInputElement>) => {
              onChange({ ...query, instant: e.currentTarget.checked });
              onRunQuery();
            }}
          />
        </InlineField>
      </InlineFieldRow>
    </Stack>
  );
}
