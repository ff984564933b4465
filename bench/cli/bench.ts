// Side-by-side benchmark: ccusage (npm package with its native binary) vs the seatmeter bundle on the same
// generated corpus (gen-corpus.ts). Wall time, CPU time and peak RSS come from GNU time; every tool is run
// with a warm page cache, `--runs` times, median reported. Token totals are compared with each other and
// with the generator's truth.json.
// Usage: npx tsx bench/cli/bench.ts --corpus DIR [--runs 3] [--ccusage-version 20.0.24] [--out results.json]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { snapshotPath } from '../../cli/src/io/snapshot';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'ccusage-version': { type: 'string', default: '20.0.24' },
    out: { type: 'string' },
  },
});
if (!values.corpus) {
  throw new Error('--corpus DIR is required (make one with bench/cli/gen-corpus.ts)');
}
const CORPUS = resolve(values.corpus);
const RUNS = Number(values.runs);
const ROOT = resolve(__dirname, '..', '..');
const CACHE = process.env.SEATMETER_CACHE ?? join(homedir(), '.cache', 'seatmeter');

function ccusageBinary(version: string): string {
  // installed into a cache dir, never into the project's package.json
  const prefix = join(CACHE, 'bench', `ccusage-${version}`);
  const bin = join(prefix, 'node_modules', '.bin', 'ccusage');
  if (!existsSync(bin)) {
    mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `ccusage@${version}`], { stdio: 'inherit' });
  }
  const native = join(prefix, 'node_modules', '@ccusage', `ccusage-${process.platform}-${process.arch}`);
  if (!existsSync(native)) {
    throw new Error(`ccusage@${version} has no native binary for ${process.platform}-${process.arch} in ${prefix}`);
  }
  return bin;
}

function bytesUnder(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? bytesUnder(p) : statSync(p).size;
  }
  return n;
}

interface Measure {
  wallS: number;
  cpuS: number;
  maxRssMB: number;
  stdout: string;
}

