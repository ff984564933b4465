#!/usr/bin/env bash
set -euo pipefail
npx jest --ci --maxWorkers 2
