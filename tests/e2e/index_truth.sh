# Issue 14, the index side, on invented articles: did-you-mean from the spelling table the
# indexer fills (one database, period shards, shards behind xapian-tcpsrv); --auto-correct; name
# forms that meet (Schröder = Schroeder, Wall St = Wall Street) and acronyms apart from words
# (US is not "us"); a name's stem does not answer a common word's (Citi, cities); a credit line
# is not searched as text.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/shards_lib.sh"

python3 - "$work/fed.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as out:
    for i in range(30):
        month = "01" if i % 2 else "02"
        out.write(json.dumps({"id": f"fed-{i}", "title": f"Fed chief speaks {i}",
                              "body": f"Ben Bernanke said rates in Greece would stay low ({i}).",
                              "date": f"2009-{month}-{i % 27 + 1:02d}T09:00:00Z"}) + "\n")
    out.write(json.dumps({"id": "typo", "title": "Fed", "body": "Ben Bernake spoke.",
                          "date": "2009-01-30T09:00:00Z"}) + "\n")
PY
"$NEWSDEX_INDEX" -q --db "$work/fed.db" "$work/fed.jsonl"
"$NEWSDEX_INDEX" -q --db "$work/shards" --shard-by month "$work/fed.jsonl"

for db in "$work/fed.db" "$work/shards"; do
    out="$("$NEWSDEX_SEARCH" --db "$db" Bernake)"
    expect_contains "$out" "did you mean: Bernanke?" "a rare misspelling ($db)"
    expect_eq "$(json_get "$("$NEWSDEX_SEARCH" --db "$db" --json 'banks in Grece')" 'j["spelling"]')" \
        "banks in Greece" "the whole query, corrected ($db)"
    out="$("$NEWSDEX_SEARCH" --db "$db" Barnanka)"
    expect_contains "$out" "did you mean: Bernanke? (--auto-correct runs it)" "no match, two edits ($db)"
    out="$("$NEWSDEX_SEARCH" --db "$db" --auto-correct Barnanka)"
    expect_contains "$out" "no match for: Barnanka; showing the results for: Bernanke" "--auto-correct ($db)"
    expect_contains "$out" "30 matches" "--auto-correct ran the corrected query ($db)"
    json="$("$NEWSDEX_SEARCH" --db "$db" --json --auto-correct Barnanka)"
    expect_eq "$(json_get "$json" 'j["corrected_from"]')" "Barnanka" "JSON corrected_from ($db)"
done
# Remote shards have no spelling table to read (Xapian's remote protocol has none), but the
# words one edit away are looked up as terms, which they answer.
serve_shards "$work/shards" "$work/remote.stub"
expect_contains "$("$NEWSDEX_SEARCH" --db "$work/remote.stub" Bernake)" "did you mean: Bernanke?" "remote shards"
stop_servers

cat >"$work/names.jsonl" <<'JSON'
{"id": "schroeder", "title": "Coalition talks", "body": "Gerhard Schroeder met party leaders.", "date": "2005-10-01T09:00:00Z"}
{"id": "schroder-umlaut", "title": "Coalition talks go on", "body": "Gerhard Schröder met the Greens.", "date": "2005-10-02T09:00:00Z"}
{"id": "schaeuble", "title": "Budget", "body": "Wolfgang Schaeuble presented the budget.", "date": "2012-10-01T09:00:00Z"}
{"id": "wall-st", "title": "Stocks", "body": "Shares rose on Wall St on Monday.", "date": "2012-10-02T09:00:00Z"}
{"id": "wall-street", "title": "Stocks again", "body": "Shares fell on Wall Street on Tuesday.", "date": "2012-10-03T09:00:00Z"}
{"id": "st-louis", "title": "Baseball", "body": "The team from St Louis won the street parade prize.", "date": "2012-10-04T09:00:00Z"}
{"id": "us-acronym", "title": "Trade", "body": "The US economy grew faster than expected.", "date": "2012-10-05T09:00:00Z"}
{"id": "us-pronoun", "title": "Letters", "body": "Readers wrote to us about the economy.", "date": "2012-10-06T09:00:00Z"}
{"id": "credit", "title": "Stocks end higher", "body": "Stocks ended higher on Friday as oil prices rose.\n\n(Reporting by Gertrude Chavez-Dreyfuss; Editing by Jan Roe)", "date": "2012-10-07T09:00:00Z"}
{"id": "citi", "title": "Bank results", "body": "Shares of Citi rose after Citi said profits at Citi grew, and Citi paid more.", "date": "2012-10-09T09:00:00Z"}
{"id": "cities", "title": "Urban growth", "body": "Many cities grew last year, officials said of the region.", "date": "2012-10-10T09:00:00Z"}
{"id": "chavez", "title": "Venezuela", "body": "President Hugo Chavez spoke in Caracas.", "date": "2012-10-08T09:00:00Z"}
JSON
"$NEWSDEX_INDEX" -q --db "$work/names.db" "$work/names.jsonl"
ids() { json_get "$("$NEWSDEX_SEARCH" --db "$work/names.db" --json --sort date "$@")" '" ".join(h["id"] for h in j["hits"])'; }
expect_eq "$(ids 'Schröder')" "schroeder schroder-umlaut" "Schröder finds Schroeder"
expect_eq "$(ids 'Schroeder')" "schroeder schroder-umlaut" "Schroeder finds Schröder"
expect_eq "$(ids 'Schroder')" "schroder-umlaut" "Schroder as English papers write it"
expect_eq "$(ids 'Schäuble')" "schaeuble" "Schäuble finds Schaeuble"
expect_eq "$(ids 'Wall St')" "wall-st wall-street" "Wall St"
expect_eq "$(ids '"Wall Street"')" "wall-st wall-street" "the phrase Wall Street"
expect_eq "$(ids 'St Louis')" "st-louis" "St before a name is no street"
expect_eq "$(ids 'US economy')" "us-acronym" "US is the acronym"
expect_eq "$(ids 'economy')" "us-acronym us-pronoun" "the word economy"
expect_eq "$(ids 'Chavez')" "chavez" "a credit line is not searched"
top() { json_get "$("$NEWSDEX_SEARCH" --db "$work/names.db" --json "$@")" 'j["hits"][0]["id"]'; }
expect_eq "$(top 'cities')" "cities" "cities: not the stories naming Citi (stem citi) first"
expect_eq "$(top 'citi')" "citi" "citi in lower case still finds Citi"
expect_eq "$(ids 'author:Chavez')" "" "a credit line is no author either (only a byline is)"

echo "ok: did-you-mean (one database, shards, remote shards, --auto-correct); name forms; acronyms; credit lines"
