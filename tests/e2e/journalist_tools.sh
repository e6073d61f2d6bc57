# A journalist's everyday tools (issue 16): --related FACET QUERY on an invented corpus with a
# known answer, --names FILE checked against separate searches, and saved searches with --new
# across two indexing runs. Through the real programs.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/shards_lib.sh"

# --- --related: 40 invented articles. "quorvex" is in all 10 of Alpha Wire, in 5 of the 20 of
# Beta News and in none of Gamma Post's 10: M = 15 matches of N = 40, so Alpha Wire's lift is
# 10 / (15·10/40) = 2.667 and Beta News' 5 / (15·20/40) = 0.667.
python3 - >"$work/related.jsonl" <<'EOF'
import json
n = 0
def article(source, author, words):
    global n
    n += 1
    print(json.dumps({"id": "r-%02d" % n, "source": source, "author": author,
                      "title": "Report %d" % n, "date": "2021-05-%02dT10:00:00Z" % (1 + n % 28),
                      "body": "Harbour report number %d. %s" % (n, words)}))
for i in range(10):
    article("Alpha Wire", "Ana Pell", "The quorvex shipment arrived.")
for i in range(20):
    article("Beta News", "Bo Lind", "The quorvex shipment arrived." if i < 5 else "Nothing arrived.")
for i in range(10):
    article("Gamma Post", "Cy Rowe", "Nothing arrived at all.")
EOF
db="$work/related.db"
run_status "$NEWSDEX_INDEX" --db "$db" --no-entities "$work/related.jsonl"
expect_eq "$status" 0 "indexing ($err)"
run_status "$NEWSDEX_SEARCH" --db "$db" --json --related source --min-count 1 quorvex
expect_eq "$status" 0 "--related source ($err)"
expect_eq "$(json_get "$out" '(j["matches"], j["documents"])')" "(15, 40)" "M and N"
expect_eq "$(json_get "$out" '[(v["value"], v["count"], v["total"], round(v["expected"], 3), round(v["lift"], 3), round(v["pmi"], 3)) for v in j["related"]]')" \
    "[('Alpha Wire', 10, 10, 3.75, 2.667, 1.415), ('Beta News', 5, 20, 7.5, 0.667, -0.585)]" \
    "--related source, by lift"
run_status "$NEWSDEX_SEARCH" --db "$db" --json --related author --min-count 6 quorvex
expect_eq "$(json_get "$out" '[v["value"] for v in j["related"]]')" "['Ana Pell']" "--min-count 6 leaves out Bo Lind (5)"
run_status "$NEWSDEX_SEARCH" --db "$db" --related source --min-count 1 quorvex
expect_contains "$out" "Alpha Wire" "--related text"
expect_contains "$out" "2.67" "--related text: the lift"
run_status "$NEWSDEX_SEARCH" --db "$db" --format csv --related source --min-count 1 quorvex
expect_eq "$(head -n 2 <<<"$out")" $'value,count,total,expected,lift,pmi\nAlpha Wire,10,10,3.7500,2.6667,1.4150' "--related csv"
run_status "$NEWSDEX_SEARCH" --db "$db" --format jsonl --related source --min-count 1 quorvex
expect_eq "$status" 0 "--related jsonl ($err)"
expect_eq "$(python3 -c 'import json,sys; print([(v["value"], v["count"], v["total"]) for v in map(json.loads, sys.stdin)])' <<<"$out")" \
    "[('Alpha Wire', 10, 10), ('Beta News', 5, 20)]" "--related jsonl: one line per value"
run_status "$NEWSDEX_SEARCH" --db "$db" --related colour quorvex
expect_eq "$status" 2 "--related with an unknown facet"
# Remote shards count the same (Xapian's own spies through xapian-tcpsrv).
start_server "$db"
run_status "$NEWSDEX_SEARCH" --db "tcp://127.0.0.1:$port" --json --related source --min-count 1 quorvex
expect_eq "$(json_get "$out" '[(v["value"], v["count"], v["total"]) for v in j["related"]]')" \
    "[('Alpha Wire', 10, 10), ('Beta News', 5, 20)]" "--related on a remote shard ($err)"
stop_servers

# --- --names on the sample: every line's counts equal those of a separate search.
sample="$work/sample.db"
"$NEWSDEX_INDEX" --db "$sample" -q "$NEWSDEX_SAMPLE" || fail "indexing the sample"
cat >"$work/names.txt" <<'EOF'
# people and things to check
Staffan de Mistura
Le Drian   # a partial name resolves too

