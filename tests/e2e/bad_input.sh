# Bad input, named and counted (issue 5, item 4). Each kind of bad input (tests/data/bad/, see
# its README) gets one message with the file and line, the run goes on (the good records of the
# same file are indexed), the summary counts it by kind, the exit code is 3; --strict stops at
# the first; and nothing indexed before is lost.
source "$(dirname "$0")/lib.sh"
bad="$NEWSDEX_TEST_DATA/bad"

# No known gaps today: a check that does not hold fails (see check() in lib.sh to list one).
known_gaps=""

db="$work/news.db"
# id_totals DB ID...: "ID=TOTAL" for each id, from one searcher process.
id_totals() {
    printf 'id:%s\n' "${@:2}" | "$NEWSDEX_SEARCH" --db "$1" --limit 1 --queries - |
        python3 -c 'import sys, json
print(" ".join("%s=%d" % (j["query"][3:], j["total"]) for j in map(json.loads, sys.stdin)))'
}
ids_found() { # ids_found DB ID...: every id is in DB exactly once
    local got want
    got="$(id_totals "$@")"
    want="$(printf '%s=1 ' "${@:2}")"
    expect_eq "$got" "${want% }" "ids found (id=times) in $1"
}
ids_absent() {
    local got want
    got="$(id_totals "$@")"
    want="$(printf '%s=0 ' "${@:2}")"
    expect_eq "$got" "${want% }" "ids that must be absent (id=times) in $1"
}
# doc_count DB: the number of documents in DB (0 while there is no database yet). Read with
# xapian-delve, not with an empty newsdex-search query, which counts only dated articles.
doc_count() {
    xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p' | grep . || echo 0
}
good_ids=(bg-1 bg-2 bg-3 bg-4 bg-5)

run_status "$NEWSDEX_INDEX" --db "$db" "$bad/good.jsonl"
expect_eq "$status" 0 "indexing the good records (stderr: $err)"
ids_found "$db" "${good_ids[@]}"

