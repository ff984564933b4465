import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import catalog from '../../data/catalog.json';
import { Args, CommonArgs, HELP, parseCliArgs, PushArgs, ReportArgs } from './args';
import { CliError } from './errors';
import { priceAll, pricerKey } from './priceCache';
import { loadPricer } from './pricer';
import { PricerLike } from './pricing';
import { buildRollup } from './push/rollup';
import { priceRecords } from './report/aggregate';
import { loadBudgets } from './report/budgets';
import { featureAttributor } from './report/features';
import { groupAndPrice, PriceSplits, priceSplits } from './report/groupPricing';
import { GroupCacheRef, groupRecords, readGroups, UsageGroup, writeGroups } from './report/groups';
import { readReport, ReportOutput, writeReport } from './report/reportCache';
import { LocalDates } from './report/periods';
import { buildReport, Report } from './report/report';
import { renderCsv, renderJson, renderTable } from './report/render';
import { reportGrid } from './report/timeGrid';
import { findNative } from './io/nativeScan';
import { asWarm, discoverFiles, scan, ScanOptions, ScanStats, startListing } from './scan';

export const VERSION = '0.1.0';

export interface Io {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stderrIsTTY: boolean;
  columns: number;
  /** resolves when the user asks to stop a --watch loop */
  stopSignal?: Promise<void>;
  /** the running CLI bundle, started again as parse worker threads; undefined parses inline */
  workerScript?: string;
}

