# The issue-3 example: `newsdex-index --entities-only` on corpus/sample/text/nw-2018-0031.txt
# (actors, locations with countries, author from the byline, nothing from the link-bait line,
# offsets that slice the body, the documented keys), the link-bait name of nw-2018-0006, and an
# article written here in the same style whose "More news:" line names a celebrity.
source "$(dirname "$0")/lib.sh"

check() {  # check ENTITIES.jsonl ARTICLE-FILE: python assertions on the one record
    python3 - "$@" <<'EOF'
import json, sys

records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(records) == 1, f"{len(records)} records, expected 1"
r = records[0]
raw = open(sys.argv[2], "rb").read()
# The plain-text reader's body: after the header block and the headline line.
_, _, rest = raw.partition(b"\n\n")
body = rest.lstrip(b"\n").partition(b"\n")[2].lstrip(b"\n")
errors = []
def need(cond, msg):
    if not cond:
        errors.append(msg)

# Keys exactly as documented in output/entities_json.h.
need(sorted(r) == ["author", "dates", "entities", "facets", "id"], f"record keys {sorted(r)}")
need(sorted(r["facets"]) == ["actor", "country", "location", "organisation", "person", "published"],
     f"facet keys {sorted(r['facets'])}")
for e in r["entities"]:
    need(sorted(e) == ["canonical", "country", "end", "start", "text", "type"], f"entity keys {sorted(e)}")
    need(e["type"] in ("PER", "ORG", "LOC", "MISC"), f"entity type {e['type']}")
    if e["type"] == "MISC":  # shown, but in no facet
        need(e["canonical"] not in r["facets"]["actor"], f"MISC {e['canonical']} is an actor")
for d in r["dates"]:
    need(sorted(d) == ["end", "first", "last", "precision", "start", "text"], f"date keys {sorted(d)}")
    need(d["precision"] in ("day", "month", "year"), f"date precision {d['precision']}")
    need(d["first"] <= d["last"], f"date range {d}")
# Offsets: byte offsets into the body, slicing exactly the mention's text.
for m in r["entities"] + r["dates"]:
    s, e = m["start"], m["end"]
    need(0 <= s < e <= len(body), f"offsets {s}..{e} of {m['text']!r} (body {len(body)} bytes)")
    need(body[s:e] == m["text"].encode(), f"body[{s}:{e}] is {body[s:e]!r}, not {m['text']!r}")
# Nothing comes from a link-bait line or the byline.
for marker in (b"More news:", b"\xe2\x80\xa2 ", b"\nBy "):
    at = body.find(marker)
    while at >= 0:
        end = body.find(b"\n", at + 1)
        end = len(body) if end < 0 else end
        inside = [m["text"] for m in r["entities"] + r["dates"] if m["start"] < end and m["end"] > at]
        need(not inside, f"mentions inside the line {body[at:end]!r}: {inside}")
        at = body.find(marker, at + 1)
expect = json.loads(sys.argv[3])
canon = {(e["type"], e["canonical"]): e["country"] for e in r["entities"]}
for name in expect.get("actors", []):
    need(name in r["facets"]["actor"], f"actor {name!r} missing from {r['facets']['actor']}")
for name in expect.get("persons", []):
    need(name in r["facets"]["person"], f"person {name!r} missing")
for name in expect.get("orgs", []):
    need(name in r["facets"]["organisation"], f"organisation {name!r} missing")
for name, cc in expect.get("locations", {}).items():
    need(f"{name}, {cc}" in r["facets"]["location"], f"location '{name}, {cc}' missing from {r['facets']['location']}")
    need(canon.get(("LOC", name)) == cc, f"LOC mention {name} not resolved to {cc}")
for cc in expect.get("countries", []):
    need(cc in r["facets"]["country"], f"country {cc} missing from {r['facets']['country']}")
for name in expect.get("absent", []):
    flat = json.dumps(r, ensure_ascii=False)
    need(name not in flat, f"{name!r} appears in the record")
for name in expect.get("not_actor", []):
    need(name not in r["facets"]["actor"], f"{name!r} is an actor")
if "author" in expect:
    need(r["author"] == expect["author"], f"author {r['author']!r}, expected {expect['author']!r}")
if "id" in expect:
    need(r["id"] == expect["id"], f"id {r['id']!r}")
if "published" in expect:
    need(r["facets"]["published"] == expect["published"], f"published {r['facets']['published']}")
for text, first, last in expect.get("dates", []):
    need(any(d["text"] == text and d["first"] == first and d["last"] == last for d in r["dates"]),
         f"date {text!r} {first}..{last} missing from {[(d['text'], d['first'], d['last']) for d in r['dates']]}")
for e in errors:
    print("FAIL: " + e, file=sys.stderr)
sys.exit(1 if errors else 0)
EOF
}

