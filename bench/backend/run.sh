#!/usr/bin/env bash
# Backend benchmark: (1) overhead of the Seatmeter backend over sending the same PromQL straight to
# Prometheus (target ≤ 1.15×, measured interleaved in one run), (2) every bundled dashboard query over
# the scale store (target ≤ 2 s each).
# Store: the shared 90-day × 1,000-developer history from tests/scale/load.sh (built once, cached
# under $SEATMETER_CACHE/scale). BENCH_SMALL=1 uses the bench's own smaller generator instead, sized
# by BENCH_DEVELOPERS, BENCH_DAYS, BENCH_INTERVAL_MINUTES.
set -euo pipefail
cd "$(dirname "$0")/../.."
export SEATMETER_CACHE="${SEATMETER_CACHE:-$HOME/.cache/seatmeter}"
if [ "${BENCH_SMALL:-0}" != 1 ]; then
  devs="${SCALE_DEVELOPERS:-1000}" days="${SCALE_DAYS:-90}" step="${SCALE_STEP:-15m}"
  tests/scale/load.sh --developers "$devs" --days "$days" --step "$step" --dialect suffixed --seed 1
  echo
  export BENCH_STORE_DIR="$SEATMETER_CACHE/scale/suffixed-${devs}d-${days}days-$step-seed1"
fi
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# The plugin SDK logs each request as a JSON line that can split a benchmark's result line: drop the
# JSON and join a benchmark's name with its figures.
go test -timeout 60m -run '^$' -bench . -benchtime "${BENCH_TIME:-20x}" ./bench/backend/ 2>&1 \
  | sed -E 's/\{"@level[^}]*\}//g' \
  | awk '/^Benchmark/ && !/ns\/op/ { name = $1; next } /ns\/op/ && !/^Benchmark/ { print name, $0; next } { print }' \
  | tee "$out"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "benchmark run failed"; exit 1; }

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
