import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import {
  dataFrameFromJSON,
  standardTransformers,
  standardTransformersRegistry,
  transformDataFrame,
  type DataFrameJSON,
  type DataTransformerConfig,
  type TransformerRegistryItem,
} from '@grafana/data';

// Grafana's own transformers, run on frames the real backend returned on the test bed
// (tests/browser/fixtures/backend-capture.json), so the dashboard's table math is checked, not assumed.
beforeAll(() => {
  const unique = new Map(Object.values(standardTransformers).map((t) => [t.id, t]));
  standardTransformersRegistry.setInit(() =>
    [...unique.values()].map<TransformerRegistryItem>((t) => ({
      id: t.id,
      name: t.name,
      transformation: t,
      description: t.description,
      editor: () => null,
      imageDark: '',
      imageLight: '',
    }))
  );
});

const capture = JSON.parse(readFileSync(join(__dirname, '../../tests/browser/fixtures/backend-capture.json'), 'utf8'));
const dashboard = JSON.parse(readFileSync(join(__dirname, 'per-model.json'), 'utf8'));

test('the cache-hit table gives cache reads over input-side tokens per model', async () => {
  const panel = dashboard.panels.find((p: { title: string }) => p.title === 'Cache-hit ratio by model');
  const recorded = capture.queries.find(
    (q: { source: string }) => q.source === 'per-model.json / Tokens by model and type'
  );
  const frames = (recorded.response.results.A.frames as DataFrameJSON[]).map((f) => dataFrameFromJSON(f));
  const out = await lastValueFrom(transformDataFrame(panel.transformations as DataTransformerConfig[], frames));
  expect(out).toHaveLength(1);
  const names = out[0].fields.map((f) => f.name);
  // groupingToMatrix names the row column "<row>\\<column>".
  expect(names).toEqual(['model\\type', 'Cache-hit ratio']);

  const byType = new Map<string, Record<string, number>>();
  for (const f of frames) {
    const v = f.fields[1];
    const m = byType.get(v.labels!.model) ?? {};
    m[v.labels!.type] = Number(v.values[v.values.length - 1]);
    byType.set(v.labels!.model, m);
  }
  expect(out[0].length).toBe(byType.size);
  for (let i = 0; i < out[0].length; i++) {
    const t = byType.get(out[0].fields[0].values[i])!;
    const inputSide = (t.input ?? 0) + (t.cache_read ?? 0) + (t.cache_write ?? 0);
    expect(out[0].fields[1].values[i]).toBeCloseTo((t.cache_read ?? 0) / inputSide, 9);
  }
});
