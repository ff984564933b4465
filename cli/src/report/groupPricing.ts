import dataset from '../../../data/prices.json';
import { parseDate } from '../../../src/shared/pricing/overrides';
import { PriceResult } from '../priceCache';
import { PricerLike } from '../pricing';
import { addTokens, Tokens, UsageRecord, zeroTokens } from '../usage';
import { UsageGroup } from './groups';
import { cellStart, QUARTER_HOURS, TimeGrid } from './timeGrid';

/**
 * Where the price engine's answer for a request can change other than by its model, speed and region: the
 * effective dates of every price row (dataset and overrides) and every long-context tier threshold.
 */
export interface PriceSplits {
  /** sorted epoch ms */
  boundaries: number[];
  /** input-side token counts above which a tier applies, sorted */
  thresholds: number[];
  /** the grid requests are summed on (default quarter hours; see timeGrid.ts) */
  grid?: TimeGrid;
}

/** Every `from`/`to` date and tier threshold in the dataset and in the (raw) overrides JSON. */
export function priceSplits(overrides: unknown): PriceSplits {
  const boundaries = new Set<number>();
  const thresholds = new Set<number>();
  const rows = (model: unknown) => {
    const prices = (model as { prices?: unknown } | null)?.prices;
    for (const r of Array.isArray(prices) ? prices : []) {
      for (const d of [r?.from, r?.to]) {
        const ms = typeof d === 'string' ? parseDate(d) : NaN;
        if (Number.isFinite(ms)) {
          boundaries.add(ms);
        }
      }
      for (const t of Array.isArray(r?.tiers) ? r.tiers : []) {
        if (typeof t?.aboveInputTokens === 'number') {
          thresholds.add(t.aboveInputTokens);
        }
      }
    }
  };
  Object.values(dataset.models).forEach(rows);
  const custom = (overrides as { models?: unknown } | null | undefined)?.models;
  (Array.isArray(custom) ? custom : []).forEach(rows);
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return { boundaries: sorted(boundaries), thresholds: sorted(thresholds) };
}

/** How many of the sorted `xs` are below v (`strict`) or at most v. */
function countBelow(xs: number[], v: number, strict: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? xs[mid] < v : xs[mid] <= v) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Same bucket fields but the time cell and price period (compared apart). */
function sameBucket(a: UsageRecord, b: UsageRecord): boolean {
  const fa = a.flags?.length ? a.flags.join('\n') : '';
  const fb = b.flags?.length ? b.flags.join('\n') : '';
  return (
    a.agent === b.agent &&
    a.model === b.model &&
    a.session === b.session &&
    a.project === b.project &&
    a.branch === b.branch &&
    a.speed === b.speed &&
    a.inferenceGeo === b.inferenceGeo &&
    (a.tokens.cacheWriteUnknown > 0) === (b.tokens.cacheWriteUnknown > 0) &&
    (fa === fb)
  );
}

/** A sum of requests priced once (one request: priced on its own, for a long-context tier). */
export interface PriceItem {
  /** the first request: what the price and the group read besides the tokens */
  first: UsageRecord;
  /** the start of its time cell */
  ts: number;
  flags: string;
  tokens: Tokens;
  requests: number;
}

/** Requests priced per request (long-context tiers), and the sums of the rest, in bucket order. */
export interface PriceItems {
  tiers: PriceItem[];
  buckets: PriceItem[];
}

/** Sums requests per bucket; records come in file order, and most are in the last one's bucket. */
class Sums {
  readonly items: PriceItem[] = [];
  private readonly index = new Map<string, PriceItem>();
  private prev?: UsageRecord;
  private prevItem?: PriceItem;
  private prevPeriod = -1;

  add(r: UsageRecord, ts: number, flags: string, period: number): void {
    let b = this.prevItem;
    if (!b || b.ts !== ts || this.prevPeriod !== period || !sameBucket(this.prev!, r)) {
      const t = r.tokens;
      const key = `${r.agent}\u0000${r.model}\u0000${r.session}\u0000${r.project}\u0000${r.branch}\u0000${flags}\u0000${ts}\u0000${r.speed ?? ''}\u0000${r.inferenceGeo ?? ''}\u0000${period}\u0000${t.cacheWriteUnknown > 0 ? 1 : 0}`;
      b = this.index.get(key);
      if (!b) {
        b = { first: r, ts, flags, tokens: zeroTokens(), requests: 0 };
        this.index.set(key, b);
        this.items.push(b);
      }
      this.prev = r;
      this.prevItem = b;
      this.prevPeriod = period;
    }
    addTokens(b.tokens, r.tokens);
    b.requests++;
  }
}

