import type { DataSourceInstanceSettings } from '@grafana/data';
import { DataSource } from './datasource';
import type { SeatmeterOptions } from './types';
import { tokensMeasure } from '../catalog';

const multi: Record<string, string[]> = { user: ['ada@example.com', 'bob@example.com'] };
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getTemplateSrv: () => ({
    replace: (s: string, _vars: unknown, format?: string) =>
      s.replace(/\$(\w+)/g, (_m: string, name: string) =>
        name === 'model' ? '*' : format === 'json' ? JSON.stringify(multi[name] ?? []) : (multi[name] ?? []).join('|')
      ),
  }),
}));

const ds = new DataSource({ uid: 'x', jsonData: {} } as unknown as DataSourceInstanceSettings<SeatmeterOptions>);

test('multi-value variables expand into filter lists; All ("*") means no filter', () => {
  const q = ds.applyTemplateVariables(
    { refId: 'A', queryType: 'usage', filters: { user: ['$user'], model: ['$model'], agent: ['codex'] } },
    {}
  );
  expect(q.filters).toEqual({ user: ['ada@example.com', 'bob@example.com'], agent: ['codex'] });
  expect(q.measure).toBe(tokensMeasure.id);
});

test('queries without what their type needs are not sent', () => {
  expect(ds.filterQuery({ refId: 'A', queryType: 'promql', expr: '  ' })).toBe(false);
  expect(ds.filterQuery({ refId: 'A', queryType: 'variable' })).toBe(false);
  expect(ds.filterQuery({ refId: 'A', queryType: 'cost' })).toBe(true);
});
