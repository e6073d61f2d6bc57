# Facets on Reuters-21578: filters and counts checked against counts computed here from
# `newsdex-index --entities-only` over the same files (every article's document-level facets),
# never from newsdex-search's own numbers; counts cover all matches, not the page shown.
set -euo pipefail
source "$(dirname "$0")/../e2e/lib.sh"
shared_data_or_skip reuters21578
db="$work/reuters.db"

run_status "$NEWSDEX_INDEX" --db "$db" "$data"/reut2-*.sgm
expect_eq "$status" 0 "indexing (stderr: $err)"
expect_contains "$err" "read 21578, added 21578"
"$NEWSDEX_INDEX" --entities-only "$data"/reut2-*.sgm >"$work/entities.jsonl" 2>/dev/null
expect_eq "$(wc -l <"$work/entities.jsonl")" 21578 "--entities-only records"

python3 - "$work" "$NEWSDEX_SEARCH" "$(cd "$(dirname "$0")/../e2e" && pwd)" <<'EOF'
import json, subprocess, sys
from collections import Counter

work, search_bin = sys.argv[1], sys.argv[2]
sys.path.insert(0, sys.argv[3])
from registry_model import Resolution, distinct  # bare surnames count as the registry resolves them
# Values per document that the facet counts can see: schema.h facets[] slot_count (the most
# salient values; filters see all of them as terms).
SLOTS = {"actor": 24, "location": 24, "country": 12}
ISO = {c["alpha_2"]: c.get("common_name", c["name"])
       for c in json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]}
# Former countries (ISO 3166-3) keep their own names, as the searcher shows them.
for c in json.load(open("/usr/share/iso-codes/json/iso_3166-3.json"))["3166-3"]:
    if "alpha_2" in c:
        ISO.setdefault(c["alpha_2"], c["name"])
ISO.update({"RU": "Russia", "TR": "Turkey", "SU": "Soviet Union"})  # the short names news uses
docs = {}
for line in open(f"{work}/entities.jsonl", encoding="utf-8"):
    r = json.loads(line)
    docs[r["id"]] = r["facets"]
errors = []


def month_of(i):
    p = docs[i]["published"]
    return p[:4] + p[5:7] if p else ""


resolution = Resolution({i: f["person"] for i, f in docs.items()}, {i: month_of(i) for i in docs})


def need(cond, msg):
    if not cond:
        errors.append(msg)
        print("FAIL: " + msg, file=sys.stderr)


def search(*args, copies=True):
    # --all-copies: every matching article, not one hit per near-duplicate story
    out = subprocess.run([search_bin, "--db", f"{work}/reuters.db", "--json"]
                         + (["--all-copies"] if copies else []) + list(args),
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def expected(ids, facet, capped=True):
    c = Counter()
    for i in ids:
        values = docs[i][facet] if facet == "country" else distinct(docs[i][facet])
        values = values[:SLOTS[facet]] if capped else values
        if facet == "actor":
            values = resolution.resolved(values, docs[i]["person"], month_of(i))
        c.update(ISO.get(v, v) if facet == "country" else v for v in values)
    return c


def check_counts(label, j, ids, facets):
    for f in facets:
        want = expected(ids, f)
        shown = j["facets"][f]
        need(shown, f"{label}: no {f} values")
        for v in shown:
            need(v["count"] == want[v["value"]],
                 f"{label}: {f} {v['value']!r} counts {v['count']}, expected {want[v['value']]}")
        if shown:
            rest = set(want) - {v["value"] for v in shown}
            need(all(want[r] <= shown[-1]["count"] for r in rest),
                 f"{label}: {f}: a value left out outranks one shown")


# 1. A country filter matches exactly the articles whose countries include it (all values).
for code in ("JP", "BR", "SA"):
    j = search(f"country:{code}", "--limit", "1")
    want = sum(code in f["country"] for f in docs.values())
    need(j["total"] == want, f"country:{code} total {j['total']}, expected {want}")

# 2. The whole archive: top countries, locations and actors.
j = search("--limit", "1", "--facets", "country,location,actor", "--facet-limit", "20")
need(j["total"] == len(docs), f"no query: total {j['total']}")
check_counts("whole archive", j, list(docs), ["country", "location", "actor"])

# 3. Queries small enough to list every hit; counts over the hit ids.
for args in (["coffee in Brazil"], ["crude oil country:SA"], ["actor:Yeutter"],
             ["grain -country:US location:Canada"]):
    full = search(*args, "--limit", "1000", "--facets", "country,location,actor",
                  "--facet-limit", "15")
    ids = [h["id"] for h in full["hits"]]
    need(0 < len(ids) == full["total"] <= 1000, f"{args}: {full['total']} hits ({len(ids)} listed)")
    check_counts(str(args), full, ids, ["country", "location", "actor"])
    # Counts cover all matches, not the page.
    page = search(*args, "--limit", "1", "--facets", "country,location,actor", "--facet-limit", "15")
    need(page["facets"] == full["facets"], f"{args}: facets differ between --limit 1 and --limit 1000")
    stories = search(*args, "--limit", "1", "--facets", "country,location,actor", "--facet-limit", "15",
                     copies=False)
    need(stories["facets"] == full["facets"], f"{args}: facets differ without --all-copies")
j = search("coffee in Brazil", "--limit", "1")
need(j["interpretation"] == ["location: Brazil"], f"coffee in Brazil: {j['interpretation']}")

# 4. A large result set: the same counts with --limit 1 and --limit 500.
a = search("oil", "--limit", "1", "--facets", "actor,location,country,date", "--facet-limit", "0")
b = search("oil", "--limit", "500", "--facets", "actor,location,country,date", "--facet-limit", "0")
need(a["total"] > 500, f"oil: only {a['total']} matches")
need(a["facets"] == b["facets"], "oil: facets differ between --limit 1 and --limit 500")
need(sum(v["count"] for v in a["facets"]["date"]) == a["total"], "oil: date facet does not sum to total")

# 5. Histogram by month: bins sum to the total and match the publication months of the hits.
j = search("coffee", "--limit", "1000", "--histogram", "month")
ids = [h["id"] for h in j["hits"]]
need(len(ids) == j["total"], "coffee: not every hit listed")
bins = {b["period"]: b["count"] for b in j["histogram"]["bins"] if b["count"]}
want = Counter(docs[i]["published"][:7] for i in ids if docs[i]["published"])
need(bins == dict(want), f"coffee histogram {bins}, expected {dict(want)}")
need(sum(bins.values()) == j["total"], "coffee histogram does not sum to the total")

# 6. A surname finds the articles that name the person in full.
j = search("actor:Greenspan", "--limit", "1")
full_name = sum("Alan Greenspan" in f["actor"] for f in docs.values())
need(j["total"] >= full_name,
     f"actor:Greenspan resolves to {j['interpretation']} and matches {j['total']} articles; "
     f"{full_name} have the actor 'Alan Greenspan'")

sys.exit(1 if errors else 0)
EOF
echo "ok"
