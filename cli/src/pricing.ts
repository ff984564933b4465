// The CLI's names for the shared price engine's types (src/shared/pricing): one engine, no copy.
export type {
  CacheTTL,
  CostBreakdown as Priced,
  PriceRequest,
  Pricer as PricerLike,
  Unpriced as NotPriced,
} from '../../src/shared/pricing';
