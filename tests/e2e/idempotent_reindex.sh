# The same input twice leaves the document count unchanged; a changed article replaces the old.
source "$(dirname "$0")/lib.sh"
db="$work/news.db"
cp -r "$NEWSDEX_SAMPLE" "$work/sample"

run_status "$NEWSDEX_INDEX" --db "$db" "$work/sample"
expect_eq "$status" 0 "first run"
expect_contains "$err" "read 37, added 37, replaced 0, unchanged 0"
run_status "$NEWSDEX_INDEX" --db "$db" "$work/sample"
expect_eq "$status" 0 "second run"
expect_contains "$err" "read 37, added 0, replaced 0, unchanged 37"
expect_contains "$err" "37 documents"

# Change one article's title: it replaces the old version.
sed -i '1s/"title": *"[^"]*"/"title": "Rewritten headline about zanzibarian walruses"/' "$work/sample/news-2018.jsonl"
run_status "$NEWSDEX_INDEX" --db "$db" "$work/sample"
expect_eq "$status" 0 "third run"
expect_contains "$err" "added 0, replaced 1, unchanged 36"
out="$("$NEWSDEX_SEARCH" --db "$db" --json 'zanzibarian walruses')"
expect_eq "$(json_get "$out" 'j["total"]')" 1 "the new version is searchable"
total="$(json_get "$("$NEWSDEX_SEARCH" --db "$db" --json --limit 1)" 'j["total"]')"
expect_eq "$total" 37 "documents after replacing"
echo "ok"
