#!/usr/bin/env bash
# README command 2 (and .ci/run): install what is missing, build, run every test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
"$here/scripts/build.sh"
build="${NEWSDEX_BUILD_DIR:-$here/build}"
cd "$build"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" "$@"
