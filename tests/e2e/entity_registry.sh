# Issue 12: the archive's entity registry across two nightly runs. Invented articles: run 1
# names Ronald Reagan in full; run 2 says only "President Reagan", which actor:"Ronald Reagan"
# finds through the registry (no re-index of run 1), in one database, in period shards and
# through xapian-tcpsrv; an ambiguous surname stays bare; the alias file still applies at once.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/shards_lib.sh"

cat >"$work/run1.jsonl" <<'JSONL'
{"id":"r1","published":"1987-03-02T10:00:00Z","title":"Budget plan","body":"President Ronald Reagan sent his budget plan to Congress on Monday. Ronald Reagan said taxes would not rise."}
{"id":"r2","published":"1987-03-09T10:00:00Z","title":"Trade talks","body":"Ronald Reagan met Japanese officials in Washington on Monday to discuss the trade dispute."}
{"id":"r3","published":"1987-03-16T10:00:00Z","title":"Arms talks","body":"Officials said Ronald Reagan would meet Soviet leaders in Geneva later this year."}
{"id":"d1","published":"1987-03-03T10:00:00Z","title":"Shipping","body":"Henrik Dalby, chief executive of Nordic Lines, said freight rates rose in March."}
{"id":"d2","published":"1987-03-04T10:00:00Z","title":"Ferries","body":"Marit Dalby, the ferry union leader, said the strike would go on."}
JSONL
cat >"$work/run2.jsonl" <<'JSONL'
{"id":"r4","published":"1987-04-06T10:00:00Z","title":"Veto threat","body":"President Reagan said on Monday he would veto the highway bill. Reagan told reporters the bill cost too much."}
{"id":"d3","published":"1987-04-07T10:00:00Z","title":"Freight","body":"Freight rates fell in April, Dalby told reporters in Oslo."}
{"id":"g1","published":"1987-04-08T10:00:00Z","title":"Speech","body":"The Gipper told a crowd in Chicago on Tuesday that the economy was strong."}
JSONL

hits_of() {  # hits_of DB QUERY [ARGS...]: the ids found, sorted, space-separated
    local db="$1" query="$2"
    shift 2
    local json
    json="$("$NEWSDEX_SEARCH" --db "$db" --json --limit 50 --all-copies "$@" "$query")" ||
        fail "search $query on $db"
    json_get "$json" "' '.join(sorted(h['id'] for h in j['hits']))"
}

db="$work/news.db"
"$NEWSDEX_INDEX" --quiet --db "$db" "$work/run1.jsonl" || fail "indexing run 1"
expect_eq "$(hits_of "$db" 'actor:"Ronald Reagan"')" "r1 r2 r3" "actor:\"Ronald Reagan\" after run 1"
"$NEWSDEX_INDEX" --quiet --db "$db" "$work/run2.jsonl" || fail "indexing run 2"

# Run 2's bare surname is Ronald Reagan's in his months; the run-1 articles were not touched.
expect_eq "$(hits_of "$db" 'actor:"Ronald Reagan"')" "r1 r2 r3 r4" "actor:\"Ronald Reagan\" after run 2"
expect_eq "$(hits_of "$db" 'person:"Ronald Reagan"')" "r1 r2 r3 r4" "person:\"Ronald Reagan\" after run 2"
expect_eq "$(hits_of "$db" 'actor:Reagan')" "r1 r2 r3 r4" "actor:Reagan"
json="$("$NEWSDEX_SEARCH" --db "$db" --json --limit 0 'actor:"Ronald Reagan"')"
expect_contains "$(json_get "$json" "' | '.join(j['interpretation'])")" '(and "Reagan" alone in 1987-04)' "interpretation of the resolved surname"
# Two Dalbys, one article each: "Dalby" alone stays bare, and neither full name takes it.
expect_eq "$(hits_of "$db" 'actor:"Henrik Dalby"')" "d1" "actor:\"Henrik Dalby\" (ambiguous surname)"
expect_eq "$(hits_of "$db" 'actor:Dalby')" "d1 d2 d3" "actor:Dalby"
# Facet counts read the registry as the filters do: the bare "Reagan" of run 2 counts for
# Ronald Reagan and is no value of its own; the ambiguous "Dalby" stays bare.
actor_counts() {  # actor_counts DB: "value=count" of the test's people, as the actor facet lists them
    local json
    json="$("$NEWSDEX_SEARCH" --db "$1" --json --facets actor --facet-limit 20 --limit 0 '')" ||
        fail "facet counts on $1"
    json_get "$json" "' '.join(v['value'] + '=' + str(v['count']) for v in j['facets']['actor'] if 'Reagan' in v['value'] or 'Dalby' in v['value'])"
}
expect_eq "$(actor_counts "$db")" "Ronald Reagan=4 Dalby=1 Henrik Dalby=1 Marit Dalby=1" "actor counts after run 2"
# The registry's card of the entity: name forms with counts, first and last seen.
card="$("$NEWSDEX_SEARCH" --db "$db" --json --entity "Ronald Reagan")" || fail "--entity"
expect_eq "$(json_get "$card" "j['first_seen']")" "1987-03-02" "first seen"
expect_eq "$(json_get "$card" "[(f['form'], f['count']) for f in j['name_forms']]")" "[('Ronald Reagan', 3)]" "name forms"

