# Shared by scripts/bench-index and scripts/bench-search (sourced, not run).
# Finds the repository, the programs (building them when missing), the shared data, and measures
# commands with /usr/bin/time. Work files go to $NEWSDEX_BENCH_DIR (default build/bench).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NEWSDEX_BUILD_DIR:-$here/build}"
data="${NEWSDEX_SHARED_DATA:-$here/../shared/data}"
bench="${NEWSDEX_BENCH_DIR:-$build/bench}"
index_bin="$build/indexer/newsdex-index"
search_bin="$build/searcher/newsdex-search"

bench_log() { echo "$(basename "$0"): $*" >&2; }

# bench_skip WHAT: the clean skip when shared data is absent (exit 0, says why).
bench_skip() {
    echo "skipped: $1 not found (../shared/data is not part of a fresh clone)"
    exit 0
}

# bench_need_tools: installs what is missing (scripts/setup.sh), builds the programs if needed.
bench_need_tools() {
    local t
    for t in /usr/bin/time scriptindex sqlite3 xapian-config xapian-check; do
        if ! command -v "$t" >/dev/null 2>&1; then
            bench_log "$t not found; running scripts/setup.sh"
            "$here/scripts/setup.sh"
            break
        fi
    done
    if [ ! -x "$index_bin" ] || [ ! -x "$search_bin" ]; then
        bench_log "building the programs into $build"
        NEWSDEX_BUILD_DIR="$build" "$here/scripts/build.sh"
    fi
    mkdir -p "$bench"
}

# bench_has_option PROGRAM OPTION: true when PROGRAM --help lists OPTION.
bench_has_option() { "$1" --help 2>/dev/null | grep -q -- "$2"; }

# bench_measure OUT_PREFIX CMD...: runs CMD with /usr/bin/time; writes OUT_PREFIX.time as
# "WALL_SECONDS PEAK_RSS_KB USER_SECONDS SYSTEM_SECONDS", and CMD's stdout/stderr to OUT_PREFIX.out / OUT_PREFIX.err.
# Fails (with the command's stderr) when CMD fails with a code other than 0 or 3.
bench_measure() {
    local prefix="$1"
    shift
    local status=0
    /usr/bin/time -f '%e %M %U %S' -o "$prefix.time" "$@" >"$prefix.out" 2>"$prefix.err" || status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
        tail -n 20 "$prefix.err" >&2
        bench_log "failed ($status): $*"
        return 1
    fi
}

# bench_size PATH: bytes on disk of a file or a directory.
bench_size() { du -sb "$1" | cut -f1; }

# bench_convert CORPUS LIMIT OUT_DIR: the same articles in what each peer reads (cached in
# OUT_DIR; conversion time is never part of a measurement):
#   articles.si    scriptindex input: field=value lines ("=" continues a value), blank line between
#   articles.csv   id,title,body,date rows for SQLite's .import into an FTS5 table
#   articles.jsonl JSON Lines for newsdex-index (reuters-financial-news only; Reuters-21578 is
#                  given to newsdex-index as its own .sgm files)
#   stats.json     {"articles": N, "text_bytes": UTF-8 bytes of titles + bodies}
# CORPUS is reuters21578 or reuters-financial-news; LIMIT 0 means all articles.
bench_convert() {
    local corpus="$1" limit="$2" out="$3"
    if [ -s "$out/stats.json" ]; then
        return 0
    fi
    mkdir -p "$out"
    bench_log "converting $corpus (limit $limit) for the peers into $out (not timed)"
    python3 - "$data/$corpus" "$corpus" "$limit" "$out" <<'EOF'
import csv, gzip, html, json, os, re, sys
src, corpus, limit, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

def reuters21578():
    record = re.compile(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)
    def tag(name, text):
        m = re.search(r'<%s>(.*?)</%s>' % (name, name), text, re.S)
        return m.group(1) if m else ""
    def clean(s):
        s = re.sub(r'&#(\d+);', lambda m: "" if int(m.group(1)) < 32 else chr(int(m.group(1))), s)
        return html.unescape(re.sub(r'[\x00-\x08\x0b-\x1f\x7f]', '', s)).strip()
    for name in sorted(os.listdir(src)):
        if not (name.startswith("reut2-") and name.endswith(".sgm")):
            continue
        text = open(os.path.join(src, name), encoding="latin-1").read()
        for m in record.finditer(text):
            body_text = m.group(2)
            inner = tag("TEXT", body_text) or body_text
            body = tag("BODY", inner)
            if not body:  # briefs and unprocessed records: the rest of TEXT
                body = re.sub(r'<[^>]+>.*?</[^>]+>', ' ', inner, flags=re.S)
            body = re.sub(r'\s*Reuter\s*$', '', clean(body), flags=re.I)
            yield m.group(1), clean(tag("TITLE", inner)), body, clean(tag("DATE", body_text))

def financial():
    path = os.path.join(src, "reuters_news_2006_2013.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f, \
         open(os.path.join(out, "articles.jsonl"), "w", encoding="utf-8") as j:
        for n, line in enumerate(f):
            if limit and n >= limit:
                break
            j.write(line)
            a = json.loads(line)
            yield a["id"], a.get("title", "").strip(), a.get("body", "").strip(), a.get("date", "")

articles = text_bytes = 0
with open(os.path.join(out, "articles.si"), "w", encoding="utf-8") as si, \
     open(os.path.join(out, "articles.csv"), "w", encoding="utf-8", newline="") as cf:
    w = csv.writer(cf, quoting=csv.QUOTE_ALL)
    for i, title, body, date in (reuters21578() if corpus == "reuters21578" else financial()):
        if limit and articles >= limit:
            break
        articles += 1
        text_bytes += len(title.encode()) + len(body.encode())
        si.write("id=%s\n" % i)
        si.write("title=%s\n" % " ".join(title.split()))
        lines = body.split("\n")
        si.write("body=%s\n" % lines[0] + "".join("=%s\n" % l for l in lines[1:]))
        si.write("date=%s\n\n" % " ".join(date.split()))
        w.writerow([i, title, body, date])
json.dump({"articles": articles, "text_bytes": text_bytes}, open(os.path.join(out, "stats.json"), "w"))
EOF
}

# bench_time_field PREFIX N: field N (1 wall seconds, 2 peak RSS KB, 3 user s, 4 system s) of
# PREFIX.time (its last line: time writes a line before it when the command exits non-zero).
bench_time_field() { tail -n 1 "$1.time" | cut -d' ' -f"$2"; }
