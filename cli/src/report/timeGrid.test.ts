/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { loadPricer } from '../pricer';
import { priceAll } from '../priceCache';
import { rng } from '../testing/random';
import { UsageRecord, zeroTokens } from '../usage';
import { groupRecords } from './groups';
import { LocalDates, Period } from './periods';
import { buildReport } from './report';
import { cellStart, QUARTER_HOURS, reportGrid } from './timeGrid';

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-23T00:00:00Z');

describe('reportGrid', () => {
  it.each([
    ['UTC', DAY, 0],
    ['Asia/Kolkata', DAY, 18 * HOUR + 30 * MIN], // +05:30 all year: local midnight is 18:30 UTC
    ['Asia/Kathmandu', DAY, 18 * HOUR + 15 * MIN],
    ['Asia/Tokyo', DAY, 15 * HOUR],
    ['America/Sao_Paulo', DAY, 3 * HOUR], // no DST since 2019
    ['Europe/Berlin', HOUR, 0],
    ['America/New_York', HOUR, 0],
    ['America/St_Johns', HOUR, 30 * MIN], // -03:30 / -02:30
    ['Australia/Adelaide', HOUR, 30 * MIN], // +09:30 / +10:30
    ['Australia/Lord_Howe', 15 * MIN, 0], // +10:30 / +11:00
    ['Not/A_Zone', 15 * MIN, 0], // the report refuses it (LocalDates)
  ])('%s: cells of %d ms from %d', (zone, width, origin) => {
    expect(reportGrid(zone, NOW)).toEqual({ widthMs: width, originMs: origin });
  });

  it('never puts two local days of the zone in one cell, 2024 to 2028', () => {
    const r = rng(7);
    for (const zone of ['Asia/Kolkata', 'Europe/Berlin', 'America/St_Johns', 'Australia/Adelaide', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Africa/Casablanca', 'America/Santiago']) {
      const grid = reportGrid(zone, NOW);
      const dates = new LocalDates(zone);
      for (let i = 0; i < 3000; i++) {
        const t = Date.parse('2024-01-01T00:00:00Z') + r.int(0, 4 * 365 * 24 * 60) * MIN;
        const start = cellStart(grid, t);
        expect(start).toBeLessThanOrEqual(t);
        expect(t - start).toBeLessThan(grid.widthMs);
        expect([zone, dates.day(start), dates.day(start + grid.widthMs - 1)]).toEqual([zone, dates.day(t), dates.day(t)]);
      }
    }
  });
});

describe('a report over groups on its zone\'s grid', () => {
  const r = rng(12);
  const pricer = loadPricer(undefined, '5m');
  const start = Date.parse('2026-03-25T00:00:00Z'); // (Europe's and Chile's DST changes within the month)
  const records: UsageRecord[] = Array.from({ length: 4000 }, () => {
    const tokens = { ...zeroTokens(), input: r.int(0, 3000), output: r.int(0, 4000), cacheRead: r.pick([r.int(0, 150000), r.int(200000, 400000)]), cacheWrite5m: r.int(0, 2000) };
    const model = r.pick(['claude-sonnet-4-5', 'claude-opus-4-1', 'gpt-5-codex']);
    return { agent: model.startsWith('gpt') ? 'codex' : 'claude-code', model, timestamp: start + r.int(0, 40 * 24 * 60) * MIN + r.int(0, 59999), session: r.pick(['s1', 's2', 's3']), project: r.pick(['app', 'web']), branch: 'main', user: 'u', tokens };
  });
  const prices = priceAll(records, pricer);

  it.each(['UTC', 'Asia/Kolkata', 'Europe/Berlin', 'America/St_Johns', 'Australia/Lord_Howe', 'America/Santiago'])('is the report over quarter hours (%s)', (zone) => {
    for (const period of ['daily', 'weekly', 'monthly'] as Period[]) {
      const report = (grid = QUARTER_HOURS) => {
        const groups = groupRecords(records, prices, false, grid);
        const opts = { period, by: ['model' as const, 'session' as const], timezone: zone, since: '2026-03-26', until: '2026-04-30', featureOf: () => '', pricer, unpriced: 'error' as const, sourceLabel: 'local' };
        return { n: groups.length, rep: buildReport(groups, {} as never, opts) };
      };
      const fine = report();
      const grid = reportGrid(zone, NOW);
      const coarse = report(grid);
      expect(coarse.n < fine.n).toBe(grid.widthMs > QUARTER_HOURS.widthMs);
      const key = (x: (typeof fine.rep.rows)[0]) => `${x.period}|${x.dims.model}|${x.dims.session}`;
      expect(coarse.rep.rows.map(key)).toEqual(fine.rep.rows.map(key));
      coarse.rep.rows.forEach((row, i) => {
        const want = fine.rep.rows[i];
        expect([row.tokens, row.requests]).toEqual([want.tokens, want.requests]);
        expect(Math.abs(row.costUSD - want.costUSD)).toBeLessThanOrEqual(1e-9 * Math.max(1, want.costUSD));
      });
      expect(coarse.rep.reconciled).toBe(true);
    }
  });
});
