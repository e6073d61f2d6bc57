#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy: bugprone, performance, functions of at most 150 lines; every
# finding an error) over the library's sources: common/ and corpus/, their headers through
# the .cpp files that include them.
#   scripts/tidy.sh [BUILD_DIR] [FILE...]
# BUILD_DIR (default build/, or $NEWSDEX_BUILD_DIR) holds compile_commands.json (CMake writes
# it; scripts/build.sh configures so). With FILEs, only those. Exits 1 when anything is found.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
build="${NEWSDEX_BUILD_DIR:-$here/build}"
if [ $# -gt 0 ] && [ -d "$1" ]; then
    build="$1"
    shift
fi
command -v clang-tidy >/dev/null ||
    { echo "tidy.sh: clang-tidy not found (package clang-tidy; run scripts/setup.sh)" >&2; exit 1; }
[ -f "$build/compile_commands.json" ] ||
    { echo "tidy.sh: no $build/compile_commands.json (configure with scripts/build.sh first)" >&2; exit 1; }
if [ $# -gt 0 ]; then
    files=("$@")
else
    mapfile -t files < <(git ls-files 'common/*.cpp' 'corpus/*.cpp')
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
printf '%s\n' "${files[@]}" |
    xargs -P "$(nproc 2>/dev/null || echo 2)" -n 4 clang-tidy -p "$build" --quiet >"$log" 2>&1 || status=$?
# One line per finding (a header's finding is reported by every file that includes it).
findings="$(grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$log" | sort -u || true)"
if [ -n "$findings" ]; then
    echo "$findings"
    echo "tidy.sh: $(wc -l <<<"$findings") finding(s) in ${#files[@]} file(s)" >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then
    cat "$log" >&2
    echo "tidy.sh: clang-tidy failed ($status)" >&2
    exit 1
fi
echo "tidy.sh: ${#files[@]} file(s), nothing found"
