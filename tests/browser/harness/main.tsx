// The harness page: mounts one REAL Seatmeter component per `?view=`, fed with what the real backend
// answered (tests/browser/fixtures/backend-capture.json, served by tests/browser/server.ts).
import React, { useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  LoadingState,
  ThemeContext,
  createTheme,
  dataFrameFromJSON,
  dateTime,
  type DataFrameJSON,
  type DataSourceSettings,
  type PanelProps,
} from '@grafana/data';
import { GlobalStyles } from '@grafana/ui';
import { installRuntime, instanceSettings } from './runtime';
import { BuiltQueryEditor } from './builtPlugin';
import { CostPanel } from '../../../src/panels/cost/CostPanel';
import { DEFAULT_OPTIONS, type CostPanelOptions } from '../../../src/panels/cost/types';
import { ConfigEditor } from '../../../src/datasource/ConfigEditor';
import { DataSource } from '../../../src/datasource/datasource';
import { QueryEditor } from '../../../src/datasource/QueryEditor';
import type { SeatmeterOptions, SeatmeterQuery, SeatmeterSecureOptions } from '../../../src/datasource/types';
import { Home } from '../../../src/pages/Home';
import { PipelineHealthPage } from '../../../src/pages/PipelineHealth';
import { PricesPage } from '../../../src/pages/Prices';
import { DictionaryPage } from '../../../src/pages/Dictionary';
import { SetupPage } from '../../../src/pages/Setup';

interface Capture {
  from: string;
  to: string;
  queries: Array<{
    source: string;
    query: { refId: string };
    response: { results: Record<string, { frames: DataFrameJSON[] }> };
  }>;
}

const params = new URLSearchParams(location.search);
const view = params.get('view') ?? 'home';
const theme = createTheme({ colors: { mode: params.get('theme') === 'light' ? 'light' : 'dark' } });
installRuntime(['agent', 'user', 'model']);

function framesOf(capture: Capture, source: string) {
  return capture.queries
    .filter((q) => q.source === source)
    .flatMap((q) => Object.values(q.response.results).flatMap((r) => r.frames.map((f) => dataFrameFromJSON(f))));
}

function CostPanelView({ capture }: { capture: Capture }) {
  const options: CostPanelOptions = { ...DEFAULT_OPTIONS, ...JSON.parse(params.get('options') ?? '{}') };
  const source = params.get('source') ?? 'per-model.json / Cost by model: reported, cache-aware, list ceiling';
  const series = framesOf(capture, source);
  const range = { from: dateTime(capture.from), to: dateTime(capture.to), raw: { from: capture.from, to: capture.to } };
  const props = {
    data: { series, state: LoadingState.Done, timeRange: range },
    options,
    width: 1400,
    height: 420,
    timeRange: range,
  } as unknown as PanelProps<CostPanelOptions>;
  return <CostPanel {...props} />;
}

function QueryEditorView() {
  const [ds] = useState(() => new DataSource(instanceSettings as never));
  const [query, setQuery] = useState<SeatmeterQuery>({
    refId: 'A',
    queryType: (params.get('type') as SeatmeterQuery['queryType']) ?? 'promql',
    expr: '',
  });
  return (
    <div>
      <QueryEditor datasource={ds} query={query} onChange={setQuery} onRunQuery={() => undefined} />
      <pre data-testid="query-json">{JSON.stringify(query)}</pre>
    </div>
  );
}

function ConfigEditorView() {
  const [options, setOptions] = useState({
    url: 'http://mimir:9009/prometheus',
    jsonData: { authType: 'basic', basicAuthUser: 'grafana', httpHeaderName1: 'X-Scope-OrgID' },
    secureJsonFields: { httpHeaderValue1: true, basicAuthPassword: true },
    secureJsonData: {},
  } as unknown as DataSourceSettings<SeatmeterOptions, SeatmeterSecureOptions>);
  return (
    <div>
      <ConfigEditor options={options} onOptionsChange={setOptions} />
      <pre data-testid="settings-json">
        {JSON.stringify({ jsonData: options.jsonData, secureJsonData: options.secureJsonData })}
      </pre>
    </div>
  );
}

function View({ capture }: { capture: Capture }) {
  switch (view) {
    case 'cost-panel':
      return <CostPanelView capture={capture} />;
    case 'query-editor':
      return <QueryEditorView />;
    case 'config-editor':
      return <ConfigEditorView />;
    case 'built-query-editor':
      return <BuiltQueryEditor moduleUrl={params.get('module') ?? ''} queryType={params.get('type') ?? 'promql'} />;
    case 'pipeline':
      return <PipelineHealthPage />;
    case 'prices':
      return <PricesPage />;
    case 'dictionary':
      return <DictionaryPage />;
    case 'setup':
      return <SetupPage />;
    default:
      return <Home />;
  }
}

fetch('/fixture')
  .then((r) => r.json())
  .then((capture: Capture) => {
    createRoot(document.getElementById('root')!).render(
      <ThemeContext.Provider value={theme}>
        <GlobalStyles />
        <div style={{ padding: 16 }} data-testid={`view-${view}`}>
          <View capture={capture} />
        </div>
      </ThemeContext.Provider>
    );
  });
