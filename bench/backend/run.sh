#!/usr/bin/env bash
# Backend benchmark: (1) overhead of the Seatmeter backend over sending the same PromQL straight to
# Prometheus (target ≤ 1.15×, measured interleaved in one run), (2) every dashboard query over the
# scale store (target ≤ 2 s each). Size with BENCH_DEVELOPERS, BENCH_DAYS, BENCH_INTERVAL_MINUTES;
# the store is backfilled once with promtool and cached under $SEATMETER_CACHE.
set -euo pipefail
cd "$(dirname "$0")/../.."
export SEATMETER_CACHE="${SEATMETER_CACHE:-$HOME/.cache/seatmeter}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# The plugin SDK logs every request on stderr; keep stdout to the benchmark lines.
go test -run '^$' -bench . -benchtime "${BENCH_TIME:-30x}" ./bench/backend/ 2>"$out.stderr" | tee "$out" || { tail -20 "$out.stderr"; exit 1; }
rm -f "$out.stderr"

ratio="$(awk '/BenchmarkOverhead/ { for (i = 1; i <= NF; i++) if ($(i+1) == "backend/direct") print $i }' "$out")"
echo
echo "overhead ratio (backend/direct): ${ratio:-missing} (target <= 1.15)"
fail=0
awk -v r="${ratio:-99}" 'BEGIN { exit !(r <= 1.15) }' || { echo "FAIL: overhead above 1.15x"; fail=1; }
while read -r name ms; do
  verdict=ok
  awk -v m="$ms" 'BEGIN { exit !(m <= 2000) }' || { verdict=FAIL; fail=1; }
  printf '%-60s %10.1f ms  %s\n' "$name" "$ms" "$verdict"
done < <(awk '/^BenchmarkDashboards\// { for (i = 1; i <= NF; i++) if ($(i+1) == "ms/query") print $1, $i }' "$out")
exit "$fail"