# The example article of the sample.
article="$NEWSDEX_SAMPLE/text/nw-2018-0031.txt"
run_status "$NEWSDEX_INDEX" --entities-only "$article"
expect_eq "$status" 0 "--entities-only (stderr: $err)"
printf '%s\n' "$out" >"$work/0031.jsonl"
check "$work/0031.jsonl" "$article" '{
  "id": "nw-2018-0031", "published": "2018-01-27", "author": "Marcus Hale",
  "actors": ["Staffan de Mistura", "Jean-Yves Le Drian", "Bashar al-Assad", "United Nations",
             "NATO", "Islamic State"],
  "persons": ["Staffan de Mistura", "Jean-Yves Le Drian", "Bashar al-Assad"],
  "orgs": ["United Nations", "NATO", "Islamic State"],
  "locations": {"Damascus": "SY", "Vienna": "AT", "Sochi": "RU", "Russia": "RU"},
  "countries": ["SY", "AT", "RU"],
  "not_actor": ["Marcus Hale"],
  "dates": [["January 29-30", "2018-01-29", "2018-01-30"], ["Wednesday", "2018-01-24", "2018-01-24"]]
}' || fail "nw-2018-0031"
# Aliases seen as written: 'Russian Federation', 'Daesh', 'North Atlantic Treaty Organisation'.
python3 - "$work/0031.jsonl" <<'EOF' || fail "nw-2018-0031 aliases"
import json, sys
r = json.loads(open(sys.argv[1]).read())
got = {(e["text"], e["canonical"]) for e in r["entities"]}
for pair in [("Russian Federation", "Russia"), ("Daesh", "Islamic State"),
             ("North Atlantic Treaty Organisation", "NATO")]:
    if pair not in got:
        sys.exit(f"FAIL: {pair[0]!r} not resolved to {pair[1]!r}: {sorted(got)}")
# A later bare 'Assad' resolves to the full name (the article 'al-' dropped).
if ("Assad", "Bashar al-Assad") not in got:
    sys.exit(f"FAIL: bare 'Assad' is not resolved to Bashar al-Assad: {sorted(got)}")
EOF

# nw-2018-0006: the wire copy with a link-bait line naming a reality star; no author.
jsonl="$NEWSDEX_SAMPLE/news-2018.jsonl"
"$NEWSDEX_INDEX" --entities-only "$jsonl" >"$work/all.jsonl"
python3 -c 'import json,sys; [print(l, end="") for l in open(sys.argv[1]) if json.loads(l)["id"] == "nw-2018-0006"]' \
        "$work/all.jsonl" >"$work/0006.jsonl"
python3 - "$work/0006.jsonl" "$jsonl" <<'EOF' || fail "nw-2018-0006"
import json, sys
r = json.loads(open(sys.argv[1]).read())
src = next(json.loads(l) for l in open(sys.argv[2]) if json.loads(l)["id"] == "nw-2018-0006")
body = src["body"].encode()
line = next(l for l in src["body"].split("\n") if l.startswith("More news:"))
name = " ".join(line.split()[4:6])  # the person named in the link-bait headline
assert name and name in line
flat = json.dumps(r, ensure_ascii=False)
assert name not in flat and name.split()[-1] not in flat, f"link-bait name {name!r} in {flat}"
assert r["author"] is None, r["author"]
assert "Jean-Yves Le Drian" in r["facets"]["actor"], r["facets"]["actor"]
for m in r["entities"] + r["dates"]:
    assert body[m["start"]:m["end"]] == m["text"].encode(), m
EOF

# An article written for this test in the same style: role cues, aliases, a bare surname later,
# a link-bait line naming a celebrity, a byline.
cat >"$work/nw-test-0001.txt" <<'EOF'
Id: nw-test-0001
Date: 2018-02-07T12:00:00+01:00
Source: Test Wire

Envoys Meet In Geneva As Ankara Warns Kurdish Fighters

UN special envoy for Syria Staffan de Mistura met delegations in Geneva on Tuesday, a week after the talks in Vienna, while Turkish President Recep Tayyip Erdogan warned the Kurdish YPG against moving west.

French foreign minister Jean-Yves Le Drian said Paris backed the United Nations process. Erdogan said Turkish forces would keep fighting Daesh near Afrin.

More news: Pop Singer Taylor Swift Stuns Fans With Surprise Wedding Photos

Officials of the North Atlantic Treaty Organisation said the alliance was watching events in Damascus closely.

• Nora Lindqvist
EOF
run_status "$NEWSDEX_INDEX" --entities-only "$work/nw-test-0001.txt"
expect_eq "$status" 0 "--entities-only on the written article (stderr: $err)"
printf '%s\n' "$out" >"$work/test.jsonl"
check "$work/test.jsonl" "$work/nw-test-0001.txt" '{
  "id": "nw-test-0001", "published": "2018-02-07", "author": "Nora Lindqvist",
  "actors": ["Staffan de Mistura", "Jean-Yves Le Drian", "Recep Tayyip Erdogan", "United Nations",
             "NATO", "Islamic State", "YPG"],
  "locations": {"Geneva": "CH", "Vienna": "AT", "Damascus": "SY"},
  "countries": ["CH", "AT", "SY", "TR"],
  "absent": ["Taylor Swift", "Swift"],
  "not_actor": ["Nora Lindqvist"]
}' || fail "the written article"
echo "ok"
