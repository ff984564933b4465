// The shared golden vectors: pkg/pricing/vectors_test.go runs the same file against the Go engine.
import vectors from '../../../data/cost-vectors.json';
import { createPricer, parseOverrides, type CostBreakdown, type PriceRequest, type PricerOptions, type UsageTokens } from './index';

interface VectorCase {
  name: string;
  rule: string;
  request: Omit<PriceRequest, 'tokens'> & { tokens: Partial<UsageTokens> };
  options?: PricerOptions;
  expect: Record<string, unknown> & { priced: boolean };
}
const data = vectors as unknown as {
  tolerance: number;
  cases: VectorCase[];
  resolve: Array<{ raw: string; expect: string | null }>;
  overrideErrors: Array<{ overrides: unknown; error: string }>;
  validOverrides: unknown[];
};

function fullTokens(t: Partial<UsageTokens>): UsageTokens {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheWriteUnknown: 0, ...t };
}

const MONEY = ['input', 'output', 'cacheRead', 'cacheWrite', 'total', 'listCeiling'] as const;

describe('shared cost vectors', () => {
  it('has at least 60 cost cases', () => {
    expect(data.cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(data.cases.map((c) => [`${c.rule}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const tokens = fullTokens(c.request.tokens);
    const got = createPricer(c.options).price({ ...c.request, tokens });
    const want = c.expect;
    if (!want.priced) {
      expect(got).toEqual({ priced: false, model: want.model, reason: want.reason, tokens });
      return;
    }
    expect(got.priced).toBe(true);
    const b = got as CostBreakdown;
    expect({ modelId: b.modelId, provider: b.provider, priceRowFrom: b.priceRowFrom, notes: b.notes }).toEqual({
      modelId: want.modelId,
      provider: want.provider,
      priceRowFrom: want.priceRowFrom,
      notes: want.notes,
    });
    expect(b.assumedCacheWriteTTL).toBe(want.assumedCacheWriteTTL);
    for (const k of MONEY) {
      const diff = Math.abs(b[k] - (want[k] as number));
      if (diff > data.tolerance) {
        throw new Error(`${k}: got ${b[k]}, want ${want[k]}`);
      }
    }
  });

  it.each(data.resolve.map((r) => [JSON.stringify(r.raw), r] as const))('resolves %s', (_n, r) => {
    expect(createPricer().resolveModel(r.raw)).toBe(r.expect ?? undefined);
  });

  it.each(data.overrideErrors.map((e) => [e.error, e] as const))('rejects overrides: %s', (_n, e) => {
    expect(() => parseOverrides(e.overrides)).toThrow(e.error);
    let message = '';
    try {
      parseOverrides(e.overrides);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(e.error);
  });

  it.each(data.validOverrides.map((o, i) => [i, o] as const))('accepts valid overrides #%s', (_i, o) => {
    expect(() => createPricer({ overrides: parseOverrides(o) })).not.toThrow();
  });
});
