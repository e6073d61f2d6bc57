#!/usr/bin/env bash
# README command 2 (and .ci/run): install what is missing, build, run every test; then the gate
# that needs a build of its own: a second compiler with the sanitizers (clang++ with ASan + UBSan
# builds the library, the programs and the unit tests, and runs the unit tests and the quick
# end-to-end tests: label "quick", every e2e test but the long kill, bulk and shard runs).
#   scripts/test.sh [CTEST-ARGUMENT...]   the arguments go to the first, complete test run only
#   NEWSDEX_SANITIZE_TESTS=all scripts/test.sh   runs every end-to-end test under the sanitizers
#   (about twice the time of a CI run on two cores: before a release, after memory work).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NEWSDEX_BUILD_DIR:-$here/build}"
jobs="$(nproc 2>/dev/null || echo 2)"
sanitized_tests='unit|quick'
[ "${NEWSDEX_SANITIZE_TESTS:-}" = all ] && sanitized_tests='unit|e2e'
step() { printf '\n== test.sh: step %s\n' "$*"; }
# run_tests DIR CTEST-ARGUMENT...
run_tests() {
    local dir="$1"
    shift
    (cd "$dir" && ctest --output-on-failure -j "$jobs" "$@")
}

step "1/4: installing what is missing (scripts/setup.sh)"
"$here/scripts/setup.sh"

step "2/4: building into $build (g++, Release, warnings are errors)"
"$here/scripts/build.sh"

step "3/4: running every test (ctest in $build)"
run_tests "$build" "$@"

step "4/4: clang++ with ASan + UBSan: unit and quick end-to-end tests (${build}-clang-sanitize)"
NEWSDEX_BUILD_DIR="${build}-clang-sanitize" "$here/scripts/build.sh" \
    --target newsdex_unit_tests --target newsdex-index --target newsdex-search \
    -DCMAKE_CXX_COMPILER=clang++ -DNEWSDEX_SANITIZE=ON \
    "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -g1" # the sanitizers' usual level; line numbers in reports
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS="suppressions=$here/tests/lsan.supp" \
    run_tests "${build}-clang-sanitize" -L "$sanitized_tests"

printf '\n== test.sh: all steps passed\n'
