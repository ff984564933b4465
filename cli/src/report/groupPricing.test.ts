/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { loadPricer } from '../pricer';
import { priceAll } from '../priceCache';
import { rng } from '../testing/random';
import { AgentId, UsageRecord, zeroTokens } from '../usage';
import { bucketRecords, groupAndPrice, priceSplits } from './groupPricing';
import { QUARTER_HOURS, reportGrid } from './timeGrid';
import { groupRecords, UsageGroup } from './groups';

const r = rng(31);
const models: Array<[AgentId, string]> = [
  ['claude-code', 'claude-sonnet-4-5'],
  ['claude-code', 'claude-opus-4-1'],
  ['claude-code', 'claude-sonnet-4-5-20250929'],
  ['codex', 'gpt-5-codex'],
  ['claude-code', 'claude-imaginary-9'],
  ['claude-code', '<synthetic>'],
];
const start = Date.parse('2026-02-27T23:00:00Z');
const records: UsageRecord[] = Array.from({ length: 6000 }, () => {
  const [agent, model] = r.pick(models);
  // some above the long-context tiers, some with cache writes of unknown TTL
  const cacheRead = r.pick([0, r.int(0, 150000), r.int(150000, 400000)]);
  const tokens = { ...zeroTokens(), input: r.int(0, 3000), output: r.int(0, 5000), cacheRead, cacheWrite5m: r.int(0, 2000), cacheWrite1h: r.pick([0, 900]), cacheWriteUnknown: r.pick([0, 0, 700]) };
  const timestamp = start + r.int(0, 3 * 3600) * 1000 + r.int(0, 999);
  const where = { session: r.pick(['s1', 's2']), project: r.pick(['app', 'web']), branch: r.pick(['main', '']), user: 'u' };
  return { agent, model, timestamp, ...where, tokens, speed: r.pick([undefined, undefined, 'fast'] as const), inferenceGeo: r.pick([undefined, undefined, 'us']), flags: r.pick([undefined, ['model missing']]) };
});

function byKey(groups: UsageGroup[]): Map<string, UsageGroup> {
  const m = new Map<string, UsageGroup>();
  for (const g of groups) {
    const x = g.rec;
    const outcome = g.price.priced ? `p${g.price.assumedCacheWriteTTL ?? ''}` : `u${g.price.reason}`;
    m.set([x.agent, x.model, x.session, x.project, x.branch, x.flags?.join('\n') ?? '', outcome, x.timestamp].join('|'), g);
  }
  return m;
}

describe.each([
  ['list prices', undefined],
  // a price row changing in the middle of a quarter hour, and a discount
  ['overrides', { discountPercent: 10, models: [{ id: 'claude-sonnet-4-5', prices: [{ from: '2026-02-28T00:07:30Z', input: 1, output: 2, cacheRead: 0.1, cacheWrite5m: 1.5, cacheWrite1h: 2.5 }] }] }],
])('groupAndPrice (%s)', (_name, overrides) => {
  // in file order (runs of one session), as a scan yields them, and shuffled
  const sorted = [...records].sort((a, b) => a.session.localeCompare(b.session) || a.timestamp - b.timestamp);
  it.each([
    ['in time order', sorted, QUARTER_HOURS],
    ['shuffled', records, QUARTER_HOURS],
    ['in time order, hours', sorted, { widthMs: 3600000, originMs: 1800000 }],
    ['shuffled, days of +05:30', records, reportGrid('Asia/Kolkata')],
  ])('gives the groups of per-request pricing (%s): same keys, tokens, requests; costs to float rounding', (_order, records, grid) => {
    const pricer = loadPricer(overrides, '5m');
    const want = byKey(groupRecords(records, priceAll(records, pricer), false, grid));
    const got = byKey(groupAndPrice(records, pricer, { ...priceSplits(overrides), grid }));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [k, w] of want) {
      const g = got.get(k)!;
      expect(g.rec).toEqual(w.rec);
      expect(g.requests).toBe(w.requests);
      if (w.price.priced && g.price.priced) {
        expect(Math.abs(g.price.total - w.price.total)).toBeLessThanOrEqual(1e-12 * Math.max(1, w.price.total));
        expect(Math.abs(g.price.listCeiling - w.price.listCeiling)).toBeLessThanOrEqual(1e-12 * Math.max(1, w.price.listCeiling));
      } else {
        expect(g.price).toEqual(w.price);
      }
    }
    expect(want.size).toBeGreaterThan(grid === QUARTER_HOURS ? 100 : 20);
  });

  it('sums the requests above every tier threshold, and prices each between thresholds on its own', () => {
    const splits = priceSplits(overrides);
    const top = splits.thresholds[splits.thresholds.length - 1];
    const { tiers, buckets } = bucketRecords(sorted, { ...splits, grid: reportGrid('UTC') });
    const inputSide = (t: UsageRecord['tokens']) => t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.cacheWriteUnknown;
    const above = sorted.filter((x) => inputSide(x.tokens) > top).length;
    const between = sorted.filter((x) => inputSide(x.tokens) > splits.thresholds[0] && inputSide(x.tokens) <= top).length;
    expect(above).toBeGreaterThan(100);
    const summed = tiers.filter((it) => inputSide(it.first.tokens) > top);
    expect(summed.length).toBeLessThan(above * 0.9);
    expect(summed.reduce((n, it) => n + it.requests, 0)).toBe(above);
    expect(tiers.filter((it) => inputSide(it.first.tokens) <= top).map((it) => it.requests)).toEqual(Array(between).fill(1));
    expect([...tiers, ...buckets].reduce((n, it) => n + it.requests, 0)).toBe(sorted.length);
  });
});

describe('priceSplits', () => {
  it('holds every price row date and tier threshold, of the dataset and of the overrides', () => {
    const s = priceSplits({ models: [{ id: 'x', prices: [{ from: '2026-02-28T00:07:30Z', to: 'not a date' }] }] });
    expect(s.boundaries).toContain(Date.parse('2026-02-28T00:07:30Z'));
    expect(s.thresholds).toContain(200000);
    expect(s.boundaries).toEqual([...s.boundaries].sort((a, b) => a - b));
    expect(priceSplits(null).boundaries.length).toBeLessThan(s.boundaries.length);
  });
});
