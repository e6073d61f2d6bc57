# The command line people expect (issue 16, first part): --color, diagnostics on stderr in one
# shape, usage errors with exit code 2, unknown fields and unreadable dates, inputs checked
# before anything is created, --wait-lock's message, an unfinished --bulk import, snippets
# wrapped to the terminal. On invented articles, through the real programs.
source "$(dirname "$0")/lib.sh"

python3 - >"$work/news.jsonl" <<'EOF'
import json
body = ("The harbour council of Velmora met at 10:30 on Tuesday to resume the harbour talks. "
        "Delegates from Quarnet and Velmora argued over fishing quotas, dredging costs and the "
        "lighthouse lease for most of the morning, and agreed to meet again next week. "
        "Minutes are posted at https://council.example/velmora for anyone who asks.")
articles = [
    {"id": "cm-1", "title": "Harbour talks resume in Velmora", "body": body,
     "url": "https://news.example/cm-1", "source": "Example Wire", "author": "Ana Pell",
     "date": "2021-03-02T09:00:00Z"},
    {"id": "cm-2", "title": "Lighthouse lease extended", "body":
     "The lighthouse lease at Quarnet was extended by ten years after short harbour talks.",
     "source": "Coast Daily", "date": "2021-03-05T12:00:00Z"},
    {"id": "cm-3", "title": "Ferry timetable changes", "body":
     "Ferries between Velmora and Quarnet will leave at 07:15 and 18:40 from April.",
     "source": "Coast Daily", "date": "2021-03-09T08:00:00Z"},
]
for a in articles:
    print(json.dumps(a))
EOF
db="$work/news.db"
run_status "$NEWSDEX_INDEX" --db "$db" "$work/news.jsonl"
expect_eq "$status" 0 "indexing the invented articles ($err)"

# on_tty CMD...: runs CMD with stdout and stderr on a pseudo-terminal (script(1)); the
# terminal's output, with carriage returns removed, goes to $out.
on_tty() {
    local cmd
    printf -v cmd '%q ' "$@"
    set +e
    script -qec "$cmd" /dev/null </dev/null >"$work/tty" 2>&1
    status=$?
    set -e
    out="$(tr -d '\r' <"$work/tty")"
}
esc=$'\x1b'

# --- --color: never colours, always colours (piped too, NO_COLOR or not), auto on a terminal
# unless NO_COLOR is set.
run_status "$NEWSDEX_SEARCH" --db "$db" --color always harbour
expect_contains "$out" "${esc}[1m" "--color always, piped"
run_status "$NEWSDEX_SEARCH" --db "$db" --color never harbour
expect_not_contains "$out" "$esc" "--color never"
run_status env -u NO_COLOR "$NEWSDEX_SEARCH" --db "$db" harbour
expect_not_contains "$out" "$esc" "--color auto, piped"
on_tty env -u NO_COLOR "$NEWSDEX_SEARCH" --db "$db" harbour
expect_contains "$out" "${esc}[1m" "--color auto on a terminal"
on_tty env NO_COLOR=1 "$NEWSDEX_SEARCH" --db "$db" harbour
expect_not_contains "$out" "$esc" "--color auto on a terminal with NO_COLOR"
on_tty env NO_COLOR=1 "$NEWSDEX_SEARCH" --db "$db" --color always harbour
expect_contains "$out" "${esc}[1m" "--color always beats NO_COLOR"

# --- Warnings: on stderr in the one shape, never on stdout; under --json in "warnings" too.
run_status "$NEWSDEX_SEARCH" --db "$db" 'harbour location:Velmorra'
expect_eq "$status" 0 "a search with an unknown location"
expect_contains "$err" "newsdex-search: warning: no location 'Velmorra'" "stderr"
expect_not_contains "$out" "warning" "stdout"
run_status "$NEWSDEX_SEARCH" --db "$db" --json 'harbour location:Velmorra'
expect_contains "$err" "newsdex-search: warning: no location 'Velmorra'" "stderr under --json"
expect_eq "$(json_get "$out" '[w for w in j["warnings"] if "Velmorra" in w] != []')" True \
    "the warning in the JSON warnings array"

