import { usageError } from '../errors';
import { QUARTER_HOURS } from './timeGrid';

export type Period = 'daily' | 'weekly' | 'monthly' | 'session';
export const PERIODS: Period[] = ['daily', 'weekly', 'monthly', 'session'];

const QUARTER_HOUR = QUARTER_HOURS.widthMs;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Local calendar dates in a time zone. Offsets of every zone are multiples of 15 minutes, so the
 * formatter runs once per quarter hour rather than once per record.
 */
export class LocalDates {
  private readonly fmt?: Intl.DateTimeFormat;
  private readonly memo = new Map<number, string>();
  /** UTC days need no formatter (Date arithmetic, checked against Intl in periods.test.ts) */
  private readonly utc: boolean;

  constructor(readonly timeZone: string) {
    this.utc = timeZone === 'UTC' || timeZone === 'Etc/UTC';
    if (this.utc) {
      return;
    }
    try {
      this.fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      throw usageError(`--timezone: unknown time zone '${timeZone}'`);
    }
  }

  /** YYYY-MM-DD in the zone */
  day(ms: number): string {
    if (this.utc) {
      const n = Math.floor(ms / DAY); // (memoised per day: a report's groups are each in another quarter hour)
      let u = this.memo.get(n);
      if (u === undefined) {
        u = new Date(n * DAY).toISOString().slice(0, 10);
        this.memo.set(n, u);
      }
      return u;
    }
    const q = Math.floor(ms / QUARTER_HOUR);
    let d = this.memo.get(q);
    if (d === undefined) {
      const parts = this.fmt!.formatToParts(new Date(q * QUARTER_HOUR));
      const get = (t: string) => parts.find((p) => p.type === t)!.value;
      d = `${get('year')}-${get('month')}-${get('day')}`;
      this.memo.set(q, d);
    }
    return d;
  }

  periodKey(period: Period, ms: number, session: string): string {
    const day = this.day(ms);
    switch (period) {
      case 'daily':
        return day;
      case 'monthly':
        return day.slice(0, 7);
      case 'weekly':
        return weekStart(day);
      case 'session':
        return session || '(no session)';
    }
  }
}

/** The Monday (ISO week start) of a YYYY-MM-DD calendar date. */
export function weekStart(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

/** Accepts YYYY-MM-DD or YYYYMMDD; returns YYYY-MM-DD. */
export function parseDay(flag: string, v: string): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(v);
  if (!m) {
    throw usageError(`${flag}: expected YYYY-MM-DD or YYYYMMDD, got '${v}'`);
  }
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const t = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== day) {
    throw usageError(`${flag}: not a calendar date: '${v}'`);
  }
  return day;
}
