# The README's two commands and scripts/build.sh say what they do (issue 16): each step of
# scripts/run-sample.sh and scripts/test.sh is announced on a line of its own ("== run-sample.sh:
# step 2/3: building …"), and CMake's own progress ("[ 42%] Building CXX object …") shows
# through scripts/build.sh. Run on a copy of the scripts whose installing, building and cmake
# are stand-ins that print a line, so that the test installs and builds nothing.
source "$(dirname "$0")/lib.sh"
scripts="$(cd "$(dirname "$0")/../../scripts" && pwd)"

tree="$work/tree"
mkdir -p "$tree/scripts" "$tree/corpus" "$work/build/indexer" "$work/build/searcher" "$work/bin"
cp "$scripts/run-sample.sh" "$scripts/test.sh" "$scripts/build.sh" "$tree/scripts/"
ln -s "$NEWSDEX_SAMPLE" "$tree/corpus/sample"
ln -s "$NEWSDEX_INDEX" "$work/build/indexer/newsdex-index"
ln -s "$NEWSDEX_SEARCH" "$work/build/searcher/newsdex-search"
printf '#!/bin/sh\necho "(setup.sh stand-in)"\n' >"$tree/scripts/setup.sh"
chmod +x "$tree/scripts/setup.sh"
# cmake as build.sh calls it: configure, then build with CMake's progress lines.
cat >"$work/bin/cmake" <<'STUB'
#!/bin/sh
if [ "$1" = "--build" ]; then
    echo "[ 50%] Building CXX object common/CMakeFiles/newsdex_core.dir/src/stand_in.cpp.o"
    echo "[100%] Built target newsdex-search"
else
    echo "-- Configuring done (stand-in)"
fi
STUB
printf '#!/bin/sh\necho "(ctest stand-in in $PWD)"\n' >"$work/bin/ctest"
chmod +x "$work/bin/cmake" "$work/bin/ctest"

# scripts/build.sh: CMake's progress reaches the terminal.
run_status env PATH="$work/bin:$PATH" NEWSDEX_BUILD_DIR="$work/build" "$tree/scripts/build.sh"
expect_eq "$status" 0 "build.sh ($err)"
expect_contains "$out" "[ 50%] Building CXX object" "build.sh shows CMake's progress"

# run-sample.sh: three announced steps, in order, then the example searches on the sample.
run_status env PATH="$work/bin:$PATH" NEWSDEX_BUILD_DIR="$work/build" "$tree/scripts/run-sample.sh"
expect_eq "$status" 0 "run-sample.sh ($err)"
expect_eq "$(grep -o '^== run-sample.sh: step [0-9]/[0-9]' <<<"$out" | tr '\n' ' ')" \
    "== run-sample.sh: step 1/3 == run-sample.sh: step 2/3 == run-sample.sh: step 3/3 " "run-sample.sh's steps"
expect_contains "$out" "step 2/3: building" "run-sample.sh"
expect_contains "$out" "[100%] Built target" "run-sample.sh shows the build's progress"
expect_contains "$out" "$ newsdex-search 'peace talks'" "run-sample.sh's example searches"
expect_contains "$out" "Syrian Opposition Set To Snub Moscow's 'Peace Congress' In Sochi" "run-sample.sh's first search"

# test.sh: four announced steps, in order, and the last line says they all passed.
mkdir -p "$work/build-clang-sanitize"
run_status env PATH="$work/bin:$PATH" NEWSDEX_BUILD_DIR="$work/build" "$tree/scripts/test.sh"
expect_eq "$status" 0 "test.sh ($err)"
expect_eq "$(grep -o '^== test.sh: step [0-9]/[0-9]' <<<"$out" | tr '\n' ' ')" \
    "== test.sh: step 1/4 == test.sh: step 2/4 == test.sh: step 3/4 == test.sh: step 4/4 " "test.sh's steps"
expect_eq "$(tail -n 1 <<<"$out")" "== test.sh: all steps passed" "test.sh's last line"
echo "ok"
