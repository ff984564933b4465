// Bundles the CLI into a dependency-free CommonJS entry (cli/dist/seatmeter.cjs) with esbuild. Code only
// `push` needs (the OpenTelemetry SDK) is a second bundle beside it (seatmeter-push.cjs), required on demand:
// a report run does not compile ~400 KB it never calls. CommonJS rather than ESM: Node's ESM loader costs
// ~10 ms of every run's start (Node 20: `--version` 42 → 32 ms).
// Usage: node cli/build.mjs [outfile]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The `push` module, imported on demand, is the bundle `file` beside the entry. */
const pushApart = (file) => ({
  name: 'push-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/push\/push$/ }, (a) => (a.kind === 'dynamic-import' ? { path: `./${file}`, external: true } : undefined));
  },
});

/** Node's platform-arch → Go's GOOS/GOARCH, for every platform the published package carries a reader for */
export const NATIVE_TARGETS = {
  'linux-x64': ['linux', 'amd64'],
  'linux-arm64': ['linux', 'arm64'],
  'darwin-x64': ['darwin', 'amd64'],
  'darwin-arm64': ['darwin', 'arm64'],
  'win32-x64': ['windows', 'amd64'],
};

/**
 * Builds the native Claude Code reader (Go, cmd/seatmeter-scan) into <dir>/native/<platform>-<arch>/ for
 * `targets` (default: this machine). Without Go nothing is built and the CLI reads in TypeScript.
 */
export function buildNative(dir, targets = [`${process.platform}-${process.arch}`]) {
  const built = [];
  for (const target of targets) {
    const goTarget = NATIVE_TARGETS[target];
    if (!goTarget) {
      continue;
    }
    const exe = join(dir, 'native', target, target.startsWith('win32') ? 'seatmeter-scan.exe' : 'seatmeter-scan');
    mkdirSync(dirname(exe), { recursive: true });
    try {
      execFileSync('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', exe, './cmd/seatmeter-scan'], {
        cwd: resolve(here, '..'),
        // GOEXPERIMENT=simd: the marker search uses AVX2 where the CPU has it (internal/claudescan/search_simd.go)
        env: { ...process.env, GOOS: goTarget[0], GOARCH: goTarget[1], CGO_ENABLED: '0', GOEXPERIMENT: 'simd' },
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 300000,
      });
      built.push(exe);
    } catch (e) {
      console.warn(`seatmeter: native reader for ${target} not built (${String(e.stderr ?? e.message).trim().split('\n')[0]}): the CLI reads in TypeScript there`);
    }
  }
  return built;
}

export async function buildCli(outfile = resolve(here, 'dist', 'seatmeter.cjs'), nativeTargets = undefined) {
  const dir = dirname(outfile);
  const name = basename(outfile).replace(/\.c?js$/, '');
  const pushFile = `${name}-push.cjs`;
  let old = [];
  try {
    old = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && /\.[cm]js$/.test(f));
  } catch {
    // no output dir yet
  }
  for (const f of old) {
    rmSync(join(dir, f)); // bundles and chunks of an earlier build
  }
  rmSync(join(dir, 'native'), { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: !process.env.SEATMETER_NO_MINIFY, // (SEATMETER_NO_MINIFY=1: readable names in CPU profiles)
    legalComments: 'none',
    // a report snapshot is valid for the build that wrote it (src/main.ts reportKey)
    define: { __SEATMETER_BUILD__: JSON.stringify(`${Date.now().toString(36)}.${process.pid}`) },
    logLevel: 'warning',
  };
  await Promise.all([
    build({ ...common, entryPoints: [resolve(here, 'src', 'bin.ts')], outfile, plugins: [pushApart(pushFile)], banner: { js: '#!/usr/bin/env node' } }),
    build({ ...common, entryPoints: [resolve(here, 'src', 'push', 'push.ts')], outfile: join(dir, pushFile) }),
  ]);
  buildNative(dir, nativeTargets);
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // --all-platforms: the native reader of every platform the package carries (npm pack); else this one's
  const all = process.argv.includes('--all-platforms');
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const out = await buildCli(file ? resolve(file) : undefined, all ? Object.keys(NATIVE_TARGETS) : undefined);
  console.error(`built ${out}`); // (stderr: `npm pack --json` prints its JSON on stdout)
}
