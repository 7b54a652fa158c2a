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
  started_pg=""
  if [ -z "${OMNI_PG_URL:-}" ]; then
    # A throwaway PostgreSQL on loopback for the OmniPostgres tests (they skip without one).
    if url="$(scripts/pg-test-server.sh)"; then export OMNI_PG_URL="$url"; started_pg=1; fi
  fi
  echo "== Runtime: test" >&2
  status=0
  (cd Runtime && swift test --skip-build) || status=$?
  if [ -n "$started_pg" ]; then scripts/pg-test-server.sh stop >/dev/null 2>&1 || true; fi
  exit $status
fi
