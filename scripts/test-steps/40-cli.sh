#!/usr/bin/env bash
# seatmeter CLI: build the published bundle (esbuild, zero runtime deps) and smoke-run it on the trap
# fixtures; the CLI's unit, property, end-to-end and push tests run in the jest step (cli/src/**/*.test.ts).
set -euo pipefail
node cli/build.mjs
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
out="$(HOME="$home" CLAUDE_CONFIG_DIR=cli/fixtures/claude-cache-ttl/claude CODEX_HOME=cli/fixtures/codex-reemits/codex \
  PI_CODING_AGENT_DIR=cli/fixtures/pi-fork-dedupe/pi node cli/dist/seatmeter.mjs monthly --format json --user ci --no-cache)"
total="$(node -e 'const r=JSON.parse(process.argv[1]); if(!r.reconciled) process.exit(1); console.log(r.totals.totalTokens)' "$out")"
# hand-computed in the fixtures' expected.json: 3440 (claude) + 2800 (codex) + 1670 (pi)
test "$total" = 7910 || { echo "seatmeter bundle: expected 7910 tokens, got $total"; exit 1; }
(cd cli && npm pack --dry-run --json --ignore-scripts 2>/dev/null | node -e '
  const [p] = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const files = p.files.map((f) => f.path).sort();
  if (!files.includes("dist/seatmeter.mjs")) { console.error("package lacks dist/seatmeter.mjs:", files); process.exit(1); }
  console.log(`seatmeter package: ${files.join(", ")} (${p.size} bytes packed)`);')
echo "seatmeter CLI bundle ok: $total tokens, reconciled"
