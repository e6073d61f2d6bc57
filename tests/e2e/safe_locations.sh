# What a --db may be (issue 15, items 1, 2, 9 and 11): neither program writes into, or
# replaces, a folder of someone else's files; no stub makes either program run a program;
# ports are checked; --compact on nothing says so.
source "$(dirname "$0")/lib.sh"

dump="$work/dump.jsonl"
invented_dump 20 3 >"$dump"

# A user's folder: a file and a folder of photos, which must survive every attempt.
make_user_folder() {
    rm -rf "$1"
    mkdir -p "$1/photos"
    echo '\documentclass{article}' >"$1/thesis.tex"
    echo 'not really a jpeg' >"$1/photos/cat.jpg"
}
user_folder_intact() {
    [ -f "$1/thesis.tex" ] && [ -f "$1/photos/cat.jpg" ] || fail "$2: the user's files are gone: $(ls -la "$1" 2>&1)"
    [ "$(ls -A "$1" | sort | tr '\n' ' ')" == "photos thesis.tex " ] ||
        fail "$2: something was written into the user's folder: $(ls -A "$1")"
}

user="$work/mine"
for mode in "" "--bulk" "--bulk --overwrite" "--overwrite" "--shard-by month" "--compact" "--delete-ids $dump"; do
    make_user_folder "$user"
    # shellcheck disable=SC2086
    if [ "$mode" == "--compact" ] || [[ "$mode" == --delete-ids* ]]; then
        run_status "$NEWSDEX_INDEX" --db "$user" --no-entities $mode
    else
        run_status "$NEWSDEX_INDEX" --db "$user" --no-entities $mode "$dump"
    fi
    expect_eq "$status" 1 "newsdex-index $mode into a user's folder: exit code (stderr: $err)"
    expect_contains "$err" "'$user' is not a Newsdex database" "newsdex-index $mode message"
    expect_contains "$err" "thesis.tex" "newsdex-index $mode message names what is there"
    user_folder_intact "$user" "newsdex-index $mode"
    [ ! -e "$user.bulk" ] || fail "newsdex-index $mode left '$user.bulk'"
done
run_status "$NEWSDEX_SEARCH" --db "$user" anything
expect_eq "$status" 1 "newsdex-search on a user's folder: exit code (stderr: $err)"
expect_contains "$err" "'$user' is not a Newsdex database" "newsdex-search message"
user_folder_intact "$user" "newsdex-search"

# Still fine: a new folder, an empty one, and an existing database (plain and --bulk).
mkdir "$work/empty"
run_status "$NEWSDEX_INDEX" --db "$work/empty" --no-entities --bulk "$dump"
expect_eq "$status" 0 "--bulk into an empty folder (stderr: $err)"
run_status "$NEWSDEX_INDEX" --db "$work/empty" --no-entities "$dump"
expect_eq "$status" 0 "a second run on that database (stderr: $err)"
run_status "$NEWSDEX_INDEX" --db "$work/empty" --no-entities --bulk --overwrite "$dump"
expect_eq "$status" 0 "--bulk --overwrite on that database (stderr: $err)"
run_status "$NEWSDEX_INDEX" --db "$work/shards" --no-entities --shard-by month "$dump"
expect_eq "$status" 0 "a new shard folder (stderr: $err)"
run_status "$NEWSDEX_INDEX" --db "$work/shards" --no-entities --shard-by month "$dump"
expect_eq "$status" 0 "the same shard folder again (stderr: $err)"

# --- Stubs that name a program: refused before anything is opened, by both programs.
marker="$work/program-ran"
cat >"$work/evil.sh" <<EOF
#!/bin/sh
touch "$marker"
EOF
chmod +x "$work/evil.sh"
stub_line="remote :$work/evil.sh"
printf '%s\n' "$stub_line" >"$work/stub-file"
mkdir "$work/stub-folder"
printf '%s\n' "$stub_line" >"$work/stub-folder/XAPIANDB"
# A shard folder whose month shard is a stub; and a stub that names the stub folder.
mkdir -p "$work/evil-shards/2021-01.db"
printf 'auto 2021-01.db\n' >"$work/evil-shards/newsdex.stub"
printf 'auto 2021-01.db\n' >"$work/evil-shards/XAPIANDB"
printf '%s\n' "$stub_line" >"$work/evil-shards/2021-01.db/XAPIANDB"
printf 'auto stub-folder\n' >"$work/indirect-stub"
for target in "$work/stub-file" "$work/stub-folder" "$work/indirect-stub"; do
    for mode in "" "--bulk" "--compact" "--stats"; do
        # shellcheck disable=SC2086
        if [ -n "$mode" ] && [ "$mode" != "--bulk" ]; then
            run_status "$NEWSDEX_INDEX" --db "$target" --no-entities $mode
        else
            run_status "$NEWSDEX_INDEX" --db "$target" --no-entities $mode "$dump"
        fi
        [ "$status" -ne 0 ] || fail "newsdex-index $mode --db $target with a program stub exited 0"
        expect_contains "$err" "only TCP remote shards are supported" "newsdex-index $mode --db $target"
        [ ! -e "$marker" ] || fail "newsdex-index $mode --db $target ran the stub's program"
    done
    run_status "$NEWSDEX_SEARCH" --db "$target" anything
    expect_contains "$err" "only TCP remote shards are supported" "newsdex-search --db $target"
    [ ! -e "$marker" ] || fail "newsdex-search --db $target ran the stub's program"
done
run_status "$NEWSDEX_INDEX" --db "$work/evil-shards" --no-entities --shard-by month "$dump"
[ "$status" -ne 0 ] || fail "newsdex-index --shard-by into a shard folder with a program stub exited 0"
expect_contains "$err" "only TCP remote shards are supported" "newsdex-index --shard-by"
[ ! -e "$marker" ] || fail "newsdex-index --shard-by ran a shard stub's program"

# --- Ports: 1-65535, in URLs and in stubs; the message names the value (no "stoul").
for port in 65536 0 99999999999999999999 12x ""; do
    run_status "$NEWSDEX_SEARCH" --db "tcp://127.0.0.1:$port" anything
    expect_eq "$status" 2 "tcp://127.0.0.1:$port: exit code (stderr: $err)"
    expect_contains "$err" "port '$port' is not a number from 1 to 65535" "tcp://127.0.0.1:$port"
    expect_not_contains "$err" "stoul"
    printf 'remote 127.0.0.1:%s\n' "$port" >"$work/port-stub"
    run_status "$NEWSDEX_SEARCH" --db "$work/port-stub" anything
    [ "$status" -ne 0 ] || fail "a stub with port '$port' exited 0"
    expect_contains "$err" "port-stub:1: port '$port' is not a number from 1 to 65535" "stub port $port"
done

# --- --compact with nothing to compact.
for target in "$work/missing" "$work/empty-2"; do
    mkdir -p "$work/empty-2"
    run_status "$NEWSDEX_INDEX" --db "$target" --compact
    expect_eq "$status" 1 "--compact on $target: exit code (stderr: $err)"
    expect_contains "$err" "no database to compact at '$target'" "--compact on $target"
    expect_not_contains "$err" "uncommitted" "--compact on $target"
done
[ ! -e "$work/missing" ] || fail "--compact created '$work/missing'"
echo "ok"