# --- Usage errors: exit code 2, "PROGRAM: error: …", nothing on stdout.
usage_error() { # usage_error WHAT EXPECTED-MESSAGE CMD...
    local what="$1" message="$2"
    shift 2
    run_status "$@"
    expect_eq "$status" 2 "exit code for $what (stderr: $err)"
    expect_contains "$err" "$message" "stderr for $what"
    [[ "$err" =~ ^newsdex-(search|index):\ error:\  ]] || fail "$what: not in the one shape: $err"
    expect_eq "$out" "" "stdout for $what"
}
usage_error "--limit -5" "'-5'" "$NEWSDEX_SEARCH" --db "$db" --limit -5 harbour
usage_error "--offset x" "'x'" "$NEWSDEX_SEARCH" --db "$db" --offset x harbour
usage_error "an unknown facet" "unknown facet 'bogus'" "$NEWSDEX_SEARCH" --db "$db" --facets actor,bogus harbour
usage_error "an unknown search --format" "unknown --format 'yaml'" "$NEWSDEX_SEARCH" --db "$db" --format yaml harbour
usage_error "an unknown --color" "unknown --color 'sometimes'" "$NEWSDEX_SEARCH" --db "$db" --color sometimes harbour
usage_error "an unknown --field target" "unknown article field 'bogus'" \
    "$NEWSDEX_INDEX" --db "$work/other.db" --field bogus=x "$work/news.jsonl"
usage_error "an unknown index --format" "unknown format 'yaml'" \
    "$NEWSDEX_INDEX" --db "$work/other.db" --format yaml "$work/news.jsonl"
usage_error "--batch -1" "'-1'" "$NEWSDEX_INDEX" --db "$work/other.db" --batch -1 "$work/news.jsonl"
[ ! -e "$work/other.db" ] || fail "a usage error created a database"

# --- An unknown field is an error; colons that are not fields are words.
usage_error "foo:bar" "unknown field 'foo' (see --list-fields)" "$NEWSDEX_SEARCH" --db "$db" 'harbour foo:bar'
usage_error "an unknown field in --json" "unknown field 'foo'" "$NEWSDEX_SEARCH" --db "$db" --json 'foo:bar'
for q in '10:30' 'harbour 10:30' 'https://council.example/velmora' '"fishing:quotas"' 'Update: harbour' \
         'title:harbour'; do
    run_status "$NEWSDEX_SEARCH" --db "$db" --json "$q"
    expect_eq "$status" 0 "exit code for the query '$q' (stderr: $err)"
done
run_status "$NEWSDEX_SEARCH" --db "$db" --json '10:30'
expect_eq "$(json_get "$out" '[h["id"] for h in j["hits"]]')" "['cm-1']" "the article with 10:30"

# --- An unreadable date is a usage error (exit 2, nothing on stdout), also in mentions:.
usage_error "date:2008-13" "cannot read date '2008-13'" "$NEWSDEX_SEARCH" --db "$db" 'harbour date:2008-13'
usage_error "mentions:soon" "cannot read date 'soon'" "$NEWSDEX_SEARCH" --db "$db" 'mentions:soon'
run_status "$NEWSDEX_SEARCH" --db "$db" --json 'harbour date:2021-03'
expect_eq "$status" 0 "a readable date"

