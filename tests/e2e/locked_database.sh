# Working beside searchers (issue 5, item 3; issue 15, items 6 and 12). While one indexer writes:
# a second indexer on the same database gets "database … is locked by another indexer" and exit
# code 4, without harming the first run; searches never fail and see the last commit (whole
# batches, never fewer documents than before); a --queries session opened before the first
# commit follows every later one; with --wait-lock SECONDS the second indexer waits.
#
# The first indexer reads its dump from a pipe that this script feeds, so it is running, and has
# committed exactly what the script waits for, whatever the speed of the machine or the build
# (sanitizers make it five times slower): every step waits for a state, never for a time.
source "$(dirname "$0")/lib.sh"

n=3000
batch=500
# Articles the reader hands on at a time (index_all): a batch is committed once the reader has
# read this many more lines, so each step feeds that many ahead of the commit it waits for.
handover=64
dump="$work/dump.jsonl"
# Invented articles; every body holds the word "quorvex" so that a text query has n matches.
python3 - "$n" >"$dump" <<'EOF'
import json, random, sys
n = int(sys.argv[1])
r = random.Random(7)
syl = ["ba", "ri", "mon", "tel", "sur", "gad", "pim", "ost", "lek", "var", "nu", "che"]
vocab = ["".join(r.choice(syl) for _ in range(r.randint(2, 4))) for _ in range(2000)]
for i in range(1, n + 1):
    words = [r.choice(vocab) for _ in range(r.randint(20, 60))]
    words.insert(r.randrange(len(words)), "quorvex")
    print(json.dumps({"id": "l-%05d" % i, "title": " ".join(words[:5]).capitalize(),
                      "body": " ".join(words) + ".", "date": "2020-05-%02d" % (1 + i % 28)}))
EOF
printf '{"id": "extra-1", "title": "Second run", "body": "A late article about quorvex."}\n' >"$work/extra.jsonl"
db="$work/news.db"

# doc_count DB: the number of documents in DB (0 while there is no database yet). Read with
# xapian-delve, not with an empty newsdex-search query, which counts only dated articles.
doc_count() {
    xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p' | grep . || echo 0
}
# A state that never comes is a failure, not a hang: this bounds every wait (CTest's timeout
# is 300 s), far above what any step needs.
give_up_at=$((SECONDS + 280))
waited_too_long() { [ "$SECONDS" -ge "$give_up_at" ] && fail "$1"; return 0; }

# start_first: the first indexer, reading from the pipe on descriptor 3 (kept open here).
start_first() {
    rm -f "$work/feed"
    mkfifo "$work/feed"
    exec 3<>"$work/feed"
    "$NEWSDEX_INDEX" --db "$db" --batch "$batch" - <"$work/feed" >"$work/first.out" \
        2>"$work/first.err" 3>&- 4>&- &
    first=$!
    sent=0
}
# feed_until K: the first K lines of the dump have been written to the pipe.
feed_until() {
    [ "$1" -le "$sent" ] || sed -n "$((sent + 1)),$1p" "$dump" >&3
    sent="$1"
}
# wait_docs K: the database holds K documents (a commit); the first indexer still runs.
wait_docs() {
    until [ "$(doc_count "$db")" -ge "$1" ]; do
        kill -0 "$first" 2>/dev/null || fail "first indexer ended before $1 documents: $(cat "$work/first.err")"
        waited_too_long "no commit of $1 documents seen"
        sleep 0.05
    done
    expect_eq "$(doc_count "$db")" "$1" "documents after a commit (whole batches only)"
}
finish_first() {
    exec 3>&-
    set +e
    wait "$first"
    local s=$?
    set -e
    expect_eq "$s" 0 "first indexer's exit code (stderr: $(cat "$work/first.err"))"
}
# ask_session QUERY: one query to the --queries session; its answer's total in $session_total.
asked=0
ask_session() {
    printf '%s\n' "$1" >&4
    asked=$((asked + 1))
    until [ "$(wc -l <"$work/session.out")" -ge "$asked" ]; do
        kill -0 "$session" 2>/dev/null || fail "the --queries session ended: $(cat "$work/session.err")"
        waited_too_long "the --queries session did not answer"
        sleep 0.02
    done
    session_total="$(sed -n "${asked}p" "$work/session.out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')"
}

