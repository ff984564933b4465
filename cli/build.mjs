// Bundles the CLI into one dependency-free ESM file (cli/dist/seatmeter.mjs) with esbuild.
// Usage: node cli/build.mjs [outfile]
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export async function buildCli(outfile = resolve(here, 'dist', 'seatmeter.mjs')) {
  await build({
    entryPoints: [resolve(here, 'src', 'bin.ts')],
    outfile,
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
