# Dates before year 1000 and other placeholders (issue 15, item 7): one rule for the indexer and
# the searcher (time/timestamp.h: publication years 1000-2999). "0001-01-01" (the zero time of
# many dumps) or "0999-06-15" is a bad date: a warning, the article indexed undated; date
# ranges, the month histogram and shard names see only real dates.
source "$(dirname "$0")/lib.sh"

dump="$work/dates.jsonl"
cat >"$dump" <<'JSON'
{"id": "zero", "title": "Zero time", "body": "An article about quorvex with the zero time.", "date": "0001-01-01T00:00:00Z"}
{"id": "y999", "title": "Year 999", "body": "An article about quorvex from the year 999.", "date": "0999-06-15"}
{"id": "far", "title": "Far future", "body": "An article about quorvex that never expires.", "date": "9999-12-31"}
{"id": "real", "title": "Real date", "body": "An article about quorvex from 2018.", "date": "2018-01-24T10:00:00Z"}
JSON
db="$work/news.db"
run_status "$NEWSDEX_INDEX" --db "$db" --no-entities "$dump"
expect_eq "$status" 0 "exit code: an unreadable date alone is a warning (stderr: $err)"
expect_contains "$err" "dates.jsonl:1: implausible year in date '0001-01-01T00:00:00Z'" "warning for the zero time"
expect_contains "$err" "dates.jsonl:2: implausible year in date '0999-06-15'" "warning for the year 999"
expect_contains "$err" "dates.jsonl:3: implausible year in date '9999-12-31'" "warning for the year 9999"
expect_contains "$err" "added 4" "every article indexed"

run_status "$NEWSDEX_SEARCH" --db "$db" --histogram month quorvex
expect_eq "$status" 0 "--histogram month (stderr: $err)"
expect_not_contains "$out$err" "stoi"
expect_contains "$out" "2018-01" "the histogram's one month"
expect_not_contains "$out" "0999" "the histogram"
ids_of() { json_get "$1" '",".join(sorted(h["id"] for h in j["hits"]))'; }
run_status "$NEWSDEX_SEARCH" --db "$db" --json 'quorvex date:..1000'
expect_eq "$status" 0 "date:..1000 (stderr: $err)"
expect_eq "$(ids_of "$out")" "" "date:..1000 finds"
run_status "$NEWSDEX_SEARCH" --db "$db" --json 'quorvex date:2000..'
expect_eq "$(ids_of "$out")" "real" "date:2000.. finds"
# The searcher reads dates by the indexer's rule: the year 999 is no publication date.
run_status "$NEWSDEX_SEARCH" --db "$db" --json 'quorvex date:..0999-12-31'
expect_eq "$status" 2 "date:..0999-12-31 is a usage error (stderr: $err)"
expect_contains "$err" "cannot read date '..0999-12-31'" "date:..0999-12-31 message"
run_status "$NEWSDEX_SEARCH" --db "$db" --now 0001-01-01 quorvex
expect_eq "$status" 2 "--now 0001-01-01 is a usage error (stderr: $err)"

run_status "$NEWSDEX_INDEX" --db "$work/shards" --no-entities --shard-by month "$dump"
expect_eq "$status" 0 "--shard-by month (stderr: $err)"
expect_eq "$(cd "$work/shards" && ls -d ./*.db | tr '\n' ' ')" "./2018-01.db ./undated.db " "shard names"
echo "ok"
