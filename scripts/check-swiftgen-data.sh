#!/usr/bin/env bash
# Compiles the Swift the data generators wrote for the test fixture (the goldens under
# Fixtures/swiftgen/data, kept current by `swift test --filter DataGenTests`) into a small
# package with scripts/swiftgen-data-check/main.swift, against Runtime/ by path, with
# warnings as errors, and runs it: it migrates SQLite and speaks HTTP to the generated
# handlers. The package lives in ${OMNI_DATA_CHECK_DIR:-/tmp/omni-swiftgen-data-check} so
# its dependencies are built once.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${OMNI_DATA_CHECK_DIR:-/tmp/omni-swiftgen-data-check}"
mkdir -p "$dir/Sources/App"
rm -f "$dir"/Sources/App/*.swift
sed "s|RUNTIME_PATH|$root/Runtime|" "$root/scripts/swiftgen-data-check/Package.swift" > "$dir/Package.swift"
cp "$root/scripts/swiftgen-data-check/main.swift" "$dir/Sources/App/main.swift"
for f in "$root"/Fixtures/swiftgen/data/*.swift.txt; do
    cp "$f" "$dir/Sources/App/$(basename "$f" .txt)"
done
cd "$dir"
swift build -Xswiftc -warnings-as-errors 2>&1 | grep -v "^\[" || true
swift build -Xswiftc -warnings-as-errors >/dev/null
"$(swift build --show-bin-path)/App"
