#!/usr/bin/env bash
# seatmeter CLI: build the published bundle (esbuild, zero runtime deps) and its native Claude Code reader,
# smoke-run it on the trap fixtures with and without the native reader, then pack the npm package as
# published (every platform's reader), install the tarball and run it from there. The CLI's unit, property,
# end-to-end and push tests run in the jest step (cli/src/**/*.test.ts).
set -euo pipefail
node cli/build.mjs
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"
fixtures=(CLAUDE_CONFIG_DIR=cli/fixtures/claude-cache-ttl/claude CODEX_HOME=cli/fixtures/codex-reemits/codex
  PI_CODING_AGENT_DIR=cli/fixtures/pi-fork-dedupe/pi HOME="$tmp/home")
report() { env "${fixtures[@]}" "$@" monthly --format json --user ci --no-cache; }
out="$(report node cli/dist/seatmeter.cjs)"
total="$(node -e 'const r=JSON.parse(process.argv[1]); if(!r.reconciled) process.exit(1); console.log(r.totals.totalTokens)' "$out")"
# hand-computed in the fixtures' expected.json: 3440 (claude) + 2800 (codex) + 1670 (pi)
test "$total" = 7910 || { echo "seatmeter bundle: expected 7910 tokens, got $total"; exit 1; }
test "$out" = "$(SEATMETER_NATIVE=0 report node cli/dist/seatmeter.cjs)" || { echo "native and TypeScript readers differ"; exit 1; }

# the package as published: prepack builds the bundle and the native reader of every platform it carries
(cd cli && npm pack --pack-destination "$tmp" --json 2>/dev/null) > "$tmp/pack.json"
node -e '
  const [p] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const files = p.files.map((f) => f.path);
  const want = ["dist/seatmeter.cjs", "dist/seatmeter-push.cjs", "dist/native/linux-x64/seatmeter-scan", "dist/native/linux-arm64/seatmeter-scan",
    "dist/native/darwin-x64/seatmeter-scan", "dist/native/darwin-arm64/seatmeter-scan", "dist/native/win32-x64/seatmeter-scan.exe"];
  const missing = want.filter((f) => !files.includes(f));
  if (missing.length) { console.error("package lacks", missing, "has", files); process.exit(1); }
  console.log(`seatmeter package: ${files.length} files, ${p.size} bytes packed, ${p.unpackedSize} unpacked`);' "$tmp/pack.json"
npm install --prefix "$tmp/prefix" --no-audit --no-fund --offline "$tmp"/seatmeter-*.tgz > /dev/null
installed="$tmp/prefix/node_modules/.bin/seatmeter"
reader="$tmp/prefix/node_modules/seatmeter/dist/native/$(node -p 'process.platform + "-" + process.arch')/seatmeter-scan"
echo '{"jobs":[]}' | "$reader" > /dev/null || { echo "installed native reader does not run: $reader"; exit 1; }
test "$out" = "$(report "$installed")" || { echo "installed package reports otherwise than the bundle"; exit 1; }
echo "seatmeter CLI ok: $total tokens, reconciled; native = TypeScript reader; installed package (native reader $(basename "$(dirname "$reader")")) agrees"
