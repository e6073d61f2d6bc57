#!/usr/bin/env bash
# --bulk (parallel writers, merged by compaction) gives the database a normal run gives: the
# same documents, search results, facet counts and clusters; replacements and tombstones inside
# one dump work; a re-run changes nothing; --overwrite replaces the old database whole. Killed
# with -9, the target is untouched, a plain run refuses to strand the parts, and the same
# --bulk command completes the job with every id once. The target's lock is held throughout.
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
: "${NEWSDEX_SAMPLE:?}" "${NEWSDEX_TEST_DATA:?}"
command -v xapian-check >/dev/null || fail "xapian-check not found (package xapian-tools; run scripts/setup.sh)"

doc_count() {
    xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p' | grep . || echo 0
}

# --- The same database as a normal run.
inputs=("$NEWSDEX_SAMPLE" "$NEWSDEX_TEST_DATA/jsonl/basic.jsonl" "$NEWSDEX_TEST_DATA/jsonl/many.jsonl")
"$NEWSDEX_INDEX" -q --db "$work/one.db" "${inputs[@]}"
run_status "$NEWSDEX_INDEX" --bulk --db "$work/bulk.db" "${inputs[@]}"
expect_eq "$status" 0 "exit code of the bulk run (stderr: $err)"
n="$(doc_count "$work/one.db")"
[ "$n" -gt 30 ] || fail "only $n documents in the normal run"
expect_eq "$(doc_count "$work/bulk.db")" "$n" "documents after --bulk"
expect_contains "$err" "added $n, replaced 0" "bulk summary"
expect_contains "$err" "; $n documents in" "bulk summary"
[ ! -e "$work/bulk.db.bulk" ] || fail "the staging directory was left behind"
run_status xapian-check "$work/bulk.db"
expect_eq "$status" 0 "xapian-check of the merged database ($out $err)"

queries="$work/queries.txt"
cat >"$queries" <<'Q'
peace talks
syria
"peace talks"
talks OR ceasefire OR oil OR coffee
Vienna NOT Geneva
title:coffee
opposition congress Sochi
location:Vienna
actor:"de Mistura"
year:2018
the
Q
for sort in relevance -date; do
    answers "$work/one.$sort" --sort "$sort" --db "$work/one.db"
    answers "$work/bulk.$sort" --sort "$sort" --db "$work/bulk.db"
    python3 "$here/compare_search.py" "$work/one.$sort" "$work/bulk.$sort" ||
        fail "--bulk answers differ from a normal run's (--sort $sort)"
done
# Copies of a story are one cluster, as in a normal run (the cluster's name may differ).
for db in one bulk; do
    "$NEWSDEX_SEARCH" --json --limit 50 --db "$work/$db.db" 'peace talks' |
        python3 -c 'import json, sys
print(sorted(h.get("similar", 0) for h in json.load(sys.stdin)["hits"]))' >"$work/$db.similar"
done
expect_eq "$(cat "$work/bulk.similar")" "$(cat "$work/one.similar")" "copies folded per hit"

# A re-run on the filled database is a normal incremental run: nothing changes.
run_status "$NEWSDEX_INDEX" --bulk --db "$work/bulk.db" "${inputs[@]}"
expect_eq "$status" 0 "exit code of the re-run"
expect_contains "$err" "added 0, replaced 0, unchanged $n" "re-run summary"
expect_eq "$(doc_count "$work/bulk.db")" "$n" "documents after the re-run"

# --overwrite replaces the database whole.
run_status "$NEWSDEX_INDEX" --bulk --overwrite --db "$work/bulk.db" "$NEWSDEX_TEST_DATA/jsonl/basic.jsonl"
expect_eq "$status" 0 "exit code of --bulk --overwrite"
"$NEWSDEX_INDEX" -q --db "$work/one-basic.db" "$NEWSDEX_TEST_DATA/jsonl/basic.jsonl"
expect_eq "$(doc_count "$work/bulk.db")" "$(doc_count "$work/one-basic.db")" "documents after --bulk --overwrite"

