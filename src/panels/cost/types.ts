import type { CacheTTL } from '../../shared/pricing';

export type CostGroupBy = 'model' | 'user' | 'model_user';
export type CostSort = 'cost' | 'tokens' | 'savings' | 'name';

export interface CostPanelOptions {
  groupBy: CostGroupBy;
  sort: CostSort;
  /** Price at each usage time (default) or at today's prices: "what would the same usage cost now". */
  priceAt: 'usage' | 'now';
  /** TTL assumed for cache writes the evidence gives without one (OTel). */
  assumedCacheWriteTTL: CacheTTL;
  /** What-if: a team-wide discount over the dataset's list prices (0 = list). */
  discountPercent: number;
  /** What-if: full price overrides (JSON, the same format as the data source setting). */
  overridesJson: string;
  decimals: number;
  showTokenTypes: boolean;
}

export const DEFAULT_OPTIONS: CostPanelOptions = {
  groupBy: 'model',
  sort: 'cost',
  priceAt: 'usage',
  assumedCacheWriteTTL: '5m',
  discountPercent: 0,
  overridesJson: '',
  decimals: 2,
  showTokenTypes: true,
};
