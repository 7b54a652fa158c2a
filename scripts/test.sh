#!/usr/bin/env bash
# The whole test suite: what CI runs (.ci/run). Builds with warnings as errors.
#   OMNI_RECORD=1 scripts/test.sh   re-records golden files instead of comparing them
# A throwaway PostgreSQL on loopback serves the PostgreSQL tests of both packages (the
# OmniPostgres tests and the example's end-to-end run on PostgreSQL); set OMNI_PG_URL to use
# your own server instead. The end-to-end and SSR differential tests keep their generated
# packages' build products in .build-e2e/ and .build-ssr-diff/ (git-ignored), so later runs
# rebuild only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
strict=(-Xswiftc -warnings-as-errors)

started_pg=""
if [ -z "${OMNI_PG_URL:-}" ]; then
  if url="$(scripts/pg-test-server.sh)"; then export OMNI_PG_URL="$url"; started_pg=1; fi
fi
stop_pg() { if [ -n "$started_pg" ]; then scripts/pg-test-server.sh stop >/dev/null 2>&1 || true; fi; }
trap stop_pg EXIT

echo "== omni: build" >&2
swift build --build-tests "${strict[@]}"
echo "== omni: test" >&2
swift test --skip-build

echo "== Runtime: build" >&2
(cd Runtime && swift build --build-tests "${strict[@]}")
echo "== Runtime: test" >&2
(cd Runtime && swift test --skip-build)
