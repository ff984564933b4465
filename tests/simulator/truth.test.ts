import { metric } from './catalog';
import { claudeReportedCostUSD } from './cost';
import { plan, PlanOptions, CONTENT_MARKER } from './plan';
import { canonical, groundTruth, rawTokens } from './truth';

const opts: PlanOptions = {
  seed: 3,
  developers: 3,
  sessionsPerDeveloper: 2,
  requestsPerSession: 4,
  claudeModels: ['claude-sonnet-4-5', 'claude-haiku-4-5'],
  codexModels: ['gpt-5-codex'],
  agents: ['claude-code', 'codex'],
  durationMs: 5000,
  emailDomain: 'example.com',
};

describe('simulator plan and ground truth', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(plan(opts)).toEqual(plan(opts));
    expect(plan({ ...opts, seed: 4 })).not.toEqual(plan(opts));
  });

  it('spreads events over the duration in order, content carries the marker', () => {
    const events = plan(opts);
    expect(events).toHaveLength(3 * 2 * 2 * 4);
    events.forEach((e, i) => {
      expect(e.at).toBeGreaterThanOrEqual(i > 0 ? events[i - 1].at : 0);
      expect(e.at).toBeLessThan(5000);
      expect(e.prompt).toContain(CONTENT_MARKER);
    });
  });

  it('normalises Codex with the catalog: uncached input, total and reasoning never added', () => {
    const m = metric('tokens', 'codex');
    const raw = { total: 1300, input: 1000, cached_input: 800, output: 300, reasoning_output: 120 };
    expect(canonical(raw, m)).toEqual({ main: { input: 200, cache_read: 800, output: 300 }, sub: { reasoning: 120 } });
  });

  it('emits Claude types as the catalog names them, disjoint', () => {
    const e = plan(opts).find((x) => x.kind === 'claude-code')!;
    const m = metric('tokens', 'claude-code');
    expect(Object.keys(rawTokens(e, m)).sort()).toEqual(['cacheCreation', 'cacheRead', 'input', 'output']);
  });

  it('sums totals per series and bounds one interval by the totals', () => {
    const events = plan(opts);
    const costs = events.map(() => 0.5);
    const t = groundTruth(events, costs, 1000, {});
    const sum = (xs: Array<{ tokens: number }>) => xs.reduce((a, x) => a + x.tokens, 0);
    const claudeIn = events.filter((e) => e.kind === 'claude-code').reduce((a, e) => a + (e.kind === 'claude-code' ? e.tokens.input : 0), 0);
    expect(sum(t.totals.filter((x) => x.agent === 'claude-code' && x.type === 'input'))).toBe(claudeIn);
    const byKey = new Map(t.totals.map((x) => [`${x.agent}${x.user}${x.model}${x.type}`, x.tokens]));
    for (const p of t.perIntervalMax) {
      expect(p.tokens).toBeLessThanOrEqual(byKey.get(`${p.agent}${p.user}${p.model}${p.type}`)!);
    }
    expect(t.claudeReportedCostUSD.reduce((a, c) => a + c.usd, 0)).toBeCloseTo(0.5 * events.filter((e) => e.kind === 'claude-code').length, 9);
  });

  it('prices Claude from data/prices.json and refuses unknown models', () => {
    const tokens = { input: 1_000_000, output: 0, cacheRead: 0, cacheCreation: 0 };
    expect(claudeReportedCostUSD('claude-sonnet-4-5', tokens, false, new Date('2026-01-01'))).toBeGreaterThan(0);
    expect(() => claudeReportedCostUSD('claude-nonexistent-9', tokens, false, new Date())).toThrow(/not in data\/prices.json/);
  });
});
