/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { rng } from '../testing/random';
import { LocalDates } from './periods';

describe('LocalDates', () => {
  it('UTC days by Date arithmetic equal the Intl formatter, including around midnights and leap days', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    const r = rng(15);
    const utc = new LocalDates('UTC');
    const etc = new LocalDates('Etc/UTC');
    const samples = [Date.parse('2028-02-29T23:59:59.999Z'), Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-12-31T23:45:00Z'), 0];
    for (let i = 0; i < 5000; i++) {
      samples.push(r.int(0, 4102444800) * 1000 + r.int(0, 999));
    }
    for (const ms of samples) {
      const q = Math.floor(ms / 900000) * 900000;
      const want = fmt.format(new Date(q));
      expect([ms, utc.day(ms)]).toEqual([ms, want]);
      expect(etc.day(ms)).toBe(want);
    }
  });

  it('other zones still use their own offsets (Kathmandu +05:45)', () => {
    const d = new LocalDates('Asia/Kathmandu');
    expect(d.day(Date.parse('2026-03-01T18:14:59Z'))).toBe('2026-03-01');
    expect(d.day(Date.parse('2026-03-01T18:15:00Z'))).toBe('2026-03-02');
    expect(() => new LocalDates('Mars/Olympus')).toThrow(/unknown time zone 'Mars\/Olympus'/);
  });
});
