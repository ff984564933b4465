// Claude Code's own cost estimate (what it reports as claude_code.cost.usage): list prices through the ONE
// price engine and dataset, cache-aware, per request. The simulated sessions write 5-minute cache entries.
import { createPricer } from '../../src/shared/pricing';

const pricer = createPricer();

export function assertKnownModel(model: string): void {
  if (!pricer.resolveModel(model)) {
    throw new Error(`model ${model} is not in data/prices.json (known: ${pricer.knownModels().join(', ')})`);
  }
}

export function claudeReportedCostUSD(
  model: string,
  tokens: { input: number; output: number; cacheRead: number; cacheCreation: number },
  fast: boolean,
  at: Date
): number {
  assertKnownModel(model);
  const r = pricer.price({
    agent: 'claude-code',
    model,
    timestamp: at,
    tokens: {
      input: tokens.input,
      output: tokens.output,
      cacheRead: tokens.cacheRead,
      cacheWrite5m: tokens.cacheCreation,
      cacheWrite1h: 0,
      cacheWriteUnknown: 0,
    },
    speed: fast ? 'fast' : 'standard',
    perRequest: true,
  });
  if (!r.priced) {
    throw new Error(`model ${model} is not in data/prices.json: ${r.reason}`);
  }
  return r.total;
}
