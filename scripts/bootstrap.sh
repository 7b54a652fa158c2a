#!/usr/bin/env bash
# Installs the Debian packages omni needs. Idempotent; silent when everything is there.
#   scripts/bootstrap.sh           build + test packages
#   scripts/bootstrap.sh --build   only what building omni and generated servers needs
set -euo pipefail

build_packages=(binaryen libsqlite3-dev libssl-dev zlib1g-dev)
test_packages=(nodejs chromium wabt node-typescript wrk)

wanted=("${build_packages[@]}")
if [ "${1:-}" != "--build" ]; then wanted+=("${test_packages[@]}"); fi

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "bootstrap: done" >&2
fi

# The OpenAPI tests validate openapi.json with openapi-spec-validator (from PyPI).
if [ "${1:-}" != "--build" ] && ! command -v openapi-spec-validator >/dev/null 2>&1; then
  echo "bootstrap: installing openapi-spec-validator" >&2
  if ! python3 -m pip --version >/dev/null 2>&1; then
    $sudo apt-get update -qq >/dev/null
    $sudo apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
  fi
  python3 -m pip install -q openapi-spec-validator >/dev/null 2>&1 \
    || python3 -m pip install -q --break-system-packages openapi-spec-validator >/dev/null
  echo "bootstrap: done" >&2
fi
