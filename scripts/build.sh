#!/usr/bin/env bash
# Configures and builds Newsdex into build/ (or $NEWSDEX_BUILD_DIR): Release, with tests, and
# warnings are errors (the build is warning-free; -Werror keeps it so). CMake's progress shows.
#   scripts/build.sh [--target NAME]... [CMAKE-SETTING...]
# builds only the NAMEd targets when given, and passes the settings (-D…) to the configure step:
# scripts/test.sh builds its clang and sanitizer variants so.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NEWSDEX_BUILD_DIR:-$here/build}"
jobs="$(nproc 2>/dev/null || echo 2)"
targets=()
settings=()
while [ $# -gt 0 ]; do
    case "$1" in
        --target) targets+=(--target "$2"); shift 2 ;;
        *) settings+=("$1"); shift ;;
    esac
done
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DNEWSDEX_BUILD_TESTS=ON \
    -DNEWSDEX_WERROR=ON "${settings[@]}"
if ! cmake --build "$build" -j "$jobs" "${targets[@]}"; then
    echo "build: failed (see the first error above)" >&2
    exit 1
fi
