/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mutate, rng } from '../testing/random';
import { claudeAdapter } from './claude';
import { codexAdapter } from './codex';
import { piAdapter } from './pi';
import { Adapter } from './types';

const FIXTURES = resolve(__dirname, '..', '..', 'fixtures');

function fixtureLines(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) {
        walk(p);
      } else if (n.endsWith('.jsonl')) {
        out.push(...readFileSync(p, 'utf8').split('\n').filter(Boolean));
      }
    }
  };
  walk(FIXTURES);
  return out;
}

describe.each<[string, Adapter]>([
  ['claude', claudeAdapter],
  ['codex', codexAdapter],
  ['pi', piAdapter],
])('%s parser on damaged and random input', (_name, adapter) => {
  const lines = fixtureLines();
  it('never throws, yields only finite non-negative tokens', () => {
    const r = rng(3);
    const p = adapter.parser({ path: 'f', user: 'u' });
    for (let i = 0; i < 5000; i++) {
      const text = i % 5 === 0 ? JSON.stringify(r.pick([null, 1, 'x', [], {}, { payload: [] }, { message: 7 }, { type: 'session' }])) : mutate(r, r.pick(lines));
      const buf = Buffer.from(text, 'latin1');
      expect(() => p.line(buf, 0, buf.length)).not.toThrow();
    }
    for (const row of p.rows) {
      for (const v of Object.values(row.tokens)) {
        expect(Number.isFinite(v) && v >= 0).toBe(true);
      }
      expect(Number.isFinite(row.timestamp)).toBe(true);
    }
  });
});
