import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pluginJson from '../../plugin.json';
import { catalog, evidenceMeasures } from '../catalog';
import { DASHBOARDS, renderDashboard } from './code/dashboards';

const QUERY_TYPES = ['usage', 'cost', 'active_users', 'variable', 'pipeline'];
type Target = { queryType?: string; measure?: string; datasource?: { uid?: string }; expr?: string };
type Panel = { type: string; title: string; targets?: Target[]; datasource?: { uid?: string } };

describe.each(Object.entries(DASHBOARDS))('%s', (file, build) => {
  const committed = readFileSync(join(__dirname, file), 'utf8');
  const dash = JSON.parse(committed);

  test('the committed JSON is what the code generates (else run npm run dashboards:gen)', () => {
    expect(committed).toBe(renderDashboard(build));
  });

  test('is bundled: plugin.json includes it', () => {
    expect(pluginJson.includes).toContainEqual(
      expect.objectContaining({ type: 'dashboard', path: `dashboards/${file}` })
    );
  });

  test('has a stable uid, a data source variable and $agent, $user (multi, all by default), $model', () => {
    expect(dash.uid).toMatch(/^seatmeter-/);
    const vars = Object.fromEntries(dash.templating.list.map((v: { name: string }) => [v.name, v]));
    expect(vars.datasource).toMatchObject({ type: 'datasource', query: 'seatmeter-datasource' });
    for (const name of ['agent', 'user', 'model']) {
      expect(vars[name]).toMatchObject({ type: 'query', query: { queryType: 'variable', variable: name } });
    }
    expect(vars.user).toMatchObject({ multi: true, includeAll: true, current: { value: ['$__all'] } });
  });

  test('every query is a Seatmeter query type on the data source variable, with catalog measures only', () => {
    const panels: Panel[] = dash.panels;
    const targets = panels.flatMap((p) => p.targets ?? []);
    expect(targets.length).toBeGreaterThan(0);
    for (const p of panels.filter((x) => x.targets?.length)) {
      expect(p.datasource?.uid).toBe('${datasource}');
    }
    for (const t of targets) {
      expect(QUERY_TYPES).toContain(t.queryType);
      expect(t.datasource?.uid).toBe('${datasource}');
      expect(t.expr).toBeUndefined();
      if (t.measure !== undefined) {
        expect(evidenceMeasures.map((m) => m.id)).toContain(t.measure);
      }
    }
  });
});

test('no hard-coded data source uid and no metric name anywhere in the dashboards', () => {
  const all = Object.keys(DASHBOARDS)
    .map((f) => readFileSync(join(__dirname, f), 'utf8'))
    .join('\n');
  for (const m of catalog.measures.flatMap((x) => x.metrics)) {
    expect(all).not.toContain(m.otel);
    expect(all).not.toContain(m.otel.replace(/\./g, '_'));
  }
  expect(all).not.toMatch(/"uid": "(?!\$\{datasource\}|seatmeter-)/);
});

test('the per-model dashboard carries the cost panel fed by token and reported-cost queries', () => {
  const dash = JSON.parse(readFileSync(join(__dirname, 'per-model.json'), 'utf8'));
  const panel = dash.panels.find((p: Panel) => p.type === 'seatmeter-cost-panel');
  expect(panel.targets.map((t: Target & { basis?: string }) => t.queryType + (t.basis ? `:${t.basis}` : ''))).toEqual([
    'usage',
    'cost:reported',
  ]);
});
