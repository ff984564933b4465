/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scan } from './scan';
import { addTokens, AgentId, zeroTokens } from './usage';

const FIXTURES = resolve(__dirname, '..', 'fixtures');

interface Expected {
  trap: string;
  env: Record<string, string>;
  agents: AgentId[];
  tokens: ReturnType<typeof zeroTokens>;
  records: number;
  rows: number;
  duplicates: number;
  lines: number;
  malformed: number;
  flags?: string[];
  models?: string[];
  projects?: string[];
  branches?: string[];
}

export function fixtureEnv(dir: string, env: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    out[k] = v
      .split(',')
      .map((p) => join(dir, p))
      .join(',');
  }
  return out;
}

describe('one fixture per transcript trap (sources.md §4), hand-computed totals', () => {
  const names = readdirSync(FIXTURES).filter((n) => !n.startsWith('.'));
  it('has fixtures', () => expect(names.length).toBeGreaterThanOrEqual(11));

  it.each(names)('%s', async (name) => {
    const dir = join(FIXTURES, name);
    const exp = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const { records, stats } = await scan({
      agents: exp.agents,
      env: fixtureEnv(dir, exp.env),
      home: join(dir, 'no-home'),
      user: 'dev@example.com',
    });
    const total = zeroTokens();
    records.forEach((r) => addTokens(total, r.tokens));
    expect(total).toEqual(exp.tokens);
    expect(records).toHaveLength(exp.records);
    expect(stats.rows).toBe(exp.rows);
    expect(stats.duplicates).toBe(exp.duplicates);
    expect(stats.lines).toBe(exp.lines);
    expect(stats.malformed).toBe(exp.malformed);
    const flags = [...new Set(records.flatMap((r) => r.flags ?? []))].sort();
    expect(flags).toEqual(exp.flags ?? []);
    const uniq = (f: (r: (typeof records)[0]) => string) => [...new Set(records.map(f))].sort();
    if (exp.models) {
      expect(uniq((r) => r.model)).toEqual(exp.models);
    }
    if (exp.projects) {
      expect(uniq((r) => r.project)).toEqual(exp.projects);
    }
    if (exp.branches) {
      expect(uniq((r) => r.branch)).toEqual(exp.branches);
    }
    expect(records.every((r) => r.user === 'dev@example.com' && Number.isFinite(r.timestamp))).toBe(true);
  });
});
