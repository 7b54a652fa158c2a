#!/usr/bin/env bash
# The whole test suite: what CI runs (.ci/run). Builds with warnings as errors.
#   OMNI_RECORD=1 scripts/test.sh   re-records golden files instead of comparing them
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
strict=(-Xswiftc -warnings-as-errors)

echo "== omni: build" >&2
swift build --build-tests "${strict[@]}"
echo "== omni: test" >&2
swift test --skip-build

if [ -f Runtime/Package.swift ]; then
  echo "== Runtime: build" >&2
  (cd Runtime && swift build --build-tests "${strict[@]}")
  if [ -x scripts/pg-test-server.sh ] && [ -z "${OMNI_PG_URL:-}" ]; then
    if url="$(scripts/pg-test-server.sh start 2>/dev/null)"; then export OMNI_PG_URL="$url"; fi
  fi
  echo "== Runtime: test" >&2
  (cd Runtime && swift test --skip-build)
fi
