# Issue 14, the search side: answers that are what they seem, on invented articles. Ids are
# matched exactly as given, case and all; --recency with --now never puts articles from after
# "now" first; the date facet reads as a timeline; --queries skips blank lines; a record with
# only a folder date (dir_date) is dated by it; the summary counts every line read.
source "$(dirname "$0")/lib.sh"
db="$work/truth.db"
cat >"$work/news.jsonl" <<'JSON'
{"id": "Wire-ABC-1", "title": "Harbour cranes idle", "body": "Harbour cranes stood idle as dockers met.", "date": "2018-02-10T09:00:00Z"}
{"id": "wire-abc-1", "title": "Harbour fees rise", "body": "Harbour fees rise next year, the port said.", "date": "2018-02-11T09:00:00Z"}
{"id": "late-1", "title": "Harbour cranes return", "body": "Harbour cranes harbour cranes harbour cranes moved again.", "date": "2018-03-30T09:00:00Z"}
{"id": "late-2", "title": "Harbour tug", "body": "A harbour tug sank.", "date": "2018-03-02T09:00:00Z"}
{"id": "late-3", "title": "Harbour gulls", "body": "Gulls filled the harbour.", "date": "2018-03-03T09:00:00Z"}
{"id": "late-4", "title": "Harbour fog", "body": "Fog closed the harbour.", "date": "2018-03-04T09:00:00Z"}
{"id": "early-1", "title": "Harbour cranes ordered", "body": "The port ordered harbour cranes.", "date": "2018-01-05T09:00:00Z"}
{"id": "early-2", "title": "Harbour dredging", "body": "Dredging of the harbour began.", "date": "2018-01-06T09:00:00Z"}
{"id": "early-3", "title": "Harbour pilots", "body": "Harbour pilots asked for more pay.", "date": "2018-01-07T09:00:00Z"}
{"id": "filed-1", "dir_date": "20180215", "title": "Harbour ferry", "body": "The harbour ferry ran late."}
this line is not json
JSON
run_status "$NEWSDEX_INDEX" --db "$db" "$work/news.jsonl"
expect_eq "$status" 3 "indexing with one bad line"
expect_contains "$err" "read 11, added 10" "the summary counts the bad line as read"
expect_contains "$err" "rejected 1"
search_json() { "$NEWSDEX_SEARCH" --db "$db" --json "$@"; }
ids() { json_get "$1" '" ".join(h["id"] for h in j["hits"])'; }

# id: as given, whatever its case; the other case is another article.
expect_eq "$(ids "$(search_json 'id:Wire-ABC-1')")" "Wire-ABC-1" "id: with capitals"
expect_eq "$(ids "$(search_json 'id:wire-abc-1')")" "wire-abc-1" "id: in lower case"
expect_eq "$(ids "$(search_json 'id:"Wire-ABC-1"')")" "Wire-ABC-1" "id: quoted"

# --recency --now 2018-02-12: late-1 (2018-03-30) is in that query's future, so it never comes
# before the older ones, however often it names the cranes.
out="$(search_json --limit 10 --recency 30d --now 2018-02-12 'harbour cranes')"
expect_eq "$(json_get "$out" '[h["id"] for h in j["hits"]][-1]')" "late-1" "an article after --now comes last"

# The date facet by month: in date order, not by count (January has 3, February 3, March 4).
out="$(search_json --facets date --all-copies harbour)"
expect_eq "$(json_get "$out" '[v["value"] for v in j["facets"]["date"]]')" "['2018-01', '2018-02', '2018-03']" "date facet order"

# A record without a timestamp but with a folder date is dated by it.
out="$(search_json 'id:filed-1')"
expect_contains "$(json_get "$out" 'j["hits"][0]["date"]')" "2018-02-15" "dir_date fallback"

# --queries: a blank line is no query (it would match everything).
printf 'id:early-1\n\n   \nid:early-2\n' | "$NEWSDEX_SEARCH" --db "$db" --queries - >"$work/batch.jsonl"
expect_eq "$(wc -l <"$work/batch.jsonl")" 2 "--queries lines answered"

# A listing by filters alone ranks by how much each article is about the place (named often, in
# the headline) unless newest first is asked for.
cat >"$work/places.jsonl" <<'JSON'
{"id": "lis-about", "title": "Lisbon port expands", "body": "Lisbon will double its port. The Lisbon harbour board said Lisbon traffic grew, and Lisbon hotels filled.", "date": "2017-03-01T09:00:00Z"}
{"id": "lis-passing", "title": "Wine exports rise", "body": "Portuguese wine exports rose, a trade group said in a statement issued in Lisbon.", "date": "2018-05-01T09:00:00Z"}
{"id": "lis-some", "title": "Tram fares", "body": "Tram fares in Lisbon rise in June, and Lisbon buses follow.", "date": "2017-09-01T09:00:00Z"}
JSON
"$NEWSDEX_INDEX" -q --db "$work/places.db" "$work/places.jsonl"
places() { "$NEWSDEX_SEARCH" --db "$work/places.db" --json "$@"; }
expect_eq "$(ids "$(places 'location:Lisbon')")" "lis-about lis-some lis-passing" "filters alone: by how much about"
expect_eq "$(ids "$(places --sort -date 'location:Lisbon')")" "lis-passing lis-some lis-about" "--sort -date"
