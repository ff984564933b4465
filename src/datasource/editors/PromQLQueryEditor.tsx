import React, { useCallback, useMemo } from 'react';
import { Field } from '@grafana/ui';
import type { DataSource } from '../datasource';
import { labelValues, rewrite } from '../resources';
import type { SeatmeterQuery } from '../types';
import { LazyPromQLField } from './LazyPromQLField';
import { catalogPromClient } from './promqlCompletion';
import { RewritePreview } from './RewritePreview';
import { useRewritePreview } from './useRewritePreview';
import { tokensMeasure } from '../../catalog';

const EXAMPLE = `sum by (user) (increase(${tokensMeasure.metrics[0].otel.replace(/\./g, '_')}[$__range]))`;

interface Props {
  datasource: DataSource;
  query: SeatmeterQuery;
  onChange: (q: SeatmeterQuery) => void;
  onRunQuery: () => void;
}

export function PromQLQueryEditor({ datasource, query, onChange, onRunQuery }: Props) {
  const expr = query.expr ?? '';
  const ask = useCallback((e: string) => rewrite(datasource, e), [datasource]);
  const preview = useRewritePreview(expr, ask);
  const client = useMemo(() => catalogPromClient((label) => labelValues(datasource, label)), [datasource]);
  const err = preview.result?.error;
  const markedError = useMemo(() => (err ? { offset: err.offset, message: err.message } : undefined), [err]);
  return (
    <>
      <Field
        label="PromQL"
        description="OTel, Prometheus or canonical metric names; the backend rewrites them for your store"
      >
        <LazyPromQLField
          value={expr}
          client={client}
          error={markedError}
          placeholder={EXAMPLE}
          onChange={(e) => onChange({ ...query, queryType: 'promql', expr: e })}
          onBlur={onRunQuery}
        />
      </Field>
      <RewritePreview state={preview} />
    </>
  );
}
