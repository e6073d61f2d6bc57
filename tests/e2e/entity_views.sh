# Issue 12: `--values FACET [--prefix TEXT]` lists how the archive spells names, with counts;
# `--entity NAME` prints one entity's card. Invented articles.
source "$(dirname "$0")/lib.sh"

db="$work/news.db"
cat >"$work/news.jsonl" <<'JSONL'
{"id":"v1","published":"2011-04-28T10:00:00Z","title":"Budget talks","body":"Henrik Dalby met Kellner Foods Inc in Oslo on Monday. Dalby said the budget would pass."}
{"id":"v2","published":"2011-05-03T10:00:00Z","title":"Budget vote","body":"Henrik Dalby told parliament in Oslo the vote would come on Friday."}
{"id":"v3","published":"2011-05-04T10:00:00Z","title":"Kellner results","body":"Kellner Foods Inc said profit rose, and Ingrid Solheim welcomed the results in Bergen."}
JSONL
"$NEWSDEX_INDEX" --quiet --db "$db" "$work/news.jsonl" || fail "indexing"

# Every value of a facet, over the archive or the matches of a query.
run_status "$NEWSDEX_SEARCH" --db "$db" --json --values person
expect_eq "$status" "0" "--values exit status"
expect_eq "$(json_get "$out" "[(v['value'], v['count']) for v in j['values']]")" \
    "[('Henrik Dalby', 2), ('Ingrid Solheim', 1)]" "person values"
expect_eq "$(json_get "$out" "j['matches']")" "3" "articles counted"
out="$("$NEWSDEX_SEARCH" --db "$db" --json --values actor --prefix dal)"
expect_eq "$(json_get "$out" "[v['value'] for v in j['values']]")" "['Henrik Dalby']" "--prefix dal"
out="$("$NEWSDEX_SEARCH" --db "$db" --json --values location 'Kellner')"
expect_eq "$(json_get "$out" "sorted(v['value'] for v in j['values'])")" "['Bergen, NO', 'Oslo, NO']" "places of the matches"
text="$("$NEWSDEX_SEARCH" --db "$db" --values person)"
expect_contains "$text" "Henrik Dalby" "--values text"
run_status "$NEWSDEX_SEARCH" --db "$db" --values nosuchfacet
expect_eq "$status" "2" "exit status for an unknown facet"
run_status "$NEWSDEX_SEARCH" --db "$db" --prefix dal x
expect_eq "$status" "2" "exit status for --prefix without --values"

# --format csv and jsonl write the table --facets writes (facet, value, count; CSV parsed back).
run_status "$NEWSDEX_SEARCH" --db "$db" --format csv --values person
expect_eq "$status" "0" "--values csv ($err)"
expect_eq "$(python3 -c 'import csv,sys; print(list(csv.reader(sys.stdin)))' <<<"$out")" \
    "[['facet', 'value', 'count'], ['person', 'Henrik Dalby', '2'], ['person', 'Ingrid Solheim', '1']]" "--values csv"
run_status "$NEWSDEX_SEARCH" --db "$db" --format csv --values person --prefix nobody-xq
expect_eq "$out" "facet,value,count" "--values csv without values: the header"
run_status "$NEWSDEX_SEARCH" --db "$db" --format jsonl --values person
expect_eq "$(python3 -c 'import json,sys; print([(r["facet"], r["value"], r["count"]) for r in map(json.loads, sys.stdin)])' <<<"$out")" \
    "[('person', 'Henrik Dalby', 2), ('person', 'Ingrid Solheim', 1)]" "--values jsonl"

# One entity's card, found by a partial name.
out="$("$NEWSDEX_SEARCH" --db "$db" --json --entity Dalby)"
expect_eq "$(json_get "$out" "(j['name'], j['type'], j['articles'], j['first_seen'], j['last_seen'])")" \
    "('Henrik Dalby', 'PER', 2, '2011-04-28', '2011-05-03')" "the card"
expect_eq "$(json_get "$out" "[(m['month'], m['count']) for m in j['by_month']]")" \
    "[('2011-04', 1), ('2011-05', 1)]" "articles by month"
expect_eq "$(json_get "$out" "j['named_with'][0]['value']")" "Oslo, NO" "most often named with"
out="$("$NEWSDEX_SEARCH" --db "$db" --json --entity Kellner)"
expect_eq "$(json_get "$out" "(j['name'], j['type'], j['articles'])")" "('Kellner Foods', 'ORG', 2)" "an organisation's card"
out="$("$NEWSDEX_SEARCH" --db "$db" --json --entity Bergen)"
expect_eq "$(json_get "$out" "(j['name'], j['type'], j['country'])")" "('Bergen, NO', 'LOC', 'NO')" "a place's card"
text="$("$NEWSDEX_SEARCH" --db "$db" --entity "Henrik Dalby")"
expect_contains "$text" "Henrik Dalby (PER)" "card as text"
expect_contains "$text" "2011-05 1" "card as text"
run_status "$NEWSDEX_SEARCH" --db "$db" --format jsonl --entity Dalby
expect_eq "$(wc -l <<<"$out")" 1 "--entity jsonl: one line"
expect_eq "$(json_get "$out" "(j['name'], j['articles'])")" "('Henrik Dalby', 2)" "--entity jsonl"
run_status "$NEWSDEX_SEARCH" --db "$db" --format csv --entity Dalby
expect_eq "$status" "2" "--entity with --format csv"
# A name asked for is the card's subject even when another is named in every one of its
# articles (here Dalby, in both of Okonkwo's).
db2="$work/co.db"
cat >"$work/co.jsonl" <<'JSONL'
{"id":"c1","published":"2012-03-01T10:00:00Z","title":"Port talks","body":"Henrik Dalby met Marta Okonkwo in Tromso on Monday. Okonkwo said the port deal was close."}
{"id":"c2","published":"2012-03-02T10:00:00Z","title":"Port deal","body":"Marta Okonkwo and Henrik Dalby signed the port deal in Tromso."}
{"id":"c3","published":"2012-03-03T10:00:00Z","title":"Dalby again","body":"Henrik Dalby spoke in Tromso on Wednesday about the harbour in Tromso."}
JSONL
"$NEWSDEX_INDEX" --quiet --db "$db2" "$work/co.jsonl" || fail "indexing"
out="$("$NEWSDEX_SEARCH" --db "$db2" --json --entity Okonkwo)"
expect_eq "$(json_get "$out" "(j['name'], j['articles'])")" "('Marta Okonkwo', 2)" "the card of the name asked for"

run_status "$NEWSDEX_SEARCH" --db "$db" --entity "Nobody Here"
expect_eq "$status" "1" "exit status for an unknown entity"
expect_contains "$err" "no actor or place 'Nobody Here'" "message for an unknown entity"
echo "ok"
