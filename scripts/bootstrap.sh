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
[ ${#missing[@]} -eq 0 ] && exit 0

echo "bootstrap: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "bootstrap: done" >&2
