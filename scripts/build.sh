#!/usr/bin/env bash
# Configures and builds Newsdex (Release, warnings on) into build/ (or $NEWSDEX_BUILD_DIR).
# Shared by run-sample.sh and test.sh. Quiet unless something is wrong.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NEWSDEX_BUILD_DIR:-$here/build}"
jobs="$(nproc 2>/dev/null || echo 2)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DNEWSDEX_BUILD_TESTS=ON &&
       cmake --build "$build" -j "$jobs"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "build: failed (see above)" >&2
    exit 1
fi
grep -E 'warning:' "$log" >&2 || true
