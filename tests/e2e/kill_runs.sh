# kill -9 at random points (issue 15): a plain run, --bulk and --shard-by month, each killed
# twice after its first commit (fixed seed) and run again: the ids of a clean run, each once;
# searches beside the clean runs never fail nor go backwards. scripts/kill-runs kills from the
# first moment, more often (docs/reliability.md).
source "$(dirname "$0")/lib.sh"
command -v xapian-check >/dev/null || fail "xapian-check not found (package xapian-tools; run scripts/setup.sh)"
"$(dirname "$0")/../../scripts/kill-runs" --articles 1200 --batch 100 --kills 2 --seed 4 \
    --after-first-commit --index "$NEWSDEX_INDEX" --search "$NEWSDEX_SEARCH" --work "$work/kill" ||
    fail "kill -9 runs (above)"
echo "ok"
