// Validation of user price overrides. pkg/pricing/overrides.go gives the same verdicts with the same messages
// (data/cost-vectors.json "overrideErrors").
import { normalizeModelId } from './normalize';
import type { ModelOverride, OverridePriceRow, PriceOverrides } from './types';

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;
const ROOT_KEYS = ['discountPercent', 'models'];
const MODEL_KEYS = ['id', 'provider', 'aliases', 'discountPercent', 'prices'];
const ROW_KEYS = ['from', 'to', 'input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'];

function fail(path: string, msg: string): never {
  throw new Error(`${path}: ${msg}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(obj: Record<string, unknown>, allowed: string[], path: string): void {
  for (const k of Object.keys(obj).sort()) {
    if (!allowed.includes(k)) {
      fail(`${path}.${k}`, 'unknown field');
    }
  }
}

function price(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    fail(path, 'must be a number >= 0');
  }
  return v;
}

function percent(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) {
    fail(path, 'must be a number between 0 and 100');
  }
  return v;
}

function nonEmpty(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') {
    fail(path, 'must be a non-empty string');
  }
  return v;
}

/** Epoch ms of a YYYY-MM-DD (UTC midnight) or RFC 3339 date-time; NaN when not one. */
export function parseDate(s: string): number {
  if (!DATE_SHAPE.test(s)) {
    return NaN;
  }
  const ms = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  // Date.parse rolls 2026-02-30 over to March: reject dates that do not read back.
  const day = s.slice(0, 10);
  const [y, m, d] = day.split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d ? ms : NaN;
}

function date(v: unknown, path: string): string {
  if (typeof v !== 'string' || Number.isNaN(parseDate(v))) {
    fail(path, 'must be a date (YYYY-MM-DD or RFC 3339 date-time)');
  }
  return v;
}

function row(v: unknown, path: string): OverridePriceRow {
  if (!isObject(v)) {
    fail(path, 'must be an object');
  }
  checkKeys(v, ROW_KEYS, path);
  const from = date(v.from, `${path}.from`);
  const out: OverridePriceRow = {
    from,
    input: price(v.input, `${path}.input`),
    output: price(v.output, `${path}.output`),
    cacheRead: 0,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
  };
  // Unstated cache prices default to the input price (no discount assumed); cacheWrite1h to cacheWrite5m.
  out.cacheRead = v.cacheRead === undefined ? out.input : price(v.cacheRead, `${path}.cacheRead`);
  out.cacheWrite5m = v.cacheWrite5m === undefined ? out.input : price(v.cacheWrite5m, `${path}.cacheWrite5m`);
  out.cacheWrite1h = v.cacheWrite1h === undefined ? out.cacheWrite5m : price(v.cacheWrite1h, `${path}.cacheWrite1h`);
  if (v.to !== undefined) {
    out.to = date(v.to, `${path}.to`);
    if (parseDate(out.to) <= parseDate(from)) {
      fail(`${path}.to`, 'must be after from');
    }
  }
  return out;
}

function rows(v: unknown, path: string): OverridePriceRow[] {
  if (!Array.isArray(v) || v.length === 0) {
    fail(path, 'must be a non-empty array');
  }
  const out = v.map((r, j) => row(r, `${path}[${j}]`));
  const span = (r: OverridePriceRow) => [parseDate(r.from), r.to === undefined ? Infinity : parseDate(r.to)];
  out.forEach((r, k) => {
    const [fk, tk] = span(r);
    for (let j = 0; j < k; j++) {
      const [fj, tj] = span(out[j]);
      if (fj < tk && fk < tj) {
        fail(`${path}[${k}]`, `overlaps ${path.replace(/^.*\./, '')}[${j}]`);
      }
    }
  });
  return out;
}

function model(v: unknown, path: string, canonical: (id: string) => string | undefined): ModelOverride {
  if (!isObject(v)) {
    fail(path, 'must be an object');
  }
  checkKeys(v, MODEL_KEYS, path);
  const out: ModelOverride = { id: nonEmpty(v.id, `${path}.id`) };
  if (v.provider !== undefined) {
    out.provider = nonEmpty(v.provider, `${path}.provider`);
  }
  if (v.aliases !== undefined) {
    if (!Array.isArray(v.aliases)) {
      fail(`${path}.aliases`, 'must be an array of non-empty strings');
    }
    out.aliases = v.aliases.map((a, j) => nonEmpty(a, `${path}.aliases[${j}]`));
  }
  if (v.discountPercent !== undefined) {
    out.discountPercent = percent(v.discountPercent, `${path}.discountPercent`);
  }
  if (v.prices !== undefined) {
    out.prices = rows(v.prices, `${path}.prices`);
  } else if (canonical(out.id) === undefined) {
    fail(`${path}.prices`, 'required for a model that is not in the price dataset');
  }
  return out;
}

/** Validates user overrides; throws an Error whose message starts with the path of the bad field. */
export function validateOverrides(json: unknown, canonical: (id: string) => string | undefined): PriceOverrides {
  const path = 'overrides';
  if (!isObject(json)) {
    fail(path, 'must be an object');
  }
  checkKeys(json, ROOT_KEYS, path);
  const out: PriceOverrides = {};
  if (json.discountPercent !== undefined) {
    out.discountPercent = percent(json.discountPercent, `${path}.discountPercent`);
  }
  if (json.models !== undefined) {
    if (!Array.isArray(json.models)) {
      fail(`${path}.models`, 'must be an array');
    }
    const seen = new Map<string, number>();
    out.models = json.models.map((m, i) => {
      const mo = model(m, `${path}.models[${i}]`, canonical);
      const key = canonical(mo.id) ?? normalizeModelId(mo.id);
      if (seen.has(key)) {
        fail(`${path}.models[${i}].id`, `duplicate of overrides.models[${seen.get(key)}].id`);
      }
      seen.set(key, i);
      return mo;
    });
  }
  return out;
}
