// Generates data/prices.json from the installed @pydantic/genai-prices package (offline) plus the reviewed
// data/price-supplement.json. Usage: npm run prices:update [-- --check]
// The output is deterministic (fixed key order, models sorted by id); `as_of` only moves when the content changes.
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { findProvider, type ModelInfo, type ModelPrice, type MatchLogic, type Provider } from '@pydantic/genai-prices';

export const PACKAGE_NAME = '@pydantic/genai-prices';
const EPOCH = '1970-01-01'; // "since the model's release": the package gives no start date for a model's first prices
const ALIAS_SHAPE = /^[a-z0-9][a-z0-9.:-]*[a-z0-9]$/; // drops prefix-only match values such as "claude-sonnet-4@"
const PRICE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'] as const;
type PriceField = (typeof PRICE_FIELDS)[number];
type Prices = Record<PriceField, number>;
const PACKAGE_KEYS: Record<string, PriceField> = {
  input_mtok: 'input',
  output_mtok: 'output',
  cache_read_mtok: 'cacheRead',
  cache_write_mtok: 'cacheWrite5m',
  cache_write_1h_mtok: 'cacheWrite1h',
};

export interface Tier extends Prices {
  aboveInputTokens: number;
}
export interface PriceRow extends Prices {
  from: string;
  to?: string;
  tiers?: Tier[];
  derived?: Partial<Record<PriceField, string>>;
  source: string;
  tiersSource?: string;
}
interface SelectionEntry {
  id: string;
  from: string;
  aliases?: string[];
  pricesOnly?: boolean; // take only the prices of `from`, not its ids
  note?: string;
}
interface ProviderSupplement {
  fastMultiplier: number;
  geoMultipliers: Record<string, number>;
  missingCacheWrite1h: number | null;
  source: string;
}
interface CheckPrices extends Partial<Prices> {
  at?: string;
  aboveInputTokens?: number;
}
export interface Supplement {
  selection: SelectionEntry[];
  providers: Record<string, ProviderSupplement>;
  additions: Array<{ model: string; tiers: Tier[]; source: string }>;
  crossChecks: { source: string; at: string; models: Record<string, CheckPrices>; tiers: Record<string, CheckPrices> };
}
interface UpstreamPrices {
  base: number;
  tiers: Array<{ start: number; price: number }>;
}

function matchValues(m: MatchLogic): string[] {
  if ('or' in m) {
    return m.or.flatMap(matchValues);
  }
  if ('equals' in m) {
    return [m.equals.toLowerCase()];
  }
  if ('starts_with' in m) {
    return [m.starts_with.toLowerCase()];
  }
  return []; // regex / contains / and: covered by the engines' date-suffix stripping or not an exact id
}

function priceAt(v: number | UpstreamPrices | undefined, above: number | undefined): number | undefined {
  if (v === undefined || typeof v === 'number') {
    return v;
  }
  let p = v.base;
  for (const t of v.tiers) {
    if (above !== undefined && t.start <= above) {
      p = t.price;
    }
  }
  return p;
}

function fill(raw: Partial<Prices>, prov: ProviderSupplement, where: string): { prices: Prices; derived: Partial<Record<PriceField, string>> } {
  const derived: Partial<Record<PriceField, string>> = {};
  if (raw.input === undefined || raw.output === undefined) {
    throw new Error(`${where}: the package lists no input/output token price`);
  }
  const p = { ...raw } as Prices;
  if (raw.cacheRead === undefined) {
    p.cacheRead = p.input;
    derived.cacheRead = 'input (no cached-input price listed)';
  }
  if (raw.cacheWrite5m === undefined) {
    p.cacheWrite5m = p.input;
    derived.cacheWrite5m = 'input (no cache-write price listed: writes bill as input)';
  }
  if (raw.cacheWrite1h === undefined) {
    if (prov.missingCacheWrite1h !== null && raw.cacheWrite5m !== undefined) {
      p.cacheWrite1h = p.input * prov.missingCacheWrite1h;
      derived.cacheWrite1h = `${prov.missingCacheWrite1h} x input`;
    } else {
      p.cacheWrite1h = p.cacheWrite5m;
      derived.cacheWrite1h = 'cacheWrite5m (no separate 1h price)';
    }
  }
  return { prices: ordered(p), derived };
}

function ordered<T extends Prices>(p: T): Prices {
  return { input: p.input, output: p.output, cacheRead: p.cacheRead, cacheWrite5m: p.cacheWrite5m, cacheWrite1h: p.cacheWrite1h };
}

