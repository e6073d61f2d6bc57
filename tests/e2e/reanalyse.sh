# newsdex-index --reanalyse (issue 19): an archive marked with the previous schema version is
# refused by the indexer and answered with a warning by the searcher, both naming the command;
# re-analysed without its dumps it holds the same ids and gives the same answers as a fresh
# index of the same input, and the same dumps indexed again change nothing. A run killed
# (kill -9) or interrupted (SIGINT) half way leaves the archive as it was and the same command
# resumes it. A directory of period shards is re-analysed shard by shard, its stub kept.
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
: "${NEWSDEX_SAMPLE:?}" "${NEWSDEX_TEST_DATA:?}"
command -v xapian-metadata >/dev/null || fail "xapian-metadata not found (package xapian-tools; run scripts/setup.sh)"

doc_count() {
    xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p' | grep . || echo 0
}
schema_of() { xapian-metadata get "$1" newsdex.schema; }
# mark_previous DB...: what an archive written by the previous schema version says of itself.
mark_previous() {
    local db
    for db in "$@"; do
        xapian-metadata set "$db" newsdex.schema "$((current - 1))"
    done
}

# --- The input: the sample corpus, Reuters SGML (datelines, " Reuter" lines), and invented
# articles with what the stored article must give back exactly: boilerplate lines, a byline as
# the only author, a date in an odd UTC offset, a date that cannot be read.
dumps="$work/dumps"
mkdir -p "$dumps"
cp -r "$NEWSDEX_SAMPLE" "$dumps/sample"
cp "$NEWSDEX_TEST_DATA/reuters/sample.sgm" "$dumps/"
cat >"$dumps/extra.jsonl" <<'EOF'
{"id":"x-1","title":"Harbour talks resume","body":"By Jane Doe\n\nHarbour officials met on Monday in Vienna to resume talks on the shipping lanes.\n\nMore news: Star reveals baby name\n\nThe talks go on, officials said.\n\n(Reporting by Jane Doe; Editing by John Roe)","date":"Wed, 24 Jan 2018 10:15:00 +0545","source":"Invented Wire"}
{"id":"x-2","title":"A date nobody reads","body":"Nothing much happened in Geneva today, officials said.","date":"sometime in spring","source":"Invented Wire","author":"Max Mustermann"}
{"id":"x-3","title":"Harbour talks resume","body":"By Jane Doe\n\nHarbour officials met on Monday in Vienna to resume talks on the shipping lanes.\n\nThe talks go on, officials said.","date":"2018-01-25T09:00:00-03:30","source":"Other Wire"}
EOF
invented_dump 300 11 "Invented Wire" >"$dumps/invented.jsonl"

"$NEWSDEX_INDEX" -q --db "$work/fresh.db" "$dumps"
"$NEWSDEX_INDEX" -q --db "$work/old.db" "$dumps"
current="$(schema_of "$work/fresh.db")"
[ "$current" -ge 2 ] || fail "schema version '$current' of a fresh index"
mark_previous "$work/old.db"
total="$(doc_count "$work/fresh.db")"

# Refused by the indexer, warned about by the searcher (it still answers); both name the command.
advice="was written by schema version $((current - 1)); run \`newsdex-index --db $work/old.db --reanalyse\` (no dumps needed)"
run_status "$NEWSDEX_INDEX" --db "$work/old.db" "$dumps/extra.jsonl"
expect_eq "$status" 1 "exit code of indexing into the old archive"
expect_contains "$err" "$advice" "newsdex-index on the old archive"
run_status "$NEWSDEX_SEARCH" --db "$work/old.db" harbour
expect_eq "$status" 0 "exit code of a search of the old archive (stderr: $err)"
expect_contains "$out$err" "$advice" "newsdex-search on the old archive"
expect_contains "$out" "Harbour talks resume" "the old archive's answer"
expect_eq "$(grep -c 'reanalyse' <<<"$out$err")" 1 "warnings naming --reanalyse"
# An archive older than any the searcher answers from is refused, with the same advice.
cp -r "$work/old.db" "$work/ancient.db"
xapian-metadata set "$work/ancient.db" newsdex.schema 1
run_status "$NEWSDEX_SEARCH" --db "$work/ancient.db" harbour
expect_eq "$status" 1 "exit code of a search of a version 1 archive"
expect_contains "$err" "was written by schema version 1; run \`newsdex-index --db $work/ancient.db --reanalyse\` (no dumps needed)" "newsdex-search on a version 1 archive"

