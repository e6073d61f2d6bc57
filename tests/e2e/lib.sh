# Shared by the e2e scripts: a fresh work directory and a few assertions.
set -euo pipefail
: "${NEWSDEX_INDEX:?}" "${NEWSDEX_SEARCH:?}" "${NEWSDEX_WORK:?}"
mkdir -p "$NEWSDEX_WORK"
work="$(mktemp -d "$NEWSDEX_WORK/$(basename "$0" .sh).XXXXXX")"
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_contains HAYSTACK NEEDLE [what]
expect_contains() { [[ "$1" == *"$2"* ]] || fail "${3:-output} does not contain '$2':"$'\n'"$1"; }
expect_not_contains() { [[ "$1" != *"$2"* ]] || fail "${3:-output} contains '$2':"$'\n'"$1"; }
expect_eq() { [ "$1" == "$2" ] || fail "${3:-value} is '$1', expected '$2'"; }
# run_status CMD... : runs CMD, stores stdout in $out, stderr in $err, exit code in $status
run_status() {
    set +e
    "$@" >"$work/out" 2>"$work/err"
    status=$?
    set -e
    out="$(cat "$work/out")"
    err="$(cat "$work/err")"
}
# json_get JSON PYTHON-EXPR: evaluates EXPR with the parsed JSON bound to j
# t(h) gives a hit's date as an aware datetime (None without a date) for chronological checks.
json_get() {
    python3 -c '
import json, sys
from datetime import datetime
def t(h):
    return datetime.fromisoformat(h["date"].replace("Z", "+00:00")) if h.get("date") else None
def chronological(hits, newest_first=False):
    times = [t(h) for h in hits if h.get("date")]
    return all((a >= b) if newest_first else (a <= b) for a, b in zip(times, times[1:]))
j = json.loads(sys.argv[1])
print(eval(sys.argv[2]))' "$1" "$2"
}
# invented_dump N SEED [SOURCE]: N invented JSON Lines articles on stdout, ids k-000001 …,
# titles and bodies of syllable words drawn from a fixed seed, dates through 2021.
invented_dump() {
    python3 - "$1" "$2" "${3:-}" <<'EOF'
import json, random, sys
n, seed, source = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
r = random.Random(seed)
syl = ["ka", "lo", "mir", "ten", "sab", "dor", "vel", "qui", "nas", "tor", "bre", "fen", "gal", "ux", "pry", "zo"]
vocab = ["".join(r.choice(syl) for _ in range(r.randint(2, 4))) for _ in range(3000)]
for i in range(1, n + 1):
    title = " ".join(r.choice(vocab) for _ in range(r.randint(3, 8))).capitalize()
    body = ". ".join(" ".join(r.choice(vocab) for _ in range(r.randint(5, 14))).capitalize()
                     for _ in range(r.randint(2, 6))) + "."
    record = {"id": "k-%06d" % i, "title": title, "body": body,
              "date": "2021-%02d-%02dT%02d:00:00Z" % (1 + i % 12, 1 + i % 28, i % 24)}
    if source:
        record["source"] = source
    print(json.dumps(record))
EOF
}
# answers OUT ARGS...: runs every query of $queries through newsdex-search ARGS, JSON lines.
answers() {
    local out="$1"
    shift
    "$NEWSDEX_SEARCH" --json --queries "$queries" --limit 50 \
        --facets actor,location,country,source,date --facet-limit 0 "$@" >"$out" ||
        fail "newsdex-search $* failed: $(head -c 2000 "$out")"
}
# check GAP DESCRIPTION COMMAND...: runs COMMAND and fails the test if it fails, unless GAP is
# listed in $known_gaps (" gap1 gap2 "), which names what is known not to work yet. A listed gap
# that works fails the test too (an XPASS, as in Xapian's test harness): remove it from the list,
# so that it is guarded from then on.
check() {
    local gap="$1" what="$2"
    shift 2
    if "$@"; then
        [[ "${known_gaps:-}" != *" $gap "* ]] ||
            fail "'$gap' works now (XPASS): remove it from known_gaps in $(basename "$0")"
    elif [[ "${known_gaps:-}" == *" $gap "* ]]; then
        echo "not yet: $what"
    else
        fail "$what"
    fi
}
# shared_data_or_skip NAME: sets $data to ../shared/data/NAME, or ends the test as skipped (77)
# when it is absent (a fresh clone has no ../shared).
shared_data_or_skip() {
    data="$NEWSDEX_SHARED_DATA/$1"
    if [ ! -d "$data" ]; then
        echo "skipped: $data not found (../shared/data is not part of a fresh clone)"
        exit 77
    fi
}
