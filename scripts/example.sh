#!/usr/bin/env bash
# The main job on the bundled example: installs what omni needs, builds omni, then builds
# Fixtures/projects/blog into a server binary (.omni/bin/blog) plus its WebAssembly modules
# and starts it on the host and port of its omni.toml (http://127.0.0.1:8080; Ctrl-C stops).
#   scripts/example.sh --port 9000     any `omni run` option is passed on
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --build
swift build -c release --product omni
bin="$(swift build -c release --show-bin-path)/omni"
echo "omni $("$bin" --version): checking, building and starting Fixtures/projects/blog" >&2
echo "(the first build compiles the runtime and its dependencies: a few minutes)" >&2
exec "$bin" run Fixtures/projects/blog "$@"
