// The CLI's view of the shared price engine (src/shared/pricing, contract in the team's contracts doc).
// Only the parts the CLI calls; the engine itself is the one shared implementation.

export type CacheTTL = '5m' | '1h';

export interface PriceTokens {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheWriteUnknown: number;
  reasoning?: number;
}

export interface PriceRequest {
  agent: string;
  model: string;
  timestamp: string | number | Date;
  tokens: PriceTokens;
  speed?: 'standard' | 'fast';
  inferenceGeo?: string;
  perRequest?: boolean;
}

export interface Priced {
  priced: true;
  modelId: string;
  total: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  listCeiling: number;
  assumedCacheWriteTTL?: CacheTTL;
  notes: string[];
}

export interface NotPriced {
  priced: false;
  model: string;
  reason: string;
}

export interface PricerLike {
  price(req: PriceRequest): Priced | NotPriced;
  knownModels(): string[];
  asOf: string;
  sourceVersion: string;
}
