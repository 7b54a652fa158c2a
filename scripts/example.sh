#!/usr/bin/env bash
# The main job on the bundled example: installs what omni needs, builds omni, checks
# Fixtures/projects/blog and compiles its components to WebAssembly (.omni/web/). When the
# server target lands, this builds the server binary and starts it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --build
swift build -c release --product omni
bin="$(swift build -c release --show-bin-path)/omni"
echo "omni $("$bin" --version): checking Fixtures/projects/blog" >&2
"$bin" check Fixtures/projects/blog "$@"
echo "building the WebAssembly modules into Fixtures/projects/blog/.omni/web" >&2
exec "$bin" build Fixtures/projects/blog --target wasm
