// The one cost formula (../shared/docs/sources.md §5), TypeScript side. pkg/pricing is the Go twin; both must
// pass every case in data/cost-vectors.json.
import rawDataset from '../../../data/prices.json';
import { isSynthetic, modelIdCandidates, normalizeModelId } from './normalize';
import { parseDate, validateOverrides } from './overrides';
import type {
  CacheTTL,
  CostBreakdown,
  PriceDataset,
  PriceOverrides,
  PriceRequest,
  Pricer,
  PricerOptions,
  Prices,
  PriceTier,
  Unpriced,
  UsageTokens,
} from './types';

const DATASET = rawDataset as unknown as PriceDataset;
const TOKEN_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'cacheWriteUnknown'] as const;

interface Row extends Prices {
  from: string;
  fromMs: number;
  toMs: number;
  tiers: PriceTier[];
  override: boolean;
}
interface Model {
  provider: string;
  rows: Row[];
  overrideRows: Row[];
  discountPercent?: number;
}

function toRow(r: Prices & { from: string; to?: string; tiers?: PriceTier[] }, override: boolean): Row {
  return {
    from: r.from,
    fromMs: parseDate(r.from),
    toMs: r.to === undefined ? Infinity : parseDate(r.to),
    input: r.input,
    output: r.output,
    cacheRead: r.cacheRead,
    cacheWrite5m: r.cacheWrite5m,
    cacheWrite1h: r.cacheWrite1h,
    tiers: [...(r.tiers ?? [])].sort((a, b) => a.aboveInputTokens - b.aboveInputTokens),
    override,
  };
}

const DATASET_INDEX = new Map<string, string>();
for (const [id, m] of Object.entries(DATASET.models)) {
  for (const a of [id, ...m.aliases]) {
    DATASET_INDEX.set(a, id);
  }
}

function lookup(index: Map<string, string>, raw: string): string | undefined {
  for (const c of modelIdCandidates(raw)) {
    const id = index.get(c);
    if (id !== undefined) {
      return id;
    }
  }
  return undefined;
}

function datasetModelId(raw: string): string | undefined {
  return isSynthetic(raw) ? undefined : lookup(DATASET_INDEX, raw);
}

/** Validates user overrides (settings JSON / overrides file); throws an Error naming the bad field. */
export function parseOverrides(json: unknown): PriceOverrides {
  return validateOverrides(json, datasetModelId);
}

function toMs(ts: PriceRequest['timestamp']): number {
  const ms = ts instanceof Date ? ts.getTime() : typeof ts === 'number' ? ts : Date.parse(ts);
  if (!Number.isFinite(ms)) {
    throw new Error(`timestamp: ${String(ts)} is not a valid time`);
  }
  return ms;
}

function checkTokens(t: UsageTokens): UsageTokens {
  const out = { ...t };
  for (const f of TOKEN_FIELDS) {
    const v = t[f] ?? 0;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new Error(`tokens.${f}: must be a number >= 0`);
    }
    out[f] = v;
  }
  return out;
}

const num = (n: number) => String(n);