ceasefire
actor:UN
Nobody Atall Xq
EOF
# --related actor on the sample: what the query filters for is left out (an actor always
# "co-occurs" with itself), the rest is ranked by lift.
run_status "$NEWSDEX_SEARCH" --db "$sample" --json --related actor --min-count 2 'actor:"Le Drian"'
expect_eq "$status" 0 "--related actor ($err)"
values="$(json_get "$out" '[v["value"] for v in j["related"]]')"
expect_not_contains "$values" "Le Drian" "--related actor of Le Drian"
expect_contains "$values" "Staffan de Mistura" "--related actor of Le Drian"
expect_eq "$(json_get "$out" 'all(a["lift"] >= b["lift"] for a, b in zip(j["related"], j["related"][1:]))')" True "ranked by lift"
run_status "$NEWSDEX_SEARCH" --db "$sample" --json --names "$work/names.txt"
expect_eq "$status" 0 "--names ($err)"
expect_eq "$(wc -l <<<"$out")" 5 "one JSON line per name (comments and blank lines skipped)"
while IFS= read -r line; do
    name="$(json_get "$line" 'j["name"]')"
    how="$(json_get "$line" 'j["as"]')"
    query="$(json_get "$line" 'j["query"]')"
    case "$name" in
    "Staffan de Mistura" | "Le Drian") expect_eq "$how" actor "how '$name' was matched" ;;
    ceasefire | "Nobody Atall Xq") expect_eq "$how" phrase "how '$name' was matched" ;;
    actor:UN) expect_eq "$how" query "how '$name' was matched" ;;
    esac
    separate="$("$NEWSDEX_SEARCH" --db "$sample" --json --limit 1 --facets date "$query")"
    expect_eq "$(json_get "$line" 'j["articles"]')" "$(json_get "$separate" 'j["articles"]')" "articles of '$name'"
    if [ "$how" = phrase ]; then # words to rank by: the separate search folds copies too
        expect_eq "$(json_get "$line" 'j["stories"]')" "$(json_get "$separate" 'j["total"]')" "stories of '$name'"
    fi
    [ "$(json_get "$line" 'j["stories"] <= j["articles"]')" = True ] || fail "more stories than articles: $line"
    oldest="$("$NEWSDEX_SEARCH" --db "$sample" --json --limit 1 --sort date "$query")"
    newest="$("$NEWSDEX_SEARCH" --db "$sample" --json --limit 1 --sort -date "$query")"
    expect_eq "$(json_get "$line" 'j["first"]')" "$(json_get "$oldest" 'j["hits"][0]["date"][:10] if j["hits"] else None')" "first day of '$name'"
    expect_eq "$(json_get "$line" 'j["last"]')" "$(json_get "$newest" 'j["hits"][0]["date"][:10] if j["hits"] else None')" "last day of '$name'"
    expect_eq "$(json_get "$line" 'len(j["top"]) == min(3, j["stories"])')" True "top hits of '$name'"
    expect_eq "$(json_get "$line" 'isinstance(j["elapsed_ms"], float) and j["elapsed_ms"] > 0')" True "time taken for '$name'"
done <<<"$out"
expect_eq "$(json_get "$(sed -n 1p <<<"$out")" 'j["articles"] > 0')" True "Staffan de Mistura is found"
expect_eq "$(json_get "$(sed -n 5p <<<"$out")" 'j["articles"]')" 0 "nobody is found for an invented name"
run_status "$NEWSDEX_SEARCH" --db "$sample" --names "$work/names.txt"
expect_contains "$out" "Staffan de Mistura" "--names text"
expect_contains "$(grep '^ceasefire' <<<"$out")" "phrase" "--names text says how"
run_status "$NEWSDEX_SEARCH" --db "$sample" --format csv --names - <"$work/names.txt"
expect_eq "$(head -n 1 <<<"$out")" "name,as,resolved,articles,stories,first,last,top_ids" "--names csv header"
expect_eq "$(wc -l <<<"$out")" 6 "--names csv rows"

