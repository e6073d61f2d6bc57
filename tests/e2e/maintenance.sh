# --delete-ids and {"deleted": true} records remove articles; --dry-run changes nothing;
# --compact keeps every document and answer; --stats reports what is there.
source "$(dirname "$0")/lib.sh"
db="$work/news.db"
"$NEWSDEX_INDEX" -q --db "$db" "$NEWSDEX_SAMPLE"
count() { json_get "$("$NEWSDEX_SEARCH" --db "$db" --json --limit 1)" 'j["total"]'; }
expect_eq "$(count)" 37 "documents"

run_status "$NEWSDEX_INDEX" --db "$db" --stats
expect_eq "$status" 0 "--stats"
expect_contains "$out" "documents    37"
expect_contains "$out" "date range   2017-"
expect_contains "$out" "actor"
expect_contains "$out" "Staffan de Mistura"

before="$("$NEWSDEX_SEARCH" --db "$db" --json --limit 20 --facets actor 'peace talks')"
run_status "$NEWSDEX_INDEX" --db "$db" --compact
expect_eq "$status" 0 "--compact (stderr: $err)"
expect_contains "$err" "compacted"
after="$("$NEWSDEX_SEARCH" --db "$db" --json --limit 20 --facets actor 'peace talks')"
expect_eq "$(json_get "$after" '[(h["id"], round(h["score"], 6)) for h in j["hits"]], j["facets"]')" \
          "$(json_get "$before" '[(h["id"], round(h["score"], 6)) for h in j["hits"]], j["facets"]')" "answers after compaction"
[ ! -e "$db.compacting" ] && [ ! -e "$db.before-compact" ] || fail "compaction left a directory behind"

printf 'nw-2018-0016\n# a comment\nnw-2018-0032\nno-such-id\n' >"$work/ids.txt"
run_status "$NEWSDEX_INDEX" --db "$db" --dry-run --delete-ids "$work/ids.txt"
expect_eq "$status" 0 "--dry-run"
expect_contains "$err" "deleted 2"
expect_eq "$(count)" 37 "documents after a dry run"
run_status "$NEWSDEX_INDEX" --db "$db" --delete-ids "$work/ids.txt"
expect_eq "$status" 0 "--delete-ids"
expect_contains "$err" "deleted 2"
expect_eq "$(count)" 35 "documents after deleting"
expect_eq "$(json_get "$("$NEWSDEX_SEARCH" --db "$db" --json 'title:coffee')" 'j["total"]')" 0 "deleted articles are gone"

printf '{"id": "nw-2018-0001", "deleted": true}\n' >"$work/tombstone.jsonl"
run_status "$NEWSDEX_INDEX" --db "$db" "$work/tombstone.jsonl"
expect_eq "$status" 0 "tombstone record (stderr: $err)"
expect_eq "$(count)" 34 "documents after a tombstone"
echo "ok"