/** This machine's zone. TZ=UTC is taken as it is: asking Intl first starts ICU (~13 ms of a warm run). */
function machineTimeZone(): string {
  return process.env.TZ === 'UTC' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

async function resolveUser(args: CommonArgs, env: NodeJS.ProcessEnv): Promise<string> {
  if (args.user) {
    return args.user;
  }
  if (env.SEATMETER_USER) {
    return env.SEATMETER_USER;
  }
  try {
    // loaded on demand: node:child_process costs several ms of start-up that report runs do not need
    const { execFileSync } = await import('node:child_process');
    const email = execFileSync('git', ['config', '--get', 'user.email'], { encoding: 'utf8', timeout: 2000 }).trim();
    if (email) {
      return email;
    }
  } catch {
    // no git or no configured e-mail
  }
  return userInfo().username;
}

function scanDir(args: CommonArgs, io: Io): string | undefined {
  const home = io.env.HOME || homedir();
  const cacheDir = args.cacheDir ?? io.env.SEATMETER_CACHE ?? join(home, '.cache', 'seatmeter');
  return args.noCache ? undefined : join(cacheDir, 'scan');
}

/** The usage groups, or the output of the same report over the same corpus state (`reportKey`). */
type Usage =
  | { served: ReportOutput }
  | {
      groups: UsageGroup[];
      stats: ScanStats;
      /** the groups came from the group snapshot: a report built on them is kept there */
      snapshot?: { ref: GroupCacheRef; user: string };
    };

/** The build this bundle is (build.mjs); undefined unbundled (tests of the sources keep no report snapshot). */
declare const __SEATMETER_BUILD__: string | undefined;
const BUILD = typeof __SEATMETER_BUILD__ === 'string' ? __SEATMETER_BUILD__ : undefined;

/** Everything a report's output depends on besides the groups: its options, budgets, width and the build. */
function reportKey(args: ReportArgs, budgets: unknown, columns: number): string | undefined {
  if (!BUILD || args.sidecarMap) {
    return undefined; // (time-window features are priced per request, without group snapshot)
  }
  const width = args.format === 'table' ? columns : 0;
  return JSON.stringify([BUILD, args.period, args.by, args.timezone, args.since ?? null, args.until ?? null, args.unpriced, args.branchPrefix ?? null, budgets ?? null, args.format, width]);
}

interface PricingSetup {
  pricer: PricerLike;
  key: string;
  /** computed when requests are priced (a warm run prices nothing) */
  splits: () => PriceSplits;
}

/**
 * The priced usage groups of the asked agents. Warm path: when no transcript changed and the pricing setup
 * is the same, one file holds them (no per-file cache, no dedupe, no pricing); otherwise scan, price every
 * request (price cache), group, and keep the groups for the next run.
 */
async function usageGroups(
  args: CommonArgs,
  io: Io,
  pricing: PricingSetup,
  o: { exactTime: boolean; needsUser: boolean; reportKey?: string }
): Promise<Usage> {
  const exactTime = o.exactTime;
  const home = io.env.HOME || homedir();
  let last = 0;
  const progress = io.stderrIsTTY
    ? (done: number, total: number) => {
        const now = Date.now();
        if (now - last > 100 || done === total) {
          last = now;
          io.stderr(`\rscanning transcripts: ${done}/${total} files${done === total ? '\r\x1b[K' : ''}`);
        }
      }
    : undefined;
  const dir = scanDir(args, io);
  // reports have no user axis; asking git for it costs a process spawn (~10 ms of a warm run)
  const user = o.needsUser ? await resolveUser(args, io.env) : (args.user ?? io.env.SEATMETER_USER ?? '');
  const opts: ScanOptions = { agents: args.agents, env: io.env, home, user, cacheDir: dir, onProgress: progress, workerScript: io.workerScript, jobs: args.jobs, native: findNative(io.env, io.workerScript) };
  if (!exactTime && !dir) {
    // nothing is cached: the native reader starts now, listing Claude Code's files itself; the groups serve
    // this run only, so requests are summed per cell of the report's zone (a kept snapshot: quarter hours)
    opts.priceSplits = { ...pricing.splits(), grid: reportGrid(args.timezone) };
    opts.listing = startListing(opts, opts.priceSplits);
  }
  const found = discoverFiles(opts);
  const ref = dir && found.fingerprint ? { dir, agents: args.agents, fingerprint: found.fingerprint, pricerKey: pricing.key } : undefined;
  if (ref && !exactTime) {
    const served = o.reportKey ? readReport(ref, user, o.reportKey) : undefined;
    if (served) {
      return { served };
    }
    const hit = readGroups<ScanStats>(ref, user);
    if (hit) {
      return { ...hit, snapshot: { ref, user } };
    }
  }
  if (!exactTime) {
    opts.priceSplits ??= pricing.splits(); // (not before: a warm run does not need them)
  }
  const scanned = await scan(opts, found);
  // exact times (time-window features) keep one group per request time: priced per request, with a cache
  const groups = exactTime
    ? groupRecords(scanned.records, priceAll(scanned.records, pricing.pricer, ref), exactTime)
    : groupAndPrice(scanned.records, pricing.pricer, opts.priceSplits!, scanned.items);
  if (ref && !exactTime && scanned.complete) {
    writeGroups(ref, groups, asWarm(scanned.stats));
  }
  return { groups, stats: scanned.stats };
}

function pricerFor(args: CommonArgs): PricingSetup {
  let overrides: unknown;
  if (args.priceOverrides) {
    try {
      overrides = JSON.parse(readFileSync(args.priceOverrides, 'utf8'));
    } catch (e) {
      throw new CliError(1, `--price-overrides ${args.priceOverrides}: cannot read JSON (${(e as Error).message})`);
    }
  }
  return { pricer: loadPricer(overrides, args.cacheTTL), key: pricerKey(overrides, args.cacheTTL), splits: () => priceSplits(overrides) };
}

async function runReport(args: ReportArgs, io: Io): Promise<number> {
  const pricing = pricerFor(args);
  const pricer = pricing.pricer;
  const featureOf = featureAttributor({ branchPrefix: args.branchPrefix, sidecarMap: args.sidecarMap });
  const budgets = args.budgets ? loadBudgets(args.budgets) : undefined;
  const key = reportKey(args, budgets, io.columns);
  const usage = await usageGroups(args, io, pricing, { exactTime: !!args.sidecarMap, needsUser: false, reportKey: key });
  let out: ReportOutput;
  if ('served' in usage) {
    out = usage.served;
  } else {
    const { groups, stats } = usage;
    const report = buildReport(groups, stats, {
      period: args.period,
      by: args.by,
      timezone: args.timezone,
      since: args.since,
      until: args.until,
      featureOf,
      pricer,
      unpriced: args.unpriced,
      budgets,
      sourceLabel: catalog.sources.local,
    });
    const stdout =
      args.format === 'json' ? renderJson(report) : args.format === 'csv' ? renderCsv(report) : renderTable(report, io.columns);
    let stderr = '';
    if (stats.malformed && args.format !== 'table') {
      stderr += `seatmeter: skipped ${stats.malformed} malformed lines in ${Object.keys(stats.malformedByFile).length} files\n`;
    }
    const code = reconciliationExit(report, { stderr: (s) => (stderr += s) });
    out = { stdout, stderr, code };
    if (usage.snapshot && key) {
      writeReport(usage.snapshot.ref, usage.snapshot.user, key, out);
    }
  }
  io.stdout(out.stdout);
  if (out.stderr) {
    io.stderr(out.stderr);
  }
  return out.code;
}

/** A report whose buckets do not sum to its total on some axis exits 1 (after printing it). */
export function reconciliationExit(report: Report, io: Pick<Io, 'stderr'>): number {
  if (report.reconciled) {
    return 0;
  }
  const bad = report.reconciliation.filter((c) => !c.ok).map((c) => `${c.axis} (${c.mismatched.join(', ')})`);
  io.stderr(`seatmeter: reconciliation mismatch on ${bad.join('; ')}\n`);
  return 1;
}

async function runPush(args: PushArgs, io: Io): Promise<number> {
  const pricing = pricerFor(args);
  const pricer = pricing.pricer;
  let aliases: Record<string, string> = {};
  if (args.projectAlias) {
    try {
      aliases = JSON.parse(readFileSync(args.projectAlias, 'utf8'));
    } catch (e) {
      throw new CliError(1, `--project-alias ${args.projectAlias}: cannot read JSON (${(e as Error).message})`);
    }
  }
  // loaded on demand: report runs never evaluate the OpenTelemetry SDK
  const { createPusher } = await import('./push/push');
  const pusher = createPusher({ endpoint: args.endpoint, headers: args.headers, serviceVersion: VERSION });
  const once = async () => {
    const usage = await usageGroups(args, io, pricing, { exactTime: false, needsUser: true });
    if ('served' in usage) {
      throw new Error('a push is given no report key'); // (only reports are kept)
    }
    const { groups } = usage;
    const { priced } = priceRecords({
      groups,
      period: 'daily',
      by: [],
      dates: new LocalDates(args.timezone),
      since: args.since,
      until: args.until,
      featureOf: () => '',
      pricer,
      unpriced: args.unpriced,
    });
    const rollup = buildRollup(priced, { mode: args.projectNames, aliases }, 'local');
    await pusher.push(rollup);
    const tokens = rollup.tokens.reduce((n, p) => n + p.value, 0);
    const cost = rollup.costUSD.reduce((n, p) => n + p.value, 0);
    io.stderr(`seatmeter: pushed ${rollup.tokens.length} token series (${tokens} tokens, $${cost.toFixed(6)}) to ${args.endpoint}\n`);
  };
  try {
    await once();
    if (args.watchMs) {
      let stop = false;
      io.stopSignal?.then(() => (stop = true));
      while (!stop) {
        await Promise.race([new Promise((r) => setTimeout(r, args.watchMs)), io.stopSignal]);
        if (!stop) {
          await once();
        }
      }
    }
  } finally {
    await pusher.shutdown();
  }
  return 0;
}

/** Runs the CLI and returns the exit code; every expected failure is a one-line message on stderr. */
export async function run(io: Io): Promise<number> {
  let args: Args;
  try {
    args = parseCliArgs(io.argv, machineTimeZone);
    if (args.command === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (args.command === 'version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    return args.command === 'push' ? await runPush(args, io) : await runReport(args, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`seatmeter: ${e.message}\n`);
      if (e.exitCode === 2) {
        io.stderr(`Run 'seatmeter --help' for usage.\n`);
      }
      return e.exitCode;
    }
    throw e;
  }
}
