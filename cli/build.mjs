// Bundles the CLI into a dependency-free ESM entry (cli/dist/seatmeter.mjs) with esbuild. Code only some
// commands need (the OpenTelemetry SDK behind `push`) goes into chunks beside it, loaded on demand: a warm
// report run does not compile ~400 KB it never calls.
// Usage: node cli/build.mjs [outfile]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Node built-ins are taken with require() (the banner's): an ESM import of one builds its ESM facade, which
 * reads every export — node:fs's stream getters load the whole streams stack (~3 ms of every run).
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    const builtin = /^node:/;
    // (import() of a built-in stays as it is: those are loaded on demand already)
    b.onResolve({ filter: builtin }, (a) =>
      a.namespace === 'builtin' || a.kind === 'dynamic-import' ? { path: a.path, external: true } : { path: a.path, namespace: 'builtin' }
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (a) => ({ contents: `module.exports = require(${JSON.stringify(a.path)});`, loader: 'js' }));
  },
};

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

export async function buildCli(outfile = resolve(here, 'dist', 'seatmeter.mjs'), nativeTargets = undefined) {
  const dir = dirname(outfile);
  const name = basename(outfile).replace(/\.mjs$/, '');
  let old = [];
  try {
    old = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.mjs'));
  } catch {
    // no output dir yet
  }
  for (const f of old) {
    rmSync(join(dir, f)); // chunks of an earlier build (their names carry content hashes)
  }
  rmSync(join(dir, 'native'), { recursive: true, force: true });
  await build({
    entryPoints: { [name]: resolve(here, 'src', 'bin.ts') },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    chunkNames: `${name}-[name]-[hash]`,
    splitting: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: !process.env.SEATMETER_NO_MINIFY, // (SEATMETER_NO_MINIFY=1: readable names in CPU profiles)
    legalComments: 'none',
    plugins: [builtinsByRequire],
    // a report snapshot is valid for the build that wrote it (src/main.ts reportKey)
    define: { __SEATMETER_BUILD__: JSON.stringify(`${Date.now().toString(36)}.${process.pid}`) },
    logLevel: 'warning',
    // the OpenTelemetry SDK is CommonJS: give its require() calls a real require in the ESM bundle
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __seatmeterRequire } from 'node:module';\nconst require = __seatmeterRequire(import.meta.url);",
    },
  });
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
