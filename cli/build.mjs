// Bundles the CLI into a dependency-free ESM entry (cli/dist/seatmeter.mjs) with esbuild. Code only some
// commands need (the OpenTelemetry SDK behind `push`) goes into chunks beside it, loaded on demand: a warm
// report run does not compile ~400 KB it never calls.
// Usage: node cli/build.mjs [outfile]
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export async function buildCli(outfile = resolve(here, 'dist', 'seatmeter.mjs')) {
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
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // the OpenTelemetry SDK is CommonJS: give its require() calls a real require in the ESM bundle
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __seatmeterRequire } from 'node:module';\nconst require = __seatmeterRequire(import.meta.url);",
    },
  });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildCli(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`built ${out}`);
}
