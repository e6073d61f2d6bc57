# gzip and stdin input; bad records named with file:line, counted, skipped; exit code 3;
# --strict stops at the first one; nothing already indexed is lost.
source "$(dirname "$0")/lib.sh"
mixed="$NEWSDEX_TEST_DATA/e2e/mixed.jsonl"

run_status "$NEWSDEX_INDEX" --db "$work/a.db" "$mixed"
expect_eq "$status" 3 "exit code with rejected records"
expect_contains "$err" "mixed.jsonl:2:" "message for the malformed line"
expect_contains "$err" "mixed.jsonl:4:" "message for the empty article"
expect_contains "$err" "mixed.jsonl:5:" "warning for the bad date"
expect_contains "$err" "added 3"
expect_contains "$err" "rejected 2"
out="$("$NEWSDEX_SEARCH" --db "$work/a.db" --json --limit 10)"
expect_eq "$(json_get "$out" 'sorted(h["id"] for h in j["hits"])')" "['e2e-1', 'e2e-3', 'e2e-5']" "indexed ids"
expect_eq "$(json_get "$out" '[h["date"] for h in j["hits"] if h["id"]=="e2e-5"][0]')" None "unreadable date is no date"

# gzip, read transparently; and stdin.
gzip -c "$mixed" >"$work/mixed.jsonl.gz"
run_status "$NEWSDEX_INDEX" --db "$work/gz.db" "$work/mixed.jsonl.gz"
expect_eq "$status" 3 "gzip exit code"
expect_contains "$err" "added 3"
run_status bash -c "cat '$mixed' | '$NEWSDEX_INDEX' --db '$work/stdin.db' -"
expect_eq "$status" 3 "stdin exit code"
expect_contains "$err" "added 3"

# --strict stops at the first rejected record, keeping what came before it.
run_status "$NEWSDEX_INDEX" --db "$work/strict.db" --strict --batch 1 "$mixed"
[ "$status" -ne 0 ] || fail "--strict should fail"
expect_contains "$err" "mixed.jsonl:2:"
expect_not_contains "$err" "mixed.jsonl:4:" "--strict output"
out="$("$NEWSDEX_SEARCH" --db "$work/strict.db" --json)"
expect_eq "$(json_get "$out" '[h["id"] for h in j["hits"]]')" "['e2e-1']" "kept before the bad record"

# A plain-text article given as a file.
printf 'Date: 2019-04-01\nSource: Test Wire\n\nOwls return to the old mill\n\nA pair of barn owls nested again in the mill at Oxbridge.\n\nBy Jane Doe\n' >"$work/owls.txt"
run_status "$NEWSDEX_INDEX" --db "$work/t.db" "$work/owls.txt"
expect_eq "$status" 0 "text file (stderr: $err)"
out="$("$NEWSDEX_SEARCH" --db "$work/t.db" --json 'barn owls')"
expect_eq "$(json_get "$out" 'j["hits"][0]["title"]')" "Owls return to the old mill"
expect_eq "$(json_get "$out" 'j["hits"][0]["date"][:10]')" "2019-04-01"
out="$("$NEWSDEX_SEARCH" --db "$work/t.db" --json 'author:doe')"
expect_eq "$(json_get "$out" 'j["total"]')" 1 "byline became the author"
echo "ok"