# --- Saved searches across two indexing runs: --new shows what was added or changed since the
# search last ran, never what a re-index left unchanged.
dump() { # dump ID... : one article per id, "quorvex" in each, the body varying with $edition
    for id in "$@"; do
        printf '{"id": "%s", "title": "Quorvex %s", "body": "The quorvex report %s, edition %s.", "date": "2021-06-01"}\n' \
            "$id" "$id" "$id" "${edition:-1}"
    done
}
sdb="$work/saved.db"
dump s-1 s-2 s-3 >"$work/first.jsonl"
run_status "$NEWSDEX_INDEX" --db "$sdb" "$work/first.jsonl"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --save q --limit 20 quorvex
expect_eq "$status" 0 "--save ($err)"
expect_eq "$out" "saved 'q': --limit 20 quorvex" "--save's answer"
file="$sdb.searches.json"
[ -f "$file" ] || fail "no saved-searches file beside the database"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --save other 'report NOT s-1'
run_status "$NEWSDEX_SEARCH" --db "$sdb" --saved
grep -qE '^q +never +--limit 20 quorvex$' <<<"$out" || fail "--saved: $out"
grep -qE "^other +never +'report NOT s-1'$" <<<"$out" || fail "--saved: $out"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --json --run-saved q --new
expect_eq "$(json_get "$out" '(j["saved"], j["total"])')" "('q', 3)" "first --new run: everything"
# Second indexing run: two new articles, one changed, two unchanged.
edition=2 dump s-3 s-4 s-5 >"$work/second.jsonl"
dump s-1 s-2 >>"$work/second.jsonl"
run_status "$NEWSDEX_INDEX" --db "$sdb" "$work/second.jsonl"
expect_contains "$err" "added 2, replaced 1, unchanged 2" "second run"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --json --run-saved q --new
expect_eq "$(json_get "$out" 'sorted(h["id"] for h in j["hits"])')" "['s-3', 's-4', 's-5']" "--new after the second run"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --json --run-saved q --new
expect_eq "$(json_get "$out" 'j["total"]')" 0 "--new right after a run"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --json --run-saved q
expect_eq "$(json_get "$out" 'j["total"]')" 5 "--run-saved without --new: every match"
# Every saved search, in text; the file is replaced whole (a new inode), nothing left beside.
inode="$(stat -c %i "$file")"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --run-saved
expect_contains "$out" "== q: --limit 20 quorvex" "--run-saved, all"
expect_contains "$out" "== other: 'report NOT s-1'" "--run-saved, all"
[ "$(stat -c %i "$file")" != "$inode" ] || fail "the saved-searches file was written in place"
[ -z "$(ls "$work" | grep 'searches.json.tmp' || true)" ] || fail "a temporary file was left: $(ls "$work")"
python3 - "$file" <<'EOF' || fail "the saved-searches file is not as documented: $(cat "$file")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["format"] == "newsdex saved searches" and j["version"] == 1
names = [s["name"] for s in j["searches"]]
assert names == ["q", "other"], names
assert all(isinstance(s["last_run"], float) for s in j["searches"])
assert all(isinstance(s["seen_up_to"], float) for s in j["searches"])
assert j["searches"][0]["args"] == ["--limit", "20", "quorvex"]
EOF
# An indexer stamps each article when it adds it and commits the batch later: a run of the
# saved search in between cannot see the batch, so the next --new must show all of it. The
# indexer reads 3000 articles from a FIFO held open: added, stamped, not committed.
mkfifo "$work/feed"
"$NEWSDEX_INDEX" --db "$sdb" --no-entities - <"$work/feed" 2>"$work/feed.err" &
feeder=$!
exec 7>"$work/feed"
python3 -c 'for i in range(3000): print("{\"id\": \"f-%d\", \"title\": \"Quorvex feed %d\", \"body\": \"The quorvex feed %d.\"}" % (i, i, i))' >&7
sleep 3 # time to read and stamp them (without it the test is weaker, never wrong)
run_status "$NEWSDEX_SEARCH" --db "$sdb" --json --run-saved q --new
expect_eq "$(json_get "$out" 'j["total"]')" 0 "--new while the batch is not committed"
exec 7>&-
wait "$feeder" || fail "the feeding indexer failed: $(cat "$work/feed.err")"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --json --run-saved q --new
expect_eq "$(json_get "$out" 'j["total"]')" 3000 "--new after the batch was committed"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --json --run-saved q --new
expect_eq "$(json_get "$out" 'j["total"]')" 0 "--new right after that"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --run-saved nope
expect_eq "$status" 2 "--run-saved of an unknown name"
expect_contains "$err" "no saved search 'nope'"
run_status "$NEWSDEX_SEARCH" --db "$sdb" --new quorvex
expect_eq "$status" 2 "--new without --run-saved"
echo "ok"
