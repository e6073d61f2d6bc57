# Index corpus/sample and check what a user would check: ranked, on-topic hits, phrases,
# fields, sorting, JSON that parses, snippets with the matched words.
source "$(dirname "$0")/lib.sh"
db="$work/sample.db"

run_status "$NEWSDEX_INDEX" --db "$db" "$NEWSDEX_SAMPLE"
expect_eq "$status" 0 "indexing the sample (stderr: $err)"
expect_contains "$err" "read 37, added 37"

search_json() { "$NEWSDEX_SEARCH" --db "$db" --json "$@"; }
ids() { json_get "$1" '" ".join(h["id"] for h in j["hits"])'; }

# Every document, newest first, when there is no query.
out="$(search_json --limit 100)"
expect_eq "$(json_get "$out" 'j["total"]')" 37 "documents in the sample index"
expect_eq "$(json_get "$out" 'chronological(j["hits"], newest_first=True)')" True "no-query order"
expect_eq "$(json_get "$out" 'j["hits"][-1]["date"]')" None "undated articles come last"

# JSON has the documented keys.
out="$(search_json --limit 3 'peace talks')"
expect_eq "$(json_get "$out" 'sorted(set(["query","total","hits"]) - set(j))')" "[]" "top-level keys"
expect_eq "$(json_get "$out" 'sorted(set(["id","score","title","date","url","source","snippet"]) - set(j["hits"][0]))')" "[]" "hit keys"
expect_eq "$(json_get "$out" 'j["query"]')" "peace talks"
# Ranked: scores descend, and the top hits are about the talks.
expect_eq "$(json_get "$out" 'all(j["hits"][i]["score"] >= j["hits"][i+1]["score"] for i in range(len(j["hits"])-1))')" True "score order"
expect_eq "$(json_get "$out" 'all("talk" in (h["title"]+h["snippet"]).lower() for h in j["hits"])')" True "on-topic top hits"
# The snippet marks the matched words.
expect_eq "$(json_get "$out" 'all(h["snippet"].encode()[a:b].decode().lower().startswith(("peace","talk")) for h in j["hits"] for a,b in h["highlights"])')" True "highlights are query words"
expect_eq "$(json_get "$out" 'all(len(h["highlights"]) > 0 for h in j["hits"])')" True "every snippet has a highlight"

# Fields and diacritics.
out="$(search_json 'title:coffee')"
for id in nw-2018-0016 nw-2018-0032; do expect_contains "$(ids "$out")" "$id" "title:coffee"; done
expect_eq "$(json_get "$out" 'all("coffee" in h["title"].lower() for h in j["hits"])')" True "title:coffee titles"
out="$(search_json 'Zurich')"
expect_contains "$(ids "$out")" nw-2018-0017 "Zurich finds Zürich"
out="$(search_json '"Le Drian"')"
expect_contains "$(ids "$out")" nw-2018-0031 "phrase Le Drian"
out="$(search_json 'author:floyd OR author:hale')"
expect_contains "$(ids "$out")" nw-2018-0031 "author field"

# Boolean operators: NOT removes, OR widens.
both="$(json_get "$(search_json --limit 100 'ceasefire')" 'j["total"]')"
without="$(json_get "$(search_json --limit 100 'ceasefire NOT Sudan')" 'j["total"]')"
[ "$without" -lt "$both" ] || fail "NOT did not narrow ($without vs $both)"
either="$(json_get "$(search_json --limit 100 'ceasefire OR coffee')" 'j["total"]')"
[ "$either" -gt "$both" ] || fail "OR did not widen ($either vs $both)"

# Sorting by date, both ways, and paging.
out="$(search_json --limit 50 --sort date 'Syria')"
expect_eq "$(json_get "$out" 'chronological(j["hits"])')" True "--sort date is oldest first"
out="$(search_json --limit 50 --sort -date 'Syria')"
expect_eq "$(json_get "$out" 'chronological(j["hits"], newest_first=True)')" True "--sort -date is newest first"
page1="$(ids "$(search_json --limit 2 'Syria')")"
page2="$(ids "$(search_json --limit 2 --offset 2 'Syria')")"
first4="$(ids "$(search_json --limit 4 'Syria')")"
expect_eq "$page1 $page2" "$first4" "paging"

# Text output for people: plain when piped, with rank, date and id.
out="$("$NEWSDEX_SEARCH" --db "$db" --limit 2 'peace talks')"
expect_contains "$out" "matches"
expect_contains "$out" " 1  2018-"
expect_not_contains "$out" $'\x1b[' "piped text output"
echo "ok"