# --- A missing input file: an error before anything is created, and an existing database is
# left as it was.
run_status "$NEWSDEX_INDEX" --db "$work/fresh.db" "$work/news.jsonl" "$work/no-such-dump.jsonl"
expect_eq "$status" 1 "exit code for a missing input (stderr: $err)"
expect_contains "$err" "newsdex-index: error: cannot read '$work/no-such-dump.jsonl'"
[ ! -e "$work/fresh.db" ] || fail "a missing input left a database behind"
run_status "$NEWSDEX_INDEX" --db "$db" --delete-ids "$work/no-such-list.txt"
expect_eq "$status" 1 "exit code for a missing --delete-ids file"
run_status "$NEWSDEX_SEARCH" --db "$db" --json harbour
expect_eq "$(json_get "$out" 'j["total"]')" 2 "matches after the refused runs"

# --- --wait-lock SECONDS timing out says how long it waited. The first indexer holds the lock
# while it waits for input on a FIFO.
mkfifo "$work/feed"
"$NEWSDEX_INDEX" --db "$db" --no-entities - <"$work/feed" >"$work/first.out" 2>"$work/first.err" &
first=$!
exec 7>"$work/feed" # the writer end, held open so that the first indexer waits
tries=0
until run_status "$NEWSDEX_INDEX" --db "$db" --delete-ids /dev/null && [ "$status" -eq 4 ]; do
    tries=$((tries + 1)) # (until the first holds the lock, this run changes nothing)
    [ "$tries" -lt 600 ] || fail "the first indexer never took the lock ($err; first: $(cat "$work/first.err"))"
    sleep 0.1
done
started=$(date +%s%N)
run_status "$NEWSDEX_INDEX" --db "$db" --wait-lock 1 --delete-ids /dev/null
waited_ms=$(( ($(date +%s%N) - started) / 1000000 ))
expect_eq "$status" 4 "exit code of --wait-lock 1 on a locked database (stderr: $err)"
expect_contains "$err" "is locked by another indexer (still, after waiting 1 s: --wait-lock 1)"
expect_not_contains "$err" "--wait-lock SECONDS" "the --wait-lock message"
[ "$waited_ms" -ge 900 ] || fail "--wait-lock 1 gave up after $waited_ms ms"
echo '{"id": "cm-9", "title": "Late", "body": "A late article about tides."}' >&7
exec 7>&-
wait "$first" || fail "the first indexer failed: $(cat "$work/first.err")"

# --- A database whose --bulk import is unfinished (the state a killed run leaves: the parts
# beside an empty target) says so instead of "0 matches"; beside a database that holds
# articles (a --bulk --overwrite run), the answer comes with a warning.
run_status "$NEWSDEX_INDEX" --db "$work/part.db" "$work/news.jsonl"
cp -r "$work/part.db" "$work/bulk.db"
mkdir -p "$work/bulk.db.bulk"
cp -r "$work/part.db" "$work/bulk.db.bulk/part-0.db"
run_status "$NEWSDEX_SEARCH" --db "$work/bulk.db" harbour
expect_eq "$status" 0 "a search of a database beside a pending --bulk import ($err)"
expect_contains "$err" "newsdex-search: warning: '$work/bulk.db' has an unfinished --bulk import"
# Every answer under --json carries that warning in "warnings" too (and stderr says it once).
printf 'Velmora\n' >"$work/names.txt"
for mode in "--show cm-1" "--values source" "--entity Velmora" "--names $work/names.txt" \
            "--related source --min-count 1 harbour" "--facets source harbour" "harbour"; do
    # shellcheck disable=SC2086
    run_status "$NEWSDEX_SEARCH" --db "$work/bulk.db" --json $mode
    expect_eq "$status" 0 "$mode beside a pending --bulk import ($err)"
    expect_eq "$(grep -c 'unfinished --bulk import' <<<"$err")" 1 "$mode: the warning on stderr, once"
    expect_eq "$(json_get "$(head -n 1 <<<"$out")" '[w for w in j["warnings"] if "unfinished --bulk import" in w] != []')" \
        True "$mode: the warning in the JSON warnings"
