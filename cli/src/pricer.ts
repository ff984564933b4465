import { createPricer, parseOverrides } from '../../src/shared/pricing';
import { CliError } from './errors';
import { CacheTTL, PricerLike } from './pricing';

/** The shared price engine with the user's overrides; an invalid override exits 1 naming the field. */
export function loadPricer(overridesJson: unknown, assumedCacheWriteTTL: CacheTTL): PricerLike {
  let overrides;
  if (overridesJson !== undefined) {
    try {
      overrides = parseOverrides(overridesJson);
    } catch (e) {
      throw new CliError(1, `--price-overrides: ${(e as Error).message}`);
    }
  }
  return createPricer({ overrides, assumedCacheWriteTTL });
}
