#!/usr/bin/env bash
# Builds the runtime benchmarks in release and runs them; prints each figure next to its
# baseline measured in the same run (the machines are shared and noisy: read the ratios).
#   scripts/bench/runtime/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/RuntimeBench"
swift build -c release --product runtime-bench >&2
"$(swift build -c release --show-bin-path)/runtime-bench" "$@"
