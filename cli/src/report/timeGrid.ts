// The time grid requests are summed on before a report reads them (groups.ts, groupPricing.ts and the native
// reader's final mode, internal/claudescan/final.go). A report reads only the local calendar day of a group,
// so any grid whose cells never hold two local days gives the same report; a coarser one sums more requests
// per group and leaves less to price and aggregate.

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Cells [originMs + k·widthMs, originMs + (k+1)·widthMs), epoch ms. */
export interface TimeGrid {
  widthMs: number;
  originMs: number;
}

/** Every zone's offsets are multiples of 15 minutes: quarter hours suit any zone (what a cache keeps). */
export const QUARTER_HOURS: TimeGrid = { widthMs: 15 * MINUTE, originMs: 0 };

/** The start of the cell holding `ms` (final.go cellStart does the same float operations). */
export function cellStart(grid: TimeGrid, ms: number): number {
  return Math.floor((ms - grid.originMs) / grid.widthMs) * grid.widthMs + grid.originMs;
}

/** What the agents' transcripts can hold: none of them existed before 2020. */
const PROBE_FROM = Date.UTC(2020, 0, 1);
const PROBE_STEP = 14 * DAY; // (a DST period, or its suspension, lasts longer)
const PROBE_AHEAD = 2 * 366 * DAY;

/** The zone's UTC offsets (ms) seen every two weeks from 2020 to two years after `now`. */
function offsets(timeZone: string, now: number): Set<number> {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  });
  const seen = new Set<number>();
  for (let t = PROBE_FROM; t < now + PROBE_AHEAD; t += PROBE_STEP) {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(t)) {
      p[part.type] = Number(part.value);
    }
    seen.add(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - t);
  }
  return seen;
}

const mod = (a: number, m: number) => ((a % m) + m) % m;

/**
 * The coarsest grid whose cells each lie within one local day of `timeZone`: local days for a zone of one
 * offset (UTC, Asia/Kolkata), hours for one whose offsets differ by whole hours (Europe/Berlin, America/
 * St_Johns), else quarter hours (Australia/Lord_Howe). Offsets are sampled every two weeks over the years the agents'
 * transcripts can hold.
 */
export function reportGrid(timeZone: string, now = Date.now()): TimeGrid {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    return { widthMs: DAY, originMs: 0 };
  }
  let seen: number[];
  try {
    seen = [...offsets(timeZone, now)];
  } catch {
    return QUARTER_HOURS; // an unknown zone: the report says so (LocalDates)
  }
  if (seen.length === 1) {
    return { widthMs: DAY, originMs: mod(-seen[0], DAY) };
  }
  const origin = mod(-seen[0], HOUR);
  return seen.every((o) => mod(-o, HOUR) === origin) ? { widthMs: HOUR, originMs: origin } : QUARTER_HOURS;
}
