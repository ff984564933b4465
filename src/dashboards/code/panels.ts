// Panel helpers shared by the bundled dashboards. Titles and units come from the catalog measures.
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import {
  BarGaugeDisplayMode,
  BigValueGraphMode,
  BigValueTextMode,
  ReduceDataOptionsBuilder,
  VizOrientation,
} from '@grafana/grafana-foundation-sdk/common';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { catalog, measureById, type CatalogMeasure } from '../../catalog';
import { DS } from './query';

export function measure(id: string): CatalogMeasure {
  const m = measureById(id);
  if (!m) {
    throw new Error(`dashboards: measure ${id} is not in data/catalog.json`);
  }
  return m;
}

const reduceLast = () => new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);

export function statPanel(title: string, unit: string, q: Builder<Dataquery>, description?: string) {
  return new stat.PanelBuilder()
    .title(title)
    .description(description ?? '')
    .datasource(DS)
    .withTarget(q)
    .unit(unit)
    .reduceOptions(reduceLast())
    .graphMode(BigValueGraphMode.None)
    .textMode(BigValueTextMode.Value)
    .height(4)
    .span(4);
}

export function barsPanel(title: string, unit: string, q: Builder<Dataquery>, description?: string) {
  return new bargauge.PanelBuilder()
    .title(title)
    .description(description ?? '')
    .datasource(DS)
    .withTarget(q)
    .unit(unit)
    .orientation(VizOrientation.Horizontal)
    .displayMode(BarGaugeDisplayMode.Basic)
    .reduceOptions(reduceLast())
    .showUnfilled(true)
    .height(9)
    .span(12);
}

export function trendPanel(title: string, unit: string, q: Builder<Dataquery>, description?: string) {
  return new timeseries.PanelBuilder()
    .title(title)
    .description(description ?? '')
    .datasource(DS)
    .withTarget(q)
    .unit(unit)
    .fillOpacity(10)
    .height(9)
    .span(12);
}

/** Instant series with labels → one row per `row` value and one column per `column` value. */
export function matrixTable(title: string, unit: string, q: Builder<Dataquery>, row: string, column: string) {
  return new table.PanelBuilder()
    .title(title)
    .datasource(DS)
    .withTarget(q)
    .unit(unit)
    .withTransformation({ id: 'labelsToFields', options: { mode: 'columns' } })
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({
      id: 'groupingToMatrix',
      options: { rowField: row, columnField: column, valueField: 'Value', emptyValue: 'zero' },
    })
    .height(9)
    .span(12);
}

/** The contract's canonical token types the ratio needs; generation fails if the catalog drops one. */
function tokenType(t: string): string {
  if (!catalog.tokenTypes.includes(t)) {
    throw new Error(`dashboards: canonical token type ${t} is not in data/catalog.json`);
  }
  return t;
}

/**
 * Cache-hit ratio per `row` value: cache reads over all input-side tokens, computed by Grafana's own
 * transformations from instant token series grouped by `row` and type.
 */
export function cacheHitTable(title: string, q: Builder<Dataquery>, row: string) {
  const cacheRead = tokenType('cache_read');
  const inputSide = catalog.tokenTypes.filter((t) => t !== tokenType('output'));
  return new table.PanelBuilder()
    .title(title)
    .datasource(DS)
    .withTarget(q)
    .withTransformation({ id: 'labelsToFields', options: { mode: 'columns' } })
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({
      id: 'groupingToMatrix',
      options: { rowField: row, columnField: 'type', valueField: 'Value', emptyValue: 'zero' },
    })
    .withTransformation({
      id: 'calculateField',
      options: { mode: 'reduceRow', reduce: { reducer: 'sum', include: inputSide }, alias: 'input side' },
    })
    .withTransformation({
      id: 'calculateField',
      options: {
        mode: 'binary',
        binary: { left: cacheRead, operator: '/', right: 'input side' },
        alias: 'Cache-hit ratio',
      },
    })
    .withTransformation({
      id: 'organize',
      options: {
        excludeByName: Object.fromEntries([...catalog.tokenTypes, 'input side'].map((t) => [t, true])),
      },
    })
    .overrideByName('Cache-hit ratio', [{ id: 'unit', value: 'percentunit' }])
    .height(9)
    .span(12);
}

/** A plain table of a query's one table frame (the pipeline report). */
export function reportTable(title: string, q: Builder<Dataquery>, description: string) {
  return new table.PanelBuilder().title(title).description(description).datasource(DS).withTarget(q).height(8).span(24);
}
