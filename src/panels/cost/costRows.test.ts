import { createPricer } from '../../shared/pricing';
import { catalog } from '../../catalog';
import { priceRows } from './costRows';
import { costFrame, tokenFrame } from './testFrames';
import { extractUsage } from './usageRecords';

const pricer = createPricer();
const [modelA, modelB] = pricer.knownModels().filter((m) => m.startsWith('claude-sonnet'));
const AT = Date.UTC(2026, 8, 1);
const [INPUT, OUTPUT, CACHE_READ, CACHE_WRITE] = catalog.tokenTypes;

function frames() {
  const f = (user: string, model: string, type: string, v: number) =>
    tokenFrame({ agent: 'claude-code', user, model, type }, v, AT);
  return [
    f('ada', modelA, INPUT, 1000),
    f('ada', modelA, OUTPUT, 2000),
    f('ada', modelA, CACHE_READ, 50000),
    f('ada', modelA, CACHE_WRITE, 3000),
    f('bob', modelA, INPUT, 500),
    f('bob', modelB, OUTPUT, 700),
    f('bob', 'not-a-model-anyone-prices', INPUT, 999),
    tokenFrame({ agent: 'codex', user: 'bob', model: modelB, type: 'reasoning' }, 123456, AT),
    costFrame({ agent: 'claude-code', user: 'ada', model: modelA }, 0.07, AT),
  ];
}

test('canonical types map onto the engine fields; cache writes of unknown TTL; reasoning never added', () => {
  const { records, skipped } = extractUsage(frames(), AT);
  const ada = records.find((r) => r.user === 'ada')!;
  expect(ada.tokens).toEqual({
    input: 1000,
    output: 2000,
    cacheRead: 50000,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    cacheWriteUnknown: 3000,
  });
  expect(ada.reportedUSD).toBeCloseTo(0.07, 10);
  expect(skipped).toBe(1);
});

test('per model: cache-aware cost, list ceiling and savings are the engine figures summed per group', () => {
  const { rows, total } = priceRows(extractUsage(frames(), AT).records, pricer, { groupBy: 'model', sort: 'cost' });
  const priceOf = (tokens: Partial<Record<string, number>>, model: string) => {
    const c = pricer.price({
      agent: 'claude-code',
      model,
      timestamp: AT,
      perRequest: false,
      tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheWriteUnknown: 0, ...tokens },
    });
    if (!c.priced) {
      throw new Error('expected a price');
    }
    return c;
  };
  const ada = priceOf({ input: 1000, output: 2000, cacheRead: 50000, cacheWriteUnknown: 3000 }, modelA);
  const bobA = priceOf({ input: 500 }, modelA);
  const rowA = rows.find((r) => r.key === modelA)!;
  expect(rowA.cacheAwareUSD).toBeCloseTo(ada.total + bobA.total, 12);
  expect(rowA.listCeilingUSD).toBeCloseTo(ada.listCeiling + bobA.listCeiling, 12);
  expect(rowA.savingsUSD!).toBeGreaterThan(0);
  expect(rowA.savingsUSD).toBeCloseTo(rowA.listCeilingUSD! - rowA.cacheAwareUSD!, 12);
  expect(rowA.cacheHitRatio).toBeCloseTo(50000 / (1500 + 50000 + 3000), 12);
  expect(rowA.reportedUSD).toBeCloseTo(0.07, 10);
  expect(rowA.assumedCacheWriteTTL).toBe('5m');
  expect(rowA.totalTokens).toBe(1000 + 2000 + 50000 + 3000 + 500);
  // sorted by cache-aware cost, the unpriced model last
  expect(rows.map((r) => r.key)).toEqual([modelA, modelB, 'not-a-model-anyone-prices']);
  expect(total.cacheAwareUSD).toBeCloseTo(ada.total + bobA.total + priceOf({ output: 700 }, modelB).total, 12);
});

test('an unknown model is flagged unpriced, never $0, and named in the total', () => {
  const { rows, total } = priceRows(extractUsage(frames(), AT).records, pricer, { groupBy: 'model', sort: 'name' });
  const unknown = rows.find((r) => r.key === 'not-a-model-anyone-prices')!;
  expect(unknown.cacheAwareUSD).toBeUndefined();
  expect(unknown.listCeilingUSD).toBeUndefined();
  expect(unknown.unpriced).toEqual([expect.objectContaining({ model: 'not-a-model-anyone-prices', tokens: 999 })]);
  expect(total.unpriced.map((u) => u.model)).toEqual(['not-a-model-anyone-prices']);
});

test('per developer rows keep a developer with partly unpriced usage priced for the rest, flagged', () => {
  const { rows } = priceRows(extractUsage(frames(), AT).records, pricer, { groupBy: 'user', sort: 'name' });
  expect(rows.map((r) => r.key)).toEqual(['ada', 'bob']);
  const bob = rows[1];
  expect(bob.cacheAwareUSD!).toBeGreaterThan(0);
  expect(bob.unpriced).toHaveLength(1);
});

test('the 1h TTL what-if prices the same cache writes higher', () => {
  const records = extractUsage(frames(), AT).records;
  const base = priceRows(records, pricer, { groupBy: 'model', sort: 'name' }).total.cacheAwareUSD!;
  const hour = priceRows(records, createPricer({ assumedCacheWriteTTL: '1h' }), { groupBy: 'model', sort: 'name' });
  expect(hour.total.cacheAwareUSD!).toBeGreaterThan(base);
  expect(hour.total.assumedCacheWriteTTL).toBe('1h');
});
