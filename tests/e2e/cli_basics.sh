# --help, --version, usage errors and a missing database: clear messages, meaningful exit codes.
source "$(dirname "$0")/lib.sh"

run_status "$NEWSDEX_SEARCH" --help
expect_eq "$status" 0 "search --help exit code"
expect_contains "$out" "Usage: newsdex-search"
expect_contains "$out" "Examples:"
expect_contains "$out" "--sort"
for f in title author source; do expect_contains "$out" "$f" "search --help"; done

run_status "$NEWSDEX_INDEX" --help
expect_eq "$status" 0 "index --help exit code"
expect_contains "$out" "Usage: newsdex-index"
expect_contains "$out" "Examples:"

run_status "$NEWSDEX_SEARCH" --version
expect_eq "$status" 0
expect_contains "$out" "Xapian 1."
expect_contains "$out" "ICU "

run_status "$NEWSDEX_SEARCH" --no-such-option x
expect_eq "$status" 2 "exit code for an unknown option"
expect_contains "$err" "newsdex-search: "
expect_contains "$err" "--help"

run_status "$NEWSDEX_SEARCH" --db "$work/x.db" --sort sideways x
expect_eq "$status" 2 "exit code for a bad --sort"
expect_contains "$err" "unknown sort order 'sideways'"

run_status "$NEWSDEX_SEARCH" --db "$work/nothing-here.db" peace
expect_eq "$status" 1 "exit code for a missing database"
expect_contains "$err" "no database at '$work/nothing-here.db'"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "missing database gives more than one line: $err"

run_status "$NEWSDEX_INDEX" --db "$work/x.db"
expect_eq "$status" 2 "index without inputs"
expect_contains "$err" "no input given"

run_status "$NEWSDEX_SEARCH" --list-fields
expect_eq "$status" 0
expect_contains "$out" "title"
expect_contains "$out" "XSOURCE"

# NEWSDEX_DB sets the default database.
run_status "$NEWSDEX_INDEX" --db "$work/env.db" "$NEWSDEX_SAMPLE/news-2018.jsonl"
expect_eq "$status" 0 "indexing the sample JSONL"
NEWSDEX_DB="$work/env.db" run_status "$NEWSDEX_SEARCH" --json ceasefire
expect_eq "$status" 0 "search with NEWSDEX_DB"
[ "$(json_get "$out" 'j["total"] > 0')" == True ] || fail "NEWSDEX_DB search found nothing"
echo "ok"
