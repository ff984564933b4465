// The bundled dashboards, as code. `npm run dashboards:gen` writes them to src/dashboards/*.json.
import { PanelBuilder as GenericPanel } from '@grafana/grafana-foundation-sdk/dashboard';
import * as text from '@grafana/grafana-foundation-sdk/text';
import { basisMeasureId, catalog, tokensMeasure } from '../../catalog';
import { DEFAULT_OPTIONS } from '../../panels/cost/types';
import { seatmeterDashboard, UIDS } from './common';
import { barsPanel, cacheHitTable, matrixTable, measure, reportTable, statPanel, trendPanel } from './panels';
import { activeUsers, cost, DS, pipeline, usage } from './query';

const TOKENS = tokensMeasure.id;
const ACTIVE_TIME = measure('active_time');
const name = (basis: keyof typeof basisMeasureId) => measure(basisMeasureId[basis]).name;
const unitOf = (basis: keyof typeof basisMeasureId) => measure(basisMeasureId[basis]).unit;

export function overview() {
  return seatmeterDashboard(
    'Seatmeter / Overview',
    UIDS.overview,
    'Team usage of AI coding agents and what it would cost'
  )
    .withPanel(statPanel('Total tokens', tokensMeasure.unit, usage(TOKENS).instant(), tokensMeasure.description))
    .withPanel(
      statPanel(
        name('cache-aware'),
        unitOf('cache-aware'),
        cost('cache-aware').instant(),
        measure(basisMeasureId['cache-aware']).description
      )
    )
    .withPanel(
      statPanel(
        name('reported'),
        unitOf('reported'),
        cost('reported').instant(),
        measure(basisMeasureId.reported).description
      )
    )
    .withPanel(
      statPanel(
        name('list-ceiling'),
        unitOf('list-ceiling'),
        cost('list-ceiling').instant(),
        measure(basisMeasureId['list-ceiling']).description
      )
    )
    .withPanel(
      statPanel(
        measure('active_users').name,
        measure('active_users').unit,
        activeUsers().instant(),
        measure('active_users').description
      )
    )
    .withPanel(statPanel(ACTIVE_TIME.name, ACTIVE_TIME.unit, usage(ACTIVE_TIME.id).instant(), ACTIVE_TIME.description))
    .withPanel(trendPanel('Tokens by type', tokensMeasure.unit, usage(TOKENS).groupBy('type').legend('{{type}}')))
    .withPanel(
      trendPanel(
        `${name('cache-aware')} by agent`,
        unitOf('cache-aware'),
        cost('cache-aware').groupBy('agent').legend('{{agent}}')
      )
    )
    .build();
}

export function perDeveloper() {
  return seatmeterDashboard('Seatmeter / Per developer', UIDS.developers, 'Tokens and cost ranked by developer')
    .withPanel(
      barsPanel('Tokens by developer', tokensMeasure.unit, usage(TOKENS).groupBy('user').instant().legend('{{user}}'))
    )
    .withPanel(
      barsPanel(
        `${name('cache-aware')} by developer`,
        unitOf('cache-aware'),
        cost('cache-aware').groupBy('user').instant().legend('{{user}}')
      )
    )
    .withPanel(
      trendPanel('Token rate by developer', tokensMeasure.unit, usage(TOKENS).groupBy('user').legend('{{user}}'))
    )
    .withPanel(
      matrixTable(
        'Developer × token type',
        tokensMeasure.unit,
        usage(TOKENS).groupBy('user', 'type').instant(),
        'user',
        'type'
      )
    )
    .build();
}

export function perModel() {
  const costPanel = new GenericPanel()
    .type('seatmeter-cost-panel')
    .title('Cost by model: reported, cache-aware, list ceiling')
    .datasource(DS)
    // By model only: with the developer too, 1,000 developers on every model outgrow one answer.
    .withTarget(usage(TOKENS, 'A').groupBy('agent', 'model', 'type').instant())
    .withTarget(cost('reported', 'B').groupBy('agent', 'model').instant())
    .options({ ...DEFAULT_OPTIONS, groupBy: 'model' })
    .height(10)
    .span(24);
  return seatmeterDashboard('Seatmeter / Per model', UIDS.models, 'Tokens, cost and cache use by model')
    .withPanel(costPanel)
    .withPanel(
      barsPanel('Tokens by model', tokensMeasure.unit, usage(TOKENS).groupBy('model').instant().legend('{{model}}'))
    )
    .withPanel(
      barsPanel(
        `${name('cache-aware')} by model`,
        unitOf('cache-aware'),
        cost('cache-aware').groupBy('model').instant().legend('{{model}}')
      )
    )
    .withPanel(
      matrixTable(
        'Tokens by model and type',
        tokensMeasure.unit,
        usage(TOKENS).groupBy('model', 'type').instant(),
        'model',
        'type'
      )
    )
    .withPanel(trendPanel('Tokens by model', tokensMeasure.unit, usage(TOKENS).groupBy('model').legend('{{model}}')))
    .withPanel(cacheHitTable('Cache-hit ratio by model', usage(TOKENS).groupBy('model', 'type').instant(), 'model'))
    .build();
}

export function pipelineHealth() {
  const agents = catalog.agents.map((a) => a.name).join(', ');
  return seatmeterDashboard(
    'Seatmeter / Pipeline health',
    UIDS.pipeline,
    'Is every source and developer still reporting?'
  )
    .withPanel(
      new text.PanelBuilder()
        .title('Hop by hop')
        .content(
          `The app's **Pipeline health** page checks every hop (agent → collector → store → Seatmeter) with the fix for anything not green, and shows the store's naming dialect: [open it](/a/seatmeter-app/pipeline). Agents understood: ${agents}.`
        )
        .height(4)
        .span(24)
    )
    .withPanel(
      reportTable(
        'Hops: store, dialect, agents, delta, identity, cardinality, Mimir discards',
        pipeline('hops'),
        'Each hop as the store sees it now, with the fix for anything not ok; the naming dialect and Mimir’s discarded samples by reason are rows here.'
      )
    )
    .withPanel(
      reportTable(
        'Last sample per developer',
        pipeline('developers'),
        'When each developer last sent token data, per agent: who went silent.'
      )
    )
    .withPanel(
      matrixTable(
        'Tokens in range by developer and agent',
        tokensMeasure.unit,
        usage(TOKENS).groupBy('user', 'agent').instant(),
        'user',
        'agent'
      )
    )
    .withPanel(
      trendPanel(
        'Token samples by agent (gaps are drops)',
        tokensMeasure.unit,
        usage(TOKENS).groupBy('agent').legend('{{agent}}')
      )
    )
    .withPanel(trendPanel('Active developers', measure('active_users').unit, activeUsers()))
    .build();
}

/** File name (in src/dashboards/) → dashboard. */
export const DASHBOARDS = {
  'overview.json': overview,
  'per-developer.json': perDeveloper,
  'per-model.json': perModel,
  'pipeline-health.json': pipelineHealth,
};

export function renderDashboard(build: () => unknown): string {
  return JSON.stringify(build(), null, 2) + '\n';
}
