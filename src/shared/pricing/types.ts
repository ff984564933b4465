export type CacheTTL = '5m' | '1h';

/** ONE canonical usage record for all agents; the fields are disjoint. */
export interface UsageTokens {
  /** UNCACHED input only (Codex adapters subtract cached_input first). */
  input: number;
  /** Includes reasoning. */
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  /** Aggregate writes with unknown TTL (OTel): priced at the assumed TTL. */
  cacheWriteUnknown: number;
  /** Informational sub-breakdown of output, never added. */
  reasoning?: number;
}

export interface PriceRequest {
  agent: string;
  /** Raw id as the agent reported it (normalised by the engine). */
  model: string;
  /** Usage time: prices in force THEN. Numbers are epoch milliseconds. */
  timestamp: string | number | Date;
  tokens: UsageTokens;
  speed?: 'standard' | 'fast';
  inferenceGeo?: string;
  /** True when tokens are ONE request (tier rules apply); false for aggregates. */
  perRequest?: boolean;
}

/** USD. */
export interface CostBreakdown {
  priced: true;
  modelId: string;
  provider: string;
  /** Effective date of the price row used. */
  priceRowFrom: string;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  total: number;
  /** All input-side tokens at the input price + output. */
  listCeiling: number;
  /** Set when cacheWriteUnknown > 0. */
  assumedCacheWriteTTL?: CacheTTL;
  notes: string[];
}

export interface Unpriced {
  priced: false;
  model: string;
  reason: string;
  tokens: UsageTokens;
}

/** USD per million tokens. */
export interface Prices {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

export interface OverridePriceRow extends Prices {
  from: string;
  to?: string;
}

export interface ModelOverride {
  id: string;
  provider?: string;
  aliases?: string[];
  discountPercent?: number;
  prices?: OverridePriceRow[];
}

export interface PriceOverrides {
  discountPercent?: number;
  models?: ModelOverride[];
}

export interface PricerOptions {
  overrides?: PriceOverrides;
  /** Default '5m'. */
  assumedCacheWriteTTL?: CacheTTL;
}

export interface Pricer {
  price(req: PriceRequest): CostBreakdown | Unpriced;
  /** Canonical model id or undefined. */
  resolveModel(raw: string): string | undefined;
  knownModels(): string[];
  asOf: string;
  sourceVersion: string;
}

/** The shape of data/prices.json. */
export interface PriceTier extends Prices {
  aboveInputTokens: number;
}
export interface PriceRow extends Prices {
  from: string;
  to?: string;
  tiers?: PriceTier[];
}
export interface PriceDataset {
  source: { package: string; version: string };
  as_of: string;
  providers: Record<string, { fastMultiplier: number; geoMultipliers: Record<string, number> }>;
  models: Record<string, { provider: string; aliases: string[]; prices: PriceRow[] }>;
}
