#!/usr/bin/env bash
# Generates the scale history (tests/scale/generate) and loads it into a Prometheus data dir with the
# Debian package's promtool. Prints sizes and timings. Not part of `npm test` (minutes, gigabytes):
# the backend's benchmark script calls it once and reuses the result.
#   tests/scale/load.sh [--developers 1000] [--days 90] [--step 15m] [--dialect suffixed] [--seed 1]
# Output: $SEATMETER_CACHE/scale/<dialect>-<developers>d-<days>days-<step>/ with data/ (TSDB blocks,
# usable as `prometheus --storage.tsdb.path=<dir>/data --storage.tsdb.retention.time=5y` or
# promserver.Start(ctx, <dir>)) and stats.json. Reused when present; --force rebuilds.
set -euo pipefail
cd "$(dirname "$0")/../.."
devs=1000 days=90 step=15m dialect=suffixed seed=1 force=0 end=$(date -u +%F)
while [ $# -gt 0 ]; do
  case $1 in
    --developers) devs=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --step) step=$2; shift 2 ;;
    --dialect) dialect=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --end) end=$2; shift 2 ;;
    --force) force=1; shift ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done
cache="${SEATMETER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seatmeter}"
out="$cache/scale/$dialect-${devs}d-${days}days-$step-seed$seed"
if [ -f "$out/stats.json" ] && [ $force = 0 ]; then
  cat "$out/stats.json"; exit 0
fi
rm -rf "$out" && mkdir -p "$out"
om="$out/history.om"
t0=$(date +%s.%N)
go run ./tests/scale/generate --out "$om" --developers "$devs" --days "$days" --step "$step" \
  --dialect "$dialect" --seed "$seed" --end "$end" 2> "$out/generate.log"
t1=$(date +%s.%N)
# One block per 30 days: promtool re-reads the input once per block range.
/usr/bin/time -v promtool tsdb create-blocks-from openmetrics --max-block-duration=720h -q "$om" "$out/data" 2> "$out/promtool.log"
t2=$(date +%s.%N)
samples=$(grep -o '[0-9]* samples' "$out/generate.log" | cut -d' ' -f1)
series=$(grep -o '[0-9]* series' "$out/generate.log" | cut -d' ' -f1)
om_bytes=$(stat -c %s "$om")
rm -f "$om"  # the blocks are what the benchmarks use
cat > "$out/stats.json" <<JSON
{"developers": $devs, "days": $days, "step": "$step", "dialect": "$dialect", "end": "$end",
 "samples": $samples, "series": $series,
 "openmetricsBytes": $om_bytes, "tsdbBytes": $(du -sb "$out/data" | cut -f1),
 "generateSeconds": $(echo "$t1 - $t0" | bc), "loadSeconds": $(echo "$t2 - $t1" | bc),
 "promtoolMaxRSSKB": $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/promtool.log")}
JSON
cat "$out/stats.json"
