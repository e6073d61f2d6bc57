# Reuters-21578 as one database and as --shard-by month shards (1987-02 … 1987-10): the same
# queries over one database, the shard directory, and the shards served by xapian-tcpsrv on
# 127.0.0.1 give the same totals, facet counts, scores and ids (compare_search.py). Indexed
# with --no-entities to stay within two minutes on two cores (entity extraction would double
# the indexing time and is covered on the sample by e2e/shards_equivalence); the facets
# compared are then source and date (actor/location/country are empty on both sides).
# --all-copies: near-duplicate clusters are assigned per shard, so a story copied across two
# months is one hit in one database and two in shards; and over xapian-tcpsrv the total of a
# collapsed search is Xapian's estimate (e.g. 380 for 372), not the exact count. Without
# collapsing, everything is exact and equal.
set -euo pipefail
here="$(cd "$(dirname "$0")/../e2e" && pwd)"
source "$here/lib.sh"
source "$here/shards_lib.sh"
shared_data_or_skip reuters21578

# Both indexes at once, one analysis thread each: the two cores stay busy.
"$NEWSDEX_INDEX" -q --no-entities --threads 1 --db "$work/one.db" "$data"/reut2-*.sgm &
one=$!
"$NEWSDEX_INDEX" -q --no-entities --threads 1 --db "$work/shards" --shard-by month \
    "$data"/reut2-*.sgm || fail "sharded indexing failed"
wait "$one" || fail "indexing into one database failed"
shards=("$work"/shards/*.db)
[ "${#shards[@]}" -ge 5 ] || fail "only ${#shards[@]} shards"
run_status "$NEWSDEX_INDEX" --no-entities --db "$work/shards" --shard-by month "$data"/reut2-*.sgm
expect_contains "$err" "read 21578, added 0, replaced 0, unchanged 21578" "re-run of the shards"

queries="$work/queries.txt"
cat >"$queries" <<'Q'
crude oil
title:coffee
"interest rates"
opec OR saudi
dollar yen
bank NOT germany
wheat export subsidies
gold price
merger acquisition
trade deficit japan
stock split
year:1987
month:198703
earnings per share
the
cocoa
brazil debt moratorium
"federal reserve" discount
shipping strike
Q
serve_shards "$work/shards" "$work/remote.stub"
for sort in relevance -date; do
    answers "$work/one.$sort" --all-copies --sort "$sort" --db "$work/one.db"
    answers "$work/dir.$sort" --all-copies --sort "$sort" --db "$work/shards"
    answers "$work/remote.$sort" --all-copies --sort "$sort" --db "$work/remote.stub"
    python3 "$here/compare_search.py" "$work/one.$sort" "$work/dir.$sort" "$work/remote.$sort" ||
        fail "sharded answers differ from one database (sort $sort)"
done
python3 - "$work/one.relevance" <<'PY' || fail "the queries are too easy"
import json, sys
answers = [json.loads(l) for l in open(sys.argv[1])]
assert sum(a["total"] > 50 for a in answers) >= 10, "too few queries fill a page"
assert all(a["facets"]["date"] for a in answers if a["total"]), "no date facet counts"
PY

# One server down: named, or left out with --allow-partial.
down=1987-03.db
stop_server "${shard_pids[$down]}"
run_status "$NEWSDEX_SEARCH" --db "$work/remote.stub" 'crude oil'
expect_eq "$status" 1 "exit code with a shard down"
expect_contains "$err" "tcp://127.0.0.1:${shard_ports[$down]}" "error with a shard down"
count=("$NEWSDEX_SEARCH" --json --all-copies --facets source)
all="$(json_get "$("${count[@]}" --db "$work/one.db" 'crude oil')" 'j["total"]')"
alone="$(json_get "$("${count[@]}" --db "$work/shards/$down" 'crude oil')" 'j["total"]')"
run_status "${count[@]}" --db "$work/remote.stub" --allow-partial 'crude oil'
expect_eq "$(json_get "$out" 'j["partial"]')" True "JSON partial"
expect_eq "$(json_get "$out" 'j["total"]')" "$((all - alone))" "partial total"
echo "ok: Reuters-21578 in ${#shards[@]} month shards answers as one database, locally and remotely"
