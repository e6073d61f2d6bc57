# Reading and exporting (issue 16): --show ID, each hit's URL in the text output, --format
# text|json|jsonl|csv (CSV parsed back), and --limit 0 / --all streaming every match in order.
# On invented articles, through the real programs.
source "$(dirname "$0")/lib.sh"

python3 - >"$work/news.jsonl" <<'EOF'
import json
articles = [
    {"id": "ex-1", "title": 'Harbour "talks", at last', "url": "https://news.example/ex-1",
     "source": "Example Wire", "author": "Ana Pell", "date": "2021-03-02T09:00:00Z",
     "body": "The harbour council of Velmora met on Tuesday.\n\nDelegates from Quarnet argued, "
             "over fishing quotas, dredging costs and the lighthouse lease, for most of the "
             "morning and agreed to meet again next week in Velmora."},
    {"id": "ex-2", "title": "Lighthouse lease extended", "source": "Coast Daily",
     "date": "2021-03-05T12:00:00Z",
     "body": "The lighthouse lease at Quarnet was extended after short harbour talks."},
]
# Many short articles sharing one word, for paging past the first page of --all.
for i in range(1, 2501):
    articles.append({"id": "bulk-%04d" % i, "title": "Tide table %d" % i,
                     "date": "2020-%02d-%02dT06:00:00Z" % (1 + i % 12, 1 + i % 28),
                     "body": "Tide table number %d for the zorvane estuary, tide %d." % (i, i)})
for a in articles:
    print(json.dumps(a))
EOF
db="$work/news.db"
run_status "$NEWSDEX_INDEX" --db "$db" --no-entities "$work/news.jsonl"
expect_eq "$status" 0 "indexing ($err)"

# --- --show ID: every field, the facets, the whole body; raw when piped; --json too.
run_status "$NEWSDEX_SEARCH" --db "$db" --show ex-1
expect_eq "$status" 0 "--show ($err)"
for want in 'Harbour "talks", at last' "2021-03-02T09:00:00" "Example Wire" "Ana Pell" \
            "https://news.example/ex-1" "ex-1"; do
    expect_contains "$out" "$want" "--show"
done
expected_body="$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["body"])' "$work/news.jsonl")"
expect_contains "$out" "$expected_body" "--show, piped: the body byte for byte"
run_status "$NEWSDEX_SEARCH" --db "$db" --show ex-1 --json
expect_eq "$(json_get "$out" 'j["body"]')" "$expected_body" "--show --json body"
expect_eq "$(json_get "$out" '(j["id"], j["url"], j["author"], sorted(j["facets"]))')" \
    "('ex-1', 'https://news.example/ex-1', 'Ana Pell', ['actor', 'country', 'location', 'mentions', 'org', 'person'])" \
    "--show --json fields"
run_status "$NEWSDEX_SEARCH" --db "$db" --show no-such-id
expect_eq "$status" 1 "--show of an unknown id"
expect_contains "$err" "newsdex-search: error: no article with id 'no-such-id'"
# On a terminal the body is wrapped to its width.
printf -v cmd '%q ' env COLUMNS=40 "$NEWSDEX_SEARCH" --db "$db" --show ex-1
script -qec "$cmd" /dev/null </dev/null >"$work/tty"
wide="$(tr -d '\r' <"$work/tty" | awk 'length($0) > 40' | grep -v '^url\|^id' || true)"
[ -z "$wide" ] || fail "--show on a 40-column terminal printed wider lines: $wide"
# With entities: a long title and long facet lines wrap too, each value whole, the further lines
# under the first value; piped, a facet's values stay on one line.
places="Vienna, Geneva, Paris, Berlin, Madrid, Rome, Lisbon, Warsaw, Prague, Oslo and Helsinki"
printf '{"id": "tour-1", "title": "Envoys tour the capitals of Europe before the harbour summit in the spring", "date": "2021-04-01", "body": "The envoys visited %s before the summit."}\n' \
    "$places" >"$work/tour.jsonl"
run_status "$NEWSDEX_INDEX" --db "$work/tour.db" "$work/tour.jsonl"
expect_eq "$status" 0 "indexing with entities ($err)"
printf -v cmd '%q ' env COLUMNS=40 "$NEWSDEX_SEARCH" --db "$work/tour.db" --show tour-1
script -qec "$cmd" /dev/null </dev/null >"$work/tty"
shown="$(tr -d '\r' <"$work/tty")"
# (columns are characters: "·" is one, and two bytes)
wide="$(python3 -c 'import sys; print("\n".join(l for l in sys.stdin.read().split("\n") if len(l) > 40 and not l.startswith(("url", "id"))))' <<<"$shown")"
[ -z "$wide" ] || fail "--show of an article with entities, 40 columns: wider lines: $wide"
locations="$(sed -n '/^location /,/^[a-z]/p' <<<"$shown" | sed '$d')"
expect_contains "$locations" "Helsinki, FI" "--show on a terminal: the last place"
[ "$(wc -l <<<"$locations")" -ge 3 ] || fail "the location line did not wrap: $shown"
[ -z "$(sed 1d <<<"$locations" | grep -v '^          [^ ]' || true)" ] || fail "wrapped values not under the first: $locations"
run_status "$NEWSDEX_SEARCH" --db "$work/tour.db" --show tour-1
expect_eq "$(grep -c '^location ' <<<"$out")" 1 "--show piped: the locations"
expect_contains "$(grep '^location ' <<<"$out")" "Vienna, AT · Geneva, CH" "--show piped: one line of locations"