run_status "$NEWSDEX_INDEX" --db "$work/old.db" --stats
expect_contains "$out" "schema       $((current - 1))" "--stats of the old archive"
expect_contains "$out" "analysis     tagger=" "--stats of the old archive"
expect_contains "$out" "re-analysis  would change: schema $((current - 1)) -> $current" "--stats of the old archive"

# --- Re-analysed without its dumps.
mv "$dumps" "$work/dumps.away"
run_status "$NEWSDEX_INDEX" --db "$work/old.db" --reanalyse --threads 2
expect_eq "$status" 0 "exit code of --reanalyse (stderr: $err)"
expect_contains "$err" "re-analysed '$work/old.db': read $total, added $total, replaced 0, unchanged 0, deleted 0, rejected 0" "--reanalyse summary"
expect_eq "$(schema_of "$work/old.db")" "$current" "schema version after --reanalyse"
[ ! -e "$work/old.db.reanalysing" ] && [ ! -e "$work/old.db.before-reanalyse" ] ||
    fail "--reanalyse left a folder beside the archive: $(ls "$work")"
run_status "$NEWSDEX_INDEX" --db "$work/old.db" --stats
expect_contains "$out" "re-analysis  nothing to change" "--stats after --reanalyse"
mv "$work/dumps.away" "$dumps"

queries="$work/queries.txt"
cat >"$queries" <<'Q'
harbour
"talks go on"
vienna
reuter
author:doe
location:Vienna
year:2018
title:coffee
oil OR coffee OR talks
syria
Q
answers "$work/fresh.answers" --db "$work/fresh.db"
answers "$work/old.answers" --db "$work/old.db"
python3 "$here/compare_search.py" "$work/fresh.answers" "$work/old.answers" ||
    fail "the re-analysed archive answers differently from a fresh index"
expect_not_contains "$(cat "$work/old.answers")" "reanalyse" "answers after --reanalyse"

# The same dumps again change nothing: ids and dates are as first read.
run_status "$NEWSDEX_INDEX" --db "$work/old.db" "$dumps"
expect_contains "$err" "added 0, replaced 0, unchanged" "the same dumps after --reanalyse"

# --- Killed half way (kill -9), interrupted (SIGINT): the archive stays as it was, and the same
# command resumes from the batches the new database committed. The new database is written by
# bulk part writers (PATH.reanalysing.bulk/part-K.db), each committing --batch / K articles at a
# time, and merged into PATH.reanalysing only at the end: until then the articles done are in the
# parts.
big="$work/big.jsonl"
invented_dump 6000 13 "Invented Wire" >"$big"
"$NEWSDEX_INDEX" -q --db "$work/killed.db" --batch 1000 --no-entities "$big"
mark_previous "$work/killed.db"
batch=100
# start_reanalysis DB: in the background; pid in $pid.
start_reanalysis() {
    "$NEWSDEX_INDEX" --db "$1" --batch "$batch" --reanalyse "${@:2}" >"$work/run.out" 2>"$work/run.err" &
    pid=$!
}
# new_docs DB: the articles a re-analysis of DB has committed, in its new database and its parts.
new_docs() {
    local n=0 db
    for db in "$1.reanalysing" "$1.reanalysing.bulk"/part-*.db; do
        [ ! -d "$db" ] || n=$((n + $(doc_count "$db")))
    done
    echo "$n"
}
wait_for_new_docs() {
    local tries=0
    while [ "$(new_docs "$1")" -lt "$2" ]; do
        kill -0 "$pid" 2>/dev/null || fail "--reanalyse ended before $2 articles were committed: $(cat "$work/run.err")"
        tries=$((tries + 1))
        [ "$tries" -lt 1200 ] || fail "no commit seen after 120 s"
        sleep 0.1
    done
}
# the_old_archive DB WHAT: still the archive it was, and searchable.
the_old_archive() {
    expect_eq "$(schema_of "$1")" "$((current - 1))" "schema of the archive after $2"
    expect_eq "$(doc_count "$1")" 6000 "documents of the archive after $2"
    run_status "$NEWSDEX_SEARCH" --db "$1" --limit 1 'id:k-000001'
    expect_eq "$status" 0 "a search of the archive after $2 (stderr: $err)"
}

