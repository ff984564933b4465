import React from 'react';
import { InlineField, RadioButtonGroup } from '@grafana/ui';
import type { SeatmeterQuery, VariableKind } from '../types';

const KINDS: Array<{ label: string; value: VariableKind }> = [
  { label: 'Developers', value: 'user' },
  { label: 'Models', value: 'model' },
  { label: 'Agents', value: 'agent' },
];

interface Props {
  query: SeatmeterQuery;
  onChange: (q: SeatmeterQuery) => void;
}

/** Editor for `$user`, `$model`, `$agent`: the backend lists canonical values whatever the store's dialect. */
export function VariableQueryEditor({ query, onChange }: Props) {
  return (
    <InlineField label="Values of" labelWidth={14}>
      <RadioButtonGroup
        options={KINDS}
        value={query.variable}
        onChange={(variable) => onChange({ ...query, queryType: 'variable', variable, refId: query.refId ?? 'V' })}
      />
    </InlineField>
  );
}
