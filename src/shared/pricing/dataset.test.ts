// The committed price dataset must be exactly what `npm run prices:update` produces from the installed package.
import { readFileSync } from 'fs';
import { join } from 'path';
import { buildPriceDataset, installedPackage, regenerate, type Supplement } from '../../../scripts/update-prices';
import { createPricer, parseOverrides } from './index';

const ROOT = join(__dirname, '..', '..', '..');
const committed = readFileSync(join(ROOT, 'data', 'prices.json'), 'utf8');

describe('data/prices.json', () => {
  it('is what the generator produces from the installed @pydantic/genai-prices (run npm run prices:update)', () => {
    const asOf = JSON.parse(committed).as_of;
    expect(regenerate(ROOT, asOf)).toBe(committed);
  });

  it('records its source package, version and as-of date', () => {
    const d = JSON.parse(committed);
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@pydantic', 'genai-prices', 'package.json'), 'utf8'));
    expect(d.source).toEqual({ package: '@pydantic/genai-prices', version: installed.version, supplement: 'data/price-supplement.json' });
    expect(d.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('prices every model the simulators and the agents default to', () => {
    const pricer = createPricer();
    const simulatorModels = ['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'gpt-5-codex', 'gpt-5.1-codex', 'gpt-5.2'];
    const agentModels = ['claude-opus-4-6', 'claude-sonnet-4-6', 'claude-opus-4-7', 'claude-sonnet-5', 'gpt-5.1-codex-max', 'gpt-5.3-codex', 'gpt-5.4', 'gpt-5.5', 'o3', 'o4-mini', 'gpt-4.1'];
    for (const m of [...simulatorModels, ...agentModels]) {
      expect(pricer.resolveModel(m)).toBe(m);
    }
  });

  it('is listed in docs/prices.md with its current list prices', () => {
    const d = JSON.parse(committed);
    const doc = readFileSync(join(ROOT, 'docs', 'prices.md'), 'utf8');
    const table = new Map<string, string[]>();
    for (const m of doc.matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)) {
      table.set(m[1], m[2].split(' | '));
    }
    expect([...table.keys()].sort()).toEqual(Object.keys(d.models).sort());
    for (const [id, m] of Object.entries<{ provider: string; prices: Array<Record<string, number>> }>(d.models)) {
      const last = m.prices[m.prices.length - 1];
      const want = [m.provider, ...['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'].map((k) => String(last[k]))];
      expect(table.get(id)!.slice(0, 6)).toEqual(want);
    }
  });

  it('ships an overrides example that parses', () => {
    const example = JSON.parse(readFileSync(join(ROOT, 'data', 'price-overrides.example.json'), 'utf8'));
    const pricer = createPricer({ overrides: parseOverrides(example) });
    expect(pricer.resolveModel('acme/coder-v2')).toBe('acme-coder');
    expect(pricer.knownModels()).toContain('acme-coder');
  });

  it('names a source for every price row', () => {
    const d = JSON.parse(committed);
    for (const m of Object.values<{ prices: Array<{ source: string; tiers?: unknown[]; tiersSource?: string }> }>(d.models)) {
      for (const row of m.prices) {
        expect(row.source).toMatch(/^@pydantic\/genai-prices (anthropic|openai)\//);
      }
    }
  });

  describe('generator guards', () => {
    const { providers, version } = installedPackage(ROOT);
    const supplement = (): Supplement => JSON.parse(readFileSync(join(ROOT, 'data', 'price-supplement.json'), 'utf8'));

    it('fails when a selected model is not in the package', () => {
      const s = supplement();
      s.selection.push({ id: 'claude-imaginary-9', from: 'anthropic/claude-imaginary-9' });
      expect(() => buildPriceDataset(providers, version, s, '2026-01-01')).toThrow('selection claude-imaginary-9: anthropic/claude-imaginary-9 is not in');
    });

    it('fails when a package price no longer matches a reviewed fact', () => {
      const s = supplement();
      s.crossChecks.models['claude-sonnet-5'].input = 3;
      expect(() => buildPriceDataset(providers, version, s, '2026-01-01')).toThrow('failed for claude-sonnet-5: input is 2, expected 3');
    });

    it('fails when two models claim one id', () => {
      const s = supplement();
      s.selection.push({ id: 'gpt-5-again', from: 'openai/gpt-5' });
      expect(() => buildPriceDataset(providers, version, s, '2026-01-01')).toThrow(/is claimed by both gpt-5 and gpt-5-again/);
    });
  });
});