export function createPricer(opts: PricerOptions = {}): Pricer {
  const ttl: CacheTTL = opts.assumedCacheWriteTTL ?? '5m';
  if (ttl !== '5m' && ttl !== '1h') {
    throw new Error(`assumedCacheWriteTTL: must be "5m" or "1h"`);
  }
  const overrides = opts.overrides ? parseOverrides(opts.overrides) : {};
  const models = new Map<string, Model>();
  for (const [id, m] of Object.entries(DATASET.models)) {
    models.set(id, { provider: m.provider, rows: m.prices.map((r) => toRow(r, false)), overrideRows: [] });
  }
  const overrideIndex = new Map<string, string>();
  for (const mo of overrides.models ?? []) {
    const id = datasetModelId(mo.id) ?? normalizeModelId(mo.id);
    if (!models.has(id)) {
      models.set(id, { provider: mo.provider ?? 'custom', rows: [], overrideRows: [] });
      overrideIndex.set(id, id);
    }
    const m = models.get(id)!;
    for (const a of mo.aliases ?? []) {
      overrideIndex.set(normalizeModelId(a), id);
    }
    m.overrideRows = (mo.prices ?? []).map((r) => toRow(r, true));
    m.discountPercent = mo.discountPercent;
  }
  const resolveUncached = (raw: string): string | undefined => {
    if (isSynthetic(raw)) {
      return undefined;
    }
    for (const c of modelIdCandidates(raw)) {
      const id = overrideIndex.get(c) ?? DATASET_INDEX.get(c);
      if (id !== undefined) {
        return id;
      }
    }
    return undefined;
  };
  // a report prices thousands of sums of a handful of models: their regex normalisation once per model name
  const resolved = new Map<string, string | undefined>();
  const resolveModel = (raw: string): string | undefined => {
    let id = resolved.get(raw);
    if (id === undefined && !resolved.has(raw)) {
      id = resolveUncached(raw);
      resolved.set(raw, id);
    }
    return id;
  };

  const price = (req: PriceRequest): CostBreakdown | Unpriced => {
    const at = toMs(req.timestamp);
    const t = checkTokens(req.tokens);
    const unpriced = (reason: string): Unpriced => ({ priced: false, model: req.model, reason, tokens: req.tokens });
    const id = resolveModel(req.model);
    if (id === undefined) {
      return unpriced(isSynthetic(req.model) ? 'synthetic model: no billable usage' : 'unknown model');
    }
    const m = models.get(id)!;
    const inForce = (r: Row) => r.fromMs <= at && at < r.toMs;
    const row = m.overrideRows.find(inForce) ?? m.rows.find(inForce);
    if (!row) {
      return unpriced(`no price in force on ${new Date(at).toISOString().slice(0, 10)}`);
    }
    const notes: string[] = [];
    if (row.override) {
      notes.push(`override prices from ${row.from}`);
    }
    const inputSide = t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.cacheWriteUnknown;
    let p: Prices = row;
    const tier = row.tiers.filter((x) => inputSide > x.aboveInputTokens).pop();
    if (tier && req.perRequest) {
      p = tier;
      notes.push(`long-context tier applied: input-side tokens ${num(inputSide)} > ${num(tier.aboveInputTokens)}`);
    } else if (tier) {
      notes.push(`long-context tier not applied to aggregate usage (input-side tokens > ${num(tier.aboveInputTokens)})`);
    }
    const prov = DATASET.providers[m.provider];
    let fast = 1;
    if (req.speed === 'fast') {
      if (prov) {
        fast = prov.fastMultiplier;
        notes.push(`fast x${num(fast)}`);
      } else {
        notes.push(`fast: no multiplier known for provider ${m.provider}, standard price used`);
      }
    }
    const geoName = (req.inferenceGeo ?? '').trim().toLowerCase();
    const geo = prov?.geoMultipliers[geoName] ?? 1;
    if (geo !== 1) {
      notes.push(`inference geo ${geoName} x${num(geo)}`);
    }
    const discount = m.discountPercent ?? overrides.discountPercent ?? 0;
    if (discount > 0) {
      notes.push(`discount ${num(discount)}%`);
    }
    const mult = fast * geo * (1 - discount / 100);
    const cost = (tokens: number, perMillion: number) => ((tokens * perMillion) / 1e6) * mult;
    const unknownPrice = ttl === '1h' ? p.cacheWrite1h : p.cacheWrite5m;
    const out: CostBreakdown = {
      priced: true,
      modelId: id,
      provider: m.provider,
      priceRowFrom: row.from,
      input: cost(t.input, p.input),
      output: cost(t.output, p.output),
      cacheRead: cost(t.cacheRead, p.cacheRead),
      cacheWrite: cost(t.cacheWrite5m, p.cacheWrite5m) + cost(t.cacheWrite1h, p.cacheWrite1h) + cost(t.cacheWriteUnknown, unknownPrice),
      total: 0,
      listCeiling: 0,
      notes,
    };
    out.total = out.input + out.output + out.cacheRead + out.cacheWrite;
    out.listCeiling = cost(inputSide, p.input) + out.output;
    if (t.cacheWriteUnknown > 0) {
      out.assumedCacheWriteTTL = ttl;
      notes.push(`cache writes of unknown TTL priced as ${ttl}`);
    }
    return out;
  };

  return {
    price,
    resolveModel,
    knownModels: () => [...models.keys()].sort(),
    asOf: DATASET.as_of,
    sourceVersion: DATASET.source.version,
  };
}