done
# A shard left out (--allow-partial) is said for --show too, which runs no search.
run_status "$NEWSDEX_SEARCH" --db "$db" --db tcp://127.0.0.1:1 --allow-partial --json --show cm-1
expect_eq "$status" 0 "--show with a shard down ($err)"
expect_contains "$err" "newsdex-search: warning: shard 'tcp://127.0.0.1:1' left out" "--show with a shard down"
expect_eq "$(json_get "$out" '[w for w in j["warnings"] if "left out" in w] != []')" True "--show --json with a shard down"
empty="$work/empty.db"
run_status "$NEWSDEX_INDEX" --db "$empty" --delete-ids /dev/null
expect_eq "$status" 0 "creating an empty database ($err)"
mkdir -p "$empty.bulk"
cp -r "$work/part.db" "$empty.bulk/part-0.db"
run_status "$NEWSDEX_SEARCH" --db "$empty" harbour
expect_eq "$status" 1 "exit code for a database whose --bulk import is unfinished ($err)"
expect_contains "$err" "newsdex-search: error: '$empty' has an unfinished --bulk import"
expect_not_contains "$out" "0 matches" "stdout"

# --- Snippets wrap to the terminal, indented under the hit; piped, one line a snippet.
on_tty env COLUMNS=50 "$NEWSDEX_SEARCH" --db "$db" --color never 'lighthouse lease'
expect_eq "$status" 0 "search on a terminal"
width="$(awk '{ if (length($0) > w) w = length($0) } END { print w }' <<<"$(grep -v 'showing' <<<"$out")")"
[ "$width" -le 50 ] || fail "a line wider than the terminal (50): $out"
wrapped="$(grep -c '^    [^ ]' <<<"$out" || true)" # 4: under the title (rank width 1 + 3)
[ "$wrapped" -ge 8 ] || fail "the snippets were not wrapped and indented: $out"
run_status "$NEWSDEX_SEARCH" --db "$db" 'lighthouse lease'
long="$(awk 'length($0) > 80' <<<"$out" | wc -l)"
[ "$long" -ge 1 ] || fail "piped output was wrapped: $out"

# --- Article text never drives the terminal, in any text output: control characters from
# sources, authors and titles are shown (^[), never written raw.
printf '{"id": "esc-1", "title": "Evil\\u001b[2J title", "body": "The zorbly harbour of Velmora.", "source": "Evil\\u001b[2J Wire", "author": "Ana\\u001b]0;pwned\\u0007 Pell", "date": "2021-03-01"}\n' >"$work/esc.jsonl"
run_status "$NEWSDEX_INDEX" --db "$work/esc.db" --no-entities "$work/esc.jsonl"
expect_eq "$status" 0 "indexing an article with control characters ($err)"
printf 'zorbly\n' >"$work/esc-names.txt"
for mode in "zorbly" "--facets source,author zorbly" "--values source" "--values author" \
            "--related source --min-count 1 zorbly" "--names $work/esc-names.txt" "--show esc-1"; do
    # shellcheck disable=SC2086
    run_status "$NEWSDEX_SEARCH" --db "$work/esc.db" --color never $mode
    expect_eq "$status" 0 "$mode on an article with control characters ($err)"
    expect_eq "$(tr -cd '\033\007' <"$work/out" | wc -c)" 0 "raw control characters in the text of $mode"
    expect_contains "$out" "^[" "$mode shows the control character"
done

# --- A problem found while the progress bar is drawn goes on a line of its own.
invented_dump 6000 5 >"$work/many.jsonl"
echo '{"id": "broken", "title": ' >>"$work/many.jsonl"
on_tty "$NEWSDEX_INDEX" --db "$work/progress.db" --no-entities "$work/many.jsonl"
expect_eq "$status" 3 "exit code with one malformed record"
before="${out%%newsdex-index: error:*}"
[[ "$before" == *"articles"* ]] || fail "no progress bar was drawn before the problem; the test did not test anything: $out"
[[ "$before" == *"${esc}[K" ]] || fail "the error was glued onto the progress bar: ${before: -120}"
echo "ok"