# The alias file still applies at once, without re-indexing, beside the registry.
echo 'merge: Gipper => Ronald Reagan' >"$db.aliases"
expect_eq "$(hits_of "$db" 'actor:"Ronald Reagan"')" "g1 r1 r2 r3 r4" "actor:\"Ronald Reagan\" with an alias"
rm "$db.aliases"

# Re-analysed, the archive answers the same (the registry is rebuilt with the documents).
"$NEWSDEX_INDEX" --quiet --db "$db" --reanalyse || fail "--reanalyse"
expect_eq "$(hits_of "$db" 'actor:"Ronald Reagan"')" "r1 r2 r3 r4" "actor:\"Ronald Reagan\" after --reanalyse"

# --bulk: each part database keeps the registry of its own articles, and the merge sums them.
bulk="$work/bulk.db"
"$NEWSDEX_INDEX" --quiet --bulk --db "$bulk" "$work/run1.jsonl" || fail "--bulk run 1"
"$NEWSDEX_INDEX" --quiet --db "$bulk" "$work/run2.jsonl" || fail "run 2 after --bulk"
expect_eq "$(hits_of "$bulk" 'actor:"Ronald Reagan"')" "r1 r2 r3 r4" "actor:\"Ronald Reagan\" after --bulk"
card="$("$NEWSDEX_SEARCH" --db "$bulk" --json --entity "Ronald Reagan")" || fail "--entity after --bulk"
expect_eq "$(json_get "$card" "[(f['form'], f['count']) for f in j['name_forms']]")" "[('Ronald Reagan', 3)]" "name forms after --bulk"

# Period shards: the full names are in 1987-03.db, the bare surname in 1987-04.db; the
# registry is read from each shard and summed, also when they are served by xapian-tcpsrv.
shards="$work/shards"
"$NEWSDEX_INDEX" --quiet --db "$shards" --shard-by month "$work/run1.jsonl" || fail "shards run 1"
"$NEWSDEX_INDEX" --quiet --db "$shards" --shard-by month "$work/run2.jsonl" || fail "shards run 2"
expect_eq "$(hits_of "$shards" 'actor:"Ronald Reagan"')" "r1 r2 r3 r4" "actor:\"Ronald Reagan\" over shards"
serve_shards "$shards" "$work/remote.stub"
expect_eq "$(hits_of "$work/remote.stub" 'actor:"Ronald Reagan"')" "r1 r2 r3 r4" "actor:\"Ronald Reagan\" over remote shards"
expect_eq "$(actor_counts "$shards")" "Ronald Reagan=4 Dalby=1 Henrik Dalby=1 Marit Dalby=1" "actor counts over shards"
expect_eq "$(actor_counts "$work/remote.stub")" "Ronald Reagan=4 Dalby=1 Henrik Dalby=1 Marit Dalby=1" "actor counts over remote shards"
expect_eq "$(hits_of "tcp://127.0.0.1:${shard_ports[1987-04.db]}" 'actor:"Ronald Reagan"')" "" \
    "one remote shard without the full names"
stop_servers
echo "ok"
