import { createPricer, parseOverrides, type Pricer, type PriceOverrides } from '../../shared/pricing';
import type { CostPanelOptions } from './types';

export type PricerResult = { pricer: Pricer; error?: undefined } | { pricer?: undefined; error: string };

/** The panel's what-if: overrides JSON and a team-wide discount, validated by the engine's own parser. */
export function pricerFromOptions(
  o: Pick<CostPanelOptions, 'overridesJson' | 'discountPercent' | 'assumedCacheWriteTTL'>
): PricerResult {
  try {
    let raw: Record<string, unknown> = {};
    if (o.overridesJson?.trim()) {
      raw = JSON.parse(o.overridesJson);
    }
    if (o.discountPercent) {
      raw = { ...raw, discountPercent: o.discountPercent };
    }
    const overrides: PriceOverrides = parseOverrides(raw);
    return { pricer: createPricer({ overrides, assumedCacheWriteTTL: o.assumedCacheWriteTTL }) };
  } catch (e) {
    return { error: `Price overrides: ${e instanceof Error ? e.message : String(e)}` };
  }
}
