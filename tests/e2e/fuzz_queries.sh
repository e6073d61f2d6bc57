# Fuzzed queries (issue 15): 2,500 queries from a fixed seed through one --queries session (an
# answer or a usage error each, never an internal one), the first 100 each in its own process
# (exit code 0 or 2); no sanitizer report. scripts/fuzz-queries runs more (docs/reliability.md).
source "$(dirname "$0")/lib.sh"
"$(dirname "$0")/../../scripts/fuzz-queries" --queries 2500 --single 100 --seed 3 \
    --index "$NEWSDEX_INDEX" --search "$NEWSDEX_SEARCH" --sample "$NEWSDEX_SAMPLE" \
    --work "$work/queries" || fail "fuzzed queries (above)"
echo "ok"
