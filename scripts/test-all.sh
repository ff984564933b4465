#!/usr/bin/env bash
# Every test Seatmeter has, in one command (README's test command; .ci/run calls it).
# Each step prints its duration; the script stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export SEATMETER_CACHE="${SEATMETER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seatmeter}"
mkdir -p "$SEATMETER_CACHE"

passed=0
step() {
  local name=$1; shift
  local t0=$SECONDS
  echo "::: $name"
  if ! "$@"; then
    echo "::: $name FAILED after $((SECONDS - t0))s"
    echo "steps: $passed passed, 1 failed"
    exit 1
  fi
  passed=$((passed + 1))
  echo "::: $name done in $((SECONDS - t0))s"
}

step setup bash scripts/setup.sh
# Numbered steps: each area of the product adds its own (builds of real parts, extra suites).
for s in scripts/test-steps/*.sh; do
  [ -e "$s" ] || continue
  step "$(basename "$s" .sh)" bash "$s"
done
echo "all tests passed in ${SECONDS}s"
echo "steps: $passed passed, 0 failed"
