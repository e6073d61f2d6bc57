# Near-duplicates collapse to one hit per story (+N similar); --all-copies shows each; different
# stories on one topic stay apart; --like finds related stories, not copies; --recency blends
# freshness into relevance. The sample's nw-2018-0005 and -0006 are rewrites of -0004 (a swap of
# "Russia" for "Russian Federation" and reordered paragraphs; an added link-bait line), while
# -0010 and -0011 are two different Eastern Ghouta stories (corpus/sample/README.md).
source "$(dirname "$0")/lib.sh"
db="$work/sample.db"
"$NEWSDEX_INDEX" -q --db "$db" "$NEWSDEX_SAMPLE"
search_json() { "$NEWSDEX_SEARCH" --db "$db" --json "$@"; }
ids() { json_get "$1" '" ".join(h["id"] for h in j["hits"])'; }

out="$(search_json 'Vienna talks breakthrough')"
# The best ranked copy stands for the story: since the boilerplate ("More news: …") is not
# searched, -0006 has the words of -0004, and no author words that lengthen it.
expect_contains "nw-2018-0004 nw-2018-0005 nw-2018-0006" "$(ids "$out")" "one hit for the story and its two copies"
expect_eq "$(json_get "$out" 'len(j["hits"])')" 1 "one hit for the story and its two copies"
expect_eq "$(json_get "$out" 'j["hits"][0]["similar"]')" 2 "+N similar"
out="$(search_json --all-copies 'Vienna talks breakthrough')"
expect_eq "$(json_get "$out" 'sorted(h["id"] for h in j["hits"])')" "['nw-2018-0004', 'nw-2018-0005', 'nw-2018-0006']" "--all-copies"
text="$("$NEWSDEX_SEARCH" --db "$db" 'Vienna talks breakthrough')"
expect_contains "$text" "+2 similar"

out="$(search_json --limit 20 'Eastern Ghouta')"
for id in nw-2018-0010 nw-2018-0011; do expect_contains "$(ids "$out")" "$id" "different stories stay apart"; done

# Related stories: from the talks cluster, never the article or its copies.
out="$(search_json --limit 5 --like nw-2018-0004)"
related="$(ids "$out")"
for id in nw-2018-0004 nw-2018-0005 nw-2018-0006; do
    expect_not_contains "$related" "$id" "--like results"
done
cluster="nw-2018-0001 nw-2018-0002 nw-2018-0003 nw-2018-0007 nw-2018-0008 nw-2018-0009 nw-2018-0010 nw-2018-0011 nw-2018-0012 nw-2018-0013 nw-2018-0031"
for id in $related; do expect_contains "$cluster" "$id" "--like result $id is about the talks"; done
run_status "$NEWSDEX_SEARCH" --db "$db" --like no-such-id
expect_eq "$status" 1 "--like with an unknown id"
expect_contains "$err" "no article with id 'no-such-id'"

# Recency: with "now" in late February the newest matching stories move up.
plain="$(search_json --limit 3 Syria)"
fresh="$(search_json --limit 3 --recency 2d --now 2018-02-20 Syria)"
oldest_fresh="$(json_get "$fresh" 'min(t(h) for h in j["hits"] if h["date"]).isoformat()')"
[[ "$oldest_fresh" > "2018-02-05" ]] || fail "recency: oldest of the top 3 is $oldest_fresh"
[ "$(ids "$plain")" != "$(ids "$fresh")" ] || fail "recency changed nothing"
run_status "$NEWSDEX_SEARCH" --db "$db" --recency soon Syria
expect_eq "$status" 2 "bad --recency"

# Re-indexing keeps the clusters.
"$NEWSDEX_INDEX" -q --db "$db" "$NEWSDEX_SAMPLE"
out="$(search_json 'Vienna talks breakthrough')"
expect_eq "$(json_get "$out" 'j["hits"][0]["similar"]')" 2 "+N similar after re-indexing"
echo "ok"
