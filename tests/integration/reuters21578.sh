# Reuters-21578, twice: 21,578 documents, dates from the DATE fields, on-topic results.
set -euo pipefail
source "$(dirname "$0")/../e2e/lib.sh"
shared_data_or_skip reuters21578
db="$work/reuters.db"

run_status "$NEWSDEX_INDEX" --db "$db" "$data"/reut2-*.sgm
expect_eq "$status" 0 "first run (stderr: $err)"
expect_contains "$err" "read 21578, added 21578"
run_status "$NEWSDEX_INDEX" --db "$db" "$data"/reut2-*.sgm
expect_eq "$status" 0 "second run"
expect_contains "$err" "added 0, replaced 0, unchanged 21578"
expect_contains "$err" "21578 documents"

# NEWID 1 is dated 26-FEB-1987 15:01:01.79.
out="$("$NEWSDEX_SEARCH" --db "$db" --json 'id:1')"
expect_eq "$(json_get "$out" 'j["hits"][0]["date"]')" "1987-02-26T15:01:01Z" "date of NEWID 1"
# Every article has a date.
undated="$(json_get "$("$NEWSDEX_SEARCH" --db "$db" --json --limit 1 --sort date)" 'j["hits"][0]["date"]')"
[ "$undated" != None ] || fail "an article has no date"

out="$("$NEWSDEX_SEARCH" --db "$db" --json --limit 10 'crude oil')"
on_topic="$(json_get "$out" 'sum(("crude" in (h["title"]+h["snippet"]).lower()) or ("oil" in (h["title"]+h["snippet"]).lower()) for h in j["hits"])')"
[ "$on_topic" -ge 9 ] || fail "crude oil: only $on_topic of 10 on topic"
out="$("$NEWSDEX_SEARCH" --db "$db" --json --limit 10 'title:coffee')"
expect_eq "$(json_get "$out" 'all("coffee" in h["title"].lower() for h in j["hits"])')" True "title:coffee"
expect_eq "$(json_get "$out" 'len(j["hits"])')" 10 "title:coffee hits"
echo "ok"
