// Claude Code's own cost estimate (what it reports as claude_code.cost.usage): list prices from the ONE
// price dataset, cache-aware. The simulated sessions write 5-minute cache entries.
import prices from '../../data/prices.json';

interface PriceRow {
  from: string;
  to?: string;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
}

interface ModelPrices {
  provider: string;
  prices: PriceRow[];
}

const models = prices.models as unknown as Record<string, ModelPrices>;
const providers = prices.providers as unknown as Record<string, { fastMultiplier?: number }>;

export function assertKnownModel(model: string): void {
  if (!models[model]) {
    throw new Error(`model ${model} is not in data/prices.json (known: ${Object.keys(models).join(', ')})`);
  }
}

function rowAt(model: string, at: Date): PriceRow {
  assertKnownModel(model);
  const t = at.toISOString();
  const row = models[model].prices.find((p) => p.from <= t && (!p.to || t < p.to));
  if (!row) {
    throw new Error(`no price row for ${model} at ${t}`);
  }
  return row;
}

export function claudeReportedCostUSD(
  model: string,
  tokens: { input: number; output: number; cacheRead: number; cacheCreation: number },
  fast: boolean,
  at: Date
): number {
  const p = rowAt(model, at);
  const usd =
    (tokens.input * p.input +
      tokens.output * p.output +
      tokens.cacheRead * p.cacheRead +
      tokens.cacheCreation * p.cacheWrite5m) /
    1e6;
  const mult = fast ? (providers[models[model].provider]?.fastMultiplier ?? 1) : 1;
  return usd * mult;
}
