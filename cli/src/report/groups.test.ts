/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPricer } from '../pricer';
import { priceAll } from '../priceCache';
import { ScanStats } from '../scan';
import { rng } from '../testing/random';
import { AgentId, UsageRecord } from '../usage';
import { featureAttributor } from './features';
import { groupRecords, readGroups, writeGroups } from './groups';
import { buildReport, ReportOptions } from './report';

const r = rng(8);
const models: Array<[AgentId, string]> = [['claude-code', 'claude-sonnet-4-5'], ['claude-code', 'claude-opus-4-1'], ['codex', 'gpt-5-codex'], ['claude-code', 'claude-imaginary-9']];
const start = Date.parse('2026-02-27T00:00:00Z');
const records: UsageRecord[] = Array.from({ length: 3000 }, () => {
  const [agent, model] = r.pick(models);
  return {
    agent,
    model,
    // within a few days, on and around local midnights of every odd zone
    timestamp: start + r.int(0, 5 * 86400) * 1000 + r.int(0, 999),
    session: r.pick(['s1', 's2', 's3', '']),
    project: r.pick(['app', 'web']),
    branch: r.pick(['main', 'feat/a', '']),
    user: 'u',
    tokens: {
      input: r.int(0, 300000), // some above the 200k tier
      output: r.int(0, 5000),
      cacheRead: r.int(0, 100000),
      cacheWrite5m: r.int(0, 2000),
      cacheWrite1h: r.int(0, 2000),
      cacheWriteUnknown: r.pick([0, 0, 700]),
      reasoning: 0,
    },
    flags: r.pick([undefined, ['model missing']]),
  };
});
const stats = { files: 1 } as ScanStats;
const pricer = loadPricer(undefined, '5m');
const prices = priceAll(records, pricer);

function options(timezone: string, extra: Partial<ReportOptions> = {}): ReportOptions {
  return {
    period: 'daily', by: ['model', 'agent', 'project', 'branch', 'feature', 'session'], timezone, since: '2026-02-28', until: '2026-03-03',
    featureOf: featureAttributor({ branchPrefix: 'feat/' }), pricer, unpriced: 'warn', sourceLabel: 'x', ...extra,
  };
}

/** Reports compare equal on every token, request, bucket and name; costs (fractional) to float rounding. */
function expectSame(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' && typeof b === 'number' && !(Number.isInteger(a) && Number.isInteger(b))) {
    if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) {
      throw new Error(`${path}: ${a} vs ${b}`);
    }
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(b as object)).toEqual(Object.keys(a as object));
    for (const k of Object.keys(a as object)) {
      expectSame((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    }
  } else {
    expect({ path, value: b }).toEqual({ path, value: a });
  }
}

describe('usage groups', () => {
  it.each(['UTC', 'Asia/Kathmandu', 'Australia/Eucla', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Kiritimati'])(
    'a report over quarter-hour groups equals one over single requests (%s)',
    (tz) => {
      const single = records.map((rec, i) => ({ rec, requests: 1, price: prices[i] }));
      const grouped = groupRecords(records, prices, false);
      expect(grouped.length).toBeLessThan(records.length);
      const a = buildReport(single, stats, options(tz));
      const b = buildReport(grouped, stats, options(tz));
      expect(b.totals.requests).toBe(a.totals.requests);
      expect(b.unpriced).toEqual(a.unpriced);
      expect(b.reconciled).toBe(true);
      expect(a.rows.length).toBeGreaterThan(20);
      expectSame(a, b);
    }
  );

  it('exact-time groups keep sidecar windows that do not fall on quarter hours', () => {
    const grouped = groupRecords(records, prices, true);
    const single = records.map((rec, i) => ({ rec, requests: 1, price: prices[i] }));
    const dir = mkdtempSync(join(tmpdir(), 'seatmeter-groups-'));
    try {
      const map = join(dir, 'map.json');
      writeFileSync(map, JSON.stringify([{ label: 'odd', from: '2026-03-01T10:07:13.5Z', until: '2026-03-01T13:01:00Z' }]));
      const o = options('UTC', { by: ['feature'], featureOf: featureAttributor({ sidecarMap: map }) });
      const a = buildReport(single, stats, o);
      expect(a.rows.map((x) => x.dims.feature)).toContain('odd');
      expectSame(a, buildReport(grouped, stats, o));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the group snapshot round-trips exactly and only for its corpus state and pricing setup', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seatmeter-groups-'));
    try {
      const ref = { dir, agents: ['claude-code' as const, 'codex' as const], fingerprint: 'f1', pricerKey: 'p1' };
      const groups = groupRecords(records, prices, false);
      writeGroups(ref, groups, stats);
      expect(readGroups(ref, 'u')).toEqual({ groups, stats });
      expect(readGroups({ ...ref, fingerprint: 'f2' }, 'u')).toBeUndefined();
      expect(readGroups({ ...ref, pricerKey: 'p2' }, 'u')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
