import { createPricer, parseOverrides, type UsageTokens } from './index';

const tokens = (t: Partial<UsageTokens>): UsageTokens => ({
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheWriteUnknown: 0,
  ...t,
});

describe('price engine (TypeScript specifics; the shared vectors cover the formula)', () => {
  const pricer = createPricer();

  it('accepts a Date, epoch milliseconds or an ISO string as the usage time', () => {
    const req = { agent: 'claude-code', model: 'o3', tokens: tokens({ input: 1000 }) };
    const before = Date.UTC(2025, 4, 1);
    for (const timestamp of [new Date(before), before, '2025-05-01T00:00:00Z']) {
      const got = pricer.price({ ...req, timestamp });
      expect(got.priced && got.priceRowFrom).toBe('1970-01-01');
    }
    const after = pricer.price({ ...req, timestamp: Date.UTC(2025, 6, 1) });
    expect(after.priced && after.priceRowFrom).toBe('2025-06-10');
  });

  it('rejects an invalid time and invalid token counts instead of guessing', () => {
    const req = { agent: 'codex', model: 'gpt-5', timestamp: '2026-01-01T00:00:00Z', tokens: tokens({}) };
    expect(() => pricer.price({ ...req, timestamp: 'not a time' })).toThrow('timestamp: not a time is not a valid time');
    expect(() => pricer.price({ ...req, tokens: tokens({ cacheRead: -1 }) })).toThrow('tokens.cacheRead: must be a number >= 0');
    expect(() => pricer.price({ ...req, tokens: tokens({ output: NaN }) })).toThrow('tokens.output: must be a number >= 0');
  });

  it('rejects an unknown cache TTL assumption', () => {
    expect(() => createPricer({ assumedCacheWriteTTL: '24h' as never })).toThrow('assumedCacheWriteTTL');
  });

  it('reports its dataset version and as-of date', () => {
    expect(pricer.sourceVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pricer.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(pricer.knownModels().length).toBeGreaterThan(40);
    expect(pricer.knownModels()).toEqual([...pricer.knownModels()].sort());
  });

  it('re-validates overrides handed to createPricer directly', () => {
    expect(() => createPricer({ overrides: { models: [{ id: 'x', prices: [] }] } })).toThrow('overrides.models[0].prices: must be a non-empty array');
    expect(parseOverrides({})).toEqual({});
  });
});