# --- The text output shows each hit's URL when it has one.
run_status "$NEWSDEX_SEARCH" --db "$db" 'harbour talks'
expect_contains "$out" "https://news.example/ex-1" "text output"

# --- --format csv: header always, RFC 4180 quoting, parsed back equal to the JSON hits.
run_status "$NEWSDEX_SEARCH" --db "$db" --format csv 'harbour talks'
expect_eq "$status" 0 "--format csv ($err)"
json="$("$NEWSDEX_SEARCH" --db "$db" --json 'harbour talks')"
python3 - "$work/out" "$json" <<'EOF' || fail "CSV and JSON disagree"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["id", "date", "title", "source", "author", "url", "score", "actors", "locations"], rows[0]
hits = json.loads(sys.argv[2])["hits"]
assert len(rows) == 1 + len(hits) == 3, rows
for row, h in zip(rows[1:], hits):
    want = [h["id"], h["date"] or "", h["title"], h["source"], h["author"], h["url"]]
    assert row[:6] == want, (row, want)
    assert abs(float(row[6]) - h["score"]) < 1e-3
    assert row[7] == "; ".join(h["actors"]) and row[8] == "; ".join(h["locations"])
assert rows[1][2] == 'Harbour "talks", at last'
EOF
expect_contains "$out" '"Harbour ""talks"", at last"' "CSV quoting"
run_status "$NEWSDEX_SEARCH" --db "$db" --format csv 'nothing-matches-this-xq'
expect_eq "$out" "id,date,title,source,author,url,score,actors,locations" "CSV of no hits: the header"
run_status "$NEWSDEX_SEARCH" --db "$db" --format csv --facets source --facet-limit 0 'harbour'
expect_eq "$out" $'facet,value,count\nsource,Coast Daily,1\nsource,Example Wire,1' "CSV facets"
run_status "$NEWSDEX_SEARCH" --db "$db" --format csv --histogram month 'harbour OR lighthouse'
expect_eq "$out" $'period,count\n2021-03,2' "CSV histogram"
run_status "$NEWSDEX_SEARCH" --db "$db" --format csv --histogram month --facets source harbour
expect_eq "$status" 2 "--format csv with both --facets and --histogram"

# --- --format jsonl: one object per hit, as in the JSON's hits.
run_status "$NEWSDEX_SEARCH" --db "$db" --format jsonl 'harbour talks'
expect_eq "$(python3 -c 'import json,sys; print([json.loads(l)["id"] for l in open(sys.argv[1])])' "$work/out")" \
    "$(json_get "$json" '[h["id"] for h in j["hits"]]')" "jsonl ids"
run_status "$NEWSDEX_SEARCH" --db "$db" --format jsonl --facets source 'harbour'
expect_eq "$(python3 -c 'import json,sys; print(sorted((r["facet"], r["value"], r["count"]) for r in map(json.loads, open(sys.argv[1]))))' "$work/out")" \
    "[('source', 'Coast Daily', 1), ('source', 'Example Wire', 1)]" "jsonl facets"
run_status "$NEWSDEX_SEARCH" --db "$db" --format json 'harbour talks'
same='{k: v for k, v in j.items() if k != "elapsed_ms"}'
expect_eq "$(json_get "$out" "$same")" "$(json_get "$json" "$same")" "--format json is --json"

# --- --all and --limit 0: every match, in order (here 2500, more than one page).
for all in --all "--limit 0"; do
    run_status "$NEWSDEX_SEARCH" --db "$db" --format csv --sort date $all zorvane
    expect_eq "$status" 0 "$all ($err)"
    python3 - "$work/out" <<'EOF' || fail "$all did not give every match in date order"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))[1:]
ids = [r[0] for r in rows]
assert len(ids) == 2500 == len(set(ids)), len(ids)
dates = [r[1] for r in rows]
assert dates == sorted(dates), "not in date order"
EOF
done
run_status "$NEWSDEX_SEARCH" --db "$db" --all zorvane
expect_eq "$(grep -cE '^ +[0-9]+  [0-9-]{10}  Tide table' <<<"$out")" 2500 "text --all hits"
expect_contains "$out" "2,500 matches, showing all" "text --all header"
run_status "$NEWSDEX_SEARCH" --db "$db" --json --all zorvane
expect_eq "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print((len(j["hits"]), j["hits"][-1]["rank"], j["total"]))' "$work/out")" \
    "(2500, 2500, 2500)" "json --all"
run_status "$NEWSDEX_SEARCH" --db "$db" --format jsonl --all --sort -date zorvane
expect_eq "$(wc -l <"$work/out")" 2500 "jsonl --all lines"
echo "ok"