# messages_for NAME: the stderr lines about the input NAME (the summary names only the database).
messages_for() { grep -F -- "$1" <<<"$err" | grep -v ' documents in ' || true; }
# case_run NAME KIND WHERE INPUT KEPT_IDS... : one bad input into the same database.
#   WHERE is what the message must start with after "newsdex-index: …: " (file:line, or file: for
#   a whole file); KEPT_IDS are the records of that input that must be indexed.
case_run() {
    local name="$1" kind="$2" where="$3" input="$4"
    shift 4
    run_status "$NEWSDEX_INDEX" --db "$db" --max-article-bytes 300 "$input"
    local msgs count
    msgs="$(messages_for "$name")"
    count="$(grep -c . <<<"$msgs" || true)"
    check one_message "$kind: one message naming '$where' (got $count: $msgs)" \
        test "$count" -eq 1 -a -n "$(grep -F -- "$where" <<<"$msgs" || true)"
    expect_contains "$(tail -n 1 <<<"$err")" "problems: $kind 1" "$kind: summary"
    check exit_code_3 "$kind: exit code 3 (got $status)" test "$status" -eq 3
    [ "$status" -eq 0 ] || [ "$status" -eq 3 ] || fail "$kind: exit code $status (stderr: $err)"
    [ $# -eq 0 ] || ids_found "$db" "$@"
    ids_found "$db" "${good_ids[@]}" # nothing indexed before is lost
    echo "$kind: ${msgs:-(no message)}"
}

case_run malformed.jsonl "malformed record" "malformed.jsonl:2:" "$bad/malformed.jsonl" bm-1 bm-3
ids_absent "$db" bm-2
case_run latin1.jsonl "invalid utf-8" "latin1.jsonl:2:" "$bad/latin1.jsonl" bu-1 bu-2
# Repaired, and the message says so.
[[ "$(messages_for latin1.jsonl)" =~ (repaired|replaced|U\+FFFD) ]] ||
    fail "the invalid UTF-8 message does not say it was repaired: $(messages_for latin1.jsonl)"
out="$("$NEWSDEX_SEARCH" --db "$db" --json 'id:bu-2')"
expect_eq "$(json_get "$out" '"\ufffd" in j["hits"][0]["snippet"]')" True "U+FFFD in the repaired article"
case_run no_body.jsonl "missing body" "no_body.jsonl:2:" "$bad/no_body.jsonl" bn-1 bn-3
ids_absent "$db" bn-2
case_run too_large.jsonl "too large" "too_large.jsonl:2:" "$bad/too_large.jsonl" bt-1 bt-3
ids_absent "$db" bt-2
case_run garbage.dat "binary data" "garbage.dat:" "$bad/garbage.dat"
case_run empty.jsonl "empty file" "empty.jsonl:" "$bad/empty.jsonl"
case_run truncated.jsonl.gz "truncated gzip" "truncated.jsonl.gz:19:" "$bad/truncated.jsonl.gz" \
    $(seq -f 'bz-%g' 1 18)
ids_absent "$db" bz-19 bz-60
# A path that does not exist, and a file given as a directory: the command line is wrong, so
# nothing is indexed (exit code 1), and the database stays as it was.
for missing in "$work/no-such-file.jsonl" "$bad/good.jsonl/"; do
    before="$(doc_count "$db")"
    run_status "$NEWSDEX_INDEX" --db "$db" "$bad/malformed.jsonl" "$missing"
    expect_eq "$status" 1 "exit code for the missing input '$missing' (stderr: $err)"
    expect_contains "$err" "newsdex-index: error: cannot read '$missing'"
    expect_eq "$(doc_count "$db")" "$before" "documents after a run refused for '$missing'"
done
# Unreadable (chmod 000 does not stop root from reading, so it is tried only when not root).
if [ "$(id -u)" -ne 0 ]; then
    cp "$bad/good.jsonl" "$work/locked.jsonl"
    chmod 000 "$work/locked.jsonl"
    case_run locked.jsonl "unreadable file" "locked.jsonl:" "$work/locked.jsonl"
else
    echo "note: running as root; chmod 000 would not stop reads, so that case is skipped"
fi
expected=$((5 + 2 + 2 + 2 + 2 + 18))
expect_eq "$(doc_count "$db")" "$expected" \
    "documents after all the bad runs"
run_status xapian-check "$db"
expect_eq "$status" 0 "xapian-check (output: $out)"

# --- All kinds in one run: the run goes on through all of them and counts each by kind. (A
# missing file is refused before the run, see above; an unreadable one cannot be made as root.)
run_status "$NEWSDEX_INDEX" --db "$work/all.db" --max-article-bytes 300 \
    "$bad/malformed.jsonl" "$bad/latin1.jsonl" "$bad/no_body.jsonl" "$bad/too_large.jsonl" \
    "$bad/garbage.dat" "$bad/empty.jsonl" "$bad/truncated.jsonl.gz" "$bad/good.jsonl"
expect_eq "$status" 3 "exit code of the run with every kind (stderr: $err)"
summary="$(tail -n 1 <<<"$err")"
for kind in "malformed record 1" "invalid utf-8 1" "missing body 1" "too large 1" "binary data 1" \
            "empty file 1" "truncated gzip 1"; do
    expect_contains "$summary" "$kind" "summary of the run with every kind"
done
expect_contains "$summary" "rejected 5" "summary of the run with every kind"
ids_found "$work/all.db" bm-1 bm-3 bu-1 bu-2 bn-1 bn-3 bt-1 bt-3 bz-1 bz-18 "${good_ids[@]}"
expect_eq "$(doc_count "$work/all.db")" \
    "$expected" "documents after the run with every kind"

# --- --strict stops at the first bad record, keeping what came before it (in this run and before).
run_status "$NEWSDEX_INDEX" --db "$work/strict.db" "$bad/good.jsonl"
expect_eq "$status" 0 "strict: the good records first"
run_status "$NEWSDEX_INDEX" --db "$work/strict.db" --strict --batch 1 --max-article-bytes 300 \
    "$bad/latin1.jsonl" "$bad/malformed.jsonl" "$bad/no_body.jsonl" "$bad/too_large.jsonl"
[ "$status" -ne 0 ] || fail "--strict should fail"
expect_contains "$err" "malformed.jsonl:2:" "--strict output"
expect_not_contains "$err" "no_body.jsonl" "--strict output"
expect_not_contains "$err" "too_large.jsonl" "--strict output"
ids_found "$work/strict.db" "${good_ids[@]}" bu-1 bu-2 bm-1
ids_absent "$work/strict.db" bm-3 bn-1 bt-1
echo "--strict: exit $status; $(tail -n 1 <<<"$err")"
# A file-level problem stops it too.
run_status "$NEWSDEX_INDEX" --db "$work/strict.db" --strict "$bad/garbage.dat" "$bad/no_body.jsonl"
[ "$status" -ne 0 ] || fail "--strict with binary data should fail"
ids_absent "$work/strict.db" bn-1
ids_found "$work/strict.db" "${good_ids[@]}"
echo "ok"
