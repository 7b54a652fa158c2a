#!/usr/bin/env bash
# The main job on the bundled example: installs what omni needs, builds omni, and runs it
# on Fixtures/projects/blog. (Today the main job is `omni check`; it becomes
# `omni build` + start as the server target lands.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --build
swift build -c release --product omni
bin="$(swift build -c release --show-bin-path)/omni"
echo "omni $("$bin" --version): checking Fixtures/projects/blog" >&2
exec "$bin" check Fixtures/projects/blog "$@"
