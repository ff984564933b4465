import dataset from '../../data/prices.json';
import { readBlob, snapshotPath, writeBlob } from './io/snapshot';
import { CacheTTL, PricerLike } from './pricing';
import { AgentId, UsageRecord } from './usage';

/** What the report needs of one request's price (the shared engine's answer, trimmed). */
export type PriceResult =
  | { priced: true; total: number; listCeiling: number; assumedCacheWriteTTL?: CacheTTL }
  | { priced: false; reason: string };

/**
 * Identity of a pricing setup: the price dataset, the user's overrides and the assumed cache-write TTL,
 * kept whole (tens of KB) rather than hashed, so comparing it is exact and loads no crypto module.
 */
export function pricerKey(overrides: unknown, ttl: CacheTTL): string {
  return JSON.stringify([dataset, overrides ?? null, ttl]);
}

export interface PriceCacheRef {
  dir: string;
  agents: AgentId[];
  /** the scanned corpus state the records came from (ScanResult.fingerprint) */
  fingerprint: string;
  pricerKey: string;
}

interface Header {
  fingerprint: string;
  pricerKey: string;
  count: number;
  /** reasons of unpriced requests and assumed TTLs, indexed by the third column */
  labels: string[];
}

/**
 * Prices every record once (all of them, whatever --since/--until say, so any later filter can reuse the
 * answer). With a cache ref the answers are kept beside the record snapshot and reused while the corpus and
 * the pricing setup are unchanged: an unchanged re-run prices nothing.
 */
export function priceAll(records: UsageRecord[], pricer: PricerLike, cache?: PriceCacheRef): PriceResult[] {
  const file = cache ? snapshotPath(cache.dir, cache.agents, 'prices') : undefined;
  if (cache && file) {
    const hit = readPrices(file, cache, records.length);
    if (hit) {
      return hit;
    }
  }
  const out: PriceResult[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    const res = pricer.price({
      agent: rec.agent,
      model: rec.model,
      timestamp: rec.timestamp,
      tokens: rec.tokens,
      speed: rec.speed,
      inferenceGeo: rec.inferenceGeo,
      perRequest: true,
    });
    out[i] = res.priced
      ? { priced: true, total: res.total, listCeiling: res.listCeiling, assumedCacheWriteTTL: res.assumedCacheWriteTTL }
      : { priced: false, reason: res.reason };
  }
  if (cache && file) {
    writePrices(file, cache, out);
  }
  return out;
}

function writePrices(file: string, cache: PriceCacheRef, results: PriceResult[]): void {
  const labels: string[] = [];
  const label = (v: string | undefined): number => {
    if (v === undefined) {
      return -1;
    }
    let i = labels.indexOf(v);
    if (i < 0) {
      i = labels.push(v) - 1;
    }
    return i;
  };
  const n = new Float64Array(results.length * 3);
  results.forEach((r, i) => {
    if (r.priced) {
      n[i * 3] = r.total;
      n[i * 3 + 1] = r.listCeiling;
      n[i * 3 + 2] = label(r.assumedCacheWriteTTL);
    } else {
      n[i * 3] = NaN; // marks unpriced
      n[i * 3 + 2] = label(r.reason);
    }
  });
  const header: Header = { fingerprint: cache.fingerprint, pricerKey: cache.pricerKey, count: results.length, labels };
  writeBlob(file, header, n);
}

function readPrices(file: string, cache: PriceCacheRef, count: number): PriceResult[] | undefined {
  const blob = readBlob<Header>(file);
  const h = blob?.header;
  if (!blob || !h || h.fingerprint !== cache.fingerprint || h.pricerKey !== cache.pricerKey || h.count !== count) {
    return undefined;
  }
  const n = blob.numbers;
  if (n.length !== count * 3) {
    return undefined;
  }
  const out: PriceResult[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const l = n[i * 3 + 2];
    out[i] = Number.isNaN(n[i * 3])
      ? { priced: false, reason: h.labels[l] }
      : { priced: true, total: n[i * 3], listCeiling: n[i * 3 + 1], assumedCacheWriteTTL: l >= 0 ? (h.labels[l] as CacheTTL) : undefined };
  }
  return out;
}
