import React, { useMemo, useState } from 'react';
import { css, cx } from '@emotion/css';
import { formattedValueToString, getValueFormat, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { Alert, Tooltip, useStyles2 } from '@grafana/ui';
import { priceRows, type CostRow } from './costRows';
import { pricerFromOptions } from './pricerFromOptions';
import { DEFAULT_OPTIONS, type CostPanelOptions } from './types';
import { extractUsage } from './usageRecords';

type Props = PanelProps<CostPanelOptions>;

export function CostPanel({ data, options: given, width, height, timeRange }: Props) {
  const options = { ...DEFAULT_OPTIONS, ...given };
  const styles = useStyles2(getStyles);
  const overridesJson = given.overridesJson ?? DEFAULT_OPTIONS.overridesJson;
  const discountPercent = given.discountPercent ?? DEFAULT_OPTIONS.discountPercent;
  const assumedCacheWriteTTL = given.assumedCacheWriteTTL ?? DEFAULT_OPTIONS.assumedCacheWriteTTL;
  const [openedAt] = useState(() => Date.now());
  const priced = useMemo(
    () => pricerFromOptions({ overridesJson, discountPercent, assumedCacheWriteTTL }),
    [overridesJson, discountPercent, assumedCacheWriteTTL]
  );
  const rangeEnd = timeRange.to.valueOf();
  const extracted = useMemo(() => extractUsage(data.series, rangeEnd), [data.series, rangeEnd]);

  if (priced.error !== undefined) {
    return <Alert title={priced.error} severity="error" />;
  }
  if (extracted.records.length === 0) {
    return (
      <div className={styles.empty}>
        No token frames: query the Seatmeter data source (usage of tokens grouped by model and type), or any Prometheus
        series carrying the canonical labels model and type.
      </div>
    );
  }
  const modelMissing = extracted.withoutModel > 0 && (
    <Alert title="Token series without a model label cannot be priced" severity="warning" data-testid="cost-no-model">
      {extracted.withoutModel} token series carry no model label, so their usage shows as unpriced: group the
      panel&apos;s token query by model (and agent and type).
    </Alert>
  );
  const table = priceRows(extracted.records, priced.pricer, {
    groupBy: options.groupBy,
    sort: options.sort,
    priceAtMs: options.priceAt === 'now' ? openedAt : undefined,
  });
  const usd = (v: number | undefined) =>
    v === undefined ? '' : formattedValueToString(getValueFormat('currencyUSD')(v, options.decimals));
  const num = (v: number) => formattedValueToString(getValueFormat('locale')(v, 0));
  const pct = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);
  const showReported = table.rows.some((r) => r.reportedUSD !== undefined);
  const ttl = table.total.assumedCacheWriteTTL;
  const groupTitle = { model: 'Model', user: 'Developer', model_user: 'Model · developer' }[options.groupBy];

  const cells = (r: CostRow, total = false) => (
    <>
      {options.showTokenTypes && (
        <>
          <td>{num(r.tokens.input)}</td>
          <td>{num(r.tokens.output)}</td>
          <td>{num(r.tokens.cacheRead)}</td>
          <td>{num(r.tokens.cacheWrite5m + r.tokens.cacheWrite1h + r.tokens.cacheWriteUnknown)}</td>
        </>
      )}
      <td>{num(r.totalTokens)}</td>
      {showReported && <td data-col="reported">{r.reportedUSD === undefined ? '–' : usd(r.reportedUSD)}</td>}
      <td data-col="cache-aware" className={styles.strong}>
        {r.cacheAwareUSD === undefined ? <span className={styles.unpriced}>unpriced</span> : usd(r.cacheAwareUSD)}
        {r.cacheAwareUSD !== undefined && r.unpriced.length > 0 && (
          <Tooltip content={`Excludes unpriced: ${r.unpriced.map((u) => u.model).join(', ')}`}>
            <span className={styles.unpriced}> +unpriced</span>
          </Tooltip>
        )}
      </td>
      <td data-col="ceiling">{usd(r.listCeilingUSD)}</td>
      <td data-col="savings">{usd(r.savingsUSD)}</td>
      <td data-col="hit-ratio">{pct(r.cacheHitRatio)}</td>
      {!total && <td className={styles.notes}>{r.notes.join('; ')}</td>}
    </>
  );

  return (
    <div className={styles.wrap} style={{ width, height }} data-testid="cost-panel">
      {modelMissing}
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{groupTitle}</th>
            {options.showTokenTypes && (
              <>
                <th>Input</th>
                <th>Output</th>
                <th>Cache read</th>
                <th>Cache write</th>
              </>
            )}
            <th>Tokens</th>
            {showReported && <th>Reported</th>}
            <th>Cache-aware</th>
            <th>List ceiling</th>
            <th>Saved by caching</th>
            <th>Cache hit</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.key} data-testid="cost-row" className={cx(r.unpriced.length > 0 && styles.flagged)}>
              <th scope="row">
                {r.key}
                {r.unpriced.length > 0 && (
                  <Tooltip content={r.unpriced.map((u) => `${u.model}: ${u.reason}`).join('\n')}>
                    <span className={styles.badge} data-testid="unpriced-flag">
                      unpriced
                    </span>
                  </Tooltip>
                )}
              </th>
              {cells(r)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="cost-total">
            <th scope="row">Total</th>
            {cells(table.total, true)}
            <td />
          </tr>
        </tfoot>
      </table>
      <div className={styles.footnote} data-testid="cost-footnote">
        Prices as of {table.asOf} ({table.sourceVersion})
        {options.priceAt === 'now' ? ', today\u2019s prices applied to all usage' : ', in force at the time of use'}
        {ttl && `; cache writes of unknown TTL priced as ${ttl}`}
        {options.discountPercent > 0 && `; what-if discount ${options.discountPercent}%`}
        {table.total.unpriced.length > 0 &&
          `; unpriced models left out of the sums: ${table.total.unpriced.map((u) => u.model).join(', ')}`}
        {extracted.skipped > 0 && `; ${extracted.skipped} series without a canonical token type ignored`}.
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ overflow: 'auto', fontSize: theme.typography.bodySmall.fontSize }),
  empty: css({ padding: theme.spacing(2), color: theme.colors.text.secondary }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'right',
      whiteSpace: 'nowrap',
    },
    'th[scope=row], thead th:first-child': { textAlign: 'left' },
    thead: {
      color: theme.colors.text.secondary,
      position: 'sticky',
      top: 0,
      background: theme.colors.background.primary,
    },
    tfoot: { fontWeight: theme.typography.fontWeightMedium },
  }),
  strong: css({ fontWeight: theme.typography.fontWeightMedium }),
  notes: css({
    color: theme.colors.text.secondary,
    textAlign: 'left !important' as 'left',
    whiteSpace: 'normal !important' as 'normal',
  }),
  flagged: css({ background: theme.colors.warning.transparent }),
  unpriced: css({ color: theme.colors.warning.text }),
  badge: css({
    marginLeft: theme.spacing(1),
    padding: theme.spacing(0, 0.5),
    borderRadius: theme.shape.radius.default,
    background: theme.colors.warning.main,
    color: theme.colors.warning.contrastText,
  }),
  footnote: css({ color: theme.colors.text.secondary, marginTop: theme.spacing(1) }),
});
