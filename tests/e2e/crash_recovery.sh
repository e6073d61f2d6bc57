# Crash recovery (issue 18): the states a killed run leaves, made by hand, are each repaired by
# the same command run again (the next night's cron job), with one warning line, exit 0 and
# every id kept. And a --queries session follows a compaction and an --overwrite.
source "$(dirname "$0")/lib.sh"
command -v xapian-delve >/dev/null || fail "xapian-delve not found (package xapian-tools; run scripts/setup.sh)"

n=120
invented_dump "$n" 7 "Invented Wire" >"$work/dump.jsonl"
index() { run_status "$NEWSDEX_INDEX" --no-entities --batch 40 "$@"; }
# ids DB: the ids in DB, sorted, one a line.
ids() { xapian-delve -1 -A Q "$1" | sed -n 's/^Q//p' | sort; }
all_ids="$(python3 -c 'import json, sys
print("\n".join(sorted(json.loads(l)["id"] for l in open(sys.argv[1]))))' "$work/dump.jsonl")"
# half_created DIR: what Xapian leaves when killed while creating a database (no iamglass).
half_created() {
    mkdir -p "$1"
    : >"$1/flintlock"
    : >"$1/postlist.glass"
    : >"$1/termlist.glass"
    printf 'unfinished' >"$1/v.tmp"
}
# warnings: how many warning lines the last command printed.
warnings() { grep -c 'warning:' <<<"$err" || true; }

# --- No database, and the .before-compact a compaction killed between its two renames left.
db="$work/compacted.db"
index --db "$db" "$work/dump.jsonl"
mv "$db" "$db.before-compact"
index --db "$db" "$work/dump.jsonl"
expect_eq "$status" 0 "nightly run with only a .before-compact (stderr: $err)"
expect_contains "$err" "restored"
expect_eq "$(warnings)" 1 "warning lines"
expect_eq "$(ids "$db")" "$all_ids" "ids after the restore"
[ ! -e "$db.before-compact" ] || fail ".before-compact still there after the restore"
# The same state before --compact itself.
mv "$db" "$db.before-compact"
index --db "$db" --compact
expect_eq "$status" 0 "--compact with only a .before-compact (stderr: $err)"
expect_contains "$err" "restored"
expect_eq "$(ids "$db")" "$all_ids" "ids after restore and compaction"
[ ! -e "$db.before-compact" ] && [ ! -e "$db.compacting" ] || fail "compaction left a folder"

# --- A half-created database.
db="$work/half.db"
half_created "$db"
index --db "$db" "$work/dump.jsonl"
expect_eq "$status" 0 "run on a half-created database (stderr: $err)"
expect_contains "$err" "interrupted database creation"
expect_eq "$(warnings)" 1 "warning lines"
expect_eq "$(ids "$db")" "$all_ids" "ids after recreating"
# With one file of someone else's in it, it is not ours: refused, untouched.
db="$work/theirs.db"
half_created "$db"
echo 'notes' >"$db/notes.txt"
index --db "$db" "$work/dump.jsonl"
[ "$status" -ne 0 ] || fail "a folder with someone's file was written into"
[ -e "$db/notes.txt" ] && [ ! -e "$db/iamglass" ] || fail "the folder was changed"

# --- A half-created month shard: its month's articles were never committed.
shards="$work/shards"
index --db "$shards" --shard-by month "$work/dump.jsonl"
expect_eq "$status" 0 "sharded run"
rm -rf "$shards/2021-03.db"
half_created "$shards/2021-03.db"
index --db "$shards" --shard-by month "$work/dump.jsonl"
expect_eq "$status" 0 "run with a half-created shard (stderr: $err)"
expect_eq "$(warnings)" 1 "warning lines"
expect_eq "$(ids "$shards")" "$all_ids" "ids after recreating the shard"

# --- A half-created part of a bulk run (killed while creating it, before any commit).
db="$work/bulk.db"
half_created "$db.bulk/part-0.db"
index --db "$db" --bulk "$work/dump.jsonl"
expect_eq "$status" 0 "bulk run with a half-created part (stderr: $err)"
expect_eq "$(warnings)" 1 "warning lines"
expect_eq "$(ids "$db")" "$all_ids" "ids after the bulk run"
[ ! -e "$db.bulk" ] || fail "staging folder left"

# --- A bulk run killed in its clean-up, after the merged database went in: the staging folder
# still holds the parts and the merged database's UUID.
uuid="$(xapian-delve "$db" | sed -n 's/^UUID = //p')"
[ -n "$uuid" ] || fail "no UUID from xapian-delve"
mkdir -p "$db.bulk"
cp -r "$db" "$db.bulk/part-0.db"
cp -r "$db" "$db.bulk/merged"
echo "$uuid" >"$db.bulk/merged.uuid"
index --db "$db" --bulk "$work/dump.jsonl"
expect_eq "$status" 0 "bulk run after a clean-up was killed (stderr: $err)"
expect_eq "$(ids "$db")" "$all_ids" "ids after finishing the clean-up"
[ ! -e "$db.bulk" ] || fail "staging folder left"
# The new clean-up renames the staging folder first; killed after that, the rename is plain.
mkdir -p "$db.bulk-done/part-1.db"
: >"$db.bulk-done/part-1.db/postlist.glass"
echo "$uuid" >"$db.bulk-done/merged.uuid"
index --db "$db" --bulk "$work/dump.jsonl"
expect_eq "$status" 0 "bulk run with a .bulk-done (stderr: $err)"
[ ! -e "$db.bulk-done" ] || fail ".bulk-done left"

# --- A searcher session follows a compaction and an --overwrite.
db="$work/followed.db"
index --db "$db" "$work/dump.jsonl"
mkfifo "$work/queries"
"$NEWSDEX_SEARCH" --db "$db" --limit 0 --queries - <"$work/queries" >"$work/answers" 2>&1 &
searcher=$!
exec 3>"$work/queries"
# ask QUERY: sends one query and waits for its answer line.
asked=0
ask() {
    echo "$1" >&3
    asked=$((asked + 1))
    local tries=0
    while [ "$(wc -l <"$work/answers")" -lt "$asked" ]; do
        tries=$((tries + 1))
        [ "$tries" -lt 600 ] || fail "no answer to '$1' after 60 s: $(cat "$work/answers")"
        sleep 0.1
    done
}
ask 'id:k-000001'
index --db "$db" --compact
expect_eq "$status" 0 "--compact during a session"
ask 'id:k-000001'
printf '{"id": "replacement-1", "title": "Only one", "body": "The archive is replaced."}\n' >"$work/new.jsonl"
index --db "$db" --overwrite "$work/new.jsonl"
expect_eq "$status" 0 "--overwrite during a session"
ask 'id:k-000001'
ask 'id:replacement-1'
exec 3>&-
wait "$searcher" || fail "the session failed: $(cat "$work/answers")"
expect_eq "$(python3 -c 'import json, sys
print(" ".join(str(json.loads(l)["total"]) for l in open(sys.argv[1])))' "$work/answers")" \
          "1 1 0 1" "totals through the session (before, after --compact, after --overwrite)"
echo "ok"
