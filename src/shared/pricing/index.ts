// Seatmeter's price engine: pure TypeScript, importable by the panel bundle and the CLI.
export { createPricer, parseOverrides } from './engine';
export { normalizeModelId, isSynthetic } from './normalize';
export type {
  CacheTTL,
  CostBreakdown,
  ModelOverride,
  OverridePriceRow,
  PriceOverrides,
  PriceRequest,
  Pricer,
  PricerOptions,
  Prices,
  Unpriced,
  UsageTokens,
} from './types';