function timed(cmd: string[], env: NodeJS.ProcessEnv): Measure {
  // wall by the clock around the spawn (ms resolution; GNU time's %e has 10 ms, too coarse for warm runs)
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...cmd], { env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    throw new Error(`${cmd.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  }
  const [, user, sys, rss] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wallS: wall, cpuS: user + sys, maxRssMB: rss / 1024, stdout: r.stdout };
}

function median(ms: Measure[]): Measure {
  const s = [...ms].sort((a, b) => a.wallS - b.wallS);
  return s[Math.floor(s.length / 2)];
}

function bench(name: string, cmd: string[], env: NodeJS.ProcessEnv, before?: () => void): Measure & { name: string; runs: number[] } {
  const runs: Measure[] = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    runs.push(timed(cmd, env));
  }
  const m = median(runs);
  console.log(`${name.padEnd(34)} wall ${m.wallS.toFixed(3)} s  cpu ${m.cpuS.toFixed(2)} s  peak RSS ${m.maxRssMB.toFixed(0)} MB  (runs: ${runs.map((r) => r.wallS.toFixed(3)).join(', ')})`);
  return { name, ...m, runs: runs.map((r) => r.wallS) };
}

/**
 * b's wall time over a's, run in pairs (a b, then b a: alternating which goes first), RUNS pairs: the median
 * ratio. A machine whose speed drifts while the bench runs (a shared VM) moves both runs of a pair alike.
 */
function pairedRatio(name: string, a: string[], b: string[], env: NodeJS.ProcessEnv): { median: number; ratios: number[] } {
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let x: number;
    let y: number;
    if (i % 2 === 0) {
      x = timed(a, env).wallS;
      y = timed(b, env).wallS;
    } else {
      y = timed(b, env).wallS;
      x = timed(a, env).wallS;
    }
    ratios.push(y / x);
  }
  const m = [...ratios].sort((p, q) => p - q)[Math.floor(RUNS / 2)];
  console.log(`${name.padEnd(34)} median ${m.toFixed(3)}  (pairs: ${ratios.map((r) => r.toFixed(3)).join(', ')})`);
  return { median: m, ratios };
}

const home = mkdtempSync(join(tmpdir(), 'seatmeter-bench-home-'));
const empty = join(home, 'empty');
mkdirSync(empty);
const bundleDir = mkdtempSync(join(tmpdir(), 'seatmeter-bench-bundle-'));
const bundle = join(bundleDir, 'seatmeter.cjs');
execFileSync(process.execPath, [join(ROOT, 'cli', 'build.mjs'), bundle], { stdio: 'inherit' });
const ccusage = ccusageBinary(values['ccusage-version']!);
const cacheDir = join(home, 'seatmeter-cache');
const base = { PATH: process.env.PATH, HOME: home, TZ: 'UTC' };

// warm the page cache so both tools read from memory
for (const sub of ['claude', 'codex']) {
  spawnSync('sh', ['-c', `find "${join(CORPUS, sub)}" -type f -exec cat {} + > /dev/null`]);
}
const truth = JSON.parse(readFileSync(join(CORPUS, 'truth.json'), 'utf8'));
const claudeBytes = bytesUnder(join(CORPUS, 'claude'));
const codexBytes = bytesUnder(join(CORPUS, 'codex'));
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`load average before: ${load}`);
console.log(`corpus: Claude ${(claudeBytes / 1e6).toFixed(0)} MB, Codex ${(codexBytes / 1e6).toFixed(0)} MB; ${RUNS} runs each, median; ccusage ${values['ccusage-version']} (native), node ${process.version}`);

const claudeEnv = { ...base, CLAUDE_CONFIG_DIR: join(CORPUS, 'claude'), CODEX_HOME: empty, PI_CODING_AGENT_DIR: empty };
const codexEnv = { ...base, CLAUDE_CONFIG_DIR: empty, CODEX_HOME: join(CORPUS, 'codex'), PI_CODING_AGENT_DIR: empty };
const sm = (extra: string[]) => [process.execPath, bundle, 'daily', '--format', 'json', '--user', 'bench', '--timezone', 'UTC', ...extra];

const results = {
  ccusageClaude: bench('ccusage claude daily', [ccusage, 'claude', 'daily', '--offline', '--json', '-z', 'UTC'], claudeEnv),
  seatmeterClaude: bench('seatmeter daily (no cache)', sm(['--agent', 'claude', '--no-cache']), claudeEnv),
  // the TypeScript reader alone (where no native reader is packed for the platform)
  seatmeterClaudeTs: bench('seatmeter daily (no cache, SEATMETER_NATIVE=0)', sm(['--agent', 'claude', '--no-cache']), { ...claudeEnv, SEATMETER_NATIVE: '0' }),
  seatmeterClaudeCold: bench('seatmeter daily (cache cold→written)', sm(['--agent', 'claude', '--cache-dir', cacheDir]), claudeEnv, () =>
    rmSync(cacheDir, { recursive: true, force: true })
  ),
  // a re-run whose report is built from the group snapshot (the kept reports dropped before each run)...
  seatmeterClaudeWarmBuilt: bench('seatmeter daily (cache warm, report built)', sm(['--agent', 'claude', '--cache-dir', cacheDir]), claudeEnv, () =>
    rmSync(snapshotPath(join(cacheDir, 'scan'), ['claude-code'], 'reports').replace(/\.bin$/, '.json'), { force: true })
  ),
  // ...and the same report again (report snapshot)
  seatmeterClaudeWarm: bench('seatmeter daily (cache warm, same report again)', sm(['--agent', 'claude', '--cache-dir', cacheDir]), claudeEnv),
  // the same warm snapshot with a zone that needs ICU and two --by axes (the figure a non-UTC user sees)
  seatmeterClaudeWarmZone: bench('seatmeter daily warm, Berlin, --by', sm(['--agent', 'claude', '--cache-dir', cacheDir, '--timezone', 'Europe/Berlin', '--by', 'model,project']), claudeEnv),
  nodeStartup: bench('node -e 0 (start-up floor)', [process.execPath, '-e', '0'], claudeEnv),
  ccusageCodex: bench('ccusage codex daily', [ccusage, 'codex', 'daily', '--offline', '--json', '-z', 'UTC'], codexEnv),
  seatmeterCodex: bench('seatmeter daily --agent codex', sm(['--agent', 'codex', '--no-cache']), codexEnv),
  // one run over both corpora, against ccusage's two commands
  seatmeterBoth: bench('seatmeter daily, Claude + Codex (no cache)', sm(['--no-cache']), { ...claudeEnv, CODEX_HOME: join(CORPUS, 'codex') }),
};

const ccusageClaudeCmd = [ccusage, 'claude', 'daily', '--offline', '--json', '-z', 'UTC'];
const paired = pairedRatio('seatmeter / ccusage, in pairs', ccusageClaudeCmd, sm(['--agent', 'claude', '--no-cache']), claudeEnv);

const cc = JSON.parse(results.ccusageClaude.stdout).totals;
const st = JSON.parse(results.seatmeterClaude.stdout).totals;
const warm = JSON.parse(results.seatmeterClaudeWarm.stdout).totals;
const claudeTotals = {
  truth: truth.claude.input + truth.claude.output + truth.claude.cacheRead + truth.claude.cacheCreation,
  ccusage: cc.totalTokens,
  seatmeter: st.totalTokens,
  seatmeterFromCache: warm.totalTokens,
  seatmeterReportBuiltFromCache: JSON.parse(results.seatmeterClaudeWarmBuilt.stdout).totals.totalTokens,
  seatmeterFromCacheBerlin: JSON.parse(results.seatmeterClaudeWarmZone.stdout).totals.totalTokens,
  warmEqualsUncached: sameReport(results.seatmeterClaude.stdout, results.seatmeterClaudeWarm.stdout),
  keptReportEqualsBuilt: results.seatmeterClaudeWarm.stdout === results.seatmeterClaudeWarmBuilt.stdout,
  fields: {
    input: [truth.claude.input, cc.inputTokens, st.tokens.input],
    output: [truth.claude.output, cc.outputTokens, st.tokens.output],
    cacheRead: [truth.claude.cacheRead, cc.cacheReadTokens, st.tokens.cacheRead],
    cacheWrite: [truth.claude.cacheCreation, cc.cacheCreationTokens, st.tokens.cacheWrite5m + st.tokens.cacheWrite1h + st.tokens.cacheWriteUnknown],
  },
};
/**
 * Same report whatever the cache did: everything but the scan fields saying where records came from; counts
 * exactly, costs to 1e-9 (a run without a cache sums requests on its zone's grid, a cache on quarter hours:
 * the same prices, added in another order).
 */
function sameReport(a: string, b: string): boolean {
  const strip = (s: string) => {
    const r = JSON.parse(s);
    delete r.scan.filesFromCache;
    delete r.scan.bytesRead;
    delete r.scan.filesResumed;
    return r;
  };
  const same = (x: unknown, y: unknown): boolean => {
    if (typeof x === 'number' && typeof y === 'number') {
      return Number.isInteger(x) && Number.isInteger(y) ? x === y : Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
    }
    if (x && y && typeof x === 'object' && typeof y === 'object') {
      const kx = Object.keys(x);
      return kx.length === Object.keys(y).length && kx.every((k) => same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
    }
    return x === y;
  };
  return same(strip(a), strip(b));
}
const cx = JSON.parse(results.ccusageCodex.stdout);
const sx = JSON.parse(results.seatmeterCodex.stdout).totals;
const summary = {
  corpusMB: { claude: claudeBytes / 1e6, codex: codexBytes / 1e6 },
  claudeTotals,
  identicalClaudeTotals: claudeTotals.ccusage === claudeTotals.seatmeter && claudeTotals.seatmeter === claudeTotals.truth,
  // the native and the TypeScript reader give the same report, byte for byte
  nativeEqualsTypescript: results.seatmeterClaude.stdout === results.seatmeterClaudeTs.stdout,
  codexTotals: { truth: truth.codex, ccusage: cx.totals, seatmeter: sx.tokens },
  ratios: {
    wallVsCcusage: results.seatmeterClaude.wallS / results.ccusageClaude.wallS,
    wallVsCcusagePaired: paired.median,
    typescriptReaderWallVsCcusage: results.seatmeterClaudeTs.wallS / results.ccusageClaude.wallS,
    bothVsCcusageClaudePlusCodex: results.seatmeterBoth.wallS / (results.ccusageClaude.wallS + results.ccusageCodex.wallS),
    cpuVsCcusage: results.seatmeterClaude.cpuS / results.ccusageClaude.cpuS,
    warmCacheWallVsCcusage: results.seatmeterClaudeWarm.wallS / results.ccusageClaude.wallS,
    warmReportBuiltWallVsCcusage: results.seatmeterClaudeWarmBuilt.wallS / results.ccusageClaude.wallS,
    warmZoneWallVsCcusage: results.seatmeterClaudeWarmZone.wallS / results.ccusageClaude.wallS,
    nodeStartupVsCcusage: results.nodeStartup.wallS / results.ccusageClaude.wallS,
    codexWallVsCcusage: results.seatmeterCodex.wallS / results.ccusageCodex.wallS,
  },
  peakRssMB: { seatmeter: results.seatmeterClaude.maxRssMB, seatmeterTypescriptReader: results.seatmeterClaudeTs.maxRssMB, seatmeterWarm: results.seatmeterClaudeWarm.maxRssMB, ccusage: results.ccusageClaude.maxRssMB },
  goals: { wall: '<= 0.25x ccusage', rss: '<= 150 MB', warm: '<= 0.05x ccusage', totals: 'identical on the Claude corpus' },
};
console.log(JSON.stringify(summary, null, 2));
if (values.out) {
  const strip = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, stdout: undefined }]));
  writeFileSync(values.out, JSON.stringify({ summary, results: strip }, null, 2));
}
rmSync(home, { recursive: true, force: true });
rmSync(bundleDir, { recursive: true, force: true });