start_reanalysis "$work/killed.db" --threads 2
wait_for_new_docs "$work/killed.db" $((3 * batch))
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
done_before="$(new_docs "$work/killed.db")"
[ "$done_before" -lt 6000 ] || fail "the re-analysis finished before the kill; the test did not test anything"
expect_eq "$(doc_count "$work/killed.db.reanalysing")" 0 "articles merged into the new database before the end"
parts=("$work/killed.db.reanalysing.bulk"/part-*.db)
[ "${#parts[@]}" -ge 2 ] || fail "the re-analysis wrote through ${#parts[@]} part database(s), not several"
for part in "${parts[@]}"; do
    expect_eq "$(($(doc_count "$part") % (batch / ${#parts[@]})))" 0 "articles in $(basename "$part") after kill -9 (whole batches)"
done
the_old_archive "$work/killed.db" "kill -9"

start_reanalysis "$work/killed.db"
wait_for_new_docs "$work/killed.db" $((done_before + 2 * batch))
kill -s INT "$pid"
set +e
wait "$pid"
status=$?
set -e
expect_eq "$status" 130 "exit code after SIGINT (stderr: $(cat "$work/run.err"))"
summary="$(cat "$work/run.err")"
expect_contains "$summary" "taking up the re-analysis" "the run after kill -9"
expect_contains "$summary" "unchanged $done_before" "the run after kill -9"
expect_contains "$summary" "interrupted; the archive is as it was" "SIGINT summary"
# Stopped, the parts wait for the same command: merging a part of the archive would be wasted.
expect_eq "$(doc_count "$work/killed.db.reanalysing")" 0 "articles merged into the new database after SIGINT"
done_before="$(new_docs "$work/killed.db")"
[ "$done_before" -lt 6000 ] || fail "the re-analysis finished before SIGINT; the test did not test anything"
the_old_archive "$work/killed.db" "SIGINT"

run_status "$NEWSDEX_INDEX" --db "$work/killed.db" --batch "$batch" --reanalyse --threads 2
expect_eq "$status" 0 "exit code of the resumed --reanalyse (stderr: $err)"
expect_contains "$err" "read 6000, added $((6000 - done_before)), replaced 0, unchanged $done_before" "resumed --reanalyse summary"
expect_eq "$(schema_of "$work/killed.db")" "$current" "schema after the resumed --reanalyse"
expect_eq "$(doc_count "$work/killed.db")" 6000 "documents after the resumed --reanalyse"
[ ! -e "$work/killed.db.reanalysing" ] && [ ! -e "$work/killed.db.reanalysing.bulk" ] ||
    fail "the resumed --reanalyse left a folder beside the archive: $(ls "$work")"
run_status "$NEWSDEX_INDEX" --db "$work/killed.db" --batch 1000 --no-entities "$big"
expect_contains "$err" "read 6000, added 0, replaced 0, unchanged 6000" "the same dump after the resumed --reanalyse"

# --- Period shards: each in turn, the stub kept; the same answers as a fresh sharded index.
"$NEWSDEX_INDEX" -q --db "$work/shards.fresh" --shard-by month "$dumps"
"$NEWSDEX_INDEX" -q --db "$work/shards" --shard-by month "$dumps"
cp "$work/shards/newsdex.stub" "$work/stub.before"
mark_previous "$work"/shards/*.db
run_status "$NEWSDEX_SEARCH" --db "$work/shards" harbour
expect_eq "$(grep -c 'reanalyse' <<<"$out$err")" 1 "warnings naming --reanalyse for a shard directory"
expect_contains "$out$err" "run \`newsdex-index --db $work/shards --reanalyse\`" "the advice for a shard directory"
run_status "$NEWSDEX_INDEX" --db "$work/shards" --reanalyse
expect_eq "$status" 0 "exit code of --reanalyse of shards (stderr: $err)"
shard_count="$(ls -d "$work"/shards/*.db | wc -l)"
expect_contains "$err" "documents in $shard_count shards" "--reanalyse of shards"
for db in "$work"/shards/*.db; do
    expect_eq "$(schema_of "$db")" "$current" "schema of $(basename "$db")"
done
cmp -s "$work/stub.before" "$work/shards/newsdex.stub" || fail "the stub changed"
[ ! -e "$work/shards/newsdex.reanalysing" ] || fail "the run file was left behind"
answers "$work/shards.fresh.answers" --db "$work/shards.fresh"
answers "$work/shards.answers" --db "$work/shards"
python3 "$here/compare_search.py" "$work/shards.fresh.answers" "$work/shards.answers" ||
    fail "the re-analysed shards answer differently from a fresh sharded index"
run_status "$NEWSDEX_INDEX" --db "$work/shards" --shard-by month "$dumps"
expect_contains "$err" "added 0, replaced 0, unchanged" "the same dumps into the re-analysed shards"
echo "ok"
