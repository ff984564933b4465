// The recorded backend answers and the figures a user should read, computed here from the raw capture
// (not through the components under test).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export interface FrameJSON {
  schema: {
    fields: Array<{ name: string; type: string; labels?: Record<string, string>; config?: { unit?: string } }>;
  };
  data: { values: unknown[][] };
}
interface Capture {
  from: string;
  to: string;
  unpricedModel: string;
  rewriteExamples: Record<'good' | 'broken', string>;
  truth: { totals: Array<{ model: string; tokens: number }>; perIntervalMax: Array<{ model: string; tokens: number }> };
  queries: Array<{ source: string; response: { results: Record<string, { frames: FrameJSON[] }> } }>;
  resources: Array<{ method: string; path: string; body?: { expr?: string }; status: number; answer: any }>;
}

const ROOT = join(__dirname, '..', '..', '..');
export const capture: Capture = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'backend-capture.json'), 'utf8')
);

export function frames(source: string, refId?: string): FrameJSON[] {
  return capture.queries
    .filter((q) => q.source === source)
    .flatMap((q) =>
      Object.entries(q.response.results)
        .filter(([r]) => !refId || r === refId)
        .flatMap(([, r]) => r.frames)
    );
}

/** label value → sum of the last value of each series, over frames of one recorded query. */
export function sumBy(fs: FrameJSON[], label: string, where: (labels: Record<string, string>) => boolean = () => true) {
  const out = new Map<string, number>();
  for (const f of fs) {
    f.schema.fields.forEach((field, i) => {
      if (field.type !== 'number' || !field.labels || !where(field.labels)) {
        return;
      }
      const vals = f.data.values[i] as number[];
      const k = field.labels[label];
      out.set(k, (out.get(k) ?? 0) + Number(vals[vals.length - 1]));
    });
  }
  return out;
}

export function resource(method: string, path: string, expr?: string) {
  const r = capture.resources.find((x) => x.method === method && x.path === path && (!expr || x.body?.expr === expr));
  if (!r) {
    throw new Error(`capture has no ${method} ${path}`);
  }
  return r.answer;
}

export const COST_PANEL_SOURCE = 'per-model.json / Cost by model: reported, cache-aware, list ceiling';
export const COST_BY_MODEL_SOURCE = 'per-model.json / Estimated cost (cache-aware) by model';

export function harness(view: string, extra: Record<string, string> = {}) {
  const base = process.env.HARNESS_URL;
  if (!base) {
    throw new Error('HARNESS_URL is not set: run through playwright.config.ts (globalSetup)');
  }
  return `${base}/?${new URLSearchParams({ view, ...extra }).toString()}`;
}

/** Saves a screenshot a reviewer can look at: test-artifacts/screenshots/<name>.png */
export async function shoot(page: Page, name: string) {
  const dir = join(ROOT, 'test-artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

export const tokens = (n: number) => Math.round(n).toLocaleString('en-US');
export const usd = (n: number) => `$${n.toFixed(2)}`;