# Killed after the merged database was swapped in: the left-over staging directory (it holds
# the merged database's UUID) is recognised and removed by the next run, plain or --bulk.
uuid="$(xapian-delve "$work/bulk.db" | sed -n 's/^UUID = //p')"
mkdir -p "$work/bulk.db.bulk/part-0.db"
echo "$uuid" >"$work/bulk.db.bulk/merged.uuid"
run_status "$NEWSDEX_INDEX" --db "$work/bulk.db" "$NEWSDEX_TEST_DATA/jsonl/basic.jsonl"
expect_eq "$status" 0 "a plain run after a bulk run killed after its swap ($err)"
[ ! -e "$work/bulk.db.bulk" ] || fail "the finished staging directory was not removed"
# Parts of a killed --bulk --overwrite run beside a database that holds articles: a --bulk run
# without --overwrite must not merge them over those articles.
mkdir -p "$work/bulk.db.bulk"
cp -r "$work/one-basic.db" "$work/bulk.db.bulk/part-0.db"
run_status "$NEWSDEX_INDEX" --bulk --db "$work/bulk.db" "$NEWSDEX_TEST_DATA/jsonl/basic.jsonl"
expect_eq "$status" 1 "--bulk on a database with articles and pending --overwrite parts"
expect_contains "$err" "unfinished --bulk --overwrite run" "its message"
run_status "$NEWSDEX_INDEX" --bulk --overwrite --db "$work/bulk.db" "$NEWSDEX_TEST_DATA/jsonl/basic.jsonl"
expect_eq "$status" 0 "the same with --overwrite ($err)"
expect_eq "$(doc_count "$work/bulk.db")" "$(doc_count "$work/one-basic.db")" "documents after --bulk --overwrite"
[ ! -e "$work/bulk.db.bulk" ] || fail "the staging directory was left behind after --overwrite"

# --- Inside one dump: a later version replaces an earlier one, a tombstone deletes.
cat >"$work/changes.jsonl" <<'J'
{"id": "c-1", "title": "Harbour cranes idle", "body": "The harbour cranes stood idle on Monday."}
{"id": "c-2", "title": "Orchard frost", "body": "Frost hit the orchards in the valley overnight."}
{"id": "c-3", "title": "Tram line opens", "body": "The new tram line opened to passengers."}
{"id": "c-1", "title": "Harbour cranes back at work", "body": "The harbour cranes resumed work on Tuesday."}
{"id": "c-2", "deleted": true}
J
run_status "$NEWSDEX_INDEX" --bulk --db "$work/changes.db" "$work/changes.jsonl"
expect_eq "$status" 0 "exit code (changes)"
expect_eq "$(doc_count "$work/changes.db")" 2 "documents after a replacement and a tombstone"
title="$("$NEWSDEX_SEARCH" --json --db "$work/changes.db" 'id:c-1' | python3 -c 'import json, sys
print(json.load(sys.stdin)["hits"][0]["title"])')"
expect_eq "$title" "Harbour cranes back at work" "the later version of c-1"

# --- kill -9 in the middle of a bulk run; the same command completes it.
n=20000
batch=500
dump="$work/dump.jsonl"
invented_dump "$n" 7 >"$dump"
python3 -c 'import sys
for i in range(1, int(sys.argv[1]) + 1): print("id:k-%06d" % i)' "$n" >"$work/ids.txt"

db="$work/killed.db"
"$NEWSDEX_INDEX" --bulk --db "$db" --batch "$batch" "$dump" >"$work/run.out" 2>"$work/run.err" &
pid=$!
tries=0
until [ "$(doc_count "$db.bulk/part-0.db")" -gt 0 ] && [ "$(doc_count "$db.bulk/part-1.db")" -gt 0 ]; do
    kill -0 "$pid" 2>/dev/null || fail "the bulk run ended before its parts committed: $(cat "$work/run.err")"
    tries=$((tries + 1))
    [ "$tries" -lt 1200 ] || fail "no part commit seen after 120 s"
    sleep 0.1
