# Directories hold more than articles (issue 16): pictures, archives, binaries, .DS_Store and
# READMEs are skipped with one summary line (not an error each, not indexed as text), and
# --include / --exclude GLOB choose the files. A file named on the command line is always read.
source "$(dirname "$0")/lib.sh"

dir="$work/inbox"
mkdir -p "$dir/sub" "$dir/drafts" "$dir/.git"
printf '{"id": "d-1", "title": "Harbour opens", "body": "The harbour opens."}\n{"id": "d-2", "title": "Harbour closes", "body": "The harbour closes."}\n' >"$dir/a.jsonl"
printf 'Title: Tides\n\nThe tides were high.\n' >"$dir/sub/b.txt"
printf 'Title: Draft\n\nA draft about tides.\n' >"$dir/drafts/c.txt"
printf 'Title: Plain\n\nA plain file without an extension, about tides.\n' >"$dir/d"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$dir/photo.png"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$dir/photo-without-extension"
printf 'PK\x03\x04\x14\0\0\0' >"$dir/archive.zip"
printf 'PK\x03\x04\x14\0\0\0' >"$dir/old-articles.jsonl.zip.part"
printf 'Bud1\0\0\0\x01\0\0' >"$dir/.DS_Store"
printf '# About this folder\n' >"$dir/README.md"
printf 'ref: refs/heads/main\n' >"$dir/.git/HEAD"
(cd "$work" && tar czf "$dir/notes.tar.gz" -C "$dir" sub)
skipped_files=7 # photo.png, photo-without-extension, archive.zip, …zip.part, .DS_Store, README.md, notes.tar.gz

run_status "$NEWSDEX_INDEX" --db "$work/all.db" "$dir"
expect_eq "$status" 0 "indexing a folder with non-article files (stderr: $err)"
expect_not_contains "$err" "error:" "stderr"
expect_not_contains "$err" "warning:" "stderr"
expect_eq "$(grep -c 'not an article\|not articles' <<<"$err")" 1 "summary lines about skipped files"
expect_contains "$err" "newsdex-index: skipped $skipped_files files that are not articles" "stderr"
expect_contains "$err" "added 5," "the five articles: two in a.jsonl, b.txt, c.txt and d"
run_status "$NEWSDEX_SEARCH" --db "$work/all.db" --json --limit 20 tides
expect_eq "$(json_get "$out" 'j["total"]')" 3 "articles about tides (b.txt, c.txt, d; not the tar.gz)"

# -q: not even the summary line.
run_status "$NEWSDEX_INDEX" --db "$work/quiet.db" -q "$dir"
expect_eq "$err" "" "stderr under -q"

# --exclude: a path glob, a folder name; --include: names.
run_status "$NEWSDEX_INDEX" --db "$work/ex1.db" --exclude 'drafts/*' "$dir"
expect_contains "$err" "added 4," "--exclude 'drafts/*'"
run_status "$NEWSDEX_INDEX" --db "$work/ex2.db" --exclude drafts --exclude '*.txt' "$dir"
expect_contains "$err" "added 3," "--exclude drafts --exclude '*.txt'"
run_status "$NEWSDEX_INDEX" --db "$work/in.db" --include '*.jsonl' "$dir"
expect_contains "$err" "added 2," "--include '*.jsonl'"
expect_not_contains "$err" "not articles" "--include: files not chosen are not 'skipped'"
run_status "$NEWSDEX_INDEX" --db "$work/in2.db" --include '*.txt' --exclude 'sub/*' "$dir"
expect_contains "$err" "added 1," "--include '*.txt' --exclude 'sub/*'"

# Named on the command line, a picture is read, and reported as not text (exit code 3).
run_status "$NEWSDEX_INDEX" --db "$work/named.db" "$dir/photo.png"
expect_eq "$status" 3 "a picture named on the command line"
expect_contains "$err" "photo.png: not a text file" "stderr"
echo "ok"
