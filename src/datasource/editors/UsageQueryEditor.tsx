import React, { useId } from 'react';
import {
  Combobox,
  Field,
  InlineField,
  InlineFieldRow,
  MultiCombobox,
  RadioButtonGroup,
  Stack,
  type ComboboxOption,
} from '@grafana/ui';
import {
  basisMeasureId,
  evidenceMeasures,
  groupableLabels,
  measureById,
  tokensMeasure,
  type CostBasis,
} from '../../catalog';
import type { DataSource } from '../datasource';
import type { CanonicalLabel, QueryFilters, SeatmeterQuery } from '../types';
import { useLabelOptions } from './useLabelOptions';

interface Props {
  datasource: DataSource;
  query: SeatmeterQuery;
  onChange: (q: SeatmeterQuery) => void;
  onRunQuery: () => void;
  /** `cost` picks a cost basis; `usage` picks a measure; `active_users` only filters. */
  mode: 'usage' | 'cost' | 'active_users';
}

const MEASURE_OPTIONS = evidenceMeasures.map((m) => ({ label: m.name, value: m.id, description: m.description }));
const GROUP_OPTIONS = groupableLabels.map((l) => ({ label: l, value: l }));
const BASIS_OPTIONS = (Object.keys(basisMeasureId) as CostBasis[]).map((b) => ({
  value: b,
  label: measureById(basisMeasureId[b])?.name ?? b,
  description: measureById(basisMeasureId[b])?.description,
}));

export function UsageQueryEditor({ datasource, query, onChange, onRunQuery, mode }: Props) {
  const set = (patch: Partial<SeatmeterQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };
  const id = useId();
  const setFilter = (label: CanonicalLabel, v: Array<ComboboxOption<string>>) => {
    const filters: QueryFilters = { ...query.filters, [label]: v.map((x) => x.value).filter(Boolean) };
    if (filters[label]!.length === 0) {
      delete filters[label];
    }
    set({ filters });
  };
  return (
    <Stack direction="column" gap={1}>
      <InlineFieldRow>
        {mode === 'usage' && (
          <InlineField label="Measure" labelWidth={14} tooltip="From the metric catalog">
            <Combobox
              id={`${id}-measure`}
              width={32}
              options={MEASURE_OPTIONS}
              value={query.measure ?? tokensMeasure.id}
              onChange={(v) => set({ measure: v.value })}
            />
          </InlineField>
        )}
        {mode === 'cost' && (
          <InlineField label="Cost basis" labelWidth={14}>
            <RadioButtonGroup
              options={BASIS_OPTIONS}
              value={query.basis ?? 'cache-aware'}
              onChange={(basis) => set({ basis })}
            />
          </InlineField>
        )}
        {mode !== 'active_users' && (
          <InlineField label="Group by" labelWidth={14}>
            <MultiCombobox
              id={`${id}-group-by`}
              width={40}
              placeholder="no grouping"
              options={GROUP_OPTIONS}
              value={query.groupBy ?? []}
              onChange={(v) => set({ groupBy: v.map((x) => x.value as CanonicalLabel) })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      <Field label="Filters" description="Empty means all; dashboard variables ($user, $model, $agent) expand here">
        <InlineFieldRow>
          {(['agent', 'user', 'model', 'type'] as const)
            .filter((l) => groupableLabels.includes(l) && (l !== 'type' || mode !== 'active_users'))
            .map((l) => (
              <FilterPicker
                key={l}
                id={`${id}-filter-${l}`}
                ds={datasource}
                label={l}
                query={query}
                onChange={setFilter}
              />
            ))}
        </InlineFieldRow>
      </Field>
    </Stack>
  );
}

function FilterPicker(props: {
  id: string;
  ds: DataSource;
  label: CanonicalLabel;
  query: SeatmeterQuery;
  onChange: (label: CanonicalLabel, v: Array<ComboboxOption<string>>) => void;
}) {
  const { id, ds, label, query, onChange } = props;
  const loadOptions = useLabelOptions(ds, label);
  return (
    <InlineField label={label} labelWidth={8}>
      <MultiCombobox
        id={id}
        width="auto"
        minWidth={20}
        maxWidth={60}
        createCustomValue
        placeholder="all"
        options={loadOptions}
        value={query.filters?.[label] ?? []}
        onChange={(v) => onChange(label, v)}
      />
    </InlineField>
  );
}