done
# The target's lock is held: a second indexer is refused with exit code 4.
run_status "$NEWSDEX_INDEX" --db "$db" "$NEWSDEX_TEST_DATA/jsonl/basic.jsonl"
expect_eq "$status" 4 "exit code of a second indexer during a bulk run ($err)"
expect_contains "$err" "locked by another indexer" "second indexer's message"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
expect_eq "$(doc_count "$db")" 0 "documents in the target after kill -9 (untouched until the merge)"
staged=0
for part in "$db.bulk"/part-*.db; do
    run_status xapian-check "$part"
    expect_eq "$status" 0 "xapian-check of $part after kill -9 ($out $err)"
    staged=$((staged + $(doc_count "$part")))
done
[ "$staged" -lt "$n" ] || fail "the run finished before the kill; the test did not test anything"
echo "kill -9: $staged articles committed in the parts"

run_status "$NEWSDEX_INDEX" --db "$db" --batch "$batch" "$dump"
expect_eq "$status" 1 "a plain run on a database with a pending bulk run"
expect_contains "$err" "unfinished --bulk run" "the plain run's message"

run_status "$NEWSDEX_INDEX" --bulk --db "$db" --batch "$batch" "$dump"
expect_eq "$status" 0 "re-run with --bulk after kill -9 (stderr: $err)"
expect_contains "$err" "read $n, added $((n - staged)), replaced 0, unchanged $staged" "re-run summary"
expect_eq "$(doc_count "$db")" "$n" "documents after the re-run"
[ ! -e "$db.bulk" ] || fail "the staging directory was left behind after the re-run"
run_status xapian-check "$db"
expect_eq "$status" 0 "xapian-check after the re-run ($out $err)"
counts="$("$NEWSDEX_SEARCH" --db "$db" --limit 1 --queries "$work/ids.txt" |
          python3 -c 'import sys, json, collections
print(dict(collections.Counter(json.loads(l)["total"] for l in sys.stdin)))')"
expect_eq "$counts" "{1: $n}" "how many ids are found how often (total: count)"

# --- SIGINT: the parts commit what was read, it is merged, the summary says how much; exit 130.
db="$work/interrupted.db"
"$NEWSDEX_INDEX" --bulk --db "$db" --batch "$batch" "$dump" >"$work/run.out" 2>"$work/run.err" &
pid=$!
tries=0
until [ "$(doc_count "$db.bulk/part-0.db")" -gt 0 ]; do
    kill -0 "$pid" 2>/dev/null || fail "the bulk run ended before its parts committed: $(cat "$work/run.err")"
    tries=$((tries + 1))
    [ "$tries" -lt 1200 ] || fail "no part commit seen after 120 s"
    sleep 0.1
done
kill -INT "$pid"
set +e
wait "$pid"
status=$?
set -e
expect_eq "$status" 130 "exit code after SIGINT ($(cat "$work/run.err"))"
said="$(sed -n "s/.*; \([0-9]*\) documents in .*/\1/p" "$work/run.err")"
count="$(doc_count "$db")"
[ "$count" -gt 0 ] && [ "$count" -lt "$n" ] || fail "SIGINT: $count documents merged (of $n)"
expect_eq "$count" "$said" "SIGINT: documents in the database vs the summary"
[ ! -e "$db.bulk" ] || fail "SIGINT: the staging directory was left behind"
run_status "$NEWSDEX_INDEX" --bulk --db "$db" --batch "$batch" "$dump"
expect_eq "$status" 0 "re-run after SIGINT ($err)"
expect_eq "$(doc_count "$db")" "$n" "documents after completing the interrupted run"
echo "ok"
