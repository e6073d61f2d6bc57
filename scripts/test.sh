#!/usr/bin/env bash
# README command 2 (and .ci/run): install what is missing, build, run every test; then the gates
# that need builds of their own: a second compiler (clang builds and passes the unit tests) and
# the sanitizers (ASan + UBSan builds run the unit and end-to-end tests) when asked for.
#   scripts/test.sh [CTEST-ARGUMENT...]   the arguments go to the first, complete test run only
#   NEWSDEX_SANITIZE_TESTS=1 scripts/test.sh   adds the sanitizer step: it doubles the time of a
#   CI run on two cores (a third build, and the end-to-end tests several times slower), so CI
#   leaves it out and it is run before a release and after changes to memory handling.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NEWSDEX_BUILD_DIR:-$here/build}"
jobs="$(nproc 2>/dev/null || echo 2)"
sanitize="${NEWSDEX_SANITIZE_TESTS:-0}"
steps=4
[ "$sanitize" = 1 ] && steps=5
step() { printf '\n== test.sh: step %s\n' "$*"; }
# run_tests DIR CTEST-ARGUMENT...
run_tests() {
    local dir="$1"
    shift
    (cd "$dir" && ctest --output-on-failure -j "$jobs" "$@")
}

step "1/$steps: installing what is missing (scripts/setup.sh)"
"$here/scripts/setup.sh"

step "2/$steps: building into $build (g++, Release, warnings are errors)"
"$here/scripts/build.sh"

step "3/$steps: running every test (ctest in $build)"
run_tests "$build" "$@"

step "4/$steps: second compiler: clang++ builds the library and the unit tests (${build}-clang)"
NEWSDEX_BUILD_DIR="${build}-clang" "$here/scripts/build.sh" --target newsdex_unit_tests \
    -DCMAKE_CXX_COMPILER=clang++
run_tests "${build}-clang" -L unit

if [ "$sanitize" = 1 ]; then
step "5/5: sanitizers: ASan + UBSan build; unit and end-to-end tests (${build}-sanitize)"
NEWSDEX_BUILD_DIR="${build}-sanitize" "$here/scripts/build.sh" --target newsdex_unit_tests \
    --target newsdex-index --target newsdex-search -DNEWSDEX_SANITIZE=ON \
    "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -g1" # the sanitizers' usual level; line numbers in reports
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    run_tests "${build}-sanitize" -L 'unit|e2e'
fi

printf '\n== test.sh: all steps passed\n'