/**
 * The requests of `records` summed per bucket: per everything the engine's answer depends on besides the
 * token counts (model, speed, region, the price row in force, cache writes of unknown TTL or not) and per
 * group of the report (agent, model, session, project, branch, time cell). A request that may be in a
 * long-context tier is priced per request: on its own, or summed with others above every tier threshold
 * (each of them, and so their sum, is in its model's highest tier, and a price within one tier is linear in
 * the tokens). The native reader does the same for Claude Code (internal/claudescan/final.go).
 */
export function bucketRecords(records: UsageRecord[], splits: PriceSplits): PriceItems {
  const grid = splits.grid ?? QUARTER_HOURS;
  const top = splits.thresholds.length;
  const tiers = new Sums();
  const buckets = new Sums();
  for (const r of records) {
    const t = r.tokens;
    const ts = cellStart(grid, r.timestamp);
    const flags = r.flags?.length ? r.flags.join('\n') : '';
    const inputSide = t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.cacheWriteUnknown;
    const level = top ? countBelow(splits.thresholds, inputSide, true) : 0;
    if (level === 0) {
      buckets.add(r, ts, flags, countBelow(splits.boundaries, r.timestamp, false));
    } else if (level === top) {
      tiers.add(r, ts, flags, countBelow(splits.boundaries, r.timestamp, false));
    } else {
      tiers.items.push({ first: r, ts, flags, tokens: t, requests: 1 });
    }
  }
  return { tiers: tiers.items, buckets: buckets.items };
}

/**
 * The usage groups of groupRecords, priced per group instead of per request: each bucket's sum is priced
 * once (the engine's cost is linear in the tokens for one price row and multiplier, so the sum's price is the
 * requests' summed prices, to float rounding). `pre`: items already bucketed (by the native reader) for
 * agents whose records are not in `records`, in agent order with them.
 */
export function groupAndPrice(records: UsageRecord[], pricer: PricerLike, splits: PriceSplits, pre?: PriceItems): UsageGroup[] {
  const items = bucketRecords(records, splits);
  const tiers = pre ? pre.tiers.concat(items.tiers) : items.tiers;
  const buckets = pre ? pre.buckets.concat(items.buckets) : items.buckets;
  const byKey = new Map<string, UsageGroup>();
  const out: UsageGroup[] = [];
  const add = (it: PriceItem, perRequest: boolean) => {
    const r = it.first;
    const res = pricer.price({ agent: r.agent, model: r.model, timestamp: r.timestamp, tokens: it.tokens, speed: r.speed, inferenceGeo: r.inferenceGeo, perRequest });
    const p: PriceResult = res.priced
      ? { priced: true, total: res.total, listCeiling: res.listCeiling, assumedCacheWriteTTL: res.assumedCacheWriteTTL }
      : { priced: false, reason: res.reason };
    const outcome = p.priced ? `p${p.assumedCacheWriteTTL ?? ''}` : `u${p.reason}`;
    const key = `${r.agent}\u0000${r.model}\u0000${r.session}\u0000${r.project}\u0000${r.branch}\u0000${it.flags}\u0000${outcome}\u0000${it.ts}`;
    let g = byKey.get(key);
    if (!g) {
      g = {
        rec: { agent: r.agent, model: r.model, timestamp: it.ts, session: r.session, project: r.project, branch: r.branch, user: r.user, tokens: zeroTokens(), flags: it.flags ? it.flags.split('\n') : undefined },
        requests: 0,
        price: p.priced ? { priced: true, total: 0, listCeiling: 0, assumedCacheWriteTTL: p.assumedCacheWriteTTL } : { priced: false, reason: p.reason },
      };
      byKey.set(key, g);
      out.push(g);
    }
    addTokens(g.rec.tokens, it.tokens);
    g.requests += it.requests;
    if (p.priced && g.price.priced) {
      g.price.total += p.total;
      g.price.listCeiling += p.listCeiling;
    }
  };
  for (const it of tiers) {
    add(it, true); // (a sum of requests above every threshold is in the same tier as each)
  }
  for (const it of buckets) {
    add(it, false); // the sum is not one request, so no tier (none of its requests is in one)
  }
  return out;
}
