# Memory is bounded by default (issue 15, item 4): a JSON line with a 128 MB body is rejected
# while it is read (it once took the indexer to 13.7 GB), and an article just under the default
# limit costs a small multiple of its size. Peak RSS from /usr/bin/time -v.
source "$(dirname "$0")/lib.sh"
[ -x /usr/bin/time ] || fail "/usr/bin/time not found (package time; run scripts/setup.sh)"

# big_line MB: one JSON line of MB megabytes of body (ordinary words and sentences), then a
# small article that must still be indexed.
big_line() {
    python3 - "$1" <<'EOF'
import json, sys
words = ("The harbour council met on Tuesday in Vienna and John Smith said the ferry "
         "would run again from Monday. ").split()
mb = int(sys.argv[1])
out = sys.stdout
out.write('{"id": "big", "title": "Big", "body": "')
chunk = " ".join(words[i % len(words)] for i in range(20000)) + " "
written = 0
while written < mb * 1000 * 1000:
    out.write(chunk)
    written += len(chunk)
out.write('"}\n')
out.write(json.dumps({"id": "small", "title": "Small", "body": "A small story after it."}) + "\n")
EOF
}
# peak_rss_mb FILE: the peak RSS /usr/bin/time -v wrote to FILE, in MB.
peak_rss_mb() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{print int($1 / 1024)}'; }

# Sanitizers multiply memory (shadow memory, quarantine): there, only behaviour is checked.
check_rss=yes
if ldd "$NEWSDEX_INDEX" 2>/dev/null | grep -q -e libasan -e libtsan; then
    check_rss=no
    echo "note: a sanitizer build; peak RSS is reported, not checked"
fi

# --- 128 MB body: rejected while read, the next article indexed.
set +e
big_line 128 | /usr/bin/time -v -o "$work/time-big" "$NEWSDEX_INDEX" --db "$work/big.db" - \
    >"$work/out" 2>"$work/err"
status=$?
set -e
err="$(cat "$work/err")"
expect_eq "$status" 3 "exit code for a rejected record (stderr: $err)"
expect_contains "$err" "<stdin>:1: record is over" "the rejection names the line"
expect_contains "$err" "added 1" "the article after the huge one is indexed"
rss="$(peak_rss_mb "$work/time-big")"
echo "128 MB body rejected: peak RSS $rss MB"
[ "$check_rss" == no ] || [ "$rss" -lt 200 ] || fail "peak RSS $rss MB for a rejected 128 MB record (at most 200 MB)"

# --- An article of 6 MB (under the default 8 MiB): indexed, at a small multiple of its size.
big_line 6 >"$work/six.jsonl"
/usr/bin/time -v -o "$work/time-tiny" "$NEWSDEX_INDEX" -q --db "$work/tiny.db" <(tail -n 1 "$work/six.jsonl")
/usr/bin/time -v -o "$work/time-six" "$NEWSDEX_INDEX" -q --db "$work/six.db" "$work/six.jsonl"
base="$(peak_rss_mb "$work/time-tiny")"
rss="$(peak_rss_mb "$work/time-six")"
echo "6 MB article indexed: peak RSS $rss MB (one small article: $base MB)"
[ "$check_rss" == no ] || [ $((rss - base)) -lt 90 ] ||
    fail "indexing a 6 MB article took $((rss - base)) MB more than a small one (at most 15x: 90 MB)"
run_status "$NEWSDEX_SEARCH" --db "$work/six.db" --json ferry
expect_eq "$(json_get "$out" 'j["total"]')" 1 "the 6 MB article is searchable"
echo "ok"