function convertPrices(mp: ModelPrice, prov: ProviderSupplement, where: string) {
  const byField: Partial<Record<PriceField, number | UpstreamPrices>> = {};
  const starts = new Set<number>();
  for (const [key, value] of Object.entries(mp)) {
    const field = PACKAGE_KEYS[key];
    if (field === undefined || value === undefined) {
      continue; // per-search / audio / image prices are outside token usage
    }
    if (typeof value !== 'number') {
      value.tiers.forEach((t) => starts.add(t.start));
    }
    byField[field] = value as number | UpstreamPrices;
  }
  const at = (above: number | undefined) => {
    const raw: Partial<Prices> = {};
    for (const f of PRICE_FIELDS) {
      const v = priceAt(byField[f], above);
      if (v !== undefined) {
        raw[f] = v;
      }
    }
    return fill(raw, prov, where);
  };
  const base = at(undefined);
  const tiers = [...starts].sort((a, b) => a - b).map((s) => ({ aboveInputTokens: s, ...at(s).prices }));
  return { base, tiers };
}

function rowsFor(info: ModelInfo, providerId: string, prov: ProviderSupplement): PriceRow[] {
  const where = `${providerId}/${info.id}`;
  const list = Array.isArray(info.prices) ? info.prices : [{ prices: info.prices }];
  const froms = list.map((cp, i) => {
    if (cp.constraint === undefined) {
      if (i !== 0) {
        throw new Error(`${where}: price entry ${i} has no start date`);
      }
      return EPOCH;
    }
    if (cp.constraint.type !== 'start_date') {
      throw new Error(`${where}: time-of-day prices are not supported`);
    }
    return cp.constraint.start_date;
  });
  return list.map((cp, i) => {
    const { base, tiers } = convertPrices(cp.prices, prov, where);
    return makeRow({
      from: froms[i],
      to: froms[i + 1],
      ...base.prices,
      source: `${PACKAGE_NAME} ${where}`,
      tiers: tiers.length > 0 ? tiers : undefined,
      derived: Object.keys(base.derived).length > 0 ? base.derived : undefined,
    });
  });
}

// Fixed key order and no undefined keys, so the generated file diffs cleanly.
function makeRow(r: PriceRow): PriceRow {
  return {
    from: r.from,
    ...(r.to ? { to: r.to } : {}),
    ...ordered(r),
    source: r.source,
    ...(r.tiers ? { tiers: r.tiers.map((t) => ({ aboveInputTokens: t.aboveInputTokens, ...ordered(t) })) } : {}),
    ...(r.tiersSource ? { tiersSource: r.tiersSource } : {}),
    ...(r.derived ? { derived: r.derived } : {}),
  };
}

function rowAt(rows: PriceRow[], date: string): PriceRow | undefined {
  return rows.find((r) => r.from <= date && (r.to === undefined || date < r.to));
}

function crossCheck(models: Record<string, { prices: PriceRow[] }>, cc: Supplement['crossChecks']): void {
  const fail = (m: string, what: string) => {
    throw new Error(`cross-check against ${cc.source} failed for ${m}: ${what}`);
  };
  const compare = (m: string, got: Prices, want: CheckPrices) => {
    for (const f of PRICE_FIELDS) {
      if (want[f] !== undefined && Math.abs(got[f] - want[f]!) > 1e-12) {
        fail(m, `${f} is ${got[f]}, expected ${want[f]}`);
      }
    }
  };
  for (const [m, want] of Object.entries(cc.models)) {
    const row = models[m] ? rowAt(models[m].prices, cc.at) : undefined;
    if (!row) {
      fail(m, `no price row in force on ${cc.at}`);
    }
    compare(m, row!, want);
  }
  for (const [m, want] of Object.entries(cc.tiers)) {
    const tier = rowAt(models[m]?.prices ?? [], want.at ?? cc.at)?.tiers?.find((t) => t.aboveInputTokens === want.aboveInputTokens);
    if (!tier) {
      fail(m, `no tier above ${want.aboveInputTokens} input tokens`);
    }
    compare(m, tier!, want);
  }
}

