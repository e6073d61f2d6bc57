#!/usr/bin/env bash
# Formats the C++ sources with clang-format (.clang-format at the top of the tree).
#   scripts/format.sh            rewrites every tracked .h/.cpp in place
#   scripts/format.sh --check    changes nothing; lists what is not formatted and exits 1 if any
#   scripts/format.sh [--check] FILE...   only those files
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
command -v clang-format >/dev/null ||
    { echo "format.sh: clang-format not found (package clang-format; run scripts/setup.sh)" >&2; exit 1; }
check=false
if [ "${1:-}" == "--check" ]; then
    check=true
    shift
fi
if [ $# -gt 0 ]; then
    files=("$@")
else
    mapfile -t files < <(git ls-files '*.h' '*.cpp')
fi
if $check; then
    clang-format --dry-run --Werror "${files[@]}"
else
    clang-format -i "${files[@]}"
fi
