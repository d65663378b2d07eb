#!/usr/bin/env bash
# Installs what negotiateup needs to build and test on Debian 12, if it is missing,
# and the packages named as arguments (scripts/test-sanitized.sh adds afl++).
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config clang-format
  libfmt-dev nlohmann-json3-dev rapidjson-dev libcli11-dev libutfcpp-dev
  libcsv-dev libsqlite3-dev libpq-dev postgresql libkainjow-mustache-dev libboost-dev libbrotli-dev zlib1g-dev libmd4c-dev libmd4c-html0-dev libxxhash-dev libabsl-dev libjemalloc-dev libyaml-dev pkg-config
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  chromium
  "$@"
)
# The browser tests run playwright-core on Node.js (npm ci from tests/browser's
# lock file); the machine's own Node.js serves, else Debian's.
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