export function buildPriceDataset(providers: Provider[], version: string, supplement: Supplement, asOf: string): string {
  const byProvider = new Map(providers.map((p) => [p.id, p]));
  const claimed = new Set<string>(supplement.selection.flatMap((s) => [s.id, ...(s.aliases ?? [])]));
  const models: Record<string, { provider: string; name: string; aliases: string[]; note?: string; prices: PriceRow[] }> = {};
  const aliasOwner = new Map<string, string>();
  for (const sel of [...supplement.selection].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const [providerId, modelId] = sel.from.split('/');
    const provider = byProvider.get(providerId);
    const info = provider?.models.find((m) => m.id === modelId);
    const prov = supplement.providers[providerId];
    if (!provider || !info || !prov) {
      throw new Error(`selection ${sel.id}: ${sel.from} is not in ${PACKAGE_NAME} ${version} (or its provider has no supplement entry)`);
    }
    const upstream = sel.pricesOnly ? [] : [info.id, ...matchValues(info.match)];
    const aliases = [...new Set([...(sel.aliases ?? []), ...upstream.filter((a) => ALIAS_SHAPE.test(a) && !claimed.has(a))])].sort();
    for (const a of [sel.id, ...aliases]) {
      if (aliasOwner.has(a)) {
        throw new Error(`model id/alias "${a}" is claimed by both ${aliasOwner.get(a)} and ${sel.id}`);
      }
      aliasOwner.set(a, sel.id);
    }
    models[sel.id] = { provider: providerId, name: info.name ?? info.id, aliases, ...(sel.note ? { note: sel.note } : {}), prices: rowsFor(info, providerId, prov) };
  }
  for (const add of supplement.additions) {
    const m = models[add.model];
    if (!m) {
      throw new Error(`supplement addition for ${add.model}: model not selected`);
    }
    m.prices = m.prices.map((row) => {
      if (row.tiers) {
        throw new Error(`supplement addition for ${add.model}: the package now lists tiers; remove the addition`);
      }
      return makeRow({ ...row, tiers: add.tiers, tiersSource: `data/price-supplement.json: ${add.source}` });
    });
  }
  crossCheck(models, supplement.crossChecks);
  const providerOut: Record<string, object> = {};
  for (const id of Object.keys(supplement.providers).sort()) {
    const p = supplement.providers[id];
    providerOut[id] = {
      name: byProvider.get(id)?.name ?? id,
      pricingUrls: byProvider.get(id)?.pricing_urls ?? [],
      fastMultiplier: p.fastMultiplier,
      geoMultipliers: p.geoMultipliers,
      source: `data/price-supplement.json: ${p.source}`,
    };
  }
  const dataset = {
    description:
      'Seatmeter price dataset. GENERATED by `npm run prices:update` (scripts/update-prices.ts) from the installed npm package and data/price-supplement.json; do not edit by hand. Prices are USD per million tokens. A row is in force from `from` (inclusive, UTC) to `to` (exclusive). A tier replaces ALL prices of a request whose input-side tokens (input + cache read + cache writes) exceed aboveInputTokens.',
    source: { package: PACKAGE_NAME, version, supplement: 'data/price-supplement.json' },
    as_of: asOf,
    units: 'USD per 1M tokens',
    providers: providerOut,
    models,
  };
  return JSON.stringify(dataset, null, 2) + '\n';
}

export function installedPackage(root: string): { providers: Provider[]; version: string } {
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules', PACKAGE_NAME, 'package.json'), 'utf8'));
  const providers = ['anthropic', 'openai'].map((id) => {
    const p = findProvider({ providerId: id });
    if (!p) {
      throw new Error(`${PACKAGE_NAME} has no provider ${id}`);
    }
    return p;
  });
  return { providers, version: pkg.version };
}

export function regenerate(root: string, asOf: string): string {
  const { providers, version } = installedPackage(root);
  const supplement = JSON.parse(readFileSync(join(root, 'data', 'price-supplement.json'), 'utf8')) as Supplement;
  return buildPriceDataset(providers, version, supplement, asOf);
}

function main(): void {
  const root = join(__dirname, '..');
  const target = join(root, 'data', 'prices.json');
  let current = '';
  let asOf = new Date().toISOString().slice(0, 10);
  try {
    current = readFileSync(target, 'utf8');
    asOf = JSON.parse(current).as_of ?? asOf;
  } catch {
    // first run: no dataset yet
  }
  let next = regenerate(root, asOf);
  if (next !== current) {
    next = regenerate(root, new Date().toISOString().slice(0, 10));
  }
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('data/prices.json is stale: run npm run prices:update and review the diff');
      process.exit(1);
    }
    console.log('data/prices.json is up to date');
    return;
  }
  writeFileSync(target, next);
  console.log(next === current ? 'data/prices.json unchanged' : `data/prices.json written (as_of ${JSON.parse(next).as_of})`);
}

if (require.main === module) {
  main();
}