# --- A --queries session opened before anything is committed.
start_first
until [ -e "$db/iamglass" ]; do
    waited_too_long "the first indexer created no database"
    sleep 0.05
done
rm -f "$work/queries"
mkfifo "$work/queries"
exec 4<>"$work/queries"
"$NEWSDEX_SEARCH" --db "$db" --limit 0 --facets date --queries - <"$work/queries" \
    >"$work/session.out" 2>"$work/session.err" 3>&- 4>&- &
session=$!
: >"$work/session.out"
ask_session quorvex
expect_eq "$session_total" 0 "the session's first answer, before any commit"

# --- A second indexer while the first one writes (it waits on the pipe: it is running).
feed_until $((batch + handover))
wait_docs "$batch"
run_status "$NEWSDEX_INDEX" --db "$db" "$work/extra.jsonl"
kill -0 "$first" 2>/dev/null || fail "the first indexer ended before the second one tried"
expect_eq "$status" 4 "exit code of a second indexer on a locked database (stderr: $err)"
expect_contains "$err" "is locked by another indexer" "second indexer's message"
expect_contains "$err" "$db" "second indexer's message names the database"

# --- Searches during indexing: never fail, and see whole commits that never go backwards;
# the session sees each commit too.
for ((k = 1; k * batch < n; k++)); do
    feed_until $((k * batch + handover))
    wait_docs $((k * batch))
    run_status "$NEWSDEX_SEARCH" --db "$db" --json --limit 3 --facets date quorvex # facets: exact totals
    expect_eq "$status" 0 "search during indexing (stderr: $err)"
    expect_eq "$(json_get "$out" 'j["total"]')" $((k * batch)) "a search's total after commit $k"
    expect_eq "$(json_get "$out" 'len(j["hits"])')" 3 "a search's hits after commit $k"
    run_status "$NEWSDEX_SEARCH" --db "$db" --limit 2 'quorvex OR title:bar'
    expect_eq "$status" 0 "text search during indexing (stderr: $err)"
    ask_session quorvex
    expect_eq "$session_total" $((k * batch)) "the session's answer after commit $k"
done
feed_until "$n"
finish_first
expect_eq "$(doc_count "$db")" "$n" "documents after the first indexer"
ask_session quorvex
expect_eq "$session_total" "$n" "the session's answer after the last commit"
exec 4>&-
set +e
wait "$session"
s=$?
set -e
expect_eq "$s" 0 "the --queries session's exit code (stderr: $(cat "$work/session.err"))"
echo "$((k - 1)) commits during indexing, each seen by searches and by the session"
run_status xapian-check "$db"
expect_eq "$status" 0 "xapian-check (output: $out)"

# --- --wait-lock SECONDS.
rm -rf "$db"
start_first
feed_until $((batch + handover))
wait_docs "$batch"
# Too short a wait: gives up with the same message (the first indexer waits on the pipe).
run_status "$NEWSDEX_INDEX" --db "$db" --wait-lock 1 "$work/extra.jsonl"
expect_eq "$status" 4 "--wait-lock 1 on a busy database (stderr: $err)"
expect_contains "$err" "is locked by another indexer" "--wait-lock 1 message"
# Long enough: waits for the first indexer, then indexes.
"$NEWSDEX_INDEX" --db "$db" --wait-lock 300 "$work/extra.jsonl" >"$work/second.out" 2>"$work/second.err" 3>&- &
second=$!
sleep 0.5 # not needed for correctness: gives the second a chance to be waiting already
kill -0 "$second" 2>/dev/null || fail "--wait-lock 300 returned while the first indexer still runs: $(cat "$work/second.err")"
finish_first
set +e
wait "$second"
s=$?
set -e
expect_eq "$s" 0 "--wait-lock 300 (stderr: $(cat "$work/second.err"))"
expect_eq "$(doc_count "$db")" "$((batch + handover + 1))" "documents after both indexers"
echo "ok"
